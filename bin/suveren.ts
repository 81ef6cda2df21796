#!/usr/bin/env node
/*
 * The CDK app: `npx cdk synth` synthesizes config/example.yaml, or the file named by
 * SUVEREN_CONFIG or `-c config=path.yaml`.
 */
import { ConfigError, DEFAULT_CONFIG_FILE, loadConfig } from '../lib/config/load';
import { addLandingZone, createSuverenApp } from '../lib/landing-zone';

const app = createSuverenApp();
// An empty SUVEREN_CONFIG counts as unset, as it does for most tools.
const configFile: string = process.env.SUVEREN_CONFIG || app.node.tryGetContext('config') || DEFAULT_CONFIG_FILE;

try {
  addLandingZone(app, loadConfig(configFile));
} catch (e) {
  if (e instanceof ConfigError) {
    // A person fixes a config; a stack trace only hides the message.
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  }
  throw e;
}
app.synth();
