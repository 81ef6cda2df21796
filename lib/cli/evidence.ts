import { parseArgs } from 'node:util';
import type { EvidenceFormat } from '../evidence/write-evidence';
import type { EvidenceLanguage } from '@suveren/core/contracts/evidence-languages';
import type { CliIo } from '@suveren/premises/cli/io';

/* `suveren evidence`: writes the evidence report of a synthesized assembly. */

// Loaded on demand: the report needs aws-cdk-lib, which no other command should carry.
const configModule = () => require('@suveren/core/config/load') as typeof import('@suveren/core/config/load');
const evidenceModule = () => require('../evidence/write-evidence') as typeof import('../evidence/write-evidence');
const languagesModule = () => require('@suveren/core/contracts/evidence-languages') as typeof import('@suveren/core/contracts/evidence-languages');

/** The languages `--lang` names, or undefined after telling the user which are unknown. */
export function evidenceLanguagesOf(lang: string | undefined, command: string, io: CliIo): EvidenceLanguage[] | undefined | null {
  if (lang === undefined) return null;
  const { EVIDENCE_LANGUAGES, isEvidenceLanguage } = languagesModule();
  const languages = [...new Set(lang.split(',').map((l) => l.trim()))];
  const unknown = languages.filter((l) => !isEvidenceLanguage(l));
  if (unknown.length > 0 || languages.length === 0) {
    io.err(
      `suveren ${command}: unknown language ${unknown.join(', ') || '(none)'} in --lang; use one or more of ${EVIDENCE_LANGUAGES.join(', ')} (English, Swedish, Norwegian bokmål), e.g. --lang sv,en\n`,
    );
    return undefined;
  }
  return languages as EvidenceLanguage[];
}

/** The formats `--format` names, or undefined after telling the user which are unknown. */
export function evidenceFormatsOf(format: string, command: string, io: CliIo): EvidenceFormat[] | undefined {
  const { EVIDENCE_FORMATS } = evidenceModule();
  const formats = format.split(',').map((f) => f.trim());
  const unknown = formats.filter((f) => !(EVIDENCE_FORMATS as readonly string[]).includes(f));
  if (unknown.length > 0) {
    io.err(`suveren ${command}: unknown format ${unknown.join(', ')}; use one or more of ${EVIDENCE_FORMATS.join(', ')}\n`);
    return undefined;
  }
  return formats as EvidenceFormat[];
}

export async function evidence(args: string[], io: CliIo): Promise<number> {
  const { EVIDENCE_FORMATS, writeEvidence } = evidenceModule();
  const { english } = require('../i18n/translate') as typeof import('../i18n/translate');
  const { ConfigError, DEFAULT_CONFIG_FILE, loadConfig } = configModule();
  const { values } = parseArgs({
    args,
    options: {
      assembly: { type: 'string', default: 'cdk.out' },
      config: { type: 'string' },
      format: { type: 'string', default: EVIDENCE_FORMATS.join(',') },
      out: { type: 'string' },
      lang: { type: 'string' },
    },
  });
  const formats = evidenceFormatsOf(values.format, 'evidence', io);
  if (!formats) return 2;
  const languages = evidenceLanguagesOf(values.lang, 'evidence', io);
  if (languages === undefined) return 2;
  const configFile = values.config || process.env.SUVEREN_CONFIG || DEFAULT_CONFIG_FILE;
  try {
    const { report, files } = await writeEvidence({
      assemblyDir: values.assembly,
      config: loadConfig(configFile),
      configFile,
      formats,
      outDir: values.out,
      ...(languages ? { languages } : {}),
    });
    for (const file of files) io.out(`wrote ${file}\n`);
    io.out(
      `${report.summary.tenantCount} tenants; compliance gates ${report.summary.gatesPassed ? 'passed' : 'FAILED'}; access matrix ${report.summary.accessMatrix ? english(report.summary.accessMatrix) : 'not computed'}\n`,
    );
    return 0;
  } catch (e) {
    if (e instanceof ConfigError) {
      io.err(`${e.message}\n`);
      return 1;
    }
    if (e instanceof Error && /is not a cloud assembly/.test(e.message)) {
      io.err(`suveren evidence: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}
