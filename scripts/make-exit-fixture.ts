/*
 * Writes test/fixtures/exit/: one client-side object exactly as `suveren upload` encrypts
 * it and `suveren export` stores it, a test-only recovery private key that opens it, and
 * the manifest line the export writes for it. The test that decrypts it without suveren
 * (test/exit/decrypt-without-suveren.test.ts) reads only these files and docs/exit.md.
 * Run: node -r ./scripts/register-ts.js scripts/make-exit-fixture.ts
 */
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { encryptingKeyring, recoveryWrappingKeyring } from '@suveren/premises/client-side/keyrings';
import { generateRecoveryKeyPair } from '@suveren/premises/client-side/recovery-key-file';
import { encryptingStream, tenantKeyring } from '@suveren/premises/client-side/stream-encryption';
import { through } from '../test/support/streams';

async function main(): Promise<void> {
  const dir = path.join(__dirname, '..', 'test', 'fixtures', 'exit');
  fs.mkdirSync(dir, { recursive: true });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-exit-fixture-'));
  const recovery = generateRecoveryKeyPair(work);
  const objectKey = 'objects/2026/12/01/0f3c9a1e-7d2b-4c55-9e61-5b8a4f2d9c10/protokoll.txt';
  const plaintext = Buffer.from(`Protokoll fört vid sammanträde 2026-12-01.\n${'Lorem ipsum dolor sit amet. '.repeat(45_000)}\n`);
  const keyring = encryptingKeyring(
    tenantKeyring('arkiv-2026', randomBytes(32)),
    recoveryWrappingKeyring(fs.readFileSync(recovery.publicFile, 'utf8'), recovery.fingerprint),
  );
  fs.writeFileSync(
    path.join(dir, 'object.bin'),
    await through(encryptingStream(keyring, { tenantId: 'skatteetaten-arkiv', objectKey, classification: 'secret' }), plaintext),
  );
  fs.copyFileSync(recovery.privateFile, path.join(dir, 'recovery-private.TEST-ONLY.pem'));
  fs.writeFileSync(
    path.join(dir, 'manifest-line.json'),
    `${JSON.stringify(
      {
        status: 'exported',
        key: objectKey,
        file: 'object.bin',
        plaintextSha256: createHash('sha256').update(plaintext).digest('hex'),
        wrappingKeys: [
          { providerId: 'suveren-tenant', providerInfo: 'arkiv-2026' },
          { providerId: 'suveren-recovery', providerInfo: recovery.fingerprint },
        ],
      },
      null,
      2,
    )}\n`,
  );
  fs.rmSync(work, { recursive: true, force: true });
}

void main();
