import {
  AlgorithmSuiteIdentifier,
  CommitmentPolicy,
  MultiKeyringNode,
  RawAesKeyringNode,
  RawAesWrappingSuiteIdentifier,
  buildClient,
} from '@aws-crypto/client-node';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable, type Duplex } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HEADER_PROBE_BYTES, inspectMessageHeader } from '../../lambda/inspect/ciphertext-header';
import { checkRecoveryPublicKey } from '@suveren/core/contracts/recovery-key';
import { encryptingKeyring, recoveryWrappingKeyring } from '@suveren/premises/client-side/keyrings';
import {
  ALLOWED_KEY_PROVIDER_IDS,
  CLIENT_SIDE_SUITE_ID,
  MAX_ENCRYPTED_DATA_KEYS,
  RECOVERY_KEY_NAMESPACE,
  type ObjectIdentity,
} from '@suveren/premises/client-side/message-policy';
import { decryptingStream, encryptingStream, EncryptionContextMismatch, tenantKeyring } from '@suveren/premises/client-side/stream-encryption';
import { KeyFileError, generateKeyFile, readKeyFile } from '@suveren/premises/client-side/tenant-key-file';
import { through } from '../support/streams';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-cse-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const IDENTITY: ObjectIdentity = { tenantId: 'skatteetaten-arkiv', objectKey: 'objects/1b4e28ba-2fa1-11d2-883f-0016d3cca427', classification: 'secret' };
const KEY = randomBytes(32);
const { keyring } = tenantKeyring('skatteetaten-arkiv-2026', KEY);

/** Runs a decrypting stream and returns the error together with how much plaintext it released first. */
async function failingDecrypt(stream: Duplex, input: Buffer): Promise<{ error: Error; released: number }> {
  let released = 0;
  try {
    await pipeline(Readable.from([input]), stream, async (source: AsyncIterable<unknown>) => {
      for await (const chunk of source) released += (chunk as Uint8Array).length;
    });
  } catch (e) {
    return { error: e as Error, released };
  }
  throw new Error('decryption unexpectedly succeeded');
}

describe('tenant key files', () => {
  test('keygen writes a 32-byte AES key with mode 0600 and never overwrites', () => {
    const file = path.join(tmp, 'tenant.key');
    generateKeyFile(file, 'skatteetaten-arkiv-2026');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(readKeyFile(file).key).toHaveLength(32);
    expect(() => generateKeyFile(file, 'again')).toThrow(/already exists; a key file is never overwritten/);
  });

  test('a key file others can read is refused with the fix', () => {
    const file = path.join(tmp, 'open.key');
    generateKeyFile(file, 'open');
    fs.chmodSync(file, 0o644);
    expect(() => readKeyFile(file)).toThrow(`run \`chmod 600 ${file}\``);
  });

  test.each([
    ['not JSON', 'hello'],
    ['a short key', JSON.stringify({ format: 'suveren-tenant-key', version: 1, keyName: 'k', algorithm: 'AES-256', key: randomBytes(16).toString('base64') })],
    ['another format', JSON.stringify({ format: 'pem', version: 1, keyName: 'k', algorithm: 'AES-256', key: KEY.toString('base64') })],
  ])('%s is refused', (_what, content) => {
    const file = path.join(tmp, `bad-${Math.random()}.key`);
    fs.writeFileSync(file, content, { mode: 0o600 });
    expect(() => readKeyFile(file)).toThrow(KeyFileError);
  });
});

describe('client-side encryption streams', () => {
  const plaintext = randomBytes(5 * 1024 * 1024 + 17);
  let ciphertext: Buffer;
  beforeAll(async () => {
    ciphertext = await through(encryptingStream(keyring, IDENTITY), plaintext);
  });

  test('round-trips a multi-frame file byte for byte', async () => {
    expect(ciphertext.length).toBeGreaterThan(plaintext.length);
    expect(ciphertext.includes(plaintext.subarray(0, 64))).toBe(false);
    expect((await through(decryptingStream(keyring, IDENTITY), ciphertext)).equals(plaintext)).toBe(true);
  });

  test('a ciphertext for another tenant is refused before any plaintext is released', async () => {
    const { error, released } = await failingDecrypt(decryptingStream(keyring, { ...IDENTITY, tenantId: 'malmo-stad' }), ciphertext);
    expect(error).toBeInstanceOf(EncryptionContextMismatch);
    expect(error.message).toMatch(/suveren:tenant="skatteetaten-arkiv", not suveren:tenant="malmo-stad"/);
    expect(released).toBe(0);
  });

  test('a ciphertext for another object is refused', async () => {
    const { error } = await failingDecrypt(decryptingStream(keyring, { ...IDENTITY, objectKey: 'objects/other' }), ciphertext);
    expect(error.message).toMatch(/refusing to decrypt another tenant's or another object's data/);
  });

  test('the wrong key file cannot decrypt', async () => {
    const { error, released } = await failingDecrypt(decryptingStream(tenantKeyring('skatteetaten-arkiv-2026', randomBytes(32)).keyring, IDENTITY), ciphertext);
    expect(error.message).toMatch(/unencryptedDataKey has not been set|Unable to decrypt data key/i);
    expect(released).toBe(0);
  });

  test('a corrupted frame fails authentication', async () => {
    const corrupted = Buffer.from(ciphertext);
    corrupted[corrupted.length - 100] ^= 0x01;
    const { error } = await failingDecrypt(decryptingStream(keyring, IDENTITY), corrupted);
    expect(error.message).toMatch(/Unsupported state or unable to authenticate data|authenticat/i);
  });
});

describe('inspection of the message header (what the inspect Lambda reads with a ranged GET)', () => {
  const expected = {
    tenantId: IDENTITY.tenantId,
    objectKey: IDENTITY.objectKey,
    maxEncryptedDataKeys: MAX_ENCRYPTED_DATA_KEYS,
    allowedKeyProviderIds: ALLOWED_KEY_PROVIDER_IDS,
  };
  let message: Buffer;
  beforeAll(async () => {
    message = await through(encryptingStream(keyring, IDENTITY), randomBytes(4096));
  });
  const probe = (bytes: Buffer) => bytes.subarray(0, HEADER_PROBE_BYTES);

  /** A message made outside the suveren tool, with a client whose rules are looser. */
  async function foreignMessage(options: {
    suiteId: AlgorithmSuiteIdentifier;
    commitmentPolicy: CommitmentPolicy;
    keyrings?: RawAesKeyringNode[];
  }): Promise<Buffer> {
    const client = buildClient({ commitmentPolicy: options.commitmentPolicy, maxEncryptedDataKeys: false });
    const ring = options.keyrings ? new MultiKeyringNode({ generator: options.keyrings[0], children: options.keyrings.slice(1) }) : keyring;
    const { result } = await client.encrypt(ring, randomBytes(100), {
      suiteId: options.suiteId,
      encryptionContext: { 'suveren:tenant': IDENTITY.tenantId, 'suveren:object-key': IDENTITY.objectKey, 'suveren:classification': 'secret' },
    });
    return Buffer.from(result);
  }
  const rawKeyring = (namespace: string) =>
    new RawAesKeyringNode({
      keyName: 'k',
      keyNamespace: namespace,
      unencryptedMasterKey: new Uint8Array(randomBytes(32)),
      wrappingSuite: RawAesWrappingSuiteIdentifier.AES256_GCM_IV12_TAG16_NO_PADDING,
    });

  test("accepts this tenant's message for this object", () => {
    expect(inspectMessageHeader(probe(message), expected)).toEqual({ ok: true });
  });

  test.each([
    ['another tenant', { tenantId: 'malmo-stad' }, /names tenant "skatteetaten-arkiv", not "malmo-stad"/],
    ['another object key', { objectKey: 'objects/else' }, /names object .*, not "objects\/else"/],
  ])('rejects a message bound to %s', (_what, override, reason) => {
    const verdict = inspectMessageHeader(probe(message), { ...expected, ...override });
    expect(verdict).toEqual({ ok: false, reason: expect.stringMatching(reason) });
  });

  test.each([
    ['plaintext (a PDF)', Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj'), /not an Encryption SDK message of format version 2 \(first byte 0x25\)/],
    ['an empty object', Buffer.alloc(0), /empty object/],
  ])('rejects %s', (_what, bytes, reason) => {
    expect(inspectMessageHeader(bytes, expected)).toEqual({ ok: false, reason: expect.stringMatching(reason) });
  });

  test('rejects a truncated header', () => {
    expect(inspectMessageHeader(message.subarray(0, 40), expected)).toEqual({ ok: false, reason: expect.stringMatching(/header incomplete/) });
  });

  test('rejects a non-committing (format version 1) message', async () => {
    const v1 = await foreignMessage({
      suiteId: AlgorithmSuiteIdentifier.ALG_AES256_GCM_IV12_TAG16_HKDF_SHA256,
      commitmentPolicy: CommitmentPolicy.FORBID_ENCRYPT_ALLOW_DECRYPT,
    });
    expect(inspectMessageHeader(probe(v1), expected)).toEqual({ ok: false, reason: expect.stringMatching(/format version 2 \(first byte 0x01\)/) });
  });

  test('rejects a committing but signed suite (cannot be stream-decrypted safely)', async () => {
    const signed = await foreignMessage({
      suiteId: AlgorithmSuiteIdentifier.ALG_AES256_GCM_IV12_TAG16_HKDF_SHA512_COMMIT_KEY_ECDSA_P384,
      commitmentPolicy: CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT,
    });
    expect(inspectMessageHeader(probe(signed), expected)).toEqual({
      ok: false,
      reason: expect.stringMatching(/algorithm suite 0x578 is not the committing, unsigned suite 0x478/),
    });
  });

  test('rejects more wrapped data keys than allowed', async () => {
    const crowded = await foreignMessage({
      suiteId: AlgorithmSuiteIdentifier.ALG_AES256_GCM_IV12_TAG16_HKDF_SHA512_COMMIT_KEY,
      commitmentPolicy: CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT,
      keyrings: [rawKeyring('suveren-tenant'), rawKeyring('suveren-tenant'), rawKeyring('suveren-recovery')],
    });
    expect(inspectMessageHeader(probe(crowded), expected)).toEqual({ ok: false, reason: expect.stringMatching(/maxEncryptedDataKeys|encrypted data keys/i) });
  });

  test('rejects a data key wrapped by a key provider outside the allow-list', async () => {
    const foreign = await foreignMessage({
      suiteId: AlgorithmSuiteIdentifier.ALG_AES256_GCM_IV12_TAG16_HKDF_SHA512_COMMIT_KEY,
      commitmentPolicy: CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT,
      keyrings: [rawKeyring('someone-else')],
    });
    expect(inspectMessageHeader(probe(foreign), expected)).toEqual({
      ok: false,
      reason: expect.stringMatching(/key provider "someone-else", not one of suveren-tenant, suveren-pkcs11, suveren-recovery/),
    });
  });

  describe('a tenant with a recovery key', () => {
    /** A recovery key's public half and its fingerprint. */
    const recoveryKey = () => {
      const { publicKey } = generateKeyPairSync('rsa', {
        modulusLength: 3072,
        publicKeyEncoding: { type: 'spki', format: 'pem' },
        privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      });
      const check = checkRecoveryPublicKey(publicKey);
      if (!check.ok) throw new Error(check.reason);
      return { publicKey, fingerprint: check.fingerprint };
    };
    const configured = recoveryKey();
    const wrappedFor = (recovery: { publicKey: string; fingerprint: string }, bytes: number) =>
      through(
        encryptingStream(encryptingKeyring({ keyring, description: 'k' }, recoveryWrappingKeyring(recovery.publicKey, recovery.fingerprint)), IDENTITY),
        randomBytes(bytes),
      );
    const withRecovery = { ...expected, requiredKey: { providerId: RECOVERY_KEY_NAMESPACE, providerInfo: configured.fingerprint } };

    test('accepts a message wrapped for the primary key and the configured recovery key', async () => {
      const wrapped = await wrappedFor(configured, 4096);
      expect(inspectMessageHeader(probe(wrapped), withRecovery)).toEqual({ ok: true });
    });

    test('quarantines a message without the recovery wrap: losing the primary key would lose it', () => {
      expect(inspectMessageHeader(probe(message), withRecovery)).toEqual({
        ok: false,
        reason: expect.stringMatching(
          new RegExp(`data key not wrapped for the tenant's recovery key ${configured.fingerprint}: losing the primary key would lose this object`),
        ),
      });
    });

    test('quarantines a message wrapped for another recovery key', async () => {
      const wrapped = await wrappedFor(recoveryKey(), 100);
      expect(inspectMessageHeader(probe(wrapped), withRecovery)).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/not wrapped for the tenant's recovery key/),
      });
    });
  });
});

test('the plain suite constant the Lambda uses is the SDK committing, unsigned suite', () => {
  expect(CLIENT_SIDE_SUITE_ID).toBe(AlgorithmSuiteIdentifier.ALG_AES256_GCM_IV12_TAG16_HKDF_SHA512_COMMIT_KEY);
});
