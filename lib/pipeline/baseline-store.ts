import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/*
 * The last deployed template of every stack, as Suveren-Pipeline keeps it: one object per
 * stack under `deployed/` in the pipeline's baseline bucket, written when that stack's
 * deployment succeeds, so a failed wave never leaves a baseline that says more was
 * deployed than was. Read back as a cloud assembly directory that `suveren plan` takes.
 */

export const BASELINE_PREFIX = 'deployed/';

/** A stack's manifest entry, as the assembly's manifest.json holds it. */
export interface StackArtifact {
  readonly type: 'aws:cloudformation:stack';
  readonly environment: string;
  readonly properties: { readonly templateFile: string };
}

/** Where baselines are kept: an S3 bucket in the pipeline, a directory in tests and by hand. */
export interface BaselineStore {
  /** Every stored object's key under BASELINE_PREFIX. */
  list(): Promise<string[]>;
  get(key: string): Promise<Buffer>;
  put(key: string, body: Buffer): Promise<void>;
}

export const templateKey = (stackId: string) => `${BASELINE_PREFIX}${stackId}.template.json`;
export const artifactKey = (stackId: string) => `${BASELINE_PREFIX}${stackId}.artifact.json`;

/** Records one stack as deployed: its template from the assembly, and its manifest entry. The entry goes last: a stack is in the baseline once both are there. */
export async function recordDeployed(store: BaselineStore, assemblyDir: string, stackId: string): Promise<void> {
  const manifest = JSON.parse(fs.readFileSync(path.join(assemblyDir, 'manifest.json'), 'utf8')) as { artifacts?: Record<string, StackArtifact> };
  const artifact = manifest.artifacts?.[stackId];
  if (!artifact || artifact.type !== 'aws:cloudformation:stack') throw new Error(`stack ${stackId} is not in the assembly ${assemblyDir}`);
  await store.put(templateKey(stackId), fs.readFileSync(path.join(assemblyDir, artifact.properties.templateFile)));
  const entry: StackArtifact = { type: artifact.type, environment: artifact.environment, properties: { templateFile: `${stackId}.template.json` } };
  await store.put(artifactKey(stackId), Buffer.from(`${JSON.stringify(entry, null, 1)}\n`));
}

/**
 * Writes the stored baseline into `dir` as a cloud assembly (manifest.json and templates).
 * Returns the stack ids: none before the first deployment.
 */
export async function materializeBaseline(store: BaselineStore, dir: string): Promise<string[]> {
  const keys = new Set(await store.list());
  const stacks = [...keys]
    .filter((k) => k.endsWith('.artifact.json'))
    .map((k) => k.slice(BASELINE_PREFIX.length, -'.artifact.json'.length))
    .filter((id) => keys.has(templateKey(id)))
    .sort();
  fs.mkdirSync(dir, { recursive: true });
  const artifacts: Record<string, StackArtifact> = {};
  for (const id of stacks) {
    artifacts[id] = JSON.parse((await store.get(artifactKey(id))).toString('utf8')) as StackArtifact;
    fs.writeFileSync(path.join(dir, `${id}.template.json`), await store.get(templateKey(id)));
  }
  if (stacks.length > 0) fs.writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify({ version: '55.0.0', artifacts }, null, 1)}\n`);
  return stacks;
}

/** A directory as a baseline store (tests, and a platform team's own copy). */
export function directoryStore(root: string): BaselineStore {
  return {
    list: () => {
      const dir = path.join(root, BASELINE_PREFIX);
      return Promise.resolve(fs.existsSync(dir) ? fs.readdirSync(dir).map((f) => `${BASELINE_PREFIX}${f}`) : []);
    },
    get: (key) => Promise.resolve(fs.readFileSync(path.join(root, key))),
    put: (key, body) => {
      fs.mkdirSync(path.dirname(path.join(root, key)), { recursive: true });
      fs.writeFileSync(path.join(root, key), body);
      return Promise.resolve();
    },
  };
}

/**
 * Records the release in `sourceDir` as the one whose pipeline is deployed: its source,
 * without what `npm ci` and the builds recreate, under `key`. The next plan build unpacks
 * and runs it, so a release under review never plans itself.
 */
export async function recordDeployedRelease(store: BaselineStore, sourceDir: string, key: string): Promise<void> {
  const excluded = ['node_modules', 'cdk.out', 'pipeline-out', 'dist', '.git'].map((d) => `--exclude=./${d}`);
  const result = spawnSync('tar', ['-czf', '-', ...excluded, '.'], { cwd: sourceDir, maxBuffer: 512 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`tar of the release in ${sourceDir} failed: ${result.stderr.toString().trim()}`);
  await store.put(key, result.stdout);
}
