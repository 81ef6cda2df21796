import { CreateBucketCommand, HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { APIGatewayProxyEventV2WithIAMAuthorizer } from 'aws-lambda';
import { type PresignSettings, handlePresign } from '../../lambda/presign/index';
import { planPresignedPost } from '../../lambda/presign/presigned-post';
import { MAX_REQUEST_BODY_BYTES, type TenantUploadRules, validateUploadRequest } from '../../lambda/presign/upload-request';
import { type AuthorizedMoto, startAuthorizedMoto } from '../support/authorized-moto';

/*
 * The presign handler, run for real against moto_server as the S3 endpoint, signed as
 * lund-kommun's presign role and authorized (test/support/authorizing-proxy.ts) against
 * the example's synthesized templates, with the bucket and key names they give the
 * tenant. moto does not enforce POST policy conditions, so what the conditions pin is
 * asserted on the signed policy itself; what S3 stores is asserted on the object moto
 * received.
 */

const RULES: TenantUploadRules = {
  tenantId: 'lund-kommun',
  tier: 'standard',
  maxObjectBytes: 10 * 1024 * 1024,
  allowedContentTypes: ['application/pdf', 'text/csv'],
};
const CALLER = 'arn:aws:sts::333333333331:assumed-role/suveren-lund-kommun-uploader/anna';

function event(body: string | undefined, options: { caller?: string | null; method?: string } = {}): APIGatewayProxyEventV2WithIAMAuthorizer {
  const caller = options.caller === undefined ? CALLER : options.caller;
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: '/',
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    body,
    isBase64Encoded: false,
    requestContext: {
      http: { method: options.method ?? 'POST', path: '/', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
      ...(caller
        ? {
            authorizer: {
              iam: {
                userArn: caller,
                accountId: '333333333331',
                callerId: 'AROA:anna',
                principalOrgId: 'o-a1b2c3d4e5',
                userId: 'AROA:anna',
                accessKey: 'ASIA',
                cognitoIdentity: null,
              },
            },
          }
        : {}),
    },
  } as unknown as APIGatewayProxyEventV2WithIAMAuthorizer;
}

const ok = { fileName: 'årsredovisning 2025.pdf', contentType: 'application/pdf', contentLength: 1024 };
const body = (fields: Record<string, unknown>) => JSON.stringify(fields);

let aws: AuthorizedMoto;
/** moto directly: the bucket as the tenant stack creates it, and the tests' observations. */
let direct: S3Client;
/** Signed as the presign role, through the authorizer. */
let s3: S3Client;
let settings: PresignSettings;
let BUCKET: string;
let KEY_ARN: string;

beforeAll(async () => {
  aws = await startAuthorizedMoto(RULES.tenantId);
  BUCKET = aws.names.data;
  KEY_ARN = aws.names.keyArn;
  direct = aws.direct;
  s3 = aws.s3As(aws.names.role('presign-fn'));
  await direct.send(new CreateBucketCommand({ Bucket: BUCKET, CreateBucketConfiguration: { LocationConstraint: 'eu-north-1' } }));
  settings = { bucket: BUCKET, keyArn: KEY_ARN, classification: 'internal', rules: RULES };
}, 60_000);
afterAll(async () => aws?.stop());

const objectCount = async () => (await direct.send(new ListObjectsV2Command({ Bucket: BUCKET }))).KeyCount ?? 0;

/** ≥ 30 bad requests: every one a 4xx with a reason, none a 5xx, and nothing stored. */
const badRequests: [string, APIGatewayProxyEventV2WithIAMAuthorizer, number][] = [
  ['no IAM identity', event(body(ok), { caller: null }), 403],
  ['GET instead of POST', event(undefined, { method: 'GET' }), 400],
  ['no body', event(undefined), 400],
  ['empty body', event(''), 400],
  ['not JSON', event('fileName=a.pdf'), 400],
  ['JSON array', event('[]'), 400],
  ['JSON null', event('null'), 400],
  ['oversized JSON', event(body({ ...ok, fileName: 'a'.repeat(MAX_REQUEST_BODY_BYTES) })), 413],
  ['unknown field', event(body({ ...ok, bucket: 'other' })), 400],
  ['another tenant', event(body({ ...ok, tenant: 'malmo-stad' })), 404],
  ['missing fileName', event(body({ contentType: 'application/pdf', contentLength: 10 })), 400],
  ['fileName not a string', event(body({ ...ok, fileName: 42 })), 400],
  ['empty fileName', event(body({ ...ok, fileName: '' })), 400],
  ['path traversal', event(body({ ...ok, fileName: '../../etc/passwd' })), 400],
  ['absolute path', event(body({ ...ok, fileName: '/etc/passwd' })), 400],
  ['Windows path', event(body({ ...ok, fileName: 'C:\\Users\\a.pdf' })), 400],
  ['dot-dot', event(body({ ...ok, fileName: '..' })), 400],
  ['NUL byte', event(body({ ...ok, fileName: 'a\u0000.pdf' })), 400],
  ['newline (header injection)', event(body({ ...ok, fileName: 'a.pdf\r\nx-amz-acl: public-read' })), 400],
  ['bidi override (extension spoofing)', event(body({ ...ok, fileName: 'invoice\u202efdp.exe' })), 400],
  ['leading white space', event(body({ ...ok, fileName: ' a.pdf' })), 400],
  ['fileName over 255 bytes', event(body({ ...ok, fileName: `${'å'.repeat(130)}.pdf` })), 400],
  ['missing contentType', event(body({ fileName: 'a.pdf', contentLength: 10 })), 400],
  ['contentType not a string', event(body({ ...ok, contentType: ['application/pdf'] })), 400],
  ['disallowed content type', event(body({ ...ok, contentType: 'application/x-msdownload' })), 415],
  ['spoofed content type with parameters', event(body({ ...ok, contentType: 'application/pdf; charset=utf-8' })), 415],
  ['spoofed content type in other case', event(body({ ...ok, contentType: 'Application/PDF' })), 415],
  ['spoofed content type with a trailing newline', event(body({ ...ok, contentType: 'application/pdf\n' })), 415],
  ['missing contentLength', event(body({ fileName: 'a.pdf', contentType: 'application/pdf' })), 400],
  ['zero size', event(body({ ...ok, contentLength: 0 })), 400],
  ['negative size', event(body({ ...ok, contentLength: -1 })), 400],
  ['fractional size', event(body({ ...ok, contentLength: 10.5 })), 400],
  ['size as a string', event(body({ ...ok, contentLength: '1024' })), 400],
  ['size over the tenant limit', event(body({ ...ok, contentLength: RULES.maxObjectBytes + 1 })), 413],
  ['size beyond safe integers', event(body({ ...ok, contentLength: 2 ** 60 })), 400],
  ['malformed sha256', event(body({ ...ok, sha256: 'abc' })), 400],
  ['upper-case sha256', event(body({ ...ok, sha256: 'A'.repeat(64) })), 400],
];

describe('presign: bad requests', () => {
  test('there are at least 30 of them', () => expect(badRequests.length).toBeGreaterThanOrEqual(30));

  test.each(badRequests)('%s -> %i with a reason', async (_name, request, status) => {
    const response = await handlePresign(request, s3, settings);
    expect(response.statusCode).toBe(status);
    const parsed = JSON.parse(response.body ?? '{}') as { reason?: string };
    expect(parsed.reason).toEqual(expect.any(String));
    expect(parsed.reason!.length).toBeGreaterThan(10);
  });

  test('none of them stored anything', async () => {
    expect(await objectCount()).toBe(0);
  });
});

describe('presign: a good request', () => {
  test('answers a presigned POST that uploads to a server-chosen key with SSE-KMS under the tenant key', async () => {
    const response = await handlePresign(event(body({ ...ok, sha256: 'a'.repeat(64) })), s3, settings);
    expect(response.statusCode).toBe(200);
    const slot = JSON.parse(response.body!) as { key: string; url: string; fields: Record<string, string> };
    expect(slot.key).toMatch(/^objects\/[0-9a-f-]{36}$/);
    const policy = JSON.parse(Buffer.from(slot.fields.Policy, 'base64').toString('utf8')) as { conditions: unknown[] };
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        ['content-length-range', 1024, 1024],
        { key: slot.key },
        { bucket: BUCKET },
        ['eq', '$x-amz-server-side-encryption', 'aws:kms'],
        ['eq', '$x-amz-server-side-encryption-aws-kms-key-id', KEY_ARN],
        ['eq', '$Content-Type', 'application/pdf'],
      ]),
    );

    const form = new FormData();
    for (const [name, value] of Object.entries(slot.fields)) form.append(name, value);
    form.append('file', new Blob([Buffer.alloc(1024, 7)]), 'upload.bin');
    const upload = await fetch(slot.url, { method: 'POST', body: form });
    expect(upload.status).toBeLessThan(300);
    // The authorizer decided the POST as the presign role's PutObject and PutObjectTagging, with the form's SSE fields.
    expect(aws.proxy.log.at(-1)).toMatchObject({
      allowed: true,
      principal: aws.names.role('presign-fn'),
      summary: expect.stringMatching(/^S3 PutObject .*s3:PutObject .*s3:PutObjectTagging .*kms:GenerateDataKey/),
    });

    const head = await direct.send(new HeadObjectCommand({ Bucket: BUCKET, Key: slot.key }));
    expect(head.ContentLength).toBe(1024);
    expect(head.ContentType).toBe('application/pdf');
    // moto's POST handling drops the SSE form fields (its PUT keeps them), so SSE-KMS and the
    // key are asserted on the signed policy above, which real S3 enforces.
    expect(head.Metadata).toMatchObject({ 'original-filename': encodeURIComponent('årsredovisning 2025.pdf'), 'plaintext-content-type': 'application/pdf' });
  });

  test('for tier client-side the object is ciphertext: octet-stream, and the size range allows the message overhead', () => {
    const rules = { ...RULES, tier: 'client-side' as const };
    const validated = validateUploadRequest(body(ok), rules);
    if (!validated.ok) throw new Error(validated.reason);
    const plan = planPresignedPost(validated.request, rules, KEY_ARN, () => 'fixed');
    expect(plan.key).toBe('objects/fixed');
    expect(plan.fields['Content-Type']).toBe('application/octet-stream');
    const range = plan.conditions.find((c) => c[0] === 'content-length-range')!;
    expect(range[1]).toBe(1);
    expect(range[2]).toBeGreaterThan(1024);
  });
});

describe('presign: the deployed bundle', () => {
  test('the esbuild bundle (environment-only credentials) answers a slot through the authorizer', async () => {
    const { bundleFunctionType } = await import('../../lib/constructs/shared/lambda-bundle');
    const fsModule = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = fsModule.mkdtempSync(path.join(os.tmpdir(), 'suveren-presign-bundle-'));
    bundleFunctionType('presign', dir);
    const credentials = aws.proxy.credentialsFor(aws.names.role('presign-fn'));
    const env = {
      AWS_ENDPOINT_URL: aws.proxy.endpoint,
      AWS_REGION: 'eu-north-1',
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      BUCKET_NAME: BUCKET,
      KEY_ARN,
      TENANT_ID: RULES.tenantId,
      TIER: RULES.tier,
      CLASSIFICATION: 'internal',
      MAX_OBJECT_BYTES: String(RULES.maxObjectBytes),
      ALLOWED_CONTENT_TYPES: JSON.stringify(RULES.allowedContentTypes),
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      POWERTOOLS_METRICS_DISABLED: 'true',
    };
    const { spawnSync } = await import('node:child_process');
    const script = `require(${JSON.stringify(path.join(dir, 'index.js'))}).handler(${JSON.stringify(event(body(ok)))}).then((r) => process.stdout.write(JSON.stringify(r)))`;
    const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { PATH: process.env.PATH, ...env } });
    fsModule.rmSync(dir, { recursive: true, force: true });
    // Node 20 here draws the SDK's Node-version notice; Lambda runs Node 24.
    expect(child.stderr).not.toMatch(/Error/);
    const response = JSON.parse(child.stdout) as { statusCode: number; body: string };
    expect(response.statusCode).toBe(200);
    const slot = JSON.parse(response.body) as { url: string; fields: Record<string, string> };
    expect(slot.url).toContain(aws.proxy.endpoint.replace('http://', ''));
    expect(slot.fields['X-Amz-Credential']).toMatch(new RegExp(`^${credentials.accessKeyId}/`));
  });
});
