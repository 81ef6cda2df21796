import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CreateBucketCommand, PutBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import type { AccessEvaluator } from '../../lib/authorization/evaluate';
import type { SuverenConfig, TenantConfig } from '@suveren/core/config/schema';
import { type AssemblyStack, readCloudAssembly } from '../../lib/assembly/cloud-assembly';
import { addLandingZone } from '../../lib/landing-zone';
import { exampleConfig, testApp } from '../helpers';
import { type AuthorizingProxy, startAuthorizingProxy } from './authorizing-proxy';
import { type MotoServer, startMotoServer } from './moto-server';
import { type TenantNames, evaluatorFor, tenantNames } from './replay';

/*
 * moto_server behind the authorizing proxy, for one tenant of a freshly synthesized
 * config: the names the templates give its buckets, keys and roles, credentials for each
 * role, and a direct client for the fixtures and the tests' own observations.
 */

/**
 * The directory of the config's assembly as `cdk synth` writes it (Lambda bundling
 * skipped), to be read, never written. Synthesized once per config and jest run: it is
 * kept in the run's directory (jest's global setup names it), where every test file of the
 * run that asks for the same config finds it. A file that finds none synthesizes it and
 * moves it into place; when two do so at once, the second drops its own copy.
 */
export function synthesizedAssemblyDir(config: SuverenConfig): string {
  const runDir = process.env.SUVEREN_TEST_RUN_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-synth-run-'));
  const cached = path.join(runDir, 'synthesized', createHash('sha256').update(JSON.stringify(config)).digest('hex'));
  if (fs.existsSync(path.join(cached, 'manifest.json'))) return cached;
  const outdir = fs.mkdtempSync(path.join(runDir, 'suveren-synth-'));
  const app = testApp({ outdir });
  addLandingZone(app, config);
  app.synth();
  fs.mkdirSync(path.dirname(cached), { recursive: true });
  try {
    fs.renameSync(outdir, cached);
  } catch {
    // Another file of the run cached this config first: its copy is the same.
    fs.rmSync(outdir, { recursive: true, force: true });
  }
  return cached;
}

/** The config's stacks as `cdk synth` writes them (Lambda bundling skipped), synthesized once per config and jest run. */
export function synthesizedStacks(config: SuverenConfig): AssemblyStack[] {
  return [...readCloudAssembly(synthesizedAssemblyDir(config)).stacks];
}

export interface AuthorizedMoto {
  readonly moto: MotoServer;
  readonly proxy: AuthorizingProxy;
  readonly evaluator: AccessEvaluator;
  readonly tenant: TenantConfig;
  readonly names: TenantNames;
  /** An S3 client signed as `principal`, through the authorizer. */
  s3As(principal: string): S3Client;
  /** An S3 client straight to moto: fixtures and observations, never a principal under test. */
  readonly direct: S3Client;
  stop(): Promise<void>;
}

export interface AuthorizedMotoOptions {
  /** @default the example config */
  readonly config?: SuverenConfig;
  /** The templates to authorize against (a mutation check passes altered ones). @default freshly synthesized */
  readonly stacks?: readonly AssemblyStack[];
  /** The account moto creates resources in (the key-custody account for HSM-backed keys). @default the tenant's account */
  readonly motoAccount?: string;
}

export async function startAuthorizedMoto(tenantId: string, options: AuthorizedMotoOptions = {}): Promise<AuthorizedMoto> {
  const config = options.config ?? exampleConfig();
  const tenant = config.tenants.find((t) => t.id === tenantId);
  if (!tenant) throw new Error(`no tenant ${tenantId} in the config`);
  const evaluator = evaluatorFor(options.stacks ?? synthesizedStacks(config), config);
  const names = tenantNames(evaluator, tenant);
  const moto = await startMotoServer({ accountId: options.motoAccount ?? tenant.account });
  const proxy = await startAuthorizingProxy({ evaluator, upstream: moto.endpoint });
  const client = (endpoint: string, credentials: { accessKeyId: string; secretAccessKey: string }) =>
    new S3Client({ endpoint, region: tenant.region, forcePathStyle: true, credentials });
  return {
    moto,
    proxy,
    evaluator,
    tenant,
    names,
    s3As: (principal) => client(proxy.endpoint, proxy.credentialsFor(principal)),
    direct: client(moto.endpoint, { accessKeyId: 'fixtures', secretAccessKey: 'fixtures' }),
    stop: async () => {
      await proxy.stop();
      await moto.stop();
    },
  };
}

/** A client straight to `aws`'s moto in `region` (fixtures in another region's bucket, such as a tenant's replica). */
export function directClientIn(aws: AuthorizedMoto, region: string): S3Client {
  return new S3Client({ endpoint: aws.moto.endpoint, region, forcePathStyle: true, credentials: { accessKeyId: 'fixtures', secretAccessKey: 'fixtures' } });
}

/** Creates `bucket` in `region` with versioning on, as every suveren data, quarantine and replica bucket is. */
export async function createVersionedBucket(client: S3Client, bucket: string, region: string): Promise<void> {
  await client.send(new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: { LocationConstraint: region as 'eu-north-1' } }));
  await client.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }));
}
