import { type DrillReport, readDrillReport } from '@suveren/core/config/drill-report';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SuverenConfig } from '@suveren/core/config/schema';
import { sharedAccessMatrices } from '../authorization/shared-access-matrices';
import { sharedTenantReach } from '../reach/shared-reach';
import type { TenantReach } from '../reach/reach-model';
import { buildDeployedModel } from '../authorization/deployed-model';
import { AccessEvaluator, loadEvaluator } from '../authorization/evaluate';
import { type AccessMatrices, buildEvidenceReport } from './build-report';
import { type CloudAssembly, readCloudAssembly } from '../assembly/cloud-assembly';
import { renderHtml } from './render-html';
import { renderMarkdown } from './render-markdown';
import { annexFileName, renderAnnexHtml, renderAnnexMarkdown } from './render-annex';
import { renderSheetHtml, renderSheetMarkdown, sheetFileName } from './render-sheet';
import type { EvidenceReport, RuntimeConformanceEvidence } from './report-model';
import { DEFAULT_EVIDENCE_LANGUAGE, type EvidenceLanguage } from '@suveren/core/contracts/evidence-languages';
import { text } from '../i18n/translate';

export const EVIDENCE_FORMATS = ['md', 'json', 'html'] as const;
export type EvidenceFormat = (typeof EVIDENCE_FORMATS)[number];

export interface WriteEvidenceOptions {
  readonly assemblyDir: string;
  readonly config: SuverenConfig;
  /** The config file as the user named it, for the report's header. */
  readonly configFile: string;
  /** @default all formats */
  readonly formats?: readonly EvidenceFormat[];
  /**
   * The languages of the markdown and HTML reports: `report.md` and `report.html` in English,
   * `report.<lang>.md` and `.html` in each other (the JSON is language-neutral and written once).
   * @default the config's `evidence.languages`, or English
   */
  readonly languages?: readonly EvidenceLanguage[];
  /** @default `<assemblyDir>/evidence` */
  readonly outDir?: string;
  /**
   * Compute the access matrix with the IAM evaluator (@cloud-copilot/iam-simulate, a
   * development dependency: where it is not installed the report says so).
   * @default true
   */
  readonly accessMatrix?: boolean;
  /**
   * What AWS Config reports of the deployed landing zone (`suveren conformance`).
   * @default none: the report says it was not read
   */
  readonly runtime?: RuntimeConformanceEvidence;
}

/** `SUVEREN_ACCESS_MATRIX=off` skips the evaluator. */
export const ACCESS_MATRIX_SWITCH = 'SUVEREN_ACCESS_MATRIX';

async function accessMatrices(
  assembly: CloudAssembly,
  config: SuverenConfig,
  wanted: boolean,
): Promise<{ matrices: AccessMatrices; reach?: Map<string, TenantReach> }> {
  if (!wanted || process.env[ACCESS_MATRIX_SWITCH] === 'off')
    return { matrices: { notComputed: text('accessMatrix.switchedOff', { switch: ACCESS_MATRIX_SWITCH }) } };
  const engine = loadEvaluator();
  if (!engine) return { matrices: { notComputed: text('accessMatrix.noEvaluator') } };
  const evaluator = new AccessEvaluator(
    buildDeployedModel(assembly.stacks),
    { organizationId: config.organization.organizationId, managementAccount: config.organization.managementAccount },
    engine,
  );
  // Evaluated once per tenant shape (lib/authorization/shared-access-matrices.ts), the reach graph too.
  return { matrices: await sharedAccessMatrices(evaluator, config, assembly.stacks), reach: await sharedTenantReach(evaluator, config, assembly.stacks) };
}

/** The drill reports the tenants name (`continuity.drillReport`, relative to the config file), read back; the config loader checked them. */
function drillReports(config: SuverenConfig, configFile: string): Map<string, DrillReport> {
  const reports = new Map<string, DrillReport>();
  for (const tenant of config.tenants) {
    const file = tenant.continuity?.drillReport;
    if (file === undefined) continue;
    const read = readDrillReport(path.resolve(path.dirname(configFile), file), tenant.id, file);
    if ('problem' in read) throw new Error(`tenants ${tenant.id} continuity.drillReport: ${read.problem}`);
    reports.set(tenant.id, read.report);
  }
  return reports;
}

/** The file a format is written to in a language: English and the JSON keep the plain name (`report.md`), the others carry the language (`report.sv.md`). */
export function evidenceFileName(format: EvidenceFormat, language: EvidenceLanguage): string {
  return format === 'json' || language === DEFAULT_EVIDENCE_LANGUAGE ? `report.${format}` : `report.${language}.${format}`;
}

/** Builds the report from the assembly and writes `report.md`, `report.json` and `report.html` (and per further language `report.<lang>.md`, `.html`). Returns the paths written. */
export async function writeEvidence(options: WriteEvidenceOptions): Promise<{ report: EvidenceReport; files: string[] }> {
  const assembly = readCloudAssembly(options.assemblyDir);
  const access = await accessMatrices(assembly, options.config, options.accessMatrix ?? true);
  const built = buildEvidenceReport(
    assembly,
    options.config,
    options.configFile,
    access.matrices,
    access.reach,
    drillReports(options.config, options.configFile),
  );
  const report: EvidenceReport = options.runtime ? { ...built, runtime: options.runtime } : built;
  const outDir = options.outDir ?? path.join(options.assemblyDir, 'evidence');
  fs.mkdirSync(outDir, { recursive: true });
  const languages = options.languages ?? options.config.evidence?.languages ?? [DEFAULT_EVIDENCE_LANGUAGE];
  const render: Record<EvidenceFormat, (language: EvidenceLanguage) => string> = {
    md: (language) => renderMarkdown(report, language),
    json: () => `${JSON.stringify(report, null, 2)}\n`,
    html: (language) => renderHtml(report, language),
  };
  const formats = options.formats ?? EVIDENCE_FORMATS;
  const files = formats.flatMap((format) =>
    (format === 'json' ? languages.slice(0, 1) : languages).map((language) => {
      const file = path.join(outDir, evidenceFileName(format, language));
      fs.writeFileSync(file, render[format](language));
      return file;
    }),
  );
  // Each tenant's controller's annex, per language, as a document of its own (docs/evidence.md).
  for (const format of formats.filter((f): f is 'md' | 'html' => f !== 'json'))
    for (const language of languages)
      for (const tenant of report.tenants.filter((t) => t.controllerAnnex)) {
        const file = path.join(outDir, annexFileName(tenant.id, language, format));
        fs.writeFileSync(file, format === 'md' ? `${renderAnnexMarkdown(report, tenant, language)}\n` : renderAnnexHtml(report, tenant, language));
        files.push(file);
        // The fill-in sheet of the tenant's country, when it has one.
        const sheet = format === 'md' ? renderSheetMarkdown(report, tenant, language) : renderSheetHtml(report, tenant, language);
        if (sheet !== null) {
          const sheetFile = path.join(outDir, sheetFileName(tenant.id, language, format));
          fs.writeFileSync(sheetFile, sheet);
          files.push(sheetFile);
        }
      }
  return { report, files };
}
