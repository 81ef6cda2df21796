// ESLint for the whole repository: typescript-eslint's recommended rules, with
// formatting left to Prettier (eslint-config-prettier turns the overlapping rules off).
// The code that ships (lib, the workspaces, lambda, bin) and the bench are linted with type information
// (recommendedTypeChecked): a template value stringified as "[object Object]" in the
// evidence report, a floating promise or an `any` from JSON.parse is caught there.
// Tests parse untyped JSON (templates, reports, API answers) on nearly every line and
// stay on the untyped rules.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const shipped = ['lib/**/*.ts', 'packages/*/**/*.ts', 'lambda/**/*.ts', 'bin/**/*.ts', 'bench/**/*.ts'];

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', 'dist/', 'coverage/', 'baselines/', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked.map((config) => ({ ...config, files: shipped })),
  {
    files: shipped,
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
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
    files: ['packages/premises/cli/**/*.ts', 'lib/cli/**/*.ts', 'lib/constructs/shared/lambda-bundle.ts', 'bench/synth-child.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
