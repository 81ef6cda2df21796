import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Stack, aws_s3 as s3 } from 'aws-cdk-lib';
import { createSuverenApp } from '../lib/landing-zone';

/*
 * What a suveren app leaves out of the cloud assembly for speed (measured in
 * bench/README.md), and that CDK_DEBUG brings it back: tree.json and the creation stack
 * of every CloudFormation element. Neither is read by a gate, the evidence report or a
 * deployment; templates do not change.
 */

function synthesize(): { dir: string; creationStacks: number; template: unknown } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-app-context-'));
  const app = createSuverenApp({ outdir: dir });
  const stack = new Stack(app, 'Probe', { env: { account: '111111111111', region: 'eu-north-1' } });
  new s3.Bucket(stack, 'Bucket');
  const assembly = app.synth();
  const creationStacks = assembly.getStackByName('Probe').findMetadataByType('aws:cdk:creationStack').length;
  return { dir, creationStacks, template: assembly.getStackByName('Probe').template };
}

describe('the app context', () => {
  const debug = process.env.CDK_DEBUG;
  afterEach(() => {
    if (debug === undefined) delete process.env.CDK_DEBUG;
    else process.env.CDK_DEBUG = debug;
  });

  test('no tree.json and no creation stacks by default; CDK_DEBUG=true brings both back, and the template is the same', () => {
    delete process.env.CDK_DEBUG;
    const fast = synthesize();
    expect(fs.existsSync(path.join(fast.dir, 'tree.json'))).toBe(false);
    expect(fast.creationStacks).toBe(0);

    process.env.CDK_DEBUG = 'true';
    const debugged = synthesize();
    expect(fs.existsSync(path.join(debugged.dir, 'tree.json'))).toBe(true);
    expect(debugged.creationStacks).toBeGreaterThan(0);
    expect(debugged.template).toEqual(fast.template);
    for (const dir of [fast.dir, debugged.dir]) fs.rmSync(dir, { recursive: true, force: true });
  });
});
