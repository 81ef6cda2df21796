import type { SovereigntyRule } from '../sovereignty-rule';
import { kmsRotation } from './kms-rotation';
import { kmsSingleRegion } from './kms-single-region';
import { lambdaAsyncDlq } from './lambda-async-dlq';
import { lambdaEnvironmentCmk } from './lambda-environment-cmk';
import { logsCmkAndRetention } from './logs-cmk-and-retention';
import { noEdgeProcessing } from './no-edge-processing';
import { s3CmkEncryption } from './s3-cmk-encryption';
import { s3KeyPinned } from './s3-key-pinned';
import { s3TlsOnly } from './s3-tls-only';
import { trailArchiveLocked } from './trail-archive-locked';
import { trailIntegrity } from './trail-integrity';

/** Every rule of the SovereigntyChecks pack, in id order. */
export const SOVEREIGNTY_RULES: readonly SovereigntyRule[] = [
  s3CmkEncryption,
  s3TlsOnly,
  s3KeyPinned,
  kmsRotation,
  kmsSingleRegion,
  logsCmkAndRetention,
  lambdaEnvironmentCmk,
  lambdaAsyncDlq,
  trailIntegrity,
  trailArchiveLocked,
  noEdgeProcessing,
];
