import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { ConfigError } from '@suveren/core/config/load';
import { USAGE } from '../../lib/cli/usage';
import { parseProxyConfig } from '@suveren/premises/xks-proxy/proxy-config';
import { REPO_ROOT } from '../helpers';

/* The XKS proxy's config is validated like the landing-zone config: the file, the line, the field and the fix. */

const valid = {
  server: { port: 8443, certificate: 'tls/server.crt', privateKey: 'tls/server.key' },
  uriPath: '/keystores/arkiv/kms/xks/v1',
  region: 'eu-north-1',
  credentials: [{ accessKeyId: 'KMSXKSCURRENTCREDENTIAL2345', secretAccessKeyFile: 'credential-1' }],
  hsm: { pkcs11Module: '/usr/lib/softhsm/libsofthsm2.so', token: 'xks', healthCheckKey: 'xks-health' },
  keys: [
    {
      externalKeyId: 'arkiv-2026-12',
      allow: { principals: ['arn:aws:iam::333333333333:role/Suveren-Tenant-arkiv-*'], viaServices: ['s3.eu-north-1.amazonaws.com'] },
    },
  ],
  audit: { file: '/var/log/suveren/xks-audit.jsonl' },
  killSwitch: { file: '/var/lib/suveren/xks/SEALED' },
};

function problems(document: unknown): string[] {
  try {
    parseProxyConfig(stringify(document), 'xks-proxy.yaml', '/etc/suveren/xks');
  } catch (e) {
    if (e instanceof ConfigError) return e.message.split('\n').slice(1);
    throw e;
  }
  throw new Error('expected a ConfigError');
}

test('a valid config resolves relative paths against its directory and fills defaults', () => {
  const config = parseProxyConfig(stringify(valid), 'xks-proxy.yaml', '/etc/suveren/xks');
  expect(config.server).toEqual({
    exemptSources: [],
    hostNames: [],
    perSourceLimit: 64,
    host: '0.0.0.0',
    port: 8443,
    certificate: '/etc/suveren/xks/tls/server.crt',
    privateKey: '/etc/suveren/xks/tls/server.key',
    maxConnections: 1024,
  });
  expect(config.credentials[0].secretAccessKeyFile).toBe('/etc/suveren/xks/credential-1');
  expect(config.keys[0].allow.kmsOperations).toContain('GenerateDataKey');
  expect(config.keys[0].allow.directOperations).toEqual(['CreateKey', 'DescribeKey']);
  expect(config.replicaStores).toEqual([]);
});

test.each([
  ['a region outside the EU', { ...valid, region: 'us-east-1' }, /^ {2}xks-proxy\.yaml:\d+:\d+: region: us-east-1 is not an EU region/],
  ['a path KMS would refuse', { ...valid, uriPath: '/kms/xks/v2' }, /uriPath: must be \[\/<prefix>\]\/kms\/xks\/v1/],
  [
    'three credentials',
    { ...valid, credentials: [...valid.credentials, ...valid.credentials, ...valid.credentials] },
    /credentials: at most two credentials at once/,
  ],
  [
    'an access key id KMS would refuse',
    { ...valid, credentials: [{ accessKeyId: 'short', secretAccessKeyFile: 'x' }] },
    /credentials\[0\]\.accessKeyId: expected 20-30 characters of A-Z and 2-7/,
  ],
  [
    'a secret in the config',
    { ...valid, credentials: [{ ...valid.credentials[0], secretAccessKey: 'x' }] },
    /credentials\[0\]\.secretAccessKey: unknown key "secretAccessKey"/,
  ],
  [
    'the health-check key served to KMS',
    { ...valid, keys: [{ ...valid.keys[0], externalKeyId: 'xks-health' }] },
    /keys\[0\]\.externalKeyId: is the health-check key/,
  ],
  [
    'a key without principals',
    { ...valid, keys: [{ externalKeyId: 'k', allow: { principals: [], viaServices: ['s3.eu-north-1.amazonaws.com'] } }] },
    /keys\[0\]\.allow\.principals: list at least one principal/,
  ],
  ...['s3.amazonaws.com', 'S3', 's3.eu-north-1.amazonaws.com.evil', '*'].map((via): [string, unknown, RegExp] => [
    `a via-service that is neither a service name nor kms:ViaService (${via})`,
    { ...valid, keys: [{ externalKeyId: 'k', allow: { principals: ['arn:aws:iam::333333333333:role/r'], viaServices: [via] } }] },
    /keys\[0\]\.allow\.viaServices\[0\]: expected a service name such as s3 \(in the proxy's region\), or a kms:ViaService value/,
  ]),
  [
    "a replica store on the primary store's path: a request is routed by its path alone",
    { ...valid, replicaStores: [{ uriPath: valid.uriPath, region: 'eu-west-1' }] },
    /replicaStores\[0\]\.uriPath: is uriPath's path too: give each key store a path of its own/,
  ],
  [
    "a replica store whose path lies under the primary store's",
    { ...valid, replicaStores: [{ uriPath: '/keystores/arkiv/kms/xks/v1/west/kms/xks/v1', region: 'eu-west-1' }] },
    /replicaStores\[0\]\.uriPath: lies under uriPath's path \/keystores\/arkiv\/kms\/xks\/v1, or it under this one/,
  ],
  [
    "a replica store in the primary store's region",
    { ...valid, replicaStores: [{ uriPath: '/keystores/arkiv-west/kms/xks/v1', region: 'eu-north-1' }] },
    /replicaStores\[0\]\.region: is the region of the primary store \(region\); a replica store is in the replica region/,
  ],
  [
    'a replica store outside the EU',
    { ...valid, replicaStores: [{ uriPath: '/west/kms/xks/v1', region: 'us-east-1' }] },
    /replicaStores\[0\]\.region: us-east-1 is not an EU region/,
  ],
  [
    'a kmsKeyArns entry that is not a key ARN (an alias)',
    { ...valid, keys: [{ ...valid.keys[0], allow: { ...valid.keys[0].allow, kmsKeyArns: ['arn:aws:kms:eu-north-1:333333333333:alias/suveren/arkiv'] } }] },
    /keys\[0\]\.allow\.kmsKeyArns\[0\]: expected a KMS key ARN/,
  ],
])('refuses %s', (_name, document, message) => {
  expect(problems(document).join('\n')).toMatch(message);
});

test('the systemd unit passes systemd-analyze verify and starts the proxy the way the CLI names it', () => {
  const unit = path.join(REPO_ROOT, 'deploy', 'systemd', 'suveren-xks-proxy.service');
  const verified = spawnSync('systemd-analyze', ['verify', unit], { encoding: 'utf8' });
  expect(verified.error).toBeUndefined();
  expect(verified.stderr).toBe('');
  const text = fs.readFileSync(unit, 'utf8');
  expect(text).toMatch(
    /^ExecStart=\/usr\/bin\/node \/opt\/suveren\/lib\/node_modules\/suveren-premises\/bin\/suveren\.js xks-proxy serve --config \/etc\/suveren\/xks\/xks-proxy\.yaml$/m,
  );
  expect(text).toMatch(/^Environment=SUVEREN_PKCS11_PIN_FILE=%d\/pkcs11-pin$/m);
  // The TLS private key is a credential as the PIN is, and system calls are filtered.
  expect(text).toMatch(/^LoadCredential=tls-key:\/etc\/suveren\/xks\/server\.key$/m);
  expect(text).toMatch(/^Environment=SUVEREN_TLS_KEY_FILE=%d\/tls-key$/m);
  expect(text).toMatch(/^SystemCallFilter=@system-service$/m);
  expect(text).toMatch(/^SystemCallFilter=~@privileged @mount @debug @module/m);
  expect(text).toMatch(/^LimitCORE=0$/m);
  // Past the proxy's own 3 s shutdown deadline (it writes `stopped`), systemd kills it.
  expect(text).toMatch(/^TimeoutStopSec=10s$/m);
  expect(USAGE).toContain('xks-proxy serve | seal | unseal | check-config | verify-log | checkpoint-key | credential --config <proxy.yaml>');
});
