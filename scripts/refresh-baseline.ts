/*
 * Writes baselines/example/ from cdk.out: the example's templates as last released, which
 * `npm test` plans the current code against (test/integration/plan-baseline.test.ts).
 * Normalized: asset hashes blanked, and of the manifest only what a plan reads. Run it
 * only on purpose (`npm run baseline:refresh`), and say in the commit which change the new
 * baseline accepts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { blankAssetHashes } from '../lib/plan/plan-assembly';

const root = path.join(__dirname, '..');
const source = path.join(root, process.argv[2] ?? 'cdk.out');
const target = path.join(root, 'baselines', 'example');

interface Artifact {
  readonly type: string;
  readonly environment?: string;
  readonly properties?: { readonly templateFile?: string };
}

const manifest = JSON.parse(fs.readFileSync(path.join(source, 'manifest.json'), 'utf8')) as { version: string; artifacts: Record<string, Artifact> };
const stacks = Object.entries(manifest.artifacts)
  .filter(([, a]) => a.type === 'aws:cloudformation:stack' && a.properties?.templateFile)
  .sort(([a], [b]) => a.localeCompare(b));
fs.rmSync(target, { recursive: true, force: true });
fs.mkdirSync(target, { recursive: true });
const artifacts: Record<string, Artifact> = {};
for (const [id, artifact] of stacks) {
  const templateFile = artifact.properties!.templateFile!;
  const template = JSON.parse(fs.readFileSync(path.join(source, templateFile), 'utf8')) as object;
  fs.writeFileSync(path.join(target, templateFile), `${JSON.stringify(blankAssetHashes(template as never), null, 1)}\n`);
  artifacts[id] = { type: artifact.type, environment: artifact.environment, properties: { templateFile } };
}
fs.writeFileSync(path.join(target, 'manifest.json'), `${JSON.stringify({ version: manifest.version, artifacts }, null, 1)}\n`);
process.stdout.write(`wrote ${stacks.length} templates to ${path.relative(root, target)}\n`);
