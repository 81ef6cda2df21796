import * as fs from 'node:fs';
import * as path from 'node:path';
import { constants, createHash } from 'node:crypto';
import { CommitmentPolicy, RawRsaKeyringNode, buildClient } from '@aws-crypto/client-node';

/*
 * Someone who will never run suveren reads an exported client-side object: this file
 * imports nothing of suveren (the first test proves it), takes every parameter from the
 * table in docs/exit.md, and decrypts the object with the AWS Encryption SDK and the
 * recovery private key. The object and the manifest line are test/fixtures/exit, written
 * by suveren's own encryption (scripts/make-exit-fixture.ts); the key there is a test key.
 */

const ROOT = path.join(__dirname, '..', '..');
const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'exit');

/** The `| what | value |` rows of docs/exit.md. */
function documented(): Record<string, string> {
  const doc = fs.readFileSync(path.join(ROOT, 'docs', 'exit.md'), 'utf8');
  const rows: Record<string, string> = {};
  for (const match of doc.matchAll(/^\| ([^|`]+?) \| `([^`]+)` \|$/gm)) rows[match[1]] = match[2];
  return rows;
}

test('this file imports nothing of suveren: only Node.js and the AWS Encryption SDK', () => {
  const source = fs.readFileSync(__filename, 'utf8');
  const specifiers = [...source.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]);
  expect(specifiers.length).toBeGreaterThan(0);
  for (const specifier of specifiers) expect(['node:fs', 'node:path', 'node:crypto', '@aws-crypto/client-node']).toContain(specifier);
  expect(source).not.toMatch(/require\(/);
});

test('decrypts an exported client-side object with the recovery key, using only what docs/exit.md says', async () => {
  const doc = documented();
  const line = JSON.parse(fs.readFileSync(path.join(FIXTURE, 'manifest-line.json'), 'utf8')) as {
    key: string;
    file: string;
    plaintextSha256: string;
    wrappingKeys: { providerId: string; providerInfo: string }[];
  };
  const message = fs.readFileSync(path.join(FIXTURE, line.file));
  // The message's own header says what the table says: format version 2, suite 0x0478.
  expect(message[0]).toBe(Number(doc['message format version']));
  expect(message.readUInt16BE(1)).toBe(Number(doc['algorithm suite id']));

  const recovery = line.wrappingKeys.find((k) => k.providerId === doc['recovery key namespace']);
  expect(recovery?.providerInfo).toMatch(/^sha256:[0-9a-f]{64}$/);
  const keyring = new RawRsaKeyringNode({
    keyNamespace: doc['recovery key namespace'],
    keyName: recovery!.providerInfo,
    rsaKey: { privateKey: fs.readFileSync(path.join(FIXTURE, 'recovery-private.TEST-ONLY.pem'), 'utf8') },
    padding: constants[doc['recovery key padding'] as 'RSA_PKCS1_OAEP_PADDING'],
    oaepHash: doc['recovery key OAEP hash'] as 'sha256',
  });
  const policy = CommitmentPolicy[doc['commitment policy'] as keyof typeof CommitmentPolicy];
  const { decrypt } = buildClient({ commitmentPolicy: policy, maxEncryptedDataKeys: Number(doc['encrypted data keys at most']) });
  const { plaintext, messageHeader } = await decrypt(keyring, message);

  // The Encryption SDK authenticates the context; comparing it with the object is the reader's job.
  expect(messageHeader.encryptionContext[doc['encryption context: object key']]).toBe(line.key);
  expect(messageHeader.suiteId).toBe(Number(doc['algorithm suite id']));
  expect(messageHeader.frameLength).toBe(Number(doc['frame length']));
  expect(plaintext.length).toBeGreaterThan(Number(doc['frame length']));
  expect(createHash('sha256').update(plaintext).digest('hex')).toBe(line.plaintextSha256);

  // A tampered byte anywhere in the body: nothing is released.
  const tampered = Buffer.from(message);
  tampered[tampered.length - 100] ^= 1;
  await expect(decrypt(keyring, tampered)).rejects.toThrow();
});
