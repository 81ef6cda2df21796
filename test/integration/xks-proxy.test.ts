import * as fs from 'node:fs';
import * as pkcs11js from 'pkcs11js';
import { run } from '../../lib/cli/main';
import { loadProxyConfig } from '@suveren/premises/xks-proxy/proxy-config';
import { type RunningProxy, startXksProxy } from '@suveren/premises/xks-proxy/server';
import { ciphertextDataIntegrityValue } from '@suveren/premises/xks-proxy/xks-api';
import { verifyAuditLog } from '@suveren/premises/xks-proxy/audit-verify';
import { XksClient } from '../support/xks-client';
import { Pkcs11Token } from '@suveren/premises/pkcs11/token';
import {
  EXTERNAL_KEY,
  KEYS_BY_USAGE,
  REPLICA_URI_PATH,
  REPLICA_VIA_S3,
  SPEC_ENCRYPT,
  URI_PATH,
  type XksFixture,
  s3Metadata,
  startInProcessProxy,
  stopInProcessProxy,
} from '../support/xks-proxy-fixture';

/*
 * suveren xks-proxy against SoftHSM v2, called as KMS calls it: over TLS with a
 * certificate this test made, each request signed with SigV4 (service kms-xks-proxy) by
 * @smithy/signature-v4, with the spec's example request bodies. Nothing is mocked.
 */

let fixture: XksFixture;
let proxy: RunningProxy;
let client: XksClient;

const keyPath = (operation: string, key = EXTERNAL_KEY) => `${URI_PATH}/keys/${key}/${operation}`;

async function capture(argv: string[]) {
  let out = '';
  let err = '';
  const code = await run(argv, { out: (t) => (out += t), err: (t) => (err += t) }, false);
  return { code, out, err };
}

beforeAll(async () => ({ fixture, proxy, client } = await startInProcessProxy()));
afterAll(() => stopInProcessProxy({ fixture, proxy, client }));

const signed = () => ({ credential: fixture.credentials[0] });

async function encryptSpecExample(): Promise<Record<string, string>> {
  const answer = await client.call(keyPath('encrypt'), { requestMetadata: s3Metadata('Encrypt'), ...SPEC_ENCRYPT }, signed());
  expect(answer.status).toBe(200);
  return answer.json as Record<string, string>;
}

/** The spec's error answer: status, errorName, and a printable errorMessage under 512 characters. */
function expectError(answer: { status: number; json: Record<string, unknown> }, status: number, errorName: string, message?: RegExp): void {
  expect({ status: answer.status, errorName: answer.json.errorName }).toEqual({ status, errorName });
  if (message) expect(answer.json.errorMessage).toMatch(message);
  expect(String(answer.json.errorMessage)).toMatch(/^[\x20-\x7e]{0,511}$/);
}

/** The Decrypt request for an Encrypt answer of the spec example, as KMS builds it. */
const decryptBodyFor = (out: Record<string, string>) => ({
  requestMetadata: s3Metadata('Decrypt'),
  additionalAuthenticatedData: SPEC_ENCRYPT.additionalAuthenticatedData,
  encryptionAlgorithm: 'AES_GCM',
  ciphertext: out.ciphertext,
  initializationVector: out.initializationVector,
  authenticationTag: out.authenticationTag,
});

describe("the spec's request and response shapes, on SoftHSM", () => {
  test('GetKeyMetadata: AES_256, ENCRYPT and DECRYPT, ENABLED', async () => {
    const answer = await client.call(keyPath('metadata'), { requestMetadata: { ...s3Metadata('CreateKey'), kmsViaService: undefined } }, signed());
    expect(answer).toEqual({ status: 200, json: { keySpec: 'AES_256', keyUsage: ['ENCRYPT', 'DECRYPT'], keyStatus: 'ENABLED' } });
  });

  test('Encrypt: ciphertext as long as the plaintext, a 12-byte IV, a 16-byte tag and the CDIV of Appendix C', async () => {
    const out = await encryptSpecExample();
    expect(Object.keys(out).sort()).toEqual(['authenticationTag', 'ciphertext', 'ciphertextDataIntegrityValue', 'initializationVector']);
    expect(Buffer.from(out.ciphertext, 'base64')).toHaveLength(12);
    expect(Buffer.from(out.initializationVector, 'base64')).toHaveLength(12);
    expect(Buffer.from(out.authenticationTag, 'base64')).toHaveLength(16);
    expect(out.ciphertextDataIntegrityValue).toBe(
      ciphertextDataIntegrityValue({
        aad: Buffer.from(SPEC_ENCRYPT.additionalAuthenticatedData, 'base64'),
        iv: Buffer.from(out.initializationVector, 'base64'),
        ciphertext: Buffer.from(out.ciphertext, 'base64'),
        tag: Buffer.from(out.authenticationTag, 'base64'),
      }),
    );
  });

  test('Decrypt: the Encrypt output comes back as the plaintext', async () => {
    const out = await encryptSpecExample();
    const answer = await client.call(keyPath('decrypt'), decryptBodyFor(out), signed());
    expect(answer).toEqual({ status: 200, json: { plaintext: SPEC_ENCRYPT.plaintext } });
  });

  test('GetHealthStatus: fleet size, vendor, model and one ACTIVE HSM, without the per-key policy', async () => {
    const answer = await client.call(
      `${URI_PATH}/health`,
      { requestMetadata: { kmsOperation: 'KmsHealthCheck', kmsRequestId: '1124f4d6-db54-4af4-ae30-c55a22a8abcd' } },
      signed(),
    );
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      xksProxyFleetSize: 1,
      xksProxyVendor: 'suveren',
      xksProxyModel: 'suveren xks-proxy test',
      ekmVendor: 'SoftHSM project',
      ekmFleetDetails: [{ id: expect.stringMatching(/^xks\//), model: expect.stringMatching(/SoftHSM/), healthStatus: 'ACTIVE' }],
    });
  });

  test('the CDIV function reproduces the test vector of Appendix C', () => {
    expect(
      ciphertextDataIntegrityValue({
        aad: Buffer.from('cHJvamVjdD1uaWxlLGRlcGFydG1lbnQ9bWFya2V0aW5n', 'base64'),
        metadata: Buffer.from('a2V5X3ZlcnNpb249MQ==', 'base64'),
        iv: Buffer.from('HMrlRw85cAJUd5Ax', 'base64'),
        ciphertext: Buffer.from('ghxkK1txeDNn3q8Y', 'base64'),
        tag: Buffer.from('vBxN2ncH1oEkR8WVXpmyYQ==', 'base64'),
      }),
    ).toBe('qHA/ImC9h5HsLRXqCyPmWgYx7tzyoTplzILbP0fPXsc=');
  });

  test('both configured credentials are accepted at once (rotation)', async () => {
    const answer = await client.call(
      keyPath('encrypt'),
      { requestMetadata: s3Metadata('GenerateDataKey'), plaintext: 'AAAA', encryptionAlgorithm: 'AES_GCM' },
      { credential: fixture.credentials[1] },
    );
    expect(answer.status).toBe(200);
  });
});

describe('every error case is refused with the spec error', () => {
  test('a bad signature: AuthenticationFailedException (401)', async () => {
    const answer = await client.call(
      keyPath('encrypt'),
      { requestMetadata: s3Metadata('Encrypt'), ...SPEC_ENCRYPT },
      { ...signed(), tamper: (body) => body.replace('SGVsbG8', 'SGVsbG9') },
    );
    // The caller is told nothing more; the audit log says why.
    expectError(answer, 401, 'AuthenticationFailedException', /^the request signature could not be verified$/);
    // Counted, with one sample per reason class per second: an unauthenticated caller's requests never each make a line.
    proxy.flushUnauthenticated();
    expect(fs.readFileSync(fixture.auditFile, 'utf8')).toMatch(
      /"type":"unauthenticated".*"counts":\{"AuthenticationFailedException: signature does not match":1\}.*"reason":"signature does not match"/,
    );
  });

  test('an unknown credential, the wrong region and a stale signature: AuthenticationFailedException (401), with the reason in the audit log only', async () => {
    const body = { requestMetadata: s3Metadata('Encrypt'), ...SPEC_ENCRYPT };
    proxy.flushUnauthenticated();
    const linesBefore = fs.readFileSync(fixture.auditFile, 'utf8').split('\n').filter(Boolean).length;
    expectError(
      await client.call(keyPath('encrypt'), body, {
        credential: { accessKeyId: 'KMSXKSRETIREDCREDENTIAL234', secretAccessKey: fixture.credentials[0].secretAccessKey },
      }),
      401,
      'AuthenticationFailedException',
      /^the request signature could not be verified$/,
    );
    expectError(
      await client.call(keyPath('encrypt'), body, { ...signed(), region: 'us-east-1' }),
      401,
      'AuthenticationFailedException',
      /^the request signature could not be verified$/,
    );
    expectError(
      await client.call(keyPath('encrypt'), body, { ...signed(), signingDate: new Date(Date.now() - 10 * 60 * 1000) }),
      401,
      'AuthenticationFailedException',
      /^the request signature could not be verified$/,
    );
    proxy.flushUnauthenticated();
    const log = fs.readFileSync(fixture.auditFile, 'utf8');
    // Refusals are summarized per time window; on a slow machine the three may fall into two
    // windows, so count each reason over every summary written since this test began.
    const counts: Record<string, number> = {};
    for (const line of log.split('\n').filter(Boolean).slice(linesBefore)) {
      const record = JSON.parse(line) as { type: string; counts?: Record<string, number> };
      if (record.type === 'unauthenticated') for (const [reason, n] of Object.entries(record.counts ?? {})) counts[reason] = (counts[reason] ?? 0) + n;
    }
    expect(counts).toMatchObject({
      'AuthenticationFailedException: unknown access key id': 1,
      'AuthenticationFailedException: wrong signing region': 1,
      'AuthenticationFailedException: clock skew': 1,
    });
    for (const reason of [
      /access key id KMSXKSRETIREDCREDENTIAL234 is not configured/,
      /signed for region us-east-1, not eu-north-1/,
      /more than 5 minutes from the proxy's clock/,
    ])
      expect(log).toMatch(reason);
  });

  test('an unknown key: KeyNotFoundException (404), whether the proxy or the HSM does not know it', async () => {
    expectError(
      await client.call(keyPath('encrypt', 'no-such-key'), { requestMetadata: s3Metadata('Encrypt'), ...SPEC_ENCRYPT }, signed()),
      404,
      'KeyNotFoundException',
      /does not serve key no-such-key/,
    );
    expectError(
      await client.call(keyPath('encrypt', 'not-in-hsm'), { requestMetadata: s3Metadata('Encrypt'), ...SPEC_ENCRYPT }, signed()),
      404,
      'KeyNotFoundException',
      /holds no key labelled not-in-hsm/,
    );
  });

  test('a wrong AAD, and a tampered ciphertext, tag or IV: InvalidCiphertextException (400)', async () => {
    const out = await encryptSpecExample();
    const decrypt = (overrides: Record<string, string>) => client.call(keyPath('decrypt'), { ...decryptBodyFor(out), ...overrides }, signed());
    const flip = (b64: string) => {
      const bytes = Buffer.from(b64, 'base64');
      bytes[0] ^= 0x01;
      return bytes.toString('base64');
    };
    expectError(
      await decrypt({ additionalAuthenticatedData: Buffer.from('project=nile,department=sales').toString('base64') }),
      400,
      'InvalidCiphertextException',
    );
    expectError(await decrypt({ ciphertext: flip(out.ciphertext) }), 400, 'InvalidCiphertextException');
    expectError(await decrypt({ authenticationTag: flip(out.authenticationTag) }), 400, 'InvalidCiphertextException');
    expectError(await decrypt({ initializationVector: flip(out.initializationVector) }), 400, 'InvalidCiphertextException');
    expectError(await decrypt({ ciphertextMetadata: Buffer.from('key_version=1').toString('base64') }), 400, 'InvalidCiphertextException');
  });

  test('a principal or a service the key does not allow: AccessDeniedException (403), naming the rule', async () => {
    expectError(
      await client.call(
        keyPath('encrypt'),
        { requestMetadata: s3Metadata('Encrypt', { awsPrincipalArn: 'arn:aws:iam::444444444444:role/Admin' }), ...SPEC_ENCRYPT },
        signed(),
      ),
      403,
      'AccessDeniedException',
      /principal arn:aws:iam::444444444444:role\/Admin is not in keys\[arkiv-2026-12\]\.allow\.principals/,
    );
    expectError(
      await client.call(
        keyPath('encrypt'),
        { requestMetadata: s3Metadata('Encrypt', { kmsViaService: 'ebs.eu-north-1.amazonaws.com' }), ...SPEC_ENCRYPT },
        signed(),
      ),
      403,
      'AccessDeniedException',
      /kmsViaService ebs\.eu-north-1\.amazonaws\.com is not in/,
    );
    expectError(
      await client.call(
        keyPath('encrypt'),
        { requestMetadata: s3Metadata('Encrypt', { kmsViaService: 's3.us-east-1.amazonaws.com' }), ...SPEC_ENCRYPT },
        signed(),
      ),
      403,
      'AccessDeniedException',
    );
    // A principal calling KMS directly, not through S3, is not served Encrypt, whatever operation it names.
    const { kmsViaService: _direct, ...direct } = s3Metadata('Encrypt');
    expectError(
      await client.call(keyPath('encrypt'), { requestMetadata: direct, ...SPEC_ENCRYPT }, signed()),
      403,
      'AccessDeniedException',
      /without kmsViaService: only CreateKey, DescribeKey may be called directly/,
    );
    expectError(
      await client.call(keyPath('encrypt'), { requestMetadata: { ...direct, kmsOperation: 'DescribeKey' }, ...SPEC_ENCRYPT }, signed()),
      403,
      'AccessDeniedException',
      /kmsOperation DescribeKey never calls Encrypt/,
    );
    expectError(
      await client.call(keyPath('decrypt'), { ...decryptBodyFor(await encryptSpecExample()), requestMetadata: s3Metadata('GenerateDataKey') }, signed()),
      403,
      'AccessDeniedException',
      /kmsOperation GenerateDataKey never calls Decrypt/,
    );
  });

  test('malformed requests: ValidationException (400); GET: 405; an unknown path: InvalidUriPathException (404); a key made for key wrap: InvalidKeyUsageException (400)', async () => {
    expectError(
      await client.call(keyPath('encrypt'), { requestMetadata: s3Metadata('Encrypt'), ...SPEC_ENCRYPT, encryptionAlgorithm: 'AES_CBC' }, signed()),
      400,
      'ValidationException',
      /AES_GCM/,
    );
    expectError(
      await client.call(keyPath('encrypt'), { requestMetadata: s3Metadata('Encrypt'), ...SPEC_ENCRYPT, plaintext: 'not base64!' }, signed()),
      400,
      'ValidationException',
      /Base64/,
    );
    expectError(await client.call(keyPath('encrypt'), { ...SPEC_ENCRYPT }, signed()), 400, 'ValidationException', /requestMetadata is required/);
    expect((await client.call(keyPath('encrypt'), {}, { ...signed(), method: 'GET' })).status).toBe(405);
    expectError(await client.call(`${URI_PATH}/keys/${EXTERNAL_KEY}/sign`, { requestMetadata: s3Metadata('Sign') }, signed()), 404, 'InvalidUriPathException');
    expectError(await client.call(`/other/kms/xks/v1/health`, { requestMetadata: s3Metadata('KmsHealthCheck') }, signed()), 404, 'InvalidUriPathException');
    expectError(
      await client.call(keyPath('encrypt', 'wrap-only'), { requestMetadata: s3Metadata('Encrypt'), ...SPEC_ENCRYPT }, signed()),
      400,
      'InvalidKeyUsageException',
      /key wrap/,
    );
  });

  test('plaintext over the 4300 bytes the spec requires: UnsupportedOperationException (501)', async () => {
    expectError(
      await client.call(
        keyPath('encrypt'),
        { requestMetadata: s3Metadata('Encrypt'), plaintext: Buffer.alloc(4301).toString('base64'), encryptionAlgorithm: 'AES_GCM' },
        signed(),
      ),
      501,
      'UnsupportedOperationException',
    );
    expect(
      (
        await client.call(
          keyPath('encrypt'),
          { requestMetadata: s3Metadata('Encrypt'), plaintext: Buffer.alloc(4300).toString('base64'), encryptionAlgorithm: 'AES_GCM' },
          signed(),
        )
      ).status,
    ).toBe(200);
  });
});

describe('the kill switch', () => {
  afterEach(() => fs.rmSync(fixture.killSwitchFile, { force: true }));

  test('sealing by command refuses Encrypt and Decrypt (InvalidStateException) and health says UNAVAILABLE; unsealing restores both; the audit log records both', async () => {
    const out = await encryptSpecExample();
    const decryptBody = decryptBodyFor(out);
    const sealed = await capture(['xks-proxy', 'seal', '--config', fixture.configFile, '--reason', 'drill 2026-12']);
    expect(sealed).toMatchObject({ code: 0, out: expect.stringMatching(/^sealed: every Encrypt and Decrypt is refused/) });

    const encrypt = await client.call(keyPath('encrypt'), { requestMetadata: s3Metadata('Encrypt'), ...SPEC_ENCRYPT }, signed());
    expect({ status: encrypt.status, errorName: encrypt.json.errorName }).toEqual({ status: 400, errorName: 'InvalidStateException' });
    expect(encrypt.json.errorMessage).toMatch(/sealed \(kill switch\) since .*: drill 2026-12/);
    const decrypt = await client.call(keyPath('decrypt'), decryptBody, signed());
    expect({ status: decrypt.status, errorName: decrypt.json.errorName }).toEqual({ status: 400, errorName: 'InvalidStateException' });
    const health = await client.call(`${URI_PATH}/health`, { requestMetadata: { kmsOperation: 'KmsHealthCheck', kmsRequestId: 'h-1' } }, signed());
    expect(health.json.ekmFleetDetails).toEqual([expect.objectContaining({ healthStatus: 'UNAVAILABLE' })]);
    const metadata = await client.call(keyPath('metadata'), { requestMetadata: { ...s3Metadata('DescribeKey'), kmsViaService: undefined } }, signed());
    expect(metadata.json.keyStatus).toBe('DISABLED');

    expect(await capture(['xks-proxy', 'unseal', '--config', fixture.configFile, '--reason', 'drill over'])).toMatchObject({
      code: 0,
      out: expect.stringMatching(/^unsealed: cryptographic calls are served again; the proxy logs the unseal/),
    });
    expect(await client.call(keyPath('decrypt'), decryptBody, signed())).toEqual({ status: 200, json: { plaintext: SPEC_ENCRYPT.plaintext } });

    // Logged by the proxy (the log's only writer), once each, with the flag's owner uid the kernel attests.
    const states = fs
      .readFileSync(fixture.auditFile, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((record) => record.type === 'state' && record.by !== 'server');
    const uid = process.getuid!();
    expect(states).toEqual([
      expect.objectContaining({ event: 'sealed', by: expect.stringMatching(new RegExp(`^uid ${uid} \\(`)), reason: 'drill 2026-12' }),
      expect.objectContaining({ event: 'unsealed', by: expect.stringMatching(new RegExp(`^uid ${uid} \\(`)), reason: 'drill over' }),
    ]);
  });

  test("one seal covers both external key stores: the replica store's path, signed for its region, is refused with the primary's and served again on unseal", async () => {
    const replicaKey = (operation: string) => `${REPLICA_URI_PATH}/keys/${EXTERNAL_KEY}/${operation}`;
    const west = { ...signed(), region: 'eu-west-1' };
    const replicaEncrypt = () =>
      client.call(replicaKey('encrypt'), { requestMetadata: s3Metadata('Encrypt', { kmsViaService: REPLICA_VIA_S3 }), ...SPEC_ENCRYPT }, west);
    const served = await replicaEncrypt();
    expect(served.status).toBe(200);
    // The replica store's path is KMS's in eu-west-1: a request signed for another region is not its.
    const wrongRegion = await client.call(
      replicaKey('encrypt'),
      { requestMetadata: s3Metadata('Encrypt', { kmsViaService: REPLICA_VIA_S3 }), ...SPEC_ENCRYPT },
      signed(),
    );
    expectError(wrongRegion, 401, 'AuthenticationFailedException');
    const replicaDecrypt = decryptBodyFor(served.json as Record<string, string>);

    expect((await capture(['xks-proxy', 'seal', '--config', fixture.configFile, '--reason', 'region drill'])).code).toBe(0);
    for (const [name, answer] of [
      ['primary encrypt', await client.call(keyPath('encrypt'), { requestMetadata: s3Metadata('Encrypt'), ...SPEC_ENCRYPT }, signed())],
      ['replica encrypt', await replicaEncrypt()],
      [
        'replica decrypt',
        await client.call(replicaKey('decrypt'), { ...replicaDecrypt, requestMetadata: s3Metadata('Decrypt', { kmsViaService: REPLICA_VIA_S3 }) }, west),
      ],
    ] as const)
      expect([name, answer.status, answer.json.errorName]).toEqual([name, 400, 'InvalidStateException']);
    const replicaHealth = await client.call(
      `${REPLICA_URI_PATH}/health`,
      { requestMetadata: { kmsOperation: 'KmsHealthCheck', kmsRequestId: 'h-west' } },
      west,
    );
    expect(replicaHealth.json.ekmFleetDetails).toEqual([expect.objectContaining({ healthStatus: 'UNAVAILABLE' })]);

    expect((await capture(['xks-proxy', 'unseal', '--config', fixture.configFile, '--reason', 'region drill over'])).code).toBe(0);
    expect(
      await client.call(replicaKey('decrypt'), { ...replicaDecrypt, requestMetadata: s3Metadata('Decrypt', { kmsViaService: REPLICA_VIA_S3 }) }, west),
    ).toEqual({ status: 200, json: { plaintext: SPEC_ENCRYPT.plaintext } });
  });

  test('a flag file made by anyone (touch) seals too: a kill switch that needs no command', async () => {
    fs.writeFileSync(fixture.killSwitchFile, '');
    const encrypt = await client.call(keyPath('encrypt'), { requestMetadata: s3Metadata('Encrypt'), ...SPEC_ENCRYPT }, signed());
    expect(encrypt.json.errorName).toBe('InvalidStateException');
  });
});

describe('robustness: what broke the proxy, and what it now answers', () => {
  const encrypt = (overrides: Record<string, unknown> = {}) =>
    client.call(keyPath('encrypt'), { requestMetadata: s3Metadata('Encrypt'), ...SPEC_ENCRYPT, ...overrides }, signed());

  test('an empty plaintext or ciphertext: 400 ValidationException before the HSM, and a valid Encrypt and Decrypt right after it succeed', async () => {
    expectError(await encrypt({ plaintext: '' }), 400, 'ValidationException', /plaintext must not be empty/);
    const out = await encryptSpecExample();
    expectError(
      await client.call(keyPath('decrypt'), { ...decryptBodyFor(out), ciphertext: '' }, signed()),
      400,
      'ValidationException',
      /ciphertext must not be empty/,
    );
    const decrypted = await client.call(keyPath('decrypt'), decryptBodyFor(out), signed());
    expect(decrypted.status).toBe(200);
    expect(decrypted.json.plaintext).toBe(SPEC_ENCRYPT.plaintext);
  });

  test('an HSM operation that fails mid-request (C_Encrypt of nothing: CKR_ARGUMENTS_BAD on SoftHSM) leaves the next request served, on a new session', async () => {
    const key = proxy.keys.find(EXTERNAL_KEY)!;
    expect(() => key.encrypt(Buffer.alloc(0), Buffer.alloc(0))).toThrow(/C_Encrypt failed/);
    const reopened = proxy.keys.reopened;
    for (let i = 0; i < 3; i++) {
      const out = await encryptSpecExample();
      expect((await client.call(keyPath('decrypt'), decryptBodyFor(out), signed())).status).toBe(200);
    }
    // The token replaced its own session after the failure; nothing had to be reopened for a lost one.
    expect(proxy.keys.reopened).toBe(reopened);
    expect(
      (await client.call(`${URI_PATH}/health`, { requestMetadata: { kmsRequestId: 'h', kmsOperation: 'KmsHealthCheck' } }, signed())).json.ekmFleetDetails,
    ).toEqual([expect.objectContaining({ healthStatus: 'ACTIVE' })]);
  });

  test('an IV or tag of a wrong length: 400 InvalidCiphertextException; a 21-byte ciphertextMetadata: 400 ValidationException', async () => {
    const out = await encryptSpecExample();
    const decrypt = (overrides: Record<string, string>) => client.call(keyPath('decrypt'), { ...decryptBodyFor(out), ...overrides }, signed());
    for (const length of [8, 17, 32]) {
      expectError(
        await decrypt({ initializationVector: Buffer.alloc(length, 1).toString('base64') }),
        400,
        'InvalidCiphertextException',
        /initializationVector is \d+ bytes/,
      );
      expectError(
        await decrypt({ authenticationTag: Buffer.alloc(length, 1).toString('base64') }),
        400,
        'InvalidCiphertextException',
        /authenticationTag is \d+ bytes/,
      );
    }
    expectError(await decrypt({ initializationVector: Buffer.alloc(65, 1).toString('base64') }), 400, 'InvalidCiphertextException');
    expectError(
      await decrypt({ ciphertextMetadata: Buffer.alloc(21, 1).toString('base64') }),
      400,
      'ValidationException',
      /ciphertextMetadata is 21 bytes; the spec allows at most 20/,
    );
  });

  test('Content-Type is parsed as a media type after SigV4: application/json (with parameters) is served, anything else is 400 ValidationException', async () => {
    const withType = (contentType: string | null) =>
      client.call(keyPath('encrypt'), { requestMetadata: s3Metadata('Encrypt'), ...SPEC_ENCRYPT }, { ...signed(), contentType });
    expect((await withType('Application/JSON; charset=utf-8')).status).toBe(200);
    expectError(await withType('text/plain'), 400, 'ValidationException', /Content-Type must be application\/json, not text\/plain/);
    expectError(await withType('application/jsonx'), 400, 'ValidationException');
    expectError(await withType(null), 400, 'ValidationException', /not \(none\)/);
    // Unsigned, the caller learns only that the signature failed.
    expectError(
      await client.call(
        keyPath('encrypt'),
        { requestMetadata: s3Metadata('Encrypt'), ...SPEC_ENCRYPT },
        { ...signed(), contentType: 'text/plain', tamper: (b) => `${b} ` },
      ),
      401,
      'AuthenticationFailedException',
    );
  });

  test("kmsViaService in either spelling: the short service name (as the spec and AWS's test client send it) and kms:ViaService", async () => {
    expect((await client.call(keyPath('encrypt'), { requestMetadata: s3Metadata('Encrypt', { kmsViaService: 's3' }), ...SPEC_ENCRYPT }, signed())).status).toBe(
      200,
    );
    expect((await encrypt()).status).toBe(200);
    for (const via of ['ebs', 's3x', 'xs3', 's3.eu-west-1.amazonaws.com', 'S3', 's3.eu-north-1.amazonaws.com.evil']) {
      expectError(
        await client.call(keyPath('encrypt'), { requestMetadata: s3Metadata('Encrypt', { kmsViaService: via }), ...SPEC_ENCRYPT }, signed()),
        403,
        'AccessDeniedException',
      );
    }
  });
});

describe("key usage as the HSM sets it (AWS's test client's encrypt-only, decrypt-only and impotent keys)", () => {
  const metadataOf = async (keyId: string) =>
    (await client.call(keyPath('metadata', keyId), { requestMetadata: { ...s3Metadata('DescribeKey'), kmsViaService: undefined } }, signed())).json;
  const encryptWith = (keyId: string, extra: Record<string, unknown> = {}) =>
    client.call(
      keyPath('encrypt', keyId),
      { requestMetadata: s3Metadata('Encrypt'), plaintext: 'cGxhaW50ZXh0Cg==', encryptionAlgorithm: 'AES_GCM', ...extra },
      signed(),
    );

  test('GetKeyMetadata reports the key usage the HSM allows', async () => {
    expect((await metadataOf(EXTERNAL_KEY)).keyUsage).toEqual(['ENCRYPT', 'DECRYPT']);
    expect((await metadataOf('encrypt-only')).keyUsage).toEqual(['ENCRYPT']);
    expect((await metadataOf('decrypt-only')).keyUsage).toEqual(['DECRYPT']);
    expect((await metadataOf('impotent')).keyUsage).toEqual([]);
  });

  test('an encrypt-only key encrypts without the decrypt self-check, refuses a CDIV (it needs the self-check) and refuses Decrypt', async () => {
    const out = await encryptWith('encrypt-only', { additionalAuthenticatedData: SPEC_ENCRYPT.additionalAuthenticatedData });
    expect(out.status).toBe(200);
    expectError(await encryptWith('encrypt-only', { ciphertextDataIntegrityValueAlgorithm: 'SHA_256' }), 400, 'InvalidKeyUsageException', /may not decrypt/);
    const decrypt = await client.call(
      keyPath('decrypt', 'encrypt-only'),
      {
        requestMetadata: s3Metadata('Decrypt'),
        additionalAuthenticatedData: SPEC_ENCRYPT.additionalAuthenticatedData,
        encryptionAlgorithm: 'AES_GCM',
        ciphertext: out.json.ciphertext,
        initializationVector: out.json.initializationVector,
        authenticationTag: out.json.authenticationTag,
      },
      signed(),
    );
    expectError(decrypt, 400, 'InvalidKeyUsageException', /may not decrypt \(the HSM key's CKA_DECRYPT is false\)/);
  });

  test('a decrypt-only and an impotent key refuse Encrypt with InvalidKeyUsageException, with or without AAD and CDIV', async () => {
    for (const keyId of ['decrypt-only', 'impotent']) {
      for (const extra of [
        {},
        { additionalAuthenticatedData: SPEC_ENCRYPT.additionalAuthenticatedData },
        { ciphertextDataIntegrityValueAlgorithm: 'SHA_256' },
      ]) {
        expectError(await encryptWith(keyId, extra), 400, 'InvalidKeyUsageException', /may not encrypt \(the HSM key's CKA_ENCRYPT is false\)/);
      }
    }
  });

  test('the client-side keyring still refuses a key that works one way only', () => {
    const token = Pkcs11Token.open(fixture.hsm);
    try {
      for (const keyId of Object.keys(KEYS_BY_USAGE)) expect(() => token.aesKey(keyId)).toThrow(/allows none of the wrap mechanisms the token offers/);
    } finally {
      token.close();
    }
  });
});

describe('the HSM session', () => {
  test('a session the HSM closed is opened again, and the request is served', async () => {
    // Close every session on the token from outside the proxy, as a restarted HSM would.
    const module = new pkcs11js.PKCS11();
    module.load(fixture.hsm.modulePath);
    try {
      module.C_Initialize();
    } catch (e) {
      expect((e as Error).message).toMatch(/CKR_CRYPTOKI_ALREADY_INITIALIZED/);
    }
    const slot = module.C_GetSlotList(true).find((s) => module.C_GetTokenInfo(s).label.trim() === fixture.hsm.tokenLabel)!;
    module.C_CloseAllSessions(slot);
    const before = proxy.keys.reopened;
    const answer = await client.call(keyPath('encrypt'), { requestMetadata: s3Metadata('Encrypt'), ...SPEC_ENCRYPT }, signed());
    expect(answer.status).toBe(200);
    expect(proxy.keys.reopened).toBe(before + 1);
  });
});

describe('TLS and the audit log', () => {
  test('TLS 1.1 is refused; TLS 1.2 and 1.3 are served with the certificate this test made, which names the proxy', async () => {
    // The client offers TLS 1.1 (security level 0 lets it); the server answers with alert 70, protocol_version.
    await expect(client.send('/ping', 'GET', {}, '', { maxVersion: 'TLSv1.1', minVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' })).rejects.toThrow(
      /tlsv1 alert protocol version/,
    );
    expect(await client.send('/ping', 'GET', {}, '', { maxVersion: 'TLSv1.2' })).toEqual({ status: 200, json: { status: 'ok' } });
    expect(await client.send('/ping', 'GET', {}, '', { minVersion: 'TLSv1.3' })).toEqual({ status: 200, json: { status: 'ok' } });
    await expect(client.send('/ping', 'GET', {}, '', { servername: 'other.example' })).rejects.toThrow(/altnames|Hostname|certificate/i);
  });

  test('records every request and decision, and no plaintext, ciphertext, AAD, IV, tag or secret', async () => {
    const out = await encryptSpecExample();
    const log = fs.readFileSync(fixture.auditFile, 'utf8');
    const records = log
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records.filter((r) => r.type === 'request').length).toBeGreaterThan(20);
    expect(records).toContainEqual(
      expect.objectContaining({
        xksOperation: 'Encrypt',
        decision: 'served',
        status: 200,
        kmsOperation: 'Encrypt',
        awsPrincipalArn: expect.stringContaining('Suveren-Tenant-arkiv'),
        kmsViaService: 's3.eu-north-1.amazonaws.com',
        externalKeyId: EXTERNAL_KEY,
        accessKeyId: fixture.credentials[0].accessKeyId,
        reason: expect.stringMatching(/^principal arn:aws:iam::333333333333:role\/Suveren-Tenant-arkiv-\* via s3\.eu-north-1\.amazonaws\.com, Encrypt$/),
      }),
    );
    expect(records).toContainEqual(
      expect.objectContaining({ decision: 'refused', errorName: 'AccessDeniedException', awsPrincipalArn: 'arn:aws:iam::444444444444:role/Admin' }),
    );
    const secrets = [
      SPEC_ENCRYPT.plaintext,
      'Hello World',
      SPEC_ENCRYPT.additionalAuthenticatedData,
      'project=nile',
      out.ciphertext,
      out.initializationVector,
      out.authenticationTag,
      fixture.credentials[0].secretAccessKey,
      fixture.credentials[1].secretAccessKey,
      fixture.hsm.pin,
    ];
    for (const secret of secrets) expect(log).not.toContain(secret);
    expect(fs.statSync(fixture.auditFile).mode & 0o777).toBe(0o600);
  });
});

describe('spec details', () => {
  test("the signed Host must be one of the proxy's names (by default its certificate's): a request signed for another name is refused", async () => {
    const other = await client.call(
      keyPath('encrypt'),
      { requestMetadata: s3Metadata('Encrypt'), ...SPEC_ENCRYPT },
      { ...signed(), signedHost: 'xks.elsewhere.test' },
    );
    expectError(other, 401, 'AuthenticationFailedException');
    proxy.flushUnauthenticated();
    expect(fs.readFileSync(fixture.auditFile, 'utf8')).toMatch(/"wrong host"|AuthenticationFailedException: wrong host/);
    // The certificate's IP address is one of its names too.
    expect(
      (await client.call(keyPath('encrypt'), { requestMetadata: s3Metadata('Encrypt'), ...SPEC_ENCRYPT }, { ...signed(), signedHost: '127.0.0.1' })).status,
    ).toBe(200);
  });

  test('credentials are reloaded without a restart (SIGHUP in the command); a broken secret file keeps the ones in use', async () => {
    const config = loadProxyConfig(fixture.configFile);
    const copy = `${fixture.configFile}.reload.yaml`;
    fs.copyFileSync(fixture.configFile, copy);
    const second = await startXksProxy(
      { ...config, audit: { ...config.audit, file: `${fixture.auditFile}.reload` } },
      { pin: fixture.hsm.pin, version: 'test', configFile: copy },
    );
    const other = new XksClient(second.port, fixture.ca);
    const call = (credential: (typeof fixture.credentials)[number]) =>
      other.call(keyPath('encrypt'), { requestMetadata: s3Metadata('Encrypt'), ...SPEC_ENCRYPT }, { credential });
    try {
      expect((await call(fixture.credentials[1])).status).toBe(200);
      // Rotation done: only the new credential stays in the config.
      const text = fs.readFileSync(copy, 'utf8');
      fs.writeFileSync(copy, text.replace(/credentials:\n( {2}- accessKeyId: \S+\n {4}secretAccessKeyFile: \S+\n)/, 'credentials:\n'));
      expect(second.reloadCredentials()).toEqual([fixture.credentials[1].accessKeyId]);
      expectError(await call(fixture.credentials[0]), 401, 'AuthenticationFailedException');
      expect((await call(fixture.credentials[1])).status).toBe(200);
      // A secret file readable by others: refused, and the credential in use keeps working.
      fs.chmodSync(`${fixture.dir}/credential-2`, 0o644);
      expect(() => second.reloadCredentials()).toThrow(/readable by others/);
      expect((await call(fixture.credentials[1])).status).toBe(200);
    } finally {
      fs.chmodSync(`${fixture.dir}/credential-2`, 0o600);
      other.close();
      await second.close();
    }
  });
});

describe('the TLS private key as a systemd credential', () => {
  test('SUVEREN_TLS_KEY_FILE (the tlsKeyFile option) takes the place of server.privateKey', async () => {
    const config = loadProxyConfig(fixture.configFile);
    const second = await startXksProxy(
      {
        ...config,
        server: { ...config.server, port: 0, privateKey: '/nonexistent/server.key' },
        audit: { ...config.audit, file: `${fixture.auditFile}.second` },
      },
      { pin: fixture.hsm.pin, version: 'test', tlsKeyFile: config.server.privateKey },
    );
    const other = new XksClient(second.port, fixture.ca);
    try {
      expect((await other.send('/ping', 'GET', {}, '')).status).toBe(200);
    } finally {
      other.close();
      await second.close();
    }
  });
});

// That unauthenticated callers cannot grow the log is shown under load, in xks-proxy-flood.test.ts (npm run test:load).
describe('the audit log: integrity, and fields of a fixed length', () => {
  test('each record carries a sequence number and the SHA-256 of the line before it; every changed or removed line is reported, not only the first', async () => {
    expect((await capture(['xks-proxy', 'seal', '--config', fixture.configFile, '--reason', 'chain check'])).code).toBe(0);
    await encryptSpecExample().catch(() => undefined);
    expect((await capture(['xks-proxy', 'unseal', '--config', fixture.configFile])).code).toBe(0);
    for (let i = 0; i < 6; i++) await encryptSpecExample();
    const verified = verifyAuditLog(fixture.auditFile, []);
    expect(verified).toMatchObject({ breaks: [], intact: true, firstSeq: 1 });
    expect(verified.lastSeq).toBe(verified.records);
    const cli = await capture(['xks-proxy', 'verify-log', '--config', fixture.configFile]);
    expect(cli).toMatchObject({
      code: 0,
      out: expect.stringMatching(/hash chain: intact\ncheckpoints: none exported: nothing outside this host vouches for the log/),
    });
    const lines = fs.readFileSync(fixture.auditFile, 'utf8').trim().split('\n');
    const copy = `${fixture.auditFile}.tampered`;
    const seqOf = (line: string) => (JSON.parse(line) as { seq: number }).seq;
    // Line 4 changed and line 8 removed: both reported, each naming its first affected record.
    fs.writeFileSync(copy, `${[...lines.slice(0, 3), lines[3].replace(/"time":"\d/, '"time":"9'), ...lines.slice(4, 7), ...lines.slice(8)].join('\n')}\n`);
    expect(verifyAuditLog(copy, []).breaks.map((b) => b.firstAffectedSeq)).toEqual([seqOf(lines[3]), seqOf(lines[7])]);
    fs.rmSync(copy);
  });

  test('every field is cut to a fixed length, whatever a signed caller sends', async () => {
    const longId = 'r'.repeat(3000);
    // A full-length key ARN (the spec allows 2,048 characters) is kept whole.
    const longArn = `arn:aws:kms:eu-north-1:333333333333:key/${'k'.repeat(1900)}`;
    const answer = await client.call(
      keyPath('encrypt'),
      { requestMetadata: s3Metadata('Encrypt', { kmsRequestId: longId, kmsKeyArn: longArn }), ...SPEC_ENCRYPT },
      signed(),
    );
    expect(answer.status).toBe(200);
    const last = JSON.parse(fs.readFileSync(fixture.auditFile, 'utf8').trim().split('\n').pop()!) as Record<string, string>;
    expect(last.kmsRequestId).toBe(`${'r'.repeat(2048)}...(952 more characters)`);
    expect(last.kmsKeyArn).toBe(longArn);
  });
});
