import { createHash, randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { AccessDecision, AccessEvaluator, AccessRequest } from '../../lib/authorization/evaluate';
import type { NamedPolicy, PolicyDocumentJson } from '../../lib/authorization/deployed-model';
import { type S3Call, type S3Operation, decideS3Call } from '../../lib/authorization/s3-calls';

/*
 * What moto_server never does: decide whether AWS would let the caller make the request.
 * Every request of a principal under test goes through this proxy. It learns who signed
 * it (the access key in the SigV4 credential, in the Authorization header, a presigned
 * URL's query or a presigned POST's form), turns it into the IAM requests AWS makes for
 * it (lib/authorization: S3 calls with the KMS calls S3 makes as the caller, KMS calls
 * against the key's policy, CloudHSM and STS calls), and asks the IAM evaluator over the
 * synthesized templates. A denial is answered as AWS answers it (403 AccessDenied for S3
 * and STS, AccessDeniedException for KMS and CloudHSM), its message naming the deciding
 * statements; an allowed request is forwarded to moto unchanged.
 *
 * What it needs to know that a request does not carry (an object's tags, the key it is
 * encrypted under, a key's policy) it reads from moto directly. A request it cannot map
 * to IAM actions is refused with NotModelledByAuthorizer, never passed through: a test
 * that needs one must say what it is authorized as first.
 *
 * Fixtures (the buckets, keys and clusters a deployment would create) and the tests'
 * own observations go to moto directly: they are CloudFormation's and the tester's
 * calls, which the replay table covers.
 */

export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

export interface AuthorizedRequest {
  readonly principal: string;
  readonly summary: string;
  readonly allowed: boolean;
  /** For a denial: the IAM request that was denied and the statements that denied it. */
  readonly denied?: AccessDecision;
}

export interface AuthorizingProxy {
  /** Where principals under test send their requests. */
  readonly endpoint: string;
  /** Credentials that the proxy attributes to `principal` (a role ARN). */
  credentialsFor(principal: string): Credentials;
  /** The principal whose credentials carry this access key, if any. */
  principalOf(accessKeyId: string): string | undefined;
  /** Every request decided, in order. */
  readonly log: readonly AuthorizedRequest[];
  stop(): Promise<void>;
}

export interface AuthorizingProxyOptions {
  readonly evaluator: AccessEvaluator;
  /** moto_server's endpoint. */
  readonly upstream: string;
}

const S3_NS = 'http://s3.amazonaws.com/doc/2006-03-01/';

class Denied extends Error {
  constructor(
    readonly service: string,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function accessKeyFor(principal: string): string {
  return `AKIA${createHash('sha256').update(principal).digest('hex').slice(0, 16).toUpperCase()}`;
}

/** `AKID/20261130/eu-north-1/s3/aws4_request` → its parts. */
function credentialScope(credential: string | undefined | null): { accessKeyId: string; region: string; service: string } | undefined {
  const match = /^([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request$/.exec(credential ?? '');
  return match ? { accessKeyId: match[1], region: match[2], service: match[3] } : undefined;
}

const xmlEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const xmlUnescape = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

function parseXmlTags(xml: string): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const match of xml.matchAll(/<Tag>\s*<Key>([\s\S]*?)<\/Key>\s*<Value>([\s\S]*?)<\/Value>\s*<\/Tag>/g))
    tags[xmlUnescape(match[1])] = xmlUnescape(match[2]);
  return tags;
}

function parseQueryTags(header: string | undefined): Record<string, string> | undefined {
  if (!header) return undefined;
  return Object.fromEntries(new URLSearchParams(header).entries());
}

function denialMessage(decision: AccessDecision): string {
  const how = decision.outcome === 'ExplicitlyDenied' ? 'with an explicit deny' : 'because no policy allows it';
  // The deciding statements first: clients quote the start of an error body.
  return `[suveren authorizer: ${decision.deciding.join('; ')}] User: ${decision.request.principal} is not authorized to perform: ${decision.request.action} on resource: ${decision.request.resource} ${how}`;
}

/** The body is already read: moto must not wait for a 100 Continue. */
function withoutExpect(headers: http.IncomingHttpHeaders): http.IncomingHttpHeaders {
  const { expect: _expect, ...rest } = headers;
  return rest;
}

function describe(decisions: readonly AccessDecision[]): string {
  return decisions.map((d) => `${d.request.action} ${d.request.resource}`).join(', ');
}

interface Incoming {
  readonly method: string;
  readonly url: URL;
  readonly headers: http.IncomingHttpHeaders;
  /** Read only where the decision needs it; object data streams through unread. */
  readonly body: Buffer;
  readonly stream?: http.IncomingMessage;
}

/** Whether deciding needs the body: presigned POST forms, tag sets, and the JSON and query APIs. */
function bodyNeeded(method: string, url: URL, headers: http.IncomingHttpHeaders): boolean {
  const s3 =
    /Credential=[^/]+\/\d{8}\/[^/]+\/s3\//.test(String(headers.authorization ?? '')) || url.searchParams.get('X-Amz-Credential')?.split('/')[3] === 's3';
  if (!s3) return true;
  return (
    (method === 'POST' && String(headers['content-type'] ?? '').startsWith('multipart/form-data')) ||
    (method === 'PUT' && (url.searchParams.has('tagging') || url.searchParams.has('encryption')))
  );
}

interface Attributed {
  readonly principal: string;
  readonly region: string;
  readonly service: string;
  /** Fields of a presigned POST, already parsed. */
  readonly form?: Map<string, string>;
}

export async function startAuthorizingProxy(options: AuthorizingProxyOptions): Promise<AuthorizingProxy> {
  const { evaluator, upstream } = options;
  const principals = new Map<string, string>();
  const log: AuthorizedRequest[] = [];
  /** The SSE-KMS key of each multipart upload, from CreateMultipartUpload's answer. */
  const uploadKeys = new Map<string, string>();
  const upstreamUrl = new URL(upstream);

  // ---- reading what a request does not carry, from moto directly -------------------
  const direct = async (method: string, path: string, headers: Record<string, string> = {}, body?: string) =>
    fetch(`${upstream}${path}`, {
      method,
      headers: { authorization: `AWS4-HMAC-SHA256 Credential=testing/20260101/${'eu-north-1'}/s3/aws4_request, SignedHeaders=host, Signature=0`, ...headers },
      body,
    });
  const objectPath = (bucket: string, key: string, query = '') => `/${bucket}/${key.split('/').map(encodeURIComponent).join('/')}${query}`;
  async function storedTags(bucket: string, key: string, versionId?: string): Promise<Record<string, string> | undefined> {
    const response = await direct('GET', objectPath(bucket, key, `?tagging${versionId ? `&versionId=${encodeURIComponent(versionId)}` : ''}`));
    return response.ok ? parseXmlTags(await response.text()) : undefined;
  }
  async function storedKey(bucket: string, key: string, versionId?: string): Promise<string | undefined> {
    const response = await direct('HEAD', objectPath(bucket, key, versionId ? `?versionId=${encodeURIComponent(versionId)}` : ''));
    return response.ok ? (response.headers.get('x-amz-server-side-encryption-aws-kms-key-id') ?? undefined) : undefined;
  }
  async function kmsDirect<T>(operation: string, body: Record<string, unknown>, region: string): Promise<T | undefined> {
    const response = await fetch(upstream, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `TrentService.${operation}`,
        authorization: `AWS4-HMAC-SHA256 Credential=testing/20260101/${region}/kms/aws4_request, SignedHeaders=host, Signature=0`,
      },
      body: JSON.stringify(body),
    });
    return response.ok ? ((await response.json()) as T) : undefined;
  }

  // ---- who signed it ----------------------------------------------------------------
  async function attribute(request: Incoming): Promise<Attributed> {
    let scope =
      credentialScope(/Credential=([^,\s]+)/.exec(String(request.headers.authorization ?? ''))?.[1]) ??
      credentialScope(request.url.searchParams.get('X-Amz-Credential'));
    let form: Map<string, string> | undefined;
    const contentType = String(request.headers['content-type'] ?? '');
    if (!scope && request.method === 'POST' && contentType.startsWith('multipart/form-data')) {
      const data = await new Response(request.body, { headers: { 'content-type': contentType } }).formData();
      form = new Map<string, string>();
      for (const [name, value] of data.entries()) if (typeof value === 'string') form.set(name.toLowerCase(), value);
      scope = credentialScope(form.get('x-amz-credential'));
    }
    if (!scope)
      throw new Denied('s3', 'AccessDenied', 'Anonymous requests are not modelled: every request under test must be signed by a principal of the templates');
    const principal = principals.get(scope.accessKeyId);
    if (!principal)
      throw new Denied(
        scope.service,
        'InvalidAccessKeyId',
        `The AWS Access Key Id ${scope.accessKeyId} is not one the authorizer issued (use credentialsFor(principal))`,
      );
    return { principal, region: scope.region, service: scope.service, form };
  }

  // ---- S3 -------------------------------------------------------------------------
  async function s3Call(request: Incoming, who: Attributed): Promise<{ call: S3Call; uploadId?: string }> {
    const [, bucket = '', ...rest] = request.url.pathname.split('/');
    const key = rest.map(decodeURIComponent).join('/');
    const q = request.url.searchParams;
    const h = request.headers;
    const header = (name: string) => (h[name] === undefined ? undefined : String(h[name]));
    const versionId = q.get('versionId') ?? undefined;
    const encryption = (get: (name: string) => string | undefined) => {
      const algorithm = get('x-amz-server-side-encryption');
      const keyId = get('x-amz-server-side-encryption-aws-kms-key-id');
      const customerAlgorithm = get('x-amz-server-side-encryption-customer-algorithm');
      return algorithm || keyId || customerAlgorithm
        ? { ...(algorithm ? { algorithm } : {}), ...(keyId ? { keyId } : {}), ...(customerAlgorithm ? { customerAlgorithm } : {}) }
        : undefined;
    };
    const base = { principal: who.principal, bucket, region: who.region };
    const source = async () => {
      const raw = decodeURIComponent(header('x-amz-copy-source')!.replace(/^\//, ''));
      const [path, query] = raw.split('?');
      const [sourceBucket, ...sourceKey] = path.split('/');
      const sourceVersion = new URLSearchParams(query ?? '').get('versionId') ?? undefined;
      const objectKey = sourceKey.join('/');
      return {
        bucket: sourceBucket,
        key: objectKey,
        ...(sourceVersion ? { versionId: sourceVersion } : {}),
        existingTags: await storedTags(sourceBucket, objectKey, sourceVersion),
        keyArn: await storedKey(sourceBucket, objectKey, sourceVersion),
      };
    };
    const op = (operation: S3Operation, extra: Partial<S3Call> = {}): S3Call => ({
      ...base,
      operation,
      ...(key ? { key } : {}),
      ...(versionId ? { versionId } : {}),
      ...extra,
    });
    const uploadId = q.get('uploadId') ?? undefined;
    switch (request.method) {
      case 'POST':
        if (who.form) {
          const form = who.form;
          return {
            call: {
              ...base,
              operation: 'PutObject',
              key: form.get('key') ?? '',
              encryption: encryption((name) => form.get(name)),
              ...(form.get('tagging') ? { requestTags: parseXmlTags(form.get('tagging')!) } : {}),
            },
          };
        }
        if (key && q.has('uploads'))
          return { call: op('CreateMultipartUpload', { encryption: encryption(header), requestTags: parseQueryTags(header('x-amz-tagging')) }) };
        if (key && uploadId) return { call: op('CompleteMultipartUpload', { objectKeyArn: uploadKeys.get(uploadId) }), uploadId };
        break;
      case 'PUT':
        if (!key && q.has('policy')) return { call: op('PutBucketPolicy') };
        if (!key) break;
        if (uploadId && q.has('partNumber')) {
          if (header('x-amz-copy-source')) return { call: op('UploadPartCopy', { source: await source(), objectKeyArn: uploadKeys.get(uploadId) }), uploadId };
          return { call: op('UploadPart', { objectKeyArn: uploadKeys.get(uploadId) }), uploadId };
        }
        if (q.has('tagging')) {
          const requestTags = parseXmlTags(request.body.toString('utf8'));
          return { call: op('PutObjectTagging', { requestTags, existingTags: await storedTags(bucket, key, versionId) }) };
        }
        if (header('x-amz-copy-source')) {
          const tagsReplaced = header('x-amz-tagging-directive') === 'REPLACE';
          return {
            call: op('CopyObject', {
              source: await source(),
              encryption: encryption(header),
              copiesTags: !tagsReplaced,
              ...(tagsReplaced ? { requestTags: parseQueryTags(header('x-amz-tagging')) } : {}),
            }),
          };
        }
        if (q.has('encryption')) {
          const body = request.body.toString('utf8');
          const newKeyArn = /<KMSKeyArn>([^<]+)<\/KMSKeyArn>/.exec(body)?.[1];
          return {
            call: op('UpdateObjectEncryption', {
              newKeyArn,
              existingTags: await storedTags(bucket, key, versionId),
              objectKeyArn: await storedKey(bucket, key, versionId),
            }),
          };
        }
        return { call: op('PutObject', { encryption: encryption(header), requestTags: parseQueryTags(header('x-amz-tagging')) }) };
      case 'GET':
      case 'HEAD':
        if (!key && q.has('versions')) return { call: op('ListObjectVersions', { prefix: q.get('prefix') ?? '' }) };
        if (!key) break;
        if (q.has('tagging')) return { call: op('GetObjectTagging', { existingTags: await storedTags(bucket, key, versionId) }) };
        if (q.has('uploadId') || q.has('acl') || q.has('attributes')) break;
        return {
          call: op(request.method === 'GET' ? 'GetObject' : 'HeadObject', {
            existingTags: await storedTags(bucket, key, versionId),
            objectKeyArn: await storedKey(bucket, key, versionId),
          }),
        };
      case 'DELETE':
        if (!key) break;
        if (uploadId) return { call: op('AbortMultipartUpload'), uploadId };
        if (q.has('tagging')) break;
        return { call: op('DeleteObject', request.headers['x-amz-bypass-governance-retention'] === 'true' ? { bypassGovernance: true } : {}) };
    }
    throw new Denied(
      's3',
      'NotModelledByAuthorizer',
      `${request.method} ${request.url.pathname}${request.url.search} is not an S3 call the authorizer models; add it to lib/authorization/s3-calls.ts before a test relies on it`,
    );
  }

  async function authorizeS3(request: Incoming, who: Attributed): Promise<{ summary: string; uploadId?: string; operation: S3Operation }> {
    const { call, uploadId } = await s3Call(request, who);
    const decision = await decideS3Call(evaluator, call);
    const summary = `S3 ${call.operation} ${call.bucket}/${call.key ?? ''} as ${who.principal}: ${describe(decision.decisions)}`;
    if (decision.denied) {
      log.push({ principal: who.principal, summary, allowed: false, denied: decision.denied });
      throw new Denied('s3', 'AccessDenied', denialMessage(decision.denied));
    }
    log.push({ principal: who.principal, summary, allowed: true });
    return { summary, uploadId, operation: call.operation };
  }

  // ---- KMS, CloudHSM, STS ------------------------------------------------------------
  async function decideAll(who: Attributed, requests: AccessRequest[], summary: string, service: string, code: string): Promise<void> {
    for (const request of requests) {
      const decision = await evaluator.decide(request);
      if (!decision.allowed) {
        log.push({ principal: who.principal, summary, allowed: false, denied: decision });
        throw new Denied(service, code, denialMessage(decision));
      }
    }
    log.push({ principal: who.principal, summary, allowed: true });
  }

  const accountOf = (principal: string) => principal.split(':')[4];
  const partitionOf = (principal: string) => principal.split(':')[1];

  async function authorizeKms(request: Incoming, who: Attributed): Promise<void> {
    const operation = String(request.headers['x-amz-target'] ?? '').replace(/^TrentService\./, '');
    const body = JSON.parse(request.body.toString('utf8') || '{}') as Record<string, unknown>;
    const account = accountOf(who.principal);
    const arnBase = `arn:${partitionOf(who.principal)}:kms:${who.region}:${account}`;
    const base = { principal: who.principal, region: who.region, resourceAccount: account };
    const keyOf = async (keyId: unknown): Promise<{ arn: string; policy: NamedPolicy | null }> => {
      const described = await kmsDirect<{ KeyMetadata: { Arn: string; KeyId: string } }>('DescribeKey', { KeyId: keyId }, who.region);
      if (!described) return { arn: `${arnBase}:key/${String(keyId)}`, policy: null };
      const policy = await kmsDirect<{ Policy: string }>('GetKeyPolicy', { KeyId: described.KeyMetadata.KeyId, PolicyName: 'default' }, who.region);
      return {
        arn: described.KeyMetadata.Arn,
        policy: policy ? { name: `key policy of ${described.KeyMetadata.Arn}`, policy: JSON.parse(policy.Policy) as PolicyDocumentJson } : null,
      };
    };
    const summary = `KMS ${operation} as ${who.principal}`;
    const action = `kms:${operation}`;
    switch (operation) {
      case 'CreateKey': {
        const policyText = body.Policy as string | undefined;
        const requests: AccessRequest[] = [
          {
            ...base,
            action,
            resource: '*',
            context: {
              'kms:MultiRegion': String(body.MultiRegion ?? false),
              'kms:KeyOrigin': String(body.Origin ?? 'AWS_KMS'),
              'kms:KeySpec': String(body.KeySpec ?? 'SYMMETRIC_DEFAULT'),
              'kms:KeyUsage': String(body.KeyUsage ?? 'ENCRYPT_DECRYPT'),
            },
          },
        ];
        // KMS's lockout safety check: the new policy must let its creator call PutKeyPolicy.
        if (policyText && body.BypassPolicyLockoutSafetyCheck !== true) {
          requests.push({
            ...base,
            action: 'kms:PutKeyPolicy',
            resource: `${arnBase}:key/${randomUUID()}`,
            resourcePolicy: { name: 'the key policy sent with CreateKey', policy: JSON.parse(policyText) as PolicyDocumentJson },
          });
        }
        return decideAll(who, requests, summary, 'kms', 'AccessDeniedException');
      }
      case 'CreateAlias':
      case 'UpdateAlias': {
        const key = await keyOf(body.TargetKeyId);
        return decideAll(
          who,
          [
            { ...base, action, resource: `${arnBase}:${String(body.AliasName)}`, resourcePolicy: null },
            { ...base, action, resource: key.arn, resourcePolicy: key.policy },
          ],
          summary,
          'kms',
          'AccessDeniedException',
        );
      }
      case 'ListAliases':
      case 'ListKeys':
      case 'DescribeCustomKeyStores':
        return decideAll(who, [{ ...base, action, resource: '*', resourcePolicy: null }], summary, 'kms', 'AccessDeniedException');
      default: {
        if (body.KeyId === undefined) break;
        const key = await keyOf(body.KeyId);
        const alias = typeof body.KeyId === 'string' && body.KeyId.startsWith('alias/') ? { 'kms:RequestAlias': body.KeyId } : {};
        return decideAll(who, [{ ...base, action, resource: key.arn, resourcePolicy: key.policy, context: alias }], summary, 'kms', 'AccessDeniedException');
      }
    }
    throw new Denied('kms', 'NotModelledByAuthorizer', `KMS ${operation} is not a call the authorizer models`);
  }

  async function authorizeCloudHsm(request: Incoming, who: Attributed): Promise<void> {
    const operation = String(request.headers['x-amz-target'] ?? '').replace(/^BaldrApiService\./, '');
    const body = JSON.parse(request.body.toString('utf8') || '{}') as Record<string, unknown>;
    const account = accountOf(who.principal);
    const resource = body.ClusterId ? `arn:${partitionOf(who.principal)}:cloudhsm:${who.region}:${account}:cluster/${String(body.ClusterId)}` : '*';
    // DeleteHsm, DescribeClusters and CreateCluster are wildcard-only in the Service Authorization Reference.
    const wildcardOnly = ['DescribeClusters', 'CreateCluster', 'DeleteHsm', 'DescribeBackups'].includes(operation);
    await decideAll(
      who,
      [
        {
          principal: who.principal,
          region: who.region,
          resourceAccount: account,
          action: `cloudhsm:${operation}`,
          resource: wildcardOnly ? '*' : resource,
          resourcePolicy: null,
        },
      ],
      `CloudHSM ${operation} as ${who.principal}`,
      'cloudhsm',
      'CloudHsmAccessDeniedException',
    );
  }

  async function authorizeSts(request: Incoming, who: Attributed): Promise<string | undefined> {
    const form = new URLSearchParams(request.body.toString('utf8'));
    const operation = form.get('Action');
    if (operation !== 'AssumeRole') throw new Denied('sts', 'NotModelledByAuthorizer', `STS ${operation} is not a call the authorizer models`);
    const roleArn = form.get('RoleArn')!;
    await decideAll(
      who,
      [{ principal: who.principal, region: who.region, action: 'sts:AssumeRole', resource: roleArn, resourceAccount: accountOf(roleArn) }],
      `STS AssumeRole ${roleArn} as ${who.principal}`,
      'sts',
      'AccessDenied',
    );
    return roleArn;
  }

  // ---- answering ------------------------------------------------------------------
  function refuse(response: http.ServerResponse, denied: Denied): void {
    const status = denied.code === 'NotModelledByAuthorizer' ? 501 : denied.service === 'kms' || denied.service === 'cloudhsm' ? 400 : 403;
    if (denied.service === 'kms' || denied.service === 'cloudhsm') {
      response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify({ __type: denied.code, message: denied.message }));
    } else if (denied.service === 'sts') {
      response
        .writeHead(status, { 'content-type': 'text/xml' })
        .end(
          `<ErrorResponse><Error><Type>Sender</Type><Code>${denied.code}</Code><Message>${xmlEscape(denied.message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
        );
    } else {
      response
        .writeHead(status, { 'content-type': 'application/xml' })
        .end(
          `<?xml version="1.0" encoding="UTF-8"?>\n<Error xmlns="${S3_NS}"><Code>${denied.code}</Code><Message>${xmlEscape(denied.message)}</Message><RequestId>${randomUUID()}</RequestId></Error>`,
        );
    }
  }

  function forward(
    request: Incoming,
    response: http.ServerResponse,
    after?: (status: number, headers: http.IncomingHttpHeaders, body: Buffer) => void,
  ): Promise<void> {
    return new Promise((resolve, reject) => {
      const outgoing = http.request(
        {
          host: upstreamUrl.hostname,
          port: upstreamUrl.port,
          method: request.method,
          path: `${request.url.pathname}${request.url.search}`,
          headers: { ...(request.stream ? request.headers : withoutExpect(request.headers)), host: upstreamUrl.host },
        },
        (answer) => {
          if (!after) {
            // Streamed, so a client's backpressure reaches moto as it would reach S3.
            response.writeHead(answer.statusCode ?? 500, answer.headers);
            answer.pipe(response);
            answer.on('error', reject);
            response.on('finish', () => resolve());
            return;
          }
          const chunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => chunks.push(chunk));
          answer.on('error', reject);
          answer.on('end', () => {
            const body = Buffer.concat(chunks);
            after?.(answer.statusCode ?? 500, answer.headers, body);
            response.writeHead(answer.statusCode ?? 500, answer.headers).end(body);
            resolve();
          });
        },
      );
      outgoing.on('error', reject);
      if (request.stream) request.stream.pipe(outgoing);
      else outgoing.end(request.body);
    });
  }

  async function handle(incoming: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const method = incoming.method ?? 'GET';
    const url = new URL(incoming.url ?? '/', 'http://authorizer');
    let request: Incoming;
    if (bodyNeeded(method, url, incoming.headers)) {
      const chunks: Buffer[] = [];
      for await (const chunk of incoming) chunks.push(chunk as Buffer);
      request = { method, url, headers: incoming.headers, body: Buffer.concat(chunks) };
    } else {
      // Streamed once allowed, so the client's pace is moto's, as it would be S3's.
      request = { method, url, headers: incoming.headers, body: Buffer.alloc(0), stream: incoming };
    }
    try {
      const who = await attribute(request);
      switch (who.service) {
        case 's3': {
          const { uploadId, operation } = await authorizeS3(request, who);
          // moto_server has no UpdateObjectEncryption and would take the request for a PutObject.
          if (operation === 'UpdateObjectEncryption') {
            response
              .writeHead(501, { 'content-type': 'application/xml' })
              .end(
                `<?xml version="1.0" encoding="UTF-8"?>\n<Error xmlns="${S3_NS}"><Code>NotImplemented</Code><Message>moto_server does not implement UpdateObjectEncryption (authorized by the evaluator)</Message></Error>`,
              );
            return;
          }
          return forward(request, response, (status, headers, body) => {
            if (status !== 200) return;
            if (operation === 'CreateMultipartUpload') {
              const id = /<UploadId>([^<]+)<\/UploadId>/.exec(body.toString('utf8'))?.[1];
              const keyArn = headers['x-amz-server-side-encryption-aws-kms-key-id'];
              if (id && keyArn) uploadKeys.set(id, String(keyArn));
            } else if (uploadId && (operation === 'CompleteMultipartUpload' || operation === 'AbortMultipartUpload')) {
              uploadKeys.delete(uploadId);
            }
          });
        }
        case 'kms':
          await authorizeKms(request, who);
          return forward(request, response);
        case 'cloudhsm':
          await authorizeCloudHsm(request, who);
          return forward(request, response);
        case 'sts': {
          const roleArn = await authorizeSts(request, who);
          return forward(request, response, (status, _headers, body) => {
            const issued = /<AccessKeyId>([^<]+)<\/AccessKeyId>/.exec(body.toString('utf8'))?.[1];
            if (status === 200 && issued && roleArn) principals.set(issued, roleArn);
          });
        }
        default:
          throw new Denied(who.service, 'NotModelledByAuthorizer', `service ${who.service} is not one the authorizer models`);
      }
    } catch (error) {
      request.stream?.resume();
      if (error instanceof Denied) return refuse(response, error);
      response.writeHead(500, { 'content-type': 'text/plain' }).end(`authorizer failure: ${(error as Error).stack ?? String(error)}`);
    }
  }

  const server = http.createServer((incoming, response) => void handle(incoming, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    credentialsFor(principal: string): Credentials {
      const accessKeyId = accessKeyFor(principal);
      principals.set(accessKeyId, principal);
      return { accessKeyId, secretAccessKey: `secret-of-${accessKeyId}` };
    },
    principalOf: (accessKeyId) => principals.get(accessKeyId),
    log,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
