import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable, type Duplex } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as pkcs11js from 'pkcs11js';
import { FRAME_LENGTH } from '@suveren/core/contracts/message-format';
import { run } from '../../lib/cli/main';
import { DecryptionKeyrings, NoKeyFits, encryptingKeyring, recoveryUnwrappingKeyring, recoveryWrappingKeyring } from '@suveren/premises/client-side/keyrings';
import { Pkcs11KeyringNode } from '@suveren/premises/client-side/pkcs11-keyring';
import { generateRecoveryKeyPair, readRecoveryPrivateKey, readRecoveryPublicKey } from '@suveren/premises/client-side/recovery-key-file';
import { decryptingStream, encryptingStream, tenantKeyring } from '@suveren/premises/client-side/stream-encryption';
import { Pkcs11Failure, Pkcs11Token } from '@suveren/premises/pkcs11/token';
import { REPO_ROOT } from '../helpers';
import { type SoftHsmToken, createSoftHsmToken } from '../support/softhsm';

/*
 * The HSM keyring against a real PKCS#11 module: SoftHSM v2, one throw-away token
 * directory for this file. Nothing here is mocked: keys are generated in the token,
 * data keys are wrapped by C_Encrypt/C_WrapKey inside it.
 */

const IDENTITY = { tenantId: 'skatteetaten-arkiv', objectKey: 'objects/0d6f6c4e-2a4b-4c39-9a57-2c1d1b9d3f11', classification: 'secret' };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-hsm-keyring-'));
let hsm: SoftHsmToken;
let token: Pkcs11Token;

async function through(stream: Duplex, input: Buffer): Promise<Buffer> {
  const chunks: Buffer[] = [];
  await pipeline(Readable.from([input]), stream, async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) chunks.push(chunk);
  });
  return Buffer.concat(chunks);
}

async function capture(argv: string[]) {
  let out = '';
  let err = '';
  const code = await run(argv, { out: (t) => (out += t), err: (t) => (err += t) }, false);
  return { code, out, err };
}

/** The built CLI in its own process, as a customer runs it: its own PKCS#11 login, its own environment. */
function cli(argv: string[], env: Record<string, string | undefined>): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'suveren-cli.js'), ...argv], {
      env: Object.fromEntries(
        Object.entries({ PATH: process.env.PATH, HOME: tmp, AWS_REGION: 'eu-west-1', ...hsm.env, ...env }).filter(([, v]) => v !== undefined),
      ) as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, out, err }));
  });
}

beforeAll(() => {
  if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'suveren-cli.js')))
    throw new Error('the CLI is not built: run `npm run build` (npm test does it in pretest)');
  hsm = createSoftHsmToken('arkiv-hsm', '246810');
  token = Pkcs11Token.open(hsm);
});

afterAll(() => {
  token?.close();
  hsm?.remove();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('PKCS#11 keyring on SoftHSM', () => {
  test.each(['CKM_AES_GCM', 'CKM_AES_KEY_WRAP_PAD'] as const)(
    'a 3-frame message round-trips through an HSM key wrapping with %s, one HSM call each way',
    async (mechanism) => {
      const keyring = new Pkcs11KeyringNode(token.generateAesKey(`round-trip-${mechanism}`, mechanism));
      const plaintext = randomBytes(2 * FRAME_LENGTH + 1234);
      const ciphertext = await through(encryptingStream(keyring, IDENTITY), plaintext);
      expect(keyring.stats.calls).toBe(1);
      expect(ciphertext.includes(plaintext.subarray(0, 64))).toBe(false);
      const decrypted = await through(decryptingStream(new DecryptionKeyrings([{ keyring, description: keyring.description }]), IDENTITY), ciphertext);
      expect(decrypted.equals(plaintext)).toBe(true);
      expect(keyring.stats.calls).toBe(2);
    },
  );

  test('the HSM key cannot be read out: C_GetAttributeValue of CKA_VALUE fails with CKR_ATTRIBUTE_SENSITIVE', () => {
    const key = token.generateAesKey('unreadable');
    expect(() => token.attribute(key, pkcs11js.CKA_VALUE)).toThrow(/CKR_ATTRIBUTE_SENSITIVE/);
    expect(token.attribute(key, pkcs11js.CKA_EXTRACTABLE)[0]).toBe(0);
    expect(token.attribute(key, pkcs11js.CKA_SENSITIVE)[0]).toBe(1);
  });

  test('a key under a label that exists is never created', () => {
    token.generateAesKey('taken');
    expect(() => token.generateAesKey('taken')).toThrow(/already has a key labelled "taken"; keys are never overwritten/);
  });

  test('a wrapped data key bound to another encryption context does not unwrap (AES-GCM binds the context)', async () => {
    const key = token.generateAesKey('context-bound');
    const wrapped = key.wrap(randomBytes(32), Buffer.from('suveren:tenant=a'));
    expect(() => key.unwrap('CKM_AES_GCM', wrapped, Buffer.from('suveren:tenant=b'))).toThrow(Pkcs11Failure);
  });

  test.each(['CKM_AES_GCM', 'CKM_AES_KEY_WRAP_PAD'] as const)(
    'a failed HSM operation (%s) leaves the next one served: the token replaces the session SoftHSM left with the operation open',
    (mechanism) => {
      const key = token.generateAesKey(`after-failure-${mechanism}`, mechanism);
      const aad = Buffer.from('suveren:tenant=a');
      const dataKey = randomBytes(32);
      const wrapped = key.wrap(dataKey, aad);
      const renewals = token.renewals;
      // C_Encrypt of nothing (CKR_ARGUMENTS_BAD), and a wrapped key that does not authenticate.
      if (mechanism === 'CKM_AES_GCM') expect(() => key.encrypt(Buffer.alloc(0), aad)).toThrow(Pkcs11Failure);
      const tampered = Buffer.from(wrapped);
      tampered[tampered.length - 1] ^= 1;
      expect(() => key.unwrap(mechanism, tampered, aad)).toThrow(Pkcs11Failure);
      expect(token.renewals).toBe(renewals + (mechanism === 'CKM_AES_GCM' ? 2 : 1));
      // Same token object, still logged in: the next operations are served.
      expect(key.unwrap(mechanism, wrapped, aad).equals(dataKey)).toBe(true);
      expect(key.unwrap(mechanism, key.wrap(dataKey, aad), aad).equals(dataKey)).toBe(true);
    },
  );

  test("after failed HSM unwraps, a passphrase-protected recovery key still reads (SoftHSM leaves its OpenSSL error on Node's queue)", () => {
    const key = token.generateAesKey('stale-openssl-error', 'CKM_AES_KEY_WRAP_PAD');
    const tampered = key.wrap(randomBytes(32), Buffer.alloc(0));
    tampered[tampered.length - 1] ^= 1;
    for (let i = 0; i < 3; i++) expect(() => key.unwrap('CKM_AES_KEY_WRAP_PAD', tampered, Buffer.alloc(0))).toThrow(Pkcs11Failure);
    const pair = generateRecoveryKeyPair(path.join(tmp, 'after-failure'), 'correct horse battery staple');
    expect(readRecoveryPrivateKey(pair.privateFile, 'correct horse battery staple').fingerprint).toBe(pair.fingerprint);
  });

  test('recovery: encrypted for an HSM key and the recovery key; the HSM key is destroyed; the offline key recovers the file byte for byte', async () => {
    const pair = generateRecoveryKeyPair(path.join(tmp, 'ceremony'), 'correct horse battery staple');
    const primary = new Pkcs11KeyringNode(token.generateAesKey('arkiv-2026-12'));
    const recoveryPublic = readRecoveryPublicKey(pair.publicFile);
    const plaintext = randomBytes(FRAME_LENGTH + 99);
    const ciphertext = await through(
      encryptingStream(
        encryptingKeyring({ keyring: primary, description: primary.description }, recoveryWrappingKeyring(recoveryPublic.pem, recoveryPublic.fingerprint)),
        IDENTITY,
      ),
      plaintext,
    );

    token.destroyKey(primary.key);
    expect(() => token.aesKey('arkiv-2026-12')).toThrow(/no AES key labelled "arkiv-2026-12"/);
    // A later generation cannot open it, and the error names what the message needs.
    const later = new Pkcs11KeyringNode(token.generateAesKey('arkiv-2027-01'));
    const refused = through(decryptingStream(new DecryptionKeyrings([{ keyring: later, description: later.description }]), IDENTITY), ciphertext);
    await expect(refused).rejects.toThrow(NoKeyFits);
    await expect(refused).rejects.toThrow(
      new RegExp(`it was encrypted for HSM key "arkiv-2026-12" \\(it was on token "arkiv-hsm"; CKM_AES_GCM\\) and recovery key ${recoveryPublic.fingerprint}`),
    );

    const offline = readRecoveryPrivateKey(pair.privateFile, 'correct horse battery staple');
    expect(offline.fingerprint).toBe(pair.fingerprint);
    const recovered = await through(
      decryptingStream(new DecryptionKeyrings([recoveryUnwrappingKeyring(offline.key, offline.fingerprint)]), IDENTITY),
      ciphertext,
    );
    expect(recovered.equals(plaintext)).toBe(true);
  });

  test('rotation: a message under an earlier key file generation still decrypts when both generations are supplied', async () => {
    const gen1 = tenantKeyring('arkiv-2025', randomBytes(32));
    const gen2 = tenantKeyring('arkiv-2026', randomBytes(32));
    const plaintext = randomBytes(5000);
    const old = await through(encryptingStream(gen1.keyring, IDENTITY), plaintext);
    expect((await through(decryptingStream(new DecryptionKeyrings([gen2, gen1]), IDENTITY), old)).equals(plaintext)).toBe(true);
    await expect(through(decryptingStream(new DecryptionKeyrings([gen2]), IDENTITY), old)).rejects.toThrow(
      /none of the keys supplied \(key file "arkiv-2026"\) opens this object: it was encrypted for key file "arkiv-2025"/,
    );
  });
});

describe('sessions of one process share the login', () => {
  test('a second session must present the same PIN, and closing the first does not log the second out', () => {
    expect(() => Pkcs11Token.open({ ...hsm, pin: '000000' })).toThrow(/token "arkiv-hsm": wrong PIN/);
    const second = Pkcs11Token.open(hsm);
    const third = Pkcs11Token.open(hsm);
    const key = second.generateAesKey('shared-login');
    second.close();
    // `token` (opened in beforeAll) and `third` are still logged in.
    const sealed = third.aesKey('shared-login').encrypt(Buffer.from('still logged in'), Buffer.alloc(0));
    expect(third.aesKey('shared-login').decrypt(sealed.iv, sealed.ciphertext, sealed.tag, Buffer.alloc(0)).toString()).toBe('still logged in');
    third.close();
    expect(token.aesKey(key.label).label).toBe('shared-login');
  });
});

describe('the recovery key pair', () => {
  test('keygen --recovery writes the private half once with mode 0600, prints the fingerprint openssl computes, and never overwrites', async () => {
    const dir = path.join(tmp, 'keygen-recovery');
    const first = await capture(['keygen', '--recovery', '--out', dir]);
    expect(first.code).toBe(0);
    const privateFile = path.join(dir, 'recovery-private.pem');
    expect(fs.statSync(privateFile).mode & 0o777).toBe(0o600);
    const der = execFileSync('openssl', ['pkey', '-pubin', '-in', path.join(dir, 'recovery-public.pem'), '-outform', 'DER']);
    const opensslFingerprint = execFileSync('openssl', ['dgst', '-sha256', '-r'], { input: der }).toString().split(' ')[0];
    expect(first.out).toContain(`fingerprint sha256:${opensslFingerprint}`);
    expect(execFileSync('openssl', ['rsa', '-pubin', '-in', path.join(dir, 'recovery-public.pem'), '-noout', '-text']).toString()).toMatch(
      /Public-Key: \(4096 bit\)/,
    );
    const again = await capture(['keygen', '--recovery', '--out', dir]);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already exists; a recovery key is never overwritten/);
  });

  test('a passphrase-protected private key is refused without its passphrase and with a wrong one', () => {
    const pair = generateRecoveryKeyPair(path.join(tmp, 'protected'), 'a long enough passphrase');
    expect(fs.readFileSync(pair.privateFile, 'utf8')).toMatch(/BEGIN ENCRYPTED PRIVATE KEY/);
    expect(() => readRecoveryPrivateKey(pair.privateFile)).toThrow(/passphrase-protected: set SUVEREN_RECOVERY_PASSPHRASE/);
    expect(() => readRecoveryPrivateKey(pair.privateFile, 'not the passphrase')).toThrow(/wrong passphrase/);
  });
});

describe('suveren with an HSM key: each failure is named and leaves nothing behind', () => {
  let uploadFile: string;
  beforeAll(async () => {
    uploadFile = path.join(tmp, 'to-upload.pdf');
    fs.writeFileSync(uploadFile, randomBytes(1000));
    const created = await cli(['keygen', '--pkcs11', '--pkcs11-module', hsm.modulePath, '--token', hsm.tokenLabel, '--key-label', 'cli-key'], {
      SUVEREN_PKCS11_PIN: hsm.pin,
    });
    expect(created.err).toBe('');
    expect(created.out).toMatch(/created AES-256 key "cli-key" on token "arkiv-hsm": sensitive, non-extractable, wraps with CKM_AES_GCM/);
  });

  /** Upload and download with the given HSM flags: the endpoint and bucket are never reached, and no file appears. */
  async function bothFail(flags: string[], expected: RegExp, pin: string | null = hsm.pin) {
    const before = fs.readdirSync(tmp).sort();
    const env = {
      SUVEREN_PKCS11_PIN: pin ?? undefined,
      AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
      AWS_ACCESS_KEY_ID: 'AKIDTEST',
      AWS_SECRET_ACCESS_KEY: 'secret',
    };
    const up = await cli(['upload', '--tenant', IDENTITY.tenantId, '--file', uploadFile, '--endpoint', 'http://127.0.0.1:9/', '--no-recovery', ...flags], env);
    const out = path.join(tmp, 'never.bin');
    const down = await cli(['download', '--tenant', IDENTITY.tenantId, '--bucket', 'b', '--key-id', IDENTITY.objectKey, '--out', out, ...flags], env);
    for (const result of [up, down]) {
      expect(result.code).toBe(1);
      expect(result.err).toMatch(expected);
      expect(result.err).not.toMatch(/\n\s+at |ECONNREFUSED|fetch failed/);
    }
    expect(fs.readdirSync(tmp).sort()).toEqual(before);
  }

  const flags = (overrides: Partial<Record<'module' | 'token' | 'label', string>> = {}) => [
    '--pkcs11-module',
    overrides.module ?? hsm.modulePath,
    '--token',
    overrides.token ?? hsm.tokenLabel,
    '--key-label',
    overrides.label ?? 'cli-key',
  ];

  test('a wrong PIN', async () => {
    await bothFail(flags(), /token "arkiv-hsm": wrong PIN; tokens lock after a few wrong attempts: check SUVEREN_PKCS11_PIN/, '999999');
  });

  test('a missing token', async () => {
    await bothFail(
      flags({ token: 'no-such-token' }),
      /no token labelled "no-such-token" in .*libsofthsm2\.so; tokens present: "arkiv-hsm"\. Pass the label with --token/,
    );
  });

  test('a missing key label', async () => {
    await bothFail(
      flags({ label: 'no-such-key' }),
      /no AES key labelled "no-such-key" on token "arkiv-hsm"; AES keys on the token: .*"cli-key".*Create one with `suveren keygen --pkcs11/,
    );
  });

  test('a module that is not PKCS#11', async () => {
    const notPkcs11 = ['/usr/lib/x86_64-linux-gnu/libz.so.1', '/lib/x86_64-linux-gnu/libz.so.1', '/usr/lib/aarch64-linux-gnu/libz.so.1'].find((f) =>
      fs.existsSync(f),
    );
    expect(notPkcs11).toBeDefined();
    await bothFail(
      flags({ module: notPkcs11 }),
      /is not a PKCS#11 module \(it has no C_GetFunctionList\): pass the HSM vendor's PKCS#11 library with --pkcs11-module/,
    );
  });

  test('a module file that does not exist', async () => {
    await bothFail(flags({ module: path.join(tmp, 'libvendor-pkcs11.so') }), /PKCS#11 module .*libvendor-pkcs11\.so cannot be loaded: file not found/);
  });

  test('the PIN may come from a file that SUVEREN_PKCS11_PIN_FILE names (a systemd credential)', async () => {
    const pinFile = path.join(tmp, 'pin');
    fs.writeFileSync(pinFile, `${hsm.pin}\n`, { mode: 0o600 });
    const created = await cli(['keygen', '--pkcs11', '--pkcs11-module', hsm.modulePath, '--token', hsm.tokenLabel, '--key-label', 'from-pin-file'], {
      SUVEREN_PKCS11_PIN_FILE: pinFile,
    });
    fs.rmSync(pinFile);
    expect(created.out).toMatch(/created AES-256 key "from-pin-file"/);
  });

  test('keygen --pkcs11 refuses a label already on the token', async () => {
    const again = await cli(['keygen', '--pkcs11', '--pkcs11-module', hsm.modulePath, '--token', hsm.tokenLabel, '--key-label', 'cli-key'], {
      SUVEREN_PKCS11_PIN: hsm.pin,
    });
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already has a key labelled "cli-key"; keys are never overwritten/);
  });

  test('without SUVEREN_PKCS11_PIN and without a terminal, the PIN is asked for by name, never taken from argv', async () => {
    await bothFail(
      flags(),
      /PIN for token "arkiv-hsm" is needed: set SUVEREN_PKCS11_PIN \(or SUVEREN_PKCS11_PIN_FILE\), or run in a terminal to be asked \(it is never read from the command line\)/,
      null,
    );
  });
});
