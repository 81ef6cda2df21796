import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FUNCTION_TYPES, bundleFunctionType } from '../lib/constructs/shared/lambda-bundle';

/*
 * Each Lambda function type's bundle, built exactly as synth builds it: its size and its
 * cold init time, i.e. requiring the bundle in a fresh Node process (median of 5).
 */

export interface BundleFigures {
  readonly functionType: string;
  readonly bundleKb: number;
  readonly initMs: number;
}

export function lambdaBundles(): BundleFigures[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-bundles-'));
  try {
    return FUNCTION_TYPES.map((functionType) => {
      const out = path.join(dir, functionType);
      bundleFunctionType(functionType, out);
      const bundle = path.join(out, 'index.js');
      const runs = Array.from({ length: 5 }, () => {
        const child = spawnSync(
          process.execPath,
          ['-e', `const t=process.hrtime.bigint();require(${JSON.stringify(bundle)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`],
          { encoding: 'utf8', env: { ...process.env, AWS_REGION: 'eu-north-1' } },
        );
        if (child.status !== 0) throw new Error(`requiring the ${functionType} bundle failed: ${child.stderr}`);
        return Number(child.stdout);
      }).sort((a, b) => a - b);
      return { functionType, bundleKb: fs.statSync(bundle).size / 1024, initMs: runs[2] };
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
