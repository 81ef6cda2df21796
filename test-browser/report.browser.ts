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
import { ANNEX_MAX_PAGES, ANNEX_MIN_FONT_PT, annexFileName } from '../lib/evidence/render-annex';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const screenshotOf = (language: EvidenceLanguage) =>
  path.join(__dirname, '..', 'docs', language === 'en' ? 'evidence-report.png' : `evidence-report.${language}.png`);
const CATALOGUE_KEYS = new Set(Object.keys(EN));

/** The font the annex is set in; .ci/run installs it (Debian fonts-liberation) so the page count is the same everywhere. */
const ANNEX_FONT = 'Liberation Sans';

/** Whether fontconfig has the annex's font: without it Chromium substitutes another, and the page count means nothing. */
async function fontInstalled(): Promise<boolean> {
  const { execFileSync } = await import('node:child_process');
  try {
    return execFileSync('fc-list', [':family=' + ANNEX_FONT], { encoding: 'utf8' }).trim().length > 0;
  } catch {
    return false;
  }
}

/** Pages in a PDF Chromium wrote: its page tree's /Count. */
function pdfPageCount(pdf: Buffer): number {
  const counts = [...pdf.toString('latin1').matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/g)].map((m) =>
    Number(m[1] ?? m[2]),
  );
  return counts.length > 0 ? Math.max(...counts) : 0;
}

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
  const reports = files.filter((f) => path.basename(f).startsWith('report.'));

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
  const annexPages: string[] = [];
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
      await page.goto(pathToFileURL(reports[i]).href, { waitUntil: 'load' });
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
    // Each controller's annex, printed as a DPO would print it: A4, at most two pages, no text under 9 pt.
    for (const language of EVIDENCE_LANGUAGES)
      for (const tenant of report.tenants) {
        const file = path.join(outdir, 'evidence', annexFileName(tenant.id, language, 'html'));
        const page = await browser.newPage();
        page.on('pageerror', (error) => failures.push(`annex ${tenant.id} ${language}: page error: ${error.message}`));
        await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
        // Evaluated in the page (this file has no DOM types): the annex's font family, and the smallest
        // computed font size of any element holding text of its own, in points (1 px = 0.75 pt).
        const family = String(await page.evaluate("getComputedStyle(document.querySelector('section.controller-annex')).fontFamily"));
        const smallest = Number(
          await page.evaluate(`(() => {
            let min = Infinity;
            for (const el of document.querySelectorAll('section.controller-annex *')) {
              const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim().length > 0);
              if (own) min = Math.min(min, parseFloat(getComputedStyle(el).fontSize) * 0.75);
            }
            return min;
          })()`),
        );
        const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: false });
        const pages = pdfPageCount(pdf);
        annexPages.push(`${tenant.id} ${language}: ${pages} ${pages === 1 ? 'page' : 'pages'}, smallest text ${smallest.toFixed(2)} pt`);
        checks.push([`annex ${tenant.id} ${language}: prints on at most ${ANNEX_MAX_PAGES} A4 pages (${pages})`, pages >= 1 && pages <= ANNEX_MAX_PAGES]);
        checks.push([
          `annex ${tenant.id} ${language}: no text under ${ANNEX_MIN_FONT_PT} pt (${smallest.toFixed(2)} pt)`,
          smallest >= ANNEX_MIN_FONT_PT - 0.01,
        ]);
        checks.push([`annex ${tenant.id} ${language}: set in ${ANNEX_FONT}`, family.includes(ANNEX_FONT) && (await fontInstalled())]);
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
  for (const line of annexPages) console.log(`     annex ${line}`);
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
