import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './helpers';

/*
 * The README's folder map is how a newcomer finds their way: every top-level folder of
 * lib/, every workspace and each of its folders, and every handler of lambda/ is in it, so a folder added without a line fails here.
 */

const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
const mapRows = readme.split('\n').filter((line) => line.startsWith('| `'));
const folders = (dir: string) =>
  fs
    .readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();

test.each(folders('lib'))('lib/%s/ has a row in the README folder map', (folder) => {
  expect(mapRows.some((row) => row.split('|')[1].includes(`\`lib/${folder}/\``))).toBe(true);
});

/** The npm workspaces, from the root package.json: each, and each of its folders, has a row. */
const workspaces: string[] = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).workspaces;

test('the map has workspaces to check', () => {
  expect(workspaces.length).toBeGreaterThanOrEqual(2);
});

test.each(workspaces.flatMap((ws) => [`${ws}/`, ...folders(ws).map((f) => `${ws}/${f}/`)]))('%s has a row in the README folder map', (folder) => {
  expect(mapRows.some((row) => row.split('|')[1].includes(`\`${folder}\``))).toBe(true);
});

test.each(folders('lambda'))('lambda/%s is named in the README folder map', (handler) => {
  const row = mapRows.find((r) => r.split('|')[1].includes('`lambda/`'));
  expect(row).toBeDefined();
  expect(row!.split('|')[2]).toContain(`\`${handler}${handler === 'shared' ? '/' : ''}\``);
});
