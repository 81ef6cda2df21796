import { createCipheriv, randomBytes } from 'node:crypto';
import { Readable, Writable, type Duplex, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { performance } from 'node:perf_hooks';
import { encryptingStream, tenantKeyring } from '../lib/premises/client-side/stream-encryption';

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

export async function encryptionThroughput(mib = 128): Promise<{ esdkMiBs: number; rawMiBs: number; ratio: number }> {
  const { keyring } = tenantKeyring('bench', randomBytes(32));
  const identity = { tenantId: 'bench', objectKey: 'objects/bench', classification: 'secret' };
  const key = randomBytes(32);
  const esdk = () => encryptingStream(keyring, identity);
  const raw = () => createCipheriv('aes-256-gcm', key, randomBytes(12));
  await measure(16, esdk);
  await measure(16, raw);
  // Alternate the two, five rounds, and compare medians: a slow moment of the machine
  // (GC, another process, frequency scaling) then hits both sides alike.
  const esdkRuns: number[] = [];
  const rawRuns: number[] = [];
  for (let round = 0; round < 5; round++) {
    esdkRuns.push(await measure(mib, esdk));
    rawRuns.push(await measure(mib, raw));
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const esdkMiBs = median(esdkRuns);
  const rawMiBs = median(rawRuns);
  return { esdkMiBs, rawMiBs, ratio: esdkMiBs / rawMiBs };
}
