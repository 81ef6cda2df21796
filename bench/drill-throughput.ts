import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CreateBucketCommand, PutBucketVersioningCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startMotoServer } from '../test/support/moto-server';

/*
 * `suveren continuity drill` as a user runs it: the built CLI in its own process (Node
 * start-up included) against a data bucket and its replica on one moto_server, every
 * object in the sample. Per object it reads the replica back whole (SHA-256 and CRC64NVME
 * over every byte) and asks HeadObject of the source; the figure is objects verified per
 * second. The fixtures put each object into the replica as S3 replication would (moto
 * never replicates).
 */

const ROOT = path.join(__dirname, '..');

export interface DrillThroughput {
  readonly objects: number;
  readonly objectKiB: number;
  readonly seconds: number;
  readonly objectsPerSecond: number;
  readonly miBs: number;
}

export async function drillThroughput(objects = 200, objectKiB = 256): Promise<DrillThroughput> {
  // moto_server's child process is unref'd: keep this process alive until the measurement ends.
  const alive = setInterval(() => undefined, 1000);
  const moto = await startMotoServer({ accountId: '333333333331' });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-bench-drill-'));
  try {
    const credentials = { accessKeyId: 'bench', secretAccessKey: 'bench' };
    const client = (region: string) =>
      new S3Client({ endpoint: moto.endpoint, region, forcePathStyle: true, credentials, requestChecksumCalculation: 'WHEN_REQUIRED' });
    const buckets = [
      { s3: client('eu-north-1'), name: 'suveren-bench-drill-data', region: 'eu-north-1' },
      { s3: client('eu-west-1'), name: 'suveren-bench-drill-replica', region: 'eu-west-1' },
    ] as const;
    for (const b of buckets) {
      await b.s3.send(new CreateBucketCommand({ Bucket: b.name, CreateBucketConfiguration: { LocationConstraint: b.region } }));
      await b.s3.send(new PutBucketVersioningCommand({ Bucket: b.name, VersioningConfiguration: { Status: 'Enabled' } }));
    }
    for (let i = 0; i < objects; i++) {
      const body = randomBytes(objectKiB * 1024);
      for (const b of buckets)
        await b.s3.send(
          new PutObjectCommand({
            Bucket: b.name,
            Key: `objects/bench-${i}.bin`,
            Body: body,
            Tagging: 'suveren:inspection=accepted',
            ChecksumAlgorithm: 'CRC64NVME',
          }),
        );
    }
    const [data, replica] = buckets;
    const start = performance.now();
    // Not spawnSync: moto_server's request log drains through this process, which must keep reading it
    // (a blocked parent fills the pipe after a few hundred requests, and moto stops answering).
    const child = spawn(
      process.execPath,
      [
        path.join(ROOT, 'bin', 'suveren-cli.js'),
        'continuity',
        'drill',
        '--tenant',
        'bench',
        '--bucket',
        data.name,
        '--replica-bucket',
        replica.name,
        '--replica-region',
        replica.region,
        '--sample',
        String(objects),
      ],
      {
        env: {
          PATH: process.env.PATH,
          HOME: tmp,
          AWS_ENDPOINT_URL: moto.endpoint,
          AWS_REGION: data.region,
          AWS_ACCESS_KEY_ID: 'bench',
          AWS_SECRET_ACCESS_KEY: 'bench',
          NODE_NO_WARNINGS: '1',
        },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const seconds = (performance.now() - start) / 1000;
    if (status !== 0) throw new Error(`suveren continuity drill failed: ${stderr}`);
    if (!stdout.includes(`passed: ${objects} of ${objects} sampled replicas verified`)) throw new Error(`the drill did not verify every object: ${stdout}`);
    return { objects, objectKiB, seconds, objectsPerSecond: objects / seconds, miBs: (objects * objectKiB) / 1024 / seconds };
  } finally {
    await moto.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
    clearInterval(alive);
  }
}
