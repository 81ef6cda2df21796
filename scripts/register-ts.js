// Loads the project's TypeScript in place through esbuild's transform: what `cdk synth`
// runs the app with. ts-node's compiler took about 5 s of a large synth; esbuild
// strips the types in milliseconds. Type checking is `npm run typecheck` (and npm test).
const fs = require('node:fs');
const { transformSync } = require('esbuild');

const compile = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    loader: 'ts',
    format: 'cjs',
    target: 'node20',
    sourcefile: filename,
    sourcemap: 'inline',
  });
  module._compile(code, filename);
};
require.extensions['.ts'] = compile;
process.setSourceMapsEnabled(true);
