import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SuverenConfig } from '../config/schema';
import { buildEvidenceReport } from './build-report';
import { readCloudAssembly } from './cloud-assembly';
import { renderHtml } from './render-html';
import { renderMarkdown } from './render-markdown';
import type { EvidenceReport } from './report-model';

export const EVIDENCE_FORMATS = ['md', 'json', 'html'] as const;
export type EvidenceFormat = (typeof EVIDENCE_FORMATS)[number];

/** `SUVEREN_EVIDENCE=off` skips the report at the end of synth (the `suveren evidence` command still works). */
export const EVIDENCE_SWITCH = 'SUVEREN_EVIDENCE';

export interface WriteEvidenceOptions {
  readonly assemblyDir: string;
  readonly config: SuverenConfig;
  /** The config file as the user named it, for the report's header. */
  readonly configFile: string;
  /** @default all formats */
  readonly formats?: readonly EvidenceFormat[];
  /** @default `<assemblyDir>/evidence` */
  readonly outDir?: string;
}

/** Builds the report from the assembly and writes `report.md`, `report.json` and `report.html`. Returns the paths written. */
export function writeEvidence(options: WriteEvidenceOptions): { report: EvidenceReport; files: string[] } {
  const report = buildEvidenceReport(readCloudAssembly(options.assemblyDir), options.config, options.configFile);
  const outDir = options.outDir ?? path.join(options.assemblyDir, 'evidence');
  fs.mkdirSync(outDir, { recursive: true });
  const render: Record<EvidenceFormat, () => string> = {
    md: () => renderMarkdown(report),
    json: () => `${JSON.stringify(report, null, 2)}\n`,
    html: () => renderHtml(report),
  };
  const files = (options.formats ?? EVIDENCE_FORMATS).map((format) => {
    const file = path.join(outDir, `report.${format}`);
    fs.writeFileSync(file, render[format]());
    return file;
  });
  return { report, files };
}
