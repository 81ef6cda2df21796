import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../helpers';

/*
 * The release artifact for the key host, packed by the project's own script and installed
 * as an operator installs it: `npm install --omit=dev` of the tarball into an empty prefix.
 * Tests run the command from there and nowhere else.
 */

export interface InstalledPremises {
  /** Where the artifact was packed: the tarball, SHA256SUMS, the metafile. */
  readonly dist: string;
  readonly tarball: string;
  /** The empty prefix it was installed into. */
  readonly prefix: string;
  /** The installed command's script: node <bin> <command> ... */
  readonly bin: string;
  remove(): void;
}

export function packPremises(out: string, env: Record<string, string> = {}, cwd = REPO_ROOT): string {
  execFileSync(process.execPath, [path.join(cwd, 'scripts', 'package-premises.js'), '--out', out], { cwd, env: { ...process.env, ...env }, stdio: 'pipe' });
  const tarball = fs.readdirSync(out).find((f) => /^suveren-premises-.*\.tgz$/.test(f));
  if (!tarball) throw new Error(`no tarball in ${out}`);
  return path.join(out, tarball);
}

export function packAndInstallPremises(): InstalledPremises {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-premises-'));
  const dist = path.join(root, 'dist');
  const prefix = path.join(root, 'prefix');
  fs.mkdirSync(prefix);
  const tarball = packPremises(dist);
  execFileSync('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', '--no-save', tarball], { cwd: prefix, stdio: 'pipe' });
  return {
    dist,
    tarball,
    prefix,
    bin: path.join(prefix, 'node_modules', 'suveren-premises', 'bin', 'suveren.js'),
    remove: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}
