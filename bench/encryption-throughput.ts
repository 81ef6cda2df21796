import { createCipheriv, randomBytes } from 'node:crypto';
import { Readable, Writable, type Duplex, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { performance } from 'node:perf_hooks';
import { encryptingStream, tenantKeyring } from '../lib/client-side/stream-encryption';

/*
 * Client-side encryption throughput of the stage `suveren upload` runs (the Encryption
 * SDK stream with suveren's suite and frame size) against raw AES-256-GCM from
 * node:crypto over the same data in the same run.
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

export async function encryptionThroughput(mib = 256): Promise<{ esdkMiBs: number; rawMiBs: number; ratio: number }> {
  const keyring = tenantKeyring('bench', randomBytes(32));
  const identity = { tenantId: 'bench', objectKey: 'objects/bench', classification: 'secret' };
  const key = randomBytes(32);
  // One warm-up each, then the median of three.
  const runs = async (stage: () => Duplex | Transform) => {
    await measure(16, stage);
    const results = [await measure(mib, stage), await measure(mib, stage), await measure(mib, stage)].sort((a, b) => a - b);
    return results[1];
  };
  const esdkMiBs = await runs(() => encryptingStream(keyring, identity));
  const rawMiBs = await runs(() => createCipheriv('aes-256-gcm', key, randomBytes(12)));
  return { esdkMiBs, rawMiBs, ratio: esdkMiBs / rawMiBs };
}
