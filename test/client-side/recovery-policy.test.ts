import { randomBytes } from 'node:crypto';
import { checkClientSideKeys } from '@suveren/premises/client-side/transfer';
import { tenantKeyring } from '@suveren/premises/client-side/stream-encryption';

/* When a client-side upload may run: the decisions `suveren upload` makes before it encrypts or sends anything. */

const primaryKey = tenantKeyring('arkiv-2026', randomBytes(32));
const fingerprint = `sha256:${'ab'.repeat(32)}`;
const other = `sha256:${'cd'.repeat(32)}`;
const recovery = (f: string) => ({ keyring: primaryKey, fingerprint: f });

test.each([
  ['no primary key', {}, {}, /encrypts on the client: pass --key <tenant key file>, or --pkcs11-module, --token and --key-label/],
  [
    'no recovery key, none configured',
    {},
    { primaryKey },
    /has no recovery key: if the primary key is lost, this object is lost with it\. .* or pass --no-recovery to accept the risk/,
  ],
  [
    'no recovery key, one configured',
    { recoveryKeyFingerprint: fingerprint },
    { primaryKey },
    /requires every object to be wrapped for its recovery key sha256:abababababababab…abab: pass --recovery-public-key/,
  ],
  [
    '--no-recovery where one is configured',
    { recoveryKeyFingerprint: fingerprint },
    { primaryKey, recovery: 'declined' as const },
    /and --no-recovery was given: the object would be quarantined/,
  ],
  [
    'another recovery key than the configured one',
    { recoveryKeyFingerprint: fingerprint },
    { primaryKey, recovery: recovery(other) },
    /but sha256:cdcdcdcdcdcdcdcd…cdcd was supplied/,
  ],
])('refused: %s', (_name, slot, options, message) => {
  expect(() => checkClientSideKeys('skatteetaten-arkiv', slot, options)).toThrow(message);
});

test.each([
  ['the configured recovery key', { recoveryKeyFingerprint: fingerprint }, { primaryKey, recovery: recovery(fingerprint) }],
  ['a recovery key where none is configured', {}, { primaryKey, recovery: recovery(other) }],
  ['an explicit --no-recovery where none is configured', {}, { primaryKey, recovery: 'declined' as const }],
])('allowed: %s', (_name, slot, options) => {
  expect(() => checkClientSideKeys('skatteetaten-arkiv', slot, options)).not.toThrow();
});
