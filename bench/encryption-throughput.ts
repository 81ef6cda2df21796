import { createCipheriv, generateKeyPairSync, randomBytes } from 'node:crypto';
import { Readable, Writable, type Duplex, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { performance } from 'node:perf_hooks';
import { RECOVERY_KEY_BITS, checkRecoveryPublicKey } from '@suveren/core/contracts/recovery-key';
import { type NamedKeyring, encryptingKeyring, recoveryWrappingKeyring } from '@suveren/premises/client-side/keyrings';
import { Pkcs11KeyringNode } from '@suveren/premises/client-side/pkcs11-keyring';
import { encryptingStream, tenantKeyring } from '@suveren/premises/client-side/stream-encryption';
import { Pkcs11Token } from '@suveren/premises/pkcs11/token';
import { createSoftHsmToken } from '../test/support/softhsm';

/*
 * Client-side encryption throughput of the stage `suveren upload` runs (the Encryption
 * SDK stream with suveren's suite and frame size) against raw AES-256-GCM from
 * node:crypto over the same data in the same run, for each primary key: a key file,
 * an AES key in SoftHSM through PKCS#11, and the HSM key with the RSA-4096 recovery
 * wrap that every upload adds.
 */

const CHUNK = randomBytes(1024 * 1024);

function source(mib: number): Readable {
  let left = mib;
  return new Readable({
    read() {
      this.push(left-- > 0 ? CHUNK : null);
    },
  });
}

const sink = () =>
  new Writable({
    write(_chunk, _encoding, done) {
      done();
    },
  });

async function measure(mib: number, stage: () => Duplex | Transform): Promise<number> {
  const start = performance.now();
  await pipeline(source(mib), stage(), sink());
  return (mib / (performance.now() - start)) * 1000;
}

export interface EncryptionRow {
  readonly variant: string;
  readonly miBs: number;
  readonly ratio: number;
  /** PKCS#11 wrap calls per message, and their mean duration. */
  readonly hsmCallsPerMessage?: number;
  readonly msPerHsmCall?: number;
}

export interface EncryptionThroughput {
  readonly fileMiB: number;
  readonly rawMiBs: number;
  readonly rows: readonly EncryptionRow[];
  /** The key-file row's figures, under the names earlier results used. */
  readonly esdkMiBs: number;
  readonly ratio: number;
}

export async function encryptionThroughput(mib = 256): Promise<EncryptionThroughput> {
  const identity = { tenantId: 'bench', objectKey: 'objects/bench', classification: 'secret' };
  const hsm = createSoftHsmToken('bench-hsm', '246810');
  const token = Pkcs11Token.open(hsm);
  try {
    const hsmKeyring = new Pkcs11KeyringNode(token.generateAesKey('bench-2026'));
    const hsmPrimary: NamedKeyring = { keyring: hsmKeyring, description: hsmKeyring.description };
    const { publicKey } = generateKeyPairSync('rsa', {
      modulusLength: RECOVERY_KEY_BITS,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    const check = checkRecoveryPublicKey(publicKey);
    if (!check.ok) throw new Error(check.reason);
    const recovery = recoveryWrappingKeyring(publicKey, check.fingerprint);
    const key = randomBytes(32);
    const variants: { name: string; stage: () => Duplex | Transform; hsm: boolean }[] = [
      { name: 'raw AES-256-GCM (node:crypto)', stage: () => createCipheriv('aes-256-gcm', key, randomBytes(12)), hsm: false },
      { name: 'key file (AES-256 raw keyring)', stage: () => encryptingStream(tenantKeyring('bench', randomBytes(32)).keyring, identity), hsm: false },
      { name: 'HSM key (PKCS#11 keyring, SoftHSM, CKM_AES_GCM)', stage: () => encryptingStream(hsmKeyring, identity), hsm: true },
      { name: 'HSM key + RSA-4096 recovery wrap', stage: () => encryptingStream(encryptingKeyring(hsmPrimary, recovery), identity), hsm: true },
    ];
    // Warm-up: the Encryption SDK side reaches its speed only after V8 has optimized its frame loop.
    for (const variant of variants) await measure(64, variant.stage);
    hsmKeyring.stats.calls = 0;
    hsmKeyring.stats.milliseconds = 0;
    // Alternate the variants, five rounds, and compare medians: a slow moment of the
    // machine (GC, another process, frequency scaling) then hits every side alike.
    const runs = variants.map(() => [] as number[]);
    let hsmMessages = 0;
    for (let round = 0; round < 5; round++) {
      for (const [i, variant] of variants.entries()) {
        runs[i].push(await measure(mib, variant.stage));
        if (variant.hsm) hsmMessages += 1;
      }
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const rawMiBs = median(runs[0]);
    const rows: EncryptionRow[] = variants.slice(1).map((variant, i) => {
      const miBs = median(runs[i + 1]);
      return {
        variant: variant.name,
        miBs,
        ratio: miBs / rawMiBs,
        ...(variant.hsm
          ? { hsmCallsPerMessage: hsmKeyring.stats.calls / hsmMessages, msPerHsmCall: hsmKeyring.stats.milliseconds / hsmKeyring.stats.calls }
          : {}),
      };
    });
    return { fileMiB: mib, rawMiBs, rows, esdkMiBs: rows[0].miBs, ratio: rows[0].ratio };
  } finally {
    token.close();
    hsm.remove();
  }
}
