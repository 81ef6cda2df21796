// Removes the run's SoftHSM directory (test/support/softhsm-global-setup.js).
const fs = require('node:fs');

module.exports = async function softHsmGlobalTeardown() {
  const dir = process.env.SUVEREN_SOFTHSM_RUN_DIR;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
};
