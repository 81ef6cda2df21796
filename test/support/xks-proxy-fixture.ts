import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stringify } from 'yaml';
import * as pkcs11js from 'pkcs11js';
import { Pkcs11Token } from '../../lib/premises/pkcs11/token';
import { type SoftHsmToken, createSoftHsmToken } from './softhsm';
import { type XksCredential, makeServerCertificate } from './xks-client';

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
 * Test fixtures, not a product flag: AES-256 keys the HSM lets only encrypt, only decrypt,
 * or neither (AWS's XKS test client's encrypt-only, decrypt-only and impotent keys), made
 * with raw PKCS#11 since `suveren keygen` only ever makes keys that work both ways.
 */
export const KEYS_BY_USAGE = {
  'encrypt-only': { encrypt: true, decrypt: false },
  'decrypt-only': { encrypt: false, decrypt: true },
  impotent: { encrypt: false, decrypt: false },
} as const;

function generateKeysByUsage(hsm: SoftHsmToken): void {
  const module = new pkcs11js.PKCS11();
  module.load(hsm.modulePath);
  module.C_Initialize();
  try {
    const slot = module.C_GetSlotList(true).find((s) => module.C_GetTokenInfo(s).label.trim() === hsm.tokenLabel)!;
    const session = module.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION | pkcs11js.CKF_RW_SESSION);
    module.C_Login(session, pkcs11js.CKU_USER, hsm.pin);
    for (const [label, usage] of Object.entries(KEYS_BY_USAGE)) {
      module.C_GenerateKey(session, { mechanism: pkcs11js.CKM_AES_KEY_GEN }, [
        { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_SECRET_KEY },
        { type: pkcs11js.CKA_KEY_TYPE, value: pkcs11js.CKK_AES },
        { type: pkcs11js.CKA_VALUE_LEN, value: 32 },
        { type: pkcs11js.CKA_LABEL, value: label },
        { type: pkcs11js.CKA_TOKEN, value: true },
        { type: pkcs11js.CKA_PRIVATE, value: true },
        { type: pkcs11js.CKA_SENSITIVE, value: true },
        { type: pkcs11js.CKA_EXTRACTABLE, value: false },
        { type: pkcs11js.CKA_ENCRYPT, value: usage.encrypt },
        { type: pkcs11js.CKA_DECRYPT, value: usage.decrypt },
        { type: pkcs11js.CKA_WRAP, value: false },
        { type: pkcs11js.CKA_UNWRAP, value: false },
      ]);
    }
    module.C_Logout(session);
    module.C_CloseSession(session);
  } finally {
    module.C_Finalize();
    module.close();
  }
}

export function createXksFixture(port = 0): XksFixture {
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
  generateKeysByUsage(hsm);
  const tls = makeServerCertificate(dir);
  const credentials = [
    { accessKeyId: 'KMSXKSCURRENTCREDENTIAL2345', secretAccessKey: 'Yf3M0tq8YVwzQyZ3hJ6X3n9Kc1pVqkO1aG8c2b7e5dQ=' },
    { accessKeyId: 'KMSXKSNEXTCREDENTIAL234567', secretAccessKey: 'p0Q9mX2vT7nC4bR8sL1wE6yU3iO5aZ0kJ7hG2fD9sA4=' },
  ] as const;
  credentials.forEach((credential, i) => fs.writeFileSync(path.join(dir, `credential-${i + 1}`), `${credential.secretAccessKey}\n`, { mode: 0o600 }));
  const allow = { principals: ['arn:aws:iam::333333333333:role/Suveren-Tenant-arkiv-*'], viaServices: [VIA_S3] };
  const config = {
    server: { host: '127.0.0.1', port, certificate: 'server.crt', privateKey: 'server.key' },
    uriPath: URI_PATH,
    region: 'eu-north-1',
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
