import { parseCidr } from './connection-guard';
import * as path from 'node:path';
import { z } from 'zod';
import { type ConfigIssue, loadYamlFile, parseYamlDocument } from '@suveren/core/config/load';
import { EU_REGIONS, isEuRegion, whyNotEu } from '@suveren/core/contracts/regions';
import {
  XKS_ACCESS_KEY_ID_PATTERN,
  XKS_KEY_ID_PATTERN,
  XKS_URI_PATH_MAX_LENGTH,
  XKS_URI_PATH_PATTERN,
  XKS_VIA_SERVICE_PATTERN,
} from '@suveren/core/contracts/xks';

/*
 * The XKS proxy's configuration: one YAML file, validated like the landing-zone config
 * (every problem with its file, line, field and fix). It names files for every secret
 * (the TLS key, each SigV4 secret) and never holds one; the HSM PIN comes from
 * SUVEREN_PKCS11_PIN, which systemd loads from a credential file.
 */

/** The KMS operations that reach a proxy, as the spec lists them in requestMetadata.kmsOperation. */
export const KMS_OPERATIONS = ['CreateKey', 'DescribeKey', 'Encrypt', 'Decrypt', 'ReEncrypt', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext'] as const;

/** The spec's `externalKeyId` alphabet; the proxy uses the HSM key's label as the id. */
const externalKeyId = z
  .string({ error: 'expected the HSM key label that KMS names as XksKeyId' })
  .regex(XKS_KEY_ID_PATTERN, 'must be 1-128 letters, digits and . _ - (the XKS externalKeyId alphabet)');

// KMS sends awsPrincipalArn as aws:PrincipalArn: the role's ARN for a role session. A
// session ARN (sts assumed-role) is accepted in patterns too, for operators who match it.
const arnPattern = z
  .string({ error: 'expected an ARN or an ARN pattern with *' })
  .regex(
    /^arn:aws[a-z-]*:(iam::(\d{12}|\*):(role|user)\/[\w+=,.@*/-]+|iam::\d{12}:root|sts::(\d{12}|\*):assumed-role\/[\w+=,.@*/-]+)$/,
    'expected an IAM principal ARN such as arn:aws:iam::333333333333:role/Suveren-Tenant-arkiv-* (or an sts assumed-role ARN)',
  );

const filePath = (what: string) => z.string({ error: `expected the path of ${what}` }).min(1, `expected the path of ${what}`);

const keySchema = z.strictObject({
  externalKeyId,
  allow: z.strictObject({
    principals: z
      .array(arnPattern, { error: 'expected a list of principal ARNs (patterns may use *)' })
      .min(1, 'list at least one principal: the tenant roles that use S3'),
    // Either spelling KMS may send: the service name (s3) or kms:ViaService (s3.eu-north-1.amazonaws.com).
    viaServices: z
      .array(
        z
          .string({ error: 'expected a service such as s3, or a kms:ViaService value such as s3.eu-north-1.amazonaws.com' })
          .regex(
            XKS_VIA_SERVICE_PATTERN,
            "expected a service name such as s3 (in the proxy's region), or a kms:ViaService value such as s3.eu-north-1.amazonaws.com",
          ),
        { error: 'expected a list of services, e.g. [s3] or [s3.eu-north-1.amazonaws.com]' },
      )
      .min(1, 'list at least one service, e.g. s3 or s3.eu-north-1.amazonaws.com'),
    /**
     * Optional: the only KMS keys whose Encrypt and Decrypt this key serves, by exact ARN
     * (the tenant's key: `suveren plan` and the stack outputs name it).
     */
    kmsKeyArns: z
      .array(
        z
          .string()
          .regex(
            /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[0-9a-f-]{36}$/,
            'expected a KMS key ARN such as arn:aws:kms:eu-north-1:555555555555:key/0f0e0d0c-1111-2222-3333-444455556666',
          ),
        { error: 'expected a list of KMS key ARNs' },
      )
      .min(1, 'list at least one key ARN, or leave kmsKeyArns out')
      .optional(),
    kmsOperations: z
      .array(z.enum(KMS_OPERATIONS, { error: `expected one of ${KMS_OPERATIONS.join(', ')}` }))
      .min(1)
      .default([...KMS_OPERATIONS]),
    /**
     * Without a via-service: KMS CreateKey and DescribeKey (the platform's deployment) and
     * nothing else; Encrypt and Decrypt always come through one of `viaServices`.
     */
    directOperations: z.array(z.enum(KMS_OPERATIONS, { error: `expected one of ${KMS_OPERATIONS.join(', ')}` })).default(['CreateKey', 'DescribeKey']),
  }),
});

const proxyConfigSchema = z.strictObject({
  server: z.strictObject({
    host: z.string().default('0.0.0.0'),
    // 0 asks the system for a free port (tests).
    port: z.number({ error: 'expected a TCP port' }).int().min(0).max(65535).default(443),
    certificate: filePath('the PEM server certificate chain (a public CA KMS trusts)'),
    privateKey: filePath("the certificate's PEM private key (mode 0600)"),
    /** Open connections beyond this are refused; KMS keeps a few per host. */
    maxConnections: z.number({ error: 'expected a whole number of connections' }).int().min(1).max(65535).default(1024),
    /**
     * The DNS names KMS reaches the proxy by (the key store's XksProxyUriEndpoint or its VPC
     * endpoint service's private DNS name): a request whose signed Host is another is refused.
     */
    hostNames: z
      .array(
        z
          .string()
          .regex(
            /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i,
            'expected a DNS name such as xks.arkiv.example.fi',
          ),
        { error: 'expected a list of DNS names, e.g. [xks.arkiv.example.fi]' },
      )
      .default([]),
    /** Connections one source address may hold open, so one caller cannot take every slot. */
    perSourceLimit: z.number({ error: 'expected a whole number of connections per source address' }).int().min(1).max(65535).default(64),
    /**
     * Source CIDRs exempt from perSourceLimit. Behind a VPC endpoint service every KMS call
     * comes from the Network Load Balancer's addresses: list its subnets here.
     */
    exemptSources: z
      .array(
        z.string().refine((cidr) => parseCidr(cidr) !== undefined, 'expected a CIDR such as 10.0.0.0/16 (the load balancer subnets)'),
        { error: 'expected a list of CIDRs, e.g. [10.0.0.0/16]' },
      )
      .default([]),
  }),
  /** KMS's XksProxyUriPath: `[/<prefix>]/kms/xks/v1`. */
  uriPath: z
    .string({ error: 'expected the XksProxyUriPath, e.g. /keystores/arkiv/kms/xks/v1' })
    .max(XKS_URI_PATH_MAX_LENGTH, `KMS allows at most ${XKS_URI_PATH_MAX_LENGTH} characters`)
    .regex(XKS_URI_PATH_PATTERN, 'must be [/<prefix>]/kms/xks/v1 with a prefix of letters, digits, / - _ (KMS XksProxyUriPath)'),
  /** The region KMS calls from: the SigV4 scope the proxy accepts. */
  region: z.string({ error: 'expected the region of the KMS key store, e.g. eu-north-1' }).refine(isEuRegion, {
    error: (issue) => `${whyNotEu(String(issue.input))}; use one of the EU regions: ${EU_REGIONS.join(', ')}`,
  }),
  /**
   * The replica external key stores this proxy serves besides the one above: each tenant
   * replica's store in another region (docs/continuity.md), with its own XksProxyUriPath and
   * the region KMS calls from there. Same keys, same HSM, same credentials and one kill
   * switch: a seal stops every store at once.
   */
  replicaStores: z
    .array(
      z.strictObject({
        uriPath: z
          .string({ error: "expected the replica store's XksProxyUriPath, e.g. /west/kms/xks/v1" })
          .max(XKS_URI_PATH_MAX_LENGTH, `KMS allows at most ${XKS_URI_PATH_MAX_LENGTH} characters`)
          .regex(XKS_URI_PATH_PATTERN, 'must be [/<prefix>]/kms/xks/v1 with a prefix of letters, digits, / - _ (KMS XksProxyUriPath)'),
        region: z.string({ error: "expected the replica store's region, e.g. eu-west-1" }).refine(isEuRegion, {
          error: (issue) => `${whyNotEu(String(issue.input))}; use one of the EU regions: ${EU_REGIONS.join(', ')}`,
        }),
      }),
      { error: 'expected a list of stores, each with uriPath and region' },
    )
    .default([]),
  credentials: z
    .array(
      z.strictObject({
        accessKeyId: z.string().regex(XKS_ACCESS_KEY_ID_PATTERN, 'expected 20-30 characters of A-Z and 2-7 (suveren xks-proxy credential creates one)'),
        secretAccessKeyFile: filePath('a file (mode 0600) holding the 43-64 character secret'),
      }),
      { error: 'expected a list of one or two SigV4 credentials' },
    )
    .min(1, 'configure the credential KMS signs with (suveren xks-proxy credential)')
    .max(2, 'at most two credentials at once: the current one and, during rotation, its successor'),
  hsm: z.strictObject({
    pkcs11Module: filePath("the HSM vendor's PKCS#11 library"),
    token: z.string({ error: 'expected the token label' }).min(1),
    /** A dedicated key for the deep health check: the spec asks that health never use keys bound to KMS keys. */
    healthCheckKey: externalKeyId,
  }),
  keys: z.array(keySchema, { error: 'expected a list of external keys' }).min(1, 'list the external keys the proxy serves'),
  audit: z.strictObject({
    file: filePath('the append-only JSON-lines audit log'),
    /** The proxy rotates its own log at this size; each new file continues the chain. */
    rotateBytes: z
      .number({ error: 'expected a size in bytes, e.g. 67108864 (64 MiB)' })
      .int()
      .min(64 * 1024, 'rotate at 64 KiB or more')
      .default(64 * 1024 * 1024),
    /**
     * HSM-signed checkpoints of the chain, sent off the host: without them nothing shows the
     * log's last records cut or the whole file rewritten.
     */
    checkpoints: z
      .strictObject({
        /** The ECDSA P-256 key pair on the proxy's token (suveren xks-proxy checkpoint-key creates it). */
        signingKey: z.string({ error: 'expected the label of the checkpoint key pair on the token' }).min(1).max(64),
        /** The published public key (PEM) verify-log checks checkpoints with, offline. */
        publicKey: filePath("the checkpoint key's public half, PEM (suveren xks-proxy checkpoint-key --out writes it)"),
        everyRecords: z.number().int().min(1).max(1_000_000).default(1000),
        everySeconds: z.number().int().min(1).max(86_400).default(60),
        s3: z
          .strictObject({
            bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'expected an S3 bucket name (with Object Lock, in your audit account)'),
            region: z.string().refine(isEuRegion, { error: (issue) => `${whyNotEu(String(issue.input))}; keep checkpoints in an EU region` }),
            prefix: z.string().max(256).default('xks-audit/'),
            retentionDays: z.number().int().min(1).max(36_500).optional(),
          })
          .optional(),
        syslog: z.strictObject({ host: z.string().min(1), port: z.number().int().min(1).max(65535).default(514) }).optional(),
      })
      .refine((c) => c.s3 !== undefined || c.syslog !== undefined, {
        error: 'name at least one store off this host: s3 (a bucket with Object Lock) or syslog (your remote syslog): a file on the key host anchors nothing',
      })
      .optional(),
  }),
  killSwitch: z.strictObject({ file: filePath('the flag file whose presence seals the proxy') }),
  /** Reported in GetHealthStatus. */
  fleetSize: z.number().int().min(1).default(1),
});

export type ProxyConfig = z.infer<typeof proxyConfigSchema>;
export type ExternalKeyConfig = ProxyConfig['keys'][number];

function issuesOf(error: z.ZodError, input: unknown): ConfigIssue[] {
  return error.issues.flatMap((issue) => {
    const at = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => ({ path: [...at, key], message: `unknown key "${key}": remove it or correct its spelling` }));
    let value: unknown = input;
    for (const key of at) value = value !== null && typeof value === 'object' ? (value as Record<string | number, unknown>)[key] : undefined;
    return [{ path: at, message: value === undefined && issue.code === 'invalid_type' ? `is required: ${issue.message}` : issue.message }];
  });
}

function crossFieldIssues(config: ProxyConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const seen = new Set<string>();
  config.keys.forEach((key, i) => {
    if (seen.has(key.externalKeyId))
      issues.push({ path: ['keys', i, 'externalKeyId'], message: `duplicate key "${key.externalKeyId}": each external key is listed once` });
    if (key.externalKeyId === config.hsm.healthCheckKey) {
      issues.push({
        path: ['keys', i, 'externalKeyId'],
        message: 'is the health-check key: health checks use a key of their own, never one bound to a KMS key',
      });
    }
    seen.add(key.externalKeyId);
  });
  // A request is routed by its path alone: two stores on one path could not be told apart.
  const paths = new Map<string, string>([[config.uriPath, 'uriPath']]);
  config.replicaStores.forEach((store, i) => {
    const other = paths.get(store.uriPath);
    const nesting = [...paths.entries()].find(([p]) => p !== store.uriPath && (store.uriPath.startsWith(`${p}/`) || p.startsWith(`${store.uriPath}/`)));
    if (other === undefined && nesting)
      issues.push({
        path: ['replicaStores', i, 'uriPath'],
        message: `lies under ${nesting[1]}'s path ${nesting[0]}, or it under this one: a request is routed by its path, so give each key store a path outside the others`,
      });
    else if (other !== undefined)
      issues.push({ path: ['replicaStores', i, 'uriPath'], message: `is ${other}'s path too: give each key store a path of its own (its XksProxyUriPath)` });
    else if (store.region === config.region)
      issues.push({
        path: ['replicaStores', i, 'region'],
        message: `is the region of the primary store (region); a replica store is in the replica region: use the region of its KMS external key store`,
      });
    paths.set(store.uriPath, `replicaStores[${i}]`);
  });
  if (config.credentials.length === 2 && config.credentials[0].accessKeyId === config.credentials[1].accessKeyId) {
    issues.push({ path: ['credentials', 1, 'accessKeyId'], message: 'the two credentials must have different access key ids' });
  }
  return issues;
}

/** Parses proxy config text; relative file paths are resolved against `baseDir`. */
export function parseProxyConfig(text: string, file: string, baseDir = path.dirname(file)): ProxyConfig {
  const config = parseYamlDocument(text, file, (data) => {
    const parsed = proxyConfigSchema.safeParse(data);
    if (!parsed.success) return { ok: false, issues: issuesOf(parsed.error, data) };
    const issues = crossFieldIssues(parsed.data);
    return issues.length > 0 ? { ok: false, issues } : { ok: true, config: parsed.data };
  });
  const resolve = (p: string) => path.resolve(baseDir, p);
  return {
    ...config,
    server: { ...config.server, certificate: resolve(config.server.certificate), privateKey: resolve(config.server.privateKey) },
    credentials: config.credentials.map((c) => ({ ...c, secretAccessKeyFile: resolve(c.secretAccessKeyFile) })),
    hsm: { ...config.hsm, pkcs11Module: config.hsm.pkcs11Module.includes('/') ? resolve(config.hsm.pkcs11Module) : config.hsm.pkcs11Module },
    audit: {
      ...config.audit,
      file: resolve(config.audit.file),
      ...(config.audit.checkpoints ? { checkpoints: { ...config.audit.checkpoints, publicKey: resolve(config.audit.checkpoints.publicKey) } } : {}),
    },
    killSwitch: { file: resolve(config.killSwitch.file) },
  };
}

export function loadProxyConfig(file: string): ProxyConfig {
  return loadYamlFile(file, (text, label) => parseProxyConfig(text, label, path.dirname(path.resolve(file))), 'pass --config with the proxy config file');
}
