import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { addLandingZone } from '../../lib/landing-zone';
import { exampleConfig, testApp } from '../helpers';

/**
 * cfn-lint over every template of a freshly synthesized example landing zone, each
 * checked against its own region. Any error (exit-code bit 2) fails the test.
 */
describe('cfn-lint', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-cfn-lint-'));
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  test('cfn-lint is installed', () => {
    const version = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
    if (version.error || version.status !== 0) {
      throw new Error('cfn-lint is not installed: run `python3 -m pip install cfn-lint` (npm test runs this check first in pretest)');
    }
  });

  test('every template in a fresh cdk.out has no cfn-lint errors', () => {
    const app = testApp({ outdir });
    addLandingZone(app, exampleConfig());
    const assembly = app.synth();
    const stacks = assembly.stacks;
    expect(stacks.length).toBeGreaterThanOrEqual(3);
    const failures: string[] = [];
    for (const stack of stacks) {
      const lint = spawnSync('cfn-lint', ['--format', 'parseable', '--regions', stack.environment.region, '--', stack.templateFullPath], {
        encoding: 'utf8',
      });
      if (lint.error) throw lint.error;
      // cfn-lint's exit code is a bit mask: 2 errors, 4 warnings, 8 informational.
      if ((lint.status ?? 0) & 2 || (lint.status ?? 0) & 1) {
        failures.push(`${stack.stackName} (exit ${lint.status}):\n${lint.stdout}${lint.stderr}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
