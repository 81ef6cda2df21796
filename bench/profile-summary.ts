/*
 * Where a synth's CPU time goes: reads a V8 .cpuprofile (node --cpu-prof) and sums
 * self time by component. Usage:
 *   node -r ts-node/register/transpile-only bench/profile-summary.ts <file.cpuprofile>
 */
import * as fs from 'node:fs';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
}
interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: number[];
}
interface Profile {
  readonly nodes: ProfileNode[];
  readonly samples: number[];
  readonly timeDeltas: number[];
}

const profile = JSON.parse(fs.readFileSync(process.argv[2], 'utf8')) as Profile;
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);

/** WebAssembly is attributed to the JavaScript that called into it. */
function caller(id: number): CallFrame {
  let current = id;
  while (parent.has(current) && /^wasm:\/\/|^$/.test(nodes.get(current)!.callFrame.url)) current = parent.get(current)!;
  return nodes.get(current)!.callFrame;
}

function component(id: number): string {
  const frame = nodes.get(id)!.callFrame;
  const url = frame.url.startsWith('wasm://') ? caller(id).url : frame.url;
  if (url.includes('@aws/cloudformation-validate')) return "aws-cdk-lib's CloudFormation Validate plugin (@aws/cloudformation-validate, WebAssembly)";
  if (url.includes('cdk-nag')) return 'cdk-nag (AwsSolutions, NIST 800-53 R5)';
  if (url.includes('/lib/compliance/')) return 'suveren region guard and SovereigntyChecks';
  if (['/lib/evidence/', '/lib/authorization/', '/lib/reach/', '/lib/assembly/', '/lib/i18n/'].some((folder) => url.includes(folder)))
    return 'suveren evidence report';
  if (url.includes('aws-cdk-lib/core/lib/private/resolve') || url.includes('token')) return 'aws-cdk-lib token resolution';
  if (url.includes('aws-cdk-lib/core/')) return 'aws-cdk-lib core (prepare, synthesis, metadata)';
  if (url.includes('aws-cdk-lib/')) return 'aws-cdk-lib constructs (creation)';
  if (url.includes('/node_modules/constructs/')) return 'constructs (tree)';
  if (url.includes('/lib/') || url.includes('/bin/')) return 'suveren constructs and stacks';
  if (url.includes('@cspotcode') || url.includes('typescript') || url.includes('ts-node')) return 'ts-node (compiling and source maps)';
  if (frame.functionName === '(garbage collector)') return 'garbage collection';
  if (frame.functionName === '(program)' || frame.functionName === '(idle)') return 'V8 (program, idle)';
  if (url.startsWith('node:') || url === '') return 'Node.js built-ins (hashing, file I/O, JSON, RegExp)';
  return `Node.js built-ins (${frame.functionName || 'native'}: hashing, file I/O)`.replace(/\(([^:]*): hashing, file I\/O\)/, '(hashing, file I/O, JSON)');
  return 'other JavaScript';
}

const totals = new Map<string, number>();
profile.samples.forEach((id, i) => totals.set(component(id), (totals.get(component(id)) ?? 0) + profile.timeDeltas[i]));
const all = [...totals.values()].reduce((a, b) => a + b, 0);
console.log('| component | CPU (s) | share |\n|---|---:|---:|');
for (const [name, micros] of [...totals].sort((a, b) => b[1] - a[1]))
  console.log(`| ${name} | ${(micros / 1e6).toFixed(1)} | ${((micros / all) * 100).toFixed(1)} % |`);
console.log(`| total | ${(all / 1e6).toFixed(1)} | |`);
