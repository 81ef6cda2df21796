/*
 * Real-browser check of the evidence report: synthesizes the example landing zone,
 * writes its evidence in English, Swedish and Norwegian bokmål, opens each report.html in
 * headless Chromium (Debian's package at /usr/bin/chromium, driven by playwright-core: no
 * browser download) and fails on any console error, page error, missing tenant table or
 * missing string (a parameter left unfilled, a catalogue key shown instead of its
 * sentence). Saves a screenshot per language to docs/.
 *
 * Run with `npm run test:browser`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { loadConfig, DEFAULT_CONFIG_FILE } from '@suveren/core/config/load';
import { writeEvidence } from '../lib/evidence/write-evidence';
import { EN } from '../lib/i18n/catalogue-en';
import { EVIDENCE_LANGUAGES, type EvidenceLanguage } from '@suveren/core/contracts/evidence-languages';
import { CATALOGUES } from '../lib/i18n/translate';
import { addLandingZone, createSuverenApp } from '../lib/landing-zone';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const screenshotOf = (language: EvidenceLanguage) =>
  path.join(__dirname, '..', 'docs', language === 'en' ? 'evidence-report.png' : `evidence-report.${language}.png`);
const CATALOGUE_KEYS = new Set(Object.keys(EN));

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
  const { files, report } = await writeEvidence({
    assemblyDir: outdir,
    config,
    configFile: 'config/example.yaml',
    formats: ['html'],
    languages: EVIDENCE_LANGUAGES,
  });

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
    for (const [i, language] of EVIDENCE_LANGUAGES.entries()) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      page.on('console', (message) => {
        if (message.type() === 'error') failures.push(`${language}: console error: ${message.text()}`);
      });
      page.on('pageerror', (error) => failures.push(`${language}: page error: ${error.message}`));
      page.on('request', (request) => {
        if (!request.url().startsWith('file:')) failures.push(`${language}: network request to ${request.url()}`);
      });
      await page.goto(pathToFileURL(files[i]).href, { waitUntil: 'load' });
      const rows = await page.locator('table#tenants tbody tr[data-tenant]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-tenant')));
      checks.push([`${language}: tenant table lists every tenant`, JSON.stringify(rows) === JSON.stringify(report.tenants.map((t) => t.id))]);
      for (const section of ['findings', 'legal', 'controls', 'limitations'])
        checks.push([`${language}: section ${section} is visible`, await page.locator(`section#${section}`).isVisible()]);
      checks.push([`${language}: the page declares its language`, (await page.locator('html').getAttribute('lang')) === language]);
      checks.push([`${language}: title is the catalogue's`, (await page.title()) === CATALOGUES[language]['report.title']]);
      checks.push([`${language}: a technical annex per tenant`, (await page.locator('ul.annex').count()) === report.tenants.length]);
      // No missing string: no unfilled {parameter}, no catalogue key where a sentence belongs.
      const text = await page.locator('body').innerText();
      const holes = [...text.matchAll(/\{[A-Za-z][A-Za-z0-9]*\}/g)].map((m) => m[0]);
      const keys = [...text.matchAll(/\b[a-z][A-Za-z-]*(\.[A-Za-z0-9-]+)+\b/g)].map((m) => m[0]).filter((word) => CATALOGUE_KEYS.has(word));
      checks.push([`${language}: no unfilled parameter or bare catalogue key`, holes.length === 0 && keys.length === 0]);
      if (holes.length + keys.length > 0) failures.push(`${language}: ${[...holes, ...keys].join(', ')}`);
      const screenshot = screenshotOf(language);
      await page.screenshot({ path: screenshot, fullPage: false });
      checks.push([`${language}: screenshot written`, fs.statSync(screenshot).size > 10_000]);
      await page.close();
    }
  } finally {
    await browser.close();
    fs.rmSync(outdir, { recursive: true, force: true });
  }
  checks.push(['no console errors, page errors or network requests', failures.length === 0]);
  for (const [name, ok] of checks) console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}`);
  for (const failure of failures) console.log(`     ${failure}`);
  const failed = checks.filter(([, ok]) => !ok).length;
  console.log(`browser: ${checks.length - failed} passed, ${failed} failed`);
  console.log(`screenshots: ${EVIDENCE_LANGUAGES.map((l) => path.relative(process.cwd(), screenshotOf(l))).join(', ')}`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.stack ?? error.message);
    process.exit(1);
  },
);
