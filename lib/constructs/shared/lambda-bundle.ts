import * as path from 'node:path';
import { AssetHashType, DockerImage, aws_lambda as lambda } from 'aws-cdk-lib';

/** The Lambda runtime every suveren function uses (the newest Node.js Lambda offers). */
export const SUVEREN_NODE_RUNTIME = lambda.Runtime.NODEJS_24_X;

const LAMBDA_DIR = path.join(__dirname, '..', '..', '..', 'lambda');

/** What every suveren function bundle shares: one minified CommonJS file for the newest Node.js Lambda offers. */
function bundleOptions(functionType: string): import('esbuild').BuildOptions {
  return {
    entryPoints: [path.join(LAMBDA_DIR, functionType, 'index.ts')],
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    // Prefer the packages' ES module builds: esbuild can tree-shake those (the AWS SDK shrinks by a third).
    mainFields: ['module', 'main'],
    legalComments: 'none',
    logLevel: 'error',
  };
}

/** esbuild, loaded lazily: synth without Lambda functions never needs it. */
const esbuild = () => require('esbuild') as typeof import('esbuild');

/**
 * Bundles `lambda/<functionType>/index.ts` into `<outputDir>/index.js` (+ source map)
 * with the local esbuild. Used by the asset and by `npm run bench`.
 */
export function bundleFunctionType(functionType: string, outputDir: string): void {
  esbuild().buildSync({
    ...bundleOptions(functionType),
    outfile: path.join(outputDir, 'index.js'),
    sourcemap: true,
    sourcesContent: false,
    // The SDK's default credential chain becomes the environment-only provider (see lambda/shared/lambda-credentials.ts).
    alias: { '@aws-sdk/credential-provider-node': path.join(LAMBDA_DIR, 'shared', 'lambda-credentials.ts') },
  });
}

const inlineBundles = new Map<string, string>();

/**
 * `lambda/<functionType>/index.ts` bundled into one CommonJS file for a template's inline
 * code (`Code.ZipFile`), for functions deployed where no asset bucket is readable (a
 * StackSet's member accounts). The AWS SDK is left out: the Node.js runtime provides v3
 * (Lambda developer guide, Building Lambda functions with Node.js). Bundled once per process.
 */
export function inlineFunctionCode(functionType: string): string {
  const cached = inlineBundles.get(functionType);
  if (cached !== undefined) return cached;
  const [bundle] = esbuild().buildSync({ ...bundleOptions(functionType), write: false, external: ['@aws-sdk/*'] }).outputFiles ?? [];
  if (!bundle) throw new Error(`esbuild wrote no bundle for lambda/${functionType}`);
  const code = bundle.text;
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
