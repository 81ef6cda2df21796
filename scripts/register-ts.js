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
// Source-mapped stack traces make every trace aws-cdk-lib captures (one per acknowledged
// finding) several times dearer; CDK_DEBUG=true, or node --enable-source-maps, has them.
if (['1', 'on', 'true'].includes((process.env.CDK_DEBUG ?? '').toLowerCase())) process.setSourceMapsEnabled(true);
