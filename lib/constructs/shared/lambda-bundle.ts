import * as path from 'node:path';
import { AssetHashType, DockerImage, aws_lambda as lambda } from 'aws-cdk-lib';

/** The Lambda runtime every suveren function uses (the newest Node.js Lambda offers). */
export const SUVEREN_NODE_RUNTIME = lambda.Runtime.NODEJS_24_X;

const LAMBDA_DIR = path.join(__dirname, '..', '..', '..', 'lambda');

/**
 * Bundles `lambda/<functionType>/index.ts` into `<outputDir>/index.js` (+ source map)
 * with the local esbuild. Used by the asset and by `npm run bench`.
 */
export function bundleFunctionType(functionType: string, outputDir: string): void {
  // Loaded lazily: synth without Lambda stacks never needs esbuild.
  const esbuild = require('esbuild') as typeof import('esbuild');
  esbuild.buildSync({
    entryPoints: [path.join(LAMBDA_DIR, functionType, 'index.ts')],
    outfile: path.join(outputDir, 'index.js'),
    bundle: true,
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    // Prefer the packages' ES module builds: esbuild can tree-shake those (the AWS SDK shrinks by a third).
    mainFields: ['module', 'main'],
    legalComments: 'none',
    logLevel: 'error',
    // The SDK's default credential chain becomes the environment-only provider (see lambda/shared/lambda-credentials.ts).
    alias: { '@aws-sdk/credential-provider-node': path.join(LAMBDA_DIR, 'shared', 'lambda-credentials.ts') },
  });
}

const inlineBundles = new Map<string, string>();

/**
 * `lambda/<functionType>/index.ts` bundled into one CommonJS file for a template's inline
 * code (`Code.ZipFile`), for functions deployed where no asset bucket is readable (a
 * StackSet's member accounts). The AWS SDK is left out: the Node.js runtime provides v3
 * (Lambda developer guide, Building Lambda functions with Node.js), and inline code stays
 * within a StackSet's 51,200-byte TemplateBody. Bundled once per process.
 */
export function inlineFunctionCode(functionType: string): string {
  const cached = inlineBundles.get(functionType);
  if (cached !== undefined) return cached;
  const esbuild = require('esbuild') as typeof import('esbuild');
  const result = esbuild.buildSync({
    entryPoints: [path.join(LAMBDA_DIR, functionType, 'index.ts')],
    bundle: true,
    minify: true,
    write: false,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    mainFields: ['module', 'main'],
    legalComments: 'none',
    logLevel: 'error',
    external: ['@aws-sdk/*'],
  });
  const code = result.outputFiles[0].text;
  inlineBundles.set(functionType, code);
  return code;
}

/** The Lambda function types under `lambda/`. */
export const FUNCTION_TYPES = ['presign', 'inspect', 'hsm-custody'] as const;

/**
 * The code of a suveren Lambda function type (a folder under `lambda/` with an
 * `index.ts`), bundled by the local esbuild: minified, with source maps and the AWS SDK
 * v3 inside, no Docker. The asset is hashed by its output, and CDK stages an asset once
 * per process however many tenants use it, so 290 tenants cost one esbuild run per
 * function type.
 */
export function lambdaBundle(functionType: string): lambda.Code {
  const sourceDir = path.join(LAMBDA_DIR, functionType);
  return lambda.Code.fromAsset(sourceDir, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // Never used: local bundling always succeeds or throws. There is no Docker engine here.
      image: DockerImage.fromRegistry('suveren/local-esbuild-only'),
      local: {
        tryBundle(outputDir: string): boolean {
          bundleFunctionType(functionType, outputDir);
          return true;
        },
      },
    },
  });
}
