// Jest runs test files in sandboxes whose process.env is a copy: a SOFTHSM2_CONF set in
// a test never reaches the SoftHSM library's getenv. So the variable is set here, in
// the parent, before the workers start; test/support/softhsm.ts writes the file it
// names, pointing at each test file's own throw-away token directory. The same run
// directory holds the run's synthesized assemblies (SUVEREN_TEST_RUN_DIR,
// test/support/authorized-moto.ts), shared by every file that synthesizes one config, and
// the IAM evaluator's decisions (SUVEREN_EVALUATOR_CACHE).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

module.exports = async function softHsmGlobalSetup() {
  if (process.env.SOFTHSM2_CONF) return;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-softhsm-run-'));
  process.env.SOFTHSM2_CONF = path.join(dir, 'softhsm2.conf');
  process.env.SUVEREN_SOFTHSM_RUN_DIR = dir;
  process.env.SUVEREN_TEST_RUN_DIR = dir;
  // The IAM evaluator's decisions, shared by every file of the run (lib/authorization/evaluate.ts).
  if (!process.env.SUVEREN_EVALUATOR_CACHE) process.env.SUVEREN_EVALUATOR_CACHE = path.join(dir, 'evaluator-cache');
};
