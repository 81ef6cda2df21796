import { type AlgorithmSuiteIdentifier, CommitmentPolicy } from '@aws-crypto/client-node';
import { CLIENT_SIDE_SUITE_ID } from '@suveren/core/contracts/message-format';

export * from '@suveren/core/contracts/message-format';

/*
 * The Encryption SDK settings built from message-format.ts, for the code that encrypts
 * and decrypts (the CLI). The inspection Lambda uses message-format.ts alone.
 */

/** The committing, unsigned suite, as the SDK's enum: streams decrypt with nothing released before authentication. */
export const CLIENT_SIDE_SUITE = CLIENT_SIDE_SUITE_ID as AlgorithmSuiteIdentifier;

/** Encrypt and decrypt only with committing suites. */
export const CLIENT_SIDE_COMMITMENT_POLICY = CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT;
