import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CfnResource, Stack, aws_s3 as s3 } from 'aws-cdk-lib';
import { appNodeOptions } from '../bench/app-command';
import { createSuverenApp, releaseSynthesisState } from '../lib/landing-zone';

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

describe("cdk.json's Node.js options for the app", () => {
  test('are ones this Node.js accepts, and the bench runs the app with them', () => {
    const options = appNodeOptions();
    // A young generation of 32 MB, a heap that grows by half (bench/README.md), and gc() for bin/suveren.ts: all V8 options.
    expect(options).toEqual(['--max-semi-space-size=32', '--heap-growing-percent=50', '--expose-gc']);
    const run = spawnSync(process.execPath, [...options, '-e', 'process.exit(0)'], { encoding: 'utf8' });
    // Node refuses an option it does not know with "bad option" and exit code 9.
    expect([run.status, /bad option/.test(run.stderr)]).toEqual([0, false]);
  });

  test('an app command the bench cannot run as cdk synth does is refused with the file and the form it needs', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-cdk-json-'));
    try {
      const cdkJson = path.join(dir, 'cdk.json');
      fs.writeFileSync(cdkJson, JSON.stringify({ app: 'npx ts-node bin/suveren.ts' }));
      expect(() => appNodeOptions(cdkJson)).toThrow(`${cdkJson}: the bench runs the app as \`node <options> -r <loader> <app>\``);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('releaseSynthesisState', () => {
  test("finds and empties aws-cdk-lib's token map and reference table, which keep the construct tree alive after synth", () => {
    const app = createSuverenApp();
    const stack = new Stack(app, 'Release', { env: { account: '111111111111', region: 'eu-north-1' } });
    const topic = new CfnResource(stack, 'Topic', { type: 'AWS::SNS::Topic' });
    // A string token and a CloudFormation reference, as every tenant stack has hundreds of.
    new CfnResource(stack, 'Subscription', {
      type: 'AWS::SNS::Subscription',
      properties: { TopicArn: topic.ref, Protocol: 'email', Endpoint: `${stack.region}@example.org` },
    });
    app.synth();
    // An aws-cdk-lib that lays its internals out otherwise releases nothing: this fails, and the 1,100-tenant synth's memory with it.
    const released = releaseSynthesisState();
    expect(released.tokens).toBeGreaterThan(0);
    expect(released.references).toBeGreaterThan(0);
    expect(releaseSynthesisState()).toEqual({ tokens: 0, references: 0 });
    // Even Aws.PARTITION is gone from the token map: no app may be built after it.
    expect(() => createSuverenApp()).toThrow(/releaseSynthesisState\(\) has run in this process/);
  });
});
