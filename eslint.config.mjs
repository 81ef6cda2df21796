// ESLint for the whole repository: typescript-eslint's recommended rules, with
// formatting left to Prettier (eslint-config-prettier turns the overlapping rules off).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', 'dist/', 'coverage/', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // Unused names are errors, except an intentional `_` prefix.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    // Lazy on purpose: each command loads only its own module (a 200 MB download carries
    // no CDK code), synth loads esbuild only when it bundles, and the bench's child
    // process loads the app after installing its exit hook.
    files: ['lib/premises/cli/**/*.ts', 'lib/constructs/shared/lambda-bundle.ts', 'bench/synth-child.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
