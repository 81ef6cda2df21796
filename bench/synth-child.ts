/*
 * Runs the CDK app once, as `cdk synth` would, and records this process's peak RSS
 * (kilobytes) in the file named by BENCH_RUSAGE_FILE when it exits.
 */
import * as fs from 'node:fs';

const rusageFile = process.env.BENCH_RUSAGE_FILE;
if (rusageFile) {
  process.on('exit', () => fs.writeFileSync(rusageFile, JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS })));
}
require('../bin/suveren');
