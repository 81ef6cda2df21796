/*
 * Real-browser check of the evidence report: synthesizes the example landing zone,
 * writes its evidence, opens report.html in headless Chromium (Debian's package at
 * /usr/bin/chromium, driven by playwright-core: no browser download) and fails on any
 * console error, page error or missing tenant table. Saves a screenshot to docs/.
 *
 * Run with `npm run test:browser`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { loadConfig, DEFAULT_CONFIG_FILE } from '../lib/config/load';
import { writeEvidence } from '../lib/evidence/write-evidence';
import { addLandingZone, createSuverenApp } from '../lib/landing-zone';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOT = path.join(__dirname, '..', 'docs', 'evidence-report.png');

async function main(): Promise<number> {
  if (!fs.existsSync(CHROMIUM)) {
    console.error(`No Chromium at ${CHROMIUM}: install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH.`);
    return 1;
  }
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-browser-'));
  const config = loadConfig(DEFAULT_CONFIG_FILE);
  const app = createSuverenApp({ outdir, context: { 'aws:cdk:bundling-stacks': [] } });
  addLandingZone(app, config);
  app.synth();
  const { files, report } = await writeEvidence({ assemblyDir: outdir, config, configFile: 'config/example.yaml', formats: ['html'] });

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const failures: string[] = [];
  const checks: [string, boolean][] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (message) => {
      if (message.type() === 'error') failures.push(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => failures.push(`page error: ${error.message}`));
    page.on('request', (request) => {
      if (!request.url().startsWith('file:')) failures.push(`network request to ${request.url()}`);
    });
    await page.goto(pathToFileURL(files[0]).href, { waitUntil: 'load' });
    const rows = await page.locator('table#tenants tbody tr[data-tenant]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-tenant')));
    checks.push(['tenant table lists every tenant', JSON.stringify(rows) === JSON.stringify(report.tenants.map((t) => t.id))]);
    checks.push(['findings section is visible', await page.locator('section#findings').isVisible()]);
    checks.push(['legal mapping is visible', await page.locator('section#legal').isVisible()]);
    checks.push(['title is set', (await page.title()) === 'suveren evidence report']);
    await page.screenshot({ path: SCREENSHOT, fullPage: false });
    checks.push(['screenshot written', fs.statSync(SCREENSHOT).size > 10_000]);
  } finally {
    await browser.close();
    fs.rmSync(outdir, { recursive: true, force: true });
  }
  checks.push(['no console errors, page errors or network requests', failures.length === 0]);
  for (const [name, ok] of checks) console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}`);
  for (const failure of failures) console.log(`     ${failure}`);
  const failed = checks.filter(([, ok]) => !ok).length;
  console.log(`browser: ${checks.length - failed} passed, ${failed} failed`);
  console.log(`screenshot: ${path.relative(process.cwd(), SCREENSHOT)}`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.stack ?? error.message);
    process.exit(1);
  },
);
