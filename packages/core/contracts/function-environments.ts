import { TIERS, type Tier } from './tiers';

/*
 * The environment each suveren function runs with, as one typed schema per function:
 * the construct writes it (`write`), the handler reads it (`read`), and neither spells a
 * variable name. Values may be CloudFormation tokens when written; they are plain
 * strings when read.
 */

interface Variable<T> {
  readonly name: string;
  /** Written only when it has a value, and read as undefined when absent. */
  readonly optional?: boolean;
  write(value: T): string;
  read(raw: string, fail: (why: string) => never): T;
}

const text = (name: string): Variable<string> => ({ name, write: (v) => v, read: (raw) => raw });
const integer = (name: string): Variable<number> => ({
  name,
  write: (v) => String(v),
  read: (raw, fail) => (/^\d+$/.test(raw) ? Number(raw) : fail(`is "${raw}", not a whole number`)),
});
const stringList = (name: string): Variable<string[]> => ({
  name,
  write: (v) => JSON.stringify(v),
  read: (raw, fail) => {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (Array.isArray(parsed) && parsed.every((x) => typeof x === 'string')) return parsed;
    } catch {
      // reported below
    }
    return fail('is not a JSON list of strings');
  },
});
/** A recovery key fingerprint (contracts/recovery-key.ts), or nothing when the tenant has no recovery key. */
const optionalFingerprint = (name: string): Variable<string | undefined> => ({
  name,
  optional: true,
  write: (v) => v ?? '',
  read: (raw, fail) => (/^sha256:[0-9a-f]{64}$/.test(raw) ? raw : fail(`is "${raw}", not a sha256:<64 hex digits> fingerprint`)),
});

const tier = (name: string): Variable<Tier> => ({
  name,
  write: (v) => v,
  read: (raw, fail) => ((TIERS as readonly string[]).includes(raw) ? (raw as Tier) : fail(`is "${raw}", not one of ${TIERS.join(', ')}`)),
});

export interface EnvironmentSchema<T> {
  /** The function, for error messages. */
  readonly functionName: string;
  /** Each field's variable name, for readers of a template (the evidence report). */
  readonly variables: { readonly [K in keyof T]-?: string };
  /** The variables, in the order they are written. */
  write(values: T): Record<string, string>;
  /** Reads what the construct wrote; a missing or malformed variable is a deployment bug, named as such. */
  read(env: Readonly<Record<string, string | undefined>>): T;
}

function schema<T>(functionName: string, variables: { readonly [K in keyof T]: Variable<T[K]> }): EnvironmentSchema<T> {
  const entries = Object.entries(variables) as [keyof T & string, Variable<unknown>][];
  return {
    functionName,
    variables: Object.fromEntries(entries.map(([field, variable]) => [field, variable.name])) as { readonly [K in keyof T]-?: string },
    write: (values) =>
      Object.fromEntries(
        entries
          .filter(([field, variable]) => !variable.optional || values[field] !== undefined)
          .map(([field, variable]) => [variable.name, variable.write(values[field])]),
      ),
    read: (env) =>
      Object.fromEntries(
        entries.map(([field, variable]) => {
          const fail = (why: string): never => {
            throw new Error(`${functionName}: environment variable ${variable.name} ${why}`);
          };
          const raw = env[variable.name];
          if (!raw && variable.optional) return [field, undefined];
          return [field, raw ? variable.read(raw, fail) : fail('is not set')];
        }),
      ) as T,
  };
}

/** What the presign function needs: where uploads go and the tenant's upload rules. */
export interface PresignEnvironment {
  readonly tenantId: string;
  readonly tier: Tier;
  readonly bucketName: string;
  readonly keyArn: string;
  /** Bound into client-side ciphertexts' encryption context. */
  readonly classification: string;
  readonly maxObjectBytes: number;
  readonly allowedContentTypes: string[];
  /** Tier client-side: the configured recovery key, which the slot names so that the CLI refuses a mismatch before it uploads. */
  readonly recoveryKeyFingerprint?: string;
}

export const PRESIGN_ENVIRONMENT: EnvironmentSchema<PresignEnvironment> = schema('presign', {
  tenantId: text('TENANT_ID'),
  tier: tier('TIER'),
  bucketName: text('BUCKET_NAME'),
  keyArn: text('KEY_ARN'),
  classification: text('CLASSIFICATION'),
  maxObjectBytes: integer('MAX_OBJECT_BYTES'),
  allowedContentTypes: stringList('ALLOWED_CONTENT_TYPES'),
  recoveryKeyFingerprint: optionalFingerprint('RECOVERY_KEY_FINGERPRINT'),
});

/** What the inspection function needs: the buckets it reads and quarantines into, and the tenant key. */
export interface InspectEnvironment {
  readonly tenantId: string;
  readonly tier: Tier;
  readonly bucketName: string;
  readonly keyArn: string;
  readonly quarantineBucketName: string;
  /** Tier client-side: the recovery key every message must also be wrapped for; a message without it is quarantined. */
  readonly recoveryKeyFingerprint?: string;
}

export const INSPECT_ENVIRONMENT: EnvironmentSchema<InspectEnvironment> = schema('inspect', {
  tenantId: text('TENANT_ID'),
  tier: tier('TIER'),
  bucketName: text('BUCKET_NAME'),
  keyArn: text('KEY_ARN'),
  quarantineBucketName: text('QUARANTINE_BUCKET_NAME'),
  recoveryKeyFingerprint: optionalFingerprint('RECOVERY_KEY_FINGERPRINT'),
});
