import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as net from 'node:net';
import { parse, stringify } from 'yaml';
import { run } from '../../lib/cli/main';
import { Pkcs11Token } from '@suveren/premises/pkcs11/token';
import { type SoftHsmToken, createSoftHsmToken } from './softhsm';
import { loadProxyConfig } from '@suveren/premises/xks-proxy/proxy-config';
import { type RunningProxy, startXksProxy } from '@suveren/premises/xks-proxy/server';
import { type XksCredential, XksClient, makeServerCertificate } from './xks-client';

/*
 * An XKS proxy's world on this machine: a SoftHSM token with the tenant's external key,
 * a health-check key and a key made for key wrap only; a TLS certificate; two SigV4
 * credentials (rotation); and the proxy config that ties them together, written as an
 * operator would write it.
 */

export const TENANT_ROLE = 'arn:aws:iam::333333333333:role/Suveren-Tenant-arkiv-UploadApiPresign';
export const VIA_S3 = 's3.eu-north-1.amazonaws.com';
export const EXTERNAL_KEY = 'arkiv-2026-12';
export const URI_PATH = '/keystores/arkiv/kms/xks/v1';
/** The replica's external key store in eu-west-1 (docs/continuity.md), served by the same proxy: its path and its S3. */
export const REPLICA_URI_PATH = '/keystores/arkiv-west/kms/xks/v1';
export const REPLICA_VIA_S3 = 's3.eu-west-1.amazonaws.com';

/** The spec's Encrypt example (API section): AAD and a CDIV requested. Its metadata is the tenant's, via S3. */
export const SPEC_ENCRYPT = {
  additionalAuthenticatedData: 'cHJvamVjdD1uaWxlLGRlcGFydG1lbnQ9bWFya2V0aW5n',
  plaintext: 'SGVsbG8gV29ybGQh',
  encryptionAlgorithm: 'AES_GCM',
  ciphertextDataIntegrityValueAlgorithm: 'SHA_256',
};

export interface XksFixture {
  readonly dir: string;
  readonly configFile: string;
  readonly hsm: SoftHsmToken;
  readonly ca: Buffer;
  readonly credentials: readonly [XksCredential, XksCredential];
  readonly auditFile: string;
  readonly killSwitchFile: string;
  remove(): void;
}

/**
 * AWS's XKS test client's encrypt-only, decrypt-only and impotent keys, made as an operator
 * makes them for its `-a` run: `suveren keygen --pkcs11 --usage …`.
 */
export const KEYS_BY_USAGE = {
  'encrypt-only': { encrypt: true, decrypt: false, usage: 'encrypt-only' },
  'decrypt-only': { encrypt: false, decrypt: true, usage: 'decrypt-only' },
  impotent: { encrypt: false, decrypt: false, usage: 'none' },
} as const;

async function generateKeysByUsage(hsm: SoftHsmToken): Promise<void> {
  const previous = process.env.SUVEREN_PKCS11_PIN;
  process.env.SUVEREN_PKCS11_PIN = hsm.pin;
  try {
    for (const [label, { usage }] of Object.entries(KEYS_BY_USAGE)) {
      let err = '';
      const code = await run(
        ['keygen', '--pkcs11', '--pkcs11-module', hsm.modulePath, '--token', hsm.tokenLabel, '--key-label', label, '--usage', usage],
        {
          out: () => undefined,
          err: (t) => (err += t),
        },
        false,
      );
      if (code !== 0) throw new Error(`suveren keygen --usage ${usage} failed: ${err}`);
    }
  } finally {
    if (previous === undefined) delete process.env.SUVEREN_PKCS11_PIN;
    else process.env.SUVEREN_PKCS11_PIN = previous;
  }
}

export async function createXksFixture(port = 0): Promise<XksFixture> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-xks-'));
  const hsm = createSoftHsmToken('xks', '246810');
  const token = Pkcs11Token.open(hsm);
  try {
    token.generateAesKey(EXTERNAL_KEY, 'CKM_AES_GCM');
    token.generateAesKey('xks-health', 'CKM_AES_GCM');
    token.generateAesKey('wrap-only', 'CKM_AES_KEY_WRAP_PAD');
  } finally {
    token.close();
  }
  await generateKeysByUsage(hsm);
  const tls = makeServerCertificate(dir);
  const credentials = [
    { accessKeyId: 'KMSXKSCURRENTCREDENTIAL2345', secretAccessKey: 'Yf3M0tq8YVwzQyZ3hJ6X3n9Kc1pVqkO1aG8c2b7e5dQ=' },
    { accessKeyId: 'KMSXKSNEXTCREDENTIAL234567', secretAccessKey: 'p0Q9mX2vT7nC4bR8sL1wE6yU3iO5aZ0kJ7hG2fD9sA4=' },
  ] as const;
  credentials.forEach((credential, i) => fs.writeFileSync(path.join(dir, `credential-${i + 1}`), `${credential.secretAccessKey}\n`, { mode: 0o600 }));
  // `s3` is S3 in the region of the store a request came to: the replica store's S3 there, the primary's here.
  const allow = { principals: ['arn:aws:iam::333333333333:role/Suveren-Tenant-arkiv-*'], viaServices: [VIA_S3, 's3'] };
  const config = {
    server: { host: '127.0.0.1', port, certificate: 'server.crt', privateKey: 'server.key' },
    uriPath: URI_PATH,
    region: 'eu-north-1',
    replicaStores: [{ uriPath: REPLICA_URI_PATH, region: 'eu-west-1' }],
    credentials: credentials.map((credential, i) => ({ accessKeyId: credential.accessKeyId, secretAccessKeyFile: `credential-${i + 1}` })),
    hsm: { pkcs11Module: hsm.modulePath, token: hsm.tokenLabel, healthCheckKey: 'xks-health' },
    keys: [
      { externalKeyId: EXTERNAL_KEY, allow },
      { externalKeyId: 'wrap-only', allow },
      { externalKeyId: 'not-in-hsm', allow },
      ...Object.keys(KEYS_BY_USAGE).map((externalKeyId) => ({ externalKeyId, allow })),
    ],
    audit: { file: 'audit/xks-audit.jsonl' },
    killSwitch: { file: 'state/SEALED' },
  };
  const configFile = path.join(dir, 'xks-proxy.yaml');
  fs.writeFileSync(configFile, stringify(config));
  return {
    dir,
    configFile,
    hsm,
    ca: tls.pem,
    credentials,
    auditFile: path.join(dir, 'audit', 'xks-audit.jsonl'),
    killSwitchFile: path.join(dir, 'state', 'SEALED'),
    remove: () => {
      hsm.remove();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** requestMetadata as KMS sends it for S3 on behalf of the tenant's role. */
export function s3Metadata(kmsOperation: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    awsPrincipalArn: TENANT_ROLE,
    kmsKeyArn: 'arn:aws:kms:eu-north-1:333333333333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    kmsOperation,
    kmsRequestId: `${kmsOperation.toLowerCase()}-4112f4d6-db54-4af4-ae30-c55a22a8dfae`,
    kmsViaService: VIA_S3,
    ...overrides,
  };
}

/** A remote syslog on 127.0.0.1 for checkpoints: RFC 6587 octet-counted frames over TCP, one message a line in `file`. */
export function startSyslogSink(file: string): Promise<net.Server> {
  const server = net.createServer((socket) => {
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const space = buffer.indexOf(0x20);
        if (space < 0) break;
        const length = Number(buffer.subarray(0, space).toString());
        if (buffer.length < space + 1 + length) break;
        fs.appendFileSync(file, `${buffer.subarray(space + 1, space + 1 + length).toString()}\n`);
        buffer = buffer.subarray(space + 1 + length);
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export const CHECKPOINT_KEY = 'xks-audit-checkpoint';

/**
 * Adds audit checkpoints to the fixture's proxy config as an operator would: the stores,
 * then `suveren xks-proxy checkpoint-key` to make the HSM key pair and publish its public
 * half. Returns the command's output.
 */
export async function configureCheckpoints(
  fixture: XksFixture,
  stores: { readonly s3?: Record<string, unknown>; readonly syslog?: { host: string; port: number } },
  everyRecords = 1000,
): Promise<string> {
  const config = parse(fs.readFileSync(fixture.configFile, 'utf8')) as Record<string, Record<string, unknown>>;
  config.audit.checkpoints = { signingKey: CHECKPOINT_KEY, publicKey: 'audit-checkpoint.pem', everyRecords, everySeconds: 3_600, ...stores };
  fs.writeFileSync(fixture.configFile, stringify(config));
  const previous = process.env.SUVEREN_PKCS11_PIN;
  process.env.SUVEREN_PKCS11_PIN = fixture.hsm.pin;
  let out = '';
  let err = '';
  try {
    const code = await run(['xks-proxy', 'checkpoint-key', '--config', fixture.configFile], { out: (t) => (out += t), err: (t) => (err += t) }, false);
    if (code !== 0) throw new Error(`suveren xks-proxy checkpoint-key failed: ${err}`);
  } finally {
    if (previous === undefined) delete process.env.SUVEREN_PKCS11_PIN;
    else process.env.SUVEREN_PKCS11_PIN = previous;
  }
  return out;
}

/** A fresh fixture, the proxy serving it in this process, and a client of that proxy. */
export interface InProcessProxy {
  readonly fixture: XksFixture;
  readonly proxy: RunningProxy;
  readonly client: XksClient;
}

export async function startInProcessProxy(): Promise<InProcessProxy> {
  const fixture = await createXksFixture();
  const proxy = await startXksProxy(loadProxyConfig(fixture.configFile), { pin: fixture.hsm.pin, version: 'test' });
  return { fixture, proxy, client: new XksClient(proxy.port, fixture.ca) };
}

/** Stops what startInProcessProxy started; a part is missing where starting failed. */
export async function stopInProcessProxy(started: Partial<InProcessProxy>): Promise<void> {
  started.client?.close();
  await started.proxy?.close();
  started.fixture?.remove();
}
