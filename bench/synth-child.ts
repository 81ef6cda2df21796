/*
 * Runs the CDK app once, as `cdk synth` would, and records this process's peak RSS
 * (kilobytes) in the file named by BENCH_RUSAGE_FILE when it exits. The evidence report
 * and its access matrix are on unless the caller's environment switches them off.
 */
import * as fs from 'node:fs';

const rusageFile = process.env.BENCH_RUSAGE_FILE;
if (rusageFile) {
  // VmHWM is this process's own peak; getrusage's maxRSS starts at the forking parent's RSS (Linux keeps it across execve).
  process.on('exit', () => {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    fs.writeFileSync(rusageFile, JSON.stringify({ maxRssKb: hwm ? Number(hwm[1]) : process.resourceUsage().maxRSS }));
  });
}
require('../bin/suveren');
