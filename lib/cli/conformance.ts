import { parseArgs } from 'node:util';
import type { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { CONFIG_AGGREGATOR_NAME } from '@suveren/core/contracts/names';
import { evidenceFormatsOf, evidenceLanguagesOf } from './evidence';
import type { CliIo } from '@suveren/premises/cli/io';

/*
 * `suveren conformance`: reads the AWS Config organization aggregator and writes the
 * evidence report with its run-time section. Loaded on demand, like `suveren evidence`.
 */

const configModule = () => require('@suveren/core/config/load') as typeof import('@suveren/core/config/load');
const evidenceModule = () => require('../evidence/write-evidence') as typeof import('../evidence/write-evidence');
const readerModule = () => require('../conformance/read-aggregator') as typeof import('../conformance/read-aggregator');
const runtimeModule = () => require('../conformance/runtime-conformance') as typeof import('../conformance/runtime-conformance');

/** The Config client the command reads with; tests give a stubbed one. */
export type ConfigClientFactory = (region: string) => ConfigServiceClient;

const defaultClient: ConfigClientFactory = (region) => {
  const { ConfigServiceClient: Client } = require('@aws-sdk/client-config-service') as typeof import('@aws-sdk/client-config-service');
  return new Client({ region });
};

export async function conformanceCommand(args: string[], io: CliIo, clientFor: ConfigClientFactory = defaultClient): Promise<number> {
  const { EVIDENCE_FORMATS, writeEvidence } = evidenceModule();
  const { ConfigError, DEFAULT_CONFIG_FILE, loadConfig } = configModule();
  const { values } = parseArgs({
    args,
    options: {
      aggregator: { type: 'string', default: CONFIG_AGGREGATOR_NAME },
      region: { type: 'string' },
      assembly: { type: 'string', default: 'cdk.out' },
      config: { type: 'string' },
      format: { type: 'string', default: EVIDENCE_FORMATS.join(',') },
      out: { type: 'string' },
      lang: { type: 'string' },
    },
  });
  const formats = evidenceFormatsOf(values.format, 'conformance', io);
  if (!formats) return 2;
  const languages = evidenceLanguagesOf(values.lang, 'conformance', io);
  if (languages === undefined) return 2;
  const configFile = values.config || process.env.SUVEREN_CONFIG || DEFAULT_CONFIG_FILE;
  let config;
  try {
    config = loadConfig(configFile);
  } catch (e) {
    if (e instanceof ConfigError) {
      io.err(`${e.message}\n`);
      return 1;
    }
    throw e;
  }
  // The aggregator lives in the audit account's region unless told otherwise.
  const region = values.region ?? config.audit.region;
  const { AggregatorUnreadable, readAggregator } = readerModule();
  let reading;
  try {
    reading = await readAggregator(clientFor(region), values.aggregator, region);
  } catch (e) {
    if (e instanceof AggregatorUnreadable) {
      io.err(`suveren conformance: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  const runtime = runtimeModule().runtimeConformance(reading, config);
  try {
    const { files } = await writeEvidence({
      assemblyDir: values.assembly,
      config,
      configFile,
      formats,
      outDir: values.out,
      runtime,
      ...(languages ? { languages } : {}),
    });
    for (const file of files) io.out(`wrote ${file}\n`);
  } catch (e) {
    if (e instanceof Error && /is not a cloud assembly/.test(e.message)) {
      io.err(`suveren conformance: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  const noncompliant = runtime.counts.NON_COMPLIANT ?? 0;
  io.out(
    `aggregator ${reading.aggregator} (${region}) read at ${reading.readAt}: ${Object.entries(runtime.counts)
      .map(([state, n]) => `${n} ${state}`)
      .join(', ')}${runtime.tenantsWithoutResults.length > 0 ? `; no result for ${runtime.tenantsWithoutResults.length} tenants` : ''}\n`,
  );
  // Non-zero when something is not compliant, so a scheduled run can page someone.
  return noncompliant > 0 ? 3 : 0;
}
