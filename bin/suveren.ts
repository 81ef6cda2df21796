#!/usr/bin/env node
/*
 * The CDK app: `npx cdk synth` synthesizes config/example.yaml, or the file named by
 * SUVEREN_CONFIG or `-c config=path.yaml`.
 */
import * as path from 'node:path';
import { ConfigError, DEFAULT_CONFIG_FILE, loadConfig } from '@suveren/core/config/load';
import type { SuverenConfig } from '@suveren/core/config/schema';
import { EVIDENCE_SWITCH } from '@suveren/core/contracts/names';
import { writeEvidence } from '../lib/evidence/write-evidence';
import { addLandingZone, createSuverenApp, releaseSynthesisState } from '../lib/landing-zone';
import { SelectionError, selectStacks } from '../lib/selection';

/**
 * Synthesizes the app and returns the assembly's directory and the config. The app lives
 * only in this function, so that nothing on the stack holds the construct tree after it.
 */
function synthesize(): { assemblyDir: string; config: SuverenConfig; configFile: string } {
  // Synthesized once, below: no second synth when the process exits (autoSynth), whose listener would keep the app alive.
  const app = createSuverenApp({ autoSynth: false });
  // An empty SUVEREN_CONFIG counts as unset, as it does for most tools.
  const configFile: string = process.env.SUVEREN_CONFIG || (app.node.tryGetContext('config') as string | undefined) || DEFAULT_CONFIG_FILE;

  let config: SuverenConfig;
  try {
    config = loadConfig(configFile);
    addLandingZone(app, config, selectStacks(config, app.node.tryGetContext('tenants'), app.node.tryGetContext('shard')), { configFile });
  } catch (e) {
    if (e instanceof ConfigError || e instanceof SelectionError) {
      // A person fixes a config; a stack trace only hides the message.
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  return { assemblyDir: app.synth().directory, config, configFile };
}

const { assemblyDir, config, configFile } = synthesize();
// The evidence report reads the assembly from disk: the construct tree (most of the heap) is garbage from here on.
releaseSynthesisState();
// With cdk.json's --expose-gc: collect it now, before the report allocates on top of it.
(globalThis as { gc?: () => void }).gc?.();
// After the validation plugins: the report records whether the gates passed.
if (process.env[EVIDENCE_SWITCH] !== 'off') {
  writeEvidence({ assemblyDir, config, configFile: path.relative(process.cwd(), configFile) || configFile }).catch((e: unknown) => {
    process.stderr.write(`suveren: the evidence report could not be written: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 1;
  });
}
