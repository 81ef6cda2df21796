import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { CreateBucketCommand, GetObjectCommand, PutBucketVersioningCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startMotoServer } from '../test/support/moto-server';

/*
 * `suveren export` against plain S3 GETs of the same objects from the same moto_server,
 * in the same run: the built CLI in its own process (Node start-up included: what a user
 * runs), against GetObject streamed to a file by one S3 client. The difference is the
 * export's own work: version listing, a tag read and a HeadObject per version, SHA-256
 * and CRC64NVME over every byte, fsync, the manifest.
 */

const ROOT = path.join(__dirname, '..');

export interface ExportThroughput {
  readonly objects: number;
  readonly objectMiB: number;
  readonly plainGetMiBs: number;
  readonly exportMiBs: number;
  readonly ratio: number;
}

export async function exportThroughput(objects = 8, objectMiB = 32): Promise<ExportThroughput> {
  // moto_server's child process is unref'd: keep this process alive until the measurement ends.
  const alive = setInterval(() => undefined, 1000);
  const moto = await startMotoServer({ accountId: '333333333331' });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-bench-export-'));
  try {
    const credentials = { accessKeyId: 'bench', secretAccessKey: 'bench' };
    const s3 = new S3Client({ endpoint: moto.endpoint, region: 'eu-north-1', forcePathStyle: true, credentials, requestChecksumCalculation: 'WHEN_REQUIRED' });
    const bucket = 'suveren-bench-export';
    await s3.send(new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: { LocationConstraint: 'eu-north-1' } }));
    await s3.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    const keys = Array.from({ length: objects }, (_, i) => `objects/bench-${i}.bin`);
    for (const key of keys)
      await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: randomBytes(objectMiB * 1024 * 1024),
          Tagging: 'suveren:inspection=accepted',
          ChecksumAlgorithm: 'CRC64NVME',
        }),
      );
    const totalMiB = objects * objectMiB;

    const plainDir = fs.mkdtempSync(path.join(tmp, 'plain-'));
    const plainStart = performance.now();
    for (const key of keys) {
      const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      await pipeline(object.Body as NodeJS.ReadableStream, fs.createWriteStream(path.join(plainDir, path.basename(key))));
    }
    const plainS = (performance.now() - plainStart) / 1000;

    const exportStart = performance.now();
    const run = spawnSync(
      process.execPath,
      [path.join(ROOT, 'bin', 'suveren-cli.js'), 'export', '--tenant', 'bench', '--bucket', bucket, '--out', path.join(tmp, 'export'), '--quiet'],
      {
        encoding: 'utf8',
        env: {
          PATH: process.env.PATH,
          HOME: tmp,
          AWS_ENDPOINT_URL: moto.endpoint,
          AWS_REGION: 'eu-north-1',
          AWS_ACCESS_KEY_ID: 'bench',
          AWS_SECRET_ACCESS_KEY: 'bench',
          NODE_NO_WARNINGS: '1',
        },
      },
    );
    const exportS = (performance.now() - exportStart) / 1000;
    if (run.status !== 0) throw new Error(`suveren export failed: ${run.stderr}`);
    return { objects, objectMiB, plainGetMiBs: totalMiB / plainS, exportMiBs: totalMiB / exportS, ratio: plainS / exportS };
  } finally {
    await moto.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
    clearInterval(alive);
  }
}
