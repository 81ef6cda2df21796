import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The Node.js options of cdk.json's app command (`node <options> -r ... bin/suveren.ts`),
 * so that the bench runs the app as `cdk synth` does.
 */
export function appNodeOptions(cdkJson = path.join(__dirname, '..', 'cdk.json')): string[] {
  const { app } = JSON.parse(fs.readFileSync(cdkJson, 'utf8')) as { app: string };
  const words = app.trim().split(/\s+/);
  const script = words.indexOf('-r');
  if (words[0] !== 'node' || script < 0) {
    throw new Error(`${cdkJson}: the bench runs the app as \`node <options> -r <loader> <app>\`; change "app" to that form (found: ${app})`);
  }
  return words.slice(1, script);
}
