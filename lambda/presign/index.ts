import { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, Metrics } from '@aws-lambda-powertools/metrics';
import { S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { environmentReader } from '../shared/environment';
import type { APIGatewayProxyEventV2WithIAMAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { encryptionContextFor } from '../../lib/client-side/message-format';
import { planPresignedPost } from './presigned-post';
import { type TenantUploadRules, validateUploadRequest } from './upload-request';

/*
 * The presign Lambda behind an IAM-authenticated function URL: validates the request,
 * answers a presigned POST. The AWS parts live here; the decisions in the pure modules.
 */

export interface PresignSettings {
  readonly bucket: string;
  readonly keyArn: string;
  /** The tenant's classification, bound into client-side ciphertexts' encryption context. */
  readonly classification: string;
  readonly rules: TenantUploadRules;
}

/** Reads the settings the UploadApi construct puts in the environment. */
export function settingsFromEnvironment(env: NodeJS.ProcessEnv): PresignSettings {
  const required = environmentReader('presign', env);
  return {
    bucket: required('BUCKET_NAME'),
    keyArn: required('KEY_ARN'),
    classification: required('CLASSIFICATION'),
    rules: {
      tenantId: required('TENANT_ID'),
      tier: required('TIER') as TenantUploadRules['tier'],
      maxObjectBytes: Number(required('MAX_OBJECT_BYTES')),
      allowedContentTypes: JSON.parse(required('ALLOWED_CONTENT_TYPES')) as string[],
    },
  };
}

const logger = new Logger({ serviceName: 'suveren-presign' });
const metrics = new Metrics({ namespace: 'Suveren/Uploads', serviceName: 'suveren-presign' });
// Created once per execution environment, not per request.
const s3 = new S3Client({});
let settings: PresignSettings | undefined;

const json = (statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  body: JSON.stringify(body),
});

export async function handlePresign(
  event: APIGatewayProxyEventV2WithIAMAuthorizer,
  client: S3Client,
  config: PresignSettings,
): Promise<APIGatewayProxyStructuredResultV2> {
  const caller = event.requestContext?.authorizer?.iam?.userArn;
  if (!caller) return json(403, { error: 'Forbidden', reason: 'the request carries no IAM identity; sign it with SigV4 (AWS_IAM auth)' });
  if (event.requestContext.http?.method !== 'POST') return json(400, { error: 'BadRequest', reason: 'use POST with a JSON body' });
  const body = event.isBase64Encoded && event.body ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  const validated = validateUploadRequest(body, config.rules);
  if (!validated.ok) {
    logger.info('upload request refused', { caller, status: validated.status, reason: validated.reason });
    metrics.addMetric('UploadRequestRefused', MetricUnit.Count, 1);
    return json(validated.status, { error: 'UploadRefused', reason: validated.reason });
  }
  const plan = planPresignedPost(validated.request, config.rules, config.keyArn);
  const post = await createPresignedPost(client, {
    Bucket: config.bucket,
    Key: plan.key,
    Fields: plan.fields,
    Conditions: plan.conditions,
    Expires: plan.expiresSeconds,
  });
  logger.info('upload slot issued', { caller, key: plan.key, contentLength: validated.request.contentLength, contentType: validated.request.contentType });
  metrics.addMetric('UploadSlotIssued', MetricUnit.Count, 1);
  const encryptClientSide = config.rules.tier === 'client-side';
  return json(200, {
    key: plan.key,
    url: post.url,
    fields: post.fields,
    expiresInSeconds: plan.expiresSeconds,
    encryptClientSide,
    // The context the client must encrypt under; the inspection checks the same binding.
    ...(encryptClientSide ? { encryptionContext: encryptionContextFor({ tenantId: config.rules.tenantId, objectKey: plan.key, classification: config.classification }) } : {}),
  });
}

export async function handler(event: APIGatewayProxyEventV2WithIAMAuthorizer): Promise<APIGatewayProxyStructuredResultV2> {
  settings ??= settingsFromEnvironment(process.env);
  try {
    return await handlePresign(event, s3, settings);
  } finally {
    metrics.publishStoredMetrics();
  }
}
