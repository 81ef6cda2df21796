import { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, Metrics } from '@aws-lambda-powertools/metrics';
import { AbortMultipartUploadCommand, CompleteMultipartUploadCommand, CreateMultipartUploadCommand, S3Client, UploadPartCommand } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { PRESIGN_ENVIRONMENT } from '@suveren/core/contracts/function-environments';
import type { MultipartSlot } from '@suveren/core/contracts/upload-layout';
import type { APIGatewayProxyEventV2WithIAMAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { encryptionContextFor } from '@suveren/core/contracts/message-format';
import { DEFAULT_MULTIPART_LIMITS, type MultipartLimits, type MultipartPlan, needsMultipart, planMultipartUpload } from './multipart-plan';
import { planPresignedPost } from './presigned-post';
import { type TenantUploadRules, validateUploadRequest } from './upload-request';
import { encryptsOnClient } from '@suveren/core/contracts/tiers';

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
  /** When uploads go multipart and how parts are sized. @default DEFAULT_MULTIPART_LIMITS */
  readonly multipart?: MultipartLimits;
  /** Tier client-side: the recovery key the inspection requires, named in each slot. @default none */
  readonly recoveryKeyFingerprint?: string;
}

/** Reads the settings the UploadApi construct puts in the environment. */
export function settingsFromEnvironment(env: NodeJS.ProcessEnv): PresignSettings {
  const e = PRESIGN_ENVIRONMENT.read(env);
  return {
    bucket: e.bucketName,
    keyArn: e.keyArn,
    classification: e.classification,
    rules: { tenantId: e.tenantId, tier: e.tier, maxObjectBytes: e.maxObjectBytes, allowedContentTypes: e.allowedContentTypes },
    recoveryKeyFingerprint: e.recoveryKeyFingerprint,
  };
}

const logger = new Logger({ serviceName: 'suveren-presign' });
const metrics = new Metrics({ namespace: 'Suveren/Uploads', serviceName: 'suveren-presign' });
// Created once per execution environment, not per request. Checksums only where S3
// requires them: a presigned part URL must not carry a checksum of an empty body.
const s3 = new S3Client({ requestChecksumCalculation: 'WHEN_REQUIRED' });
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
  const encryptClientSide = encryptsOnClient(config.rules.tier);
  const limits = config.multipart ?? DEFAULT_MULTIPART_LIMITS;
  let slot: { key: string; expiresSeconds: number; url?: string; fields?: Record<string, string>; multipart?: MultipartSlot };
  if (needsMultipart(validated.request, limits)) {
    const plan = planMultipartUpload(validated.request, config.rules, undefined, limits);
    if ('refused' in plan) return json(413, { error: 'UploadRefused', reason: plan.refused });
    slot = { key: plan.key, expiresSeconds: plan.expiresSeconds, multipart: await createMultipartSlot(client, config, plan) };
  } else {
    const plan = planPresignedPost(validated.request, config.rules, config.keyArn);
    const post = await createPresignedPost(client, {
      Bucket: config.bucket,
      Key: plan.key,
      Fields: plan.fields,
      Conditions: plan.conditions,
      Expires: plan.expiresSeconds,
    });
    slot = { key: plan.key, expiresSeconds: plan.expiresSeconds, url: post.url, fields: post.fields };
  }
  logger.info('upload slot issued', {
    caller,
    key: slot.key,
    multipartParts: slot.multipart?.parts.length,
    contentLength: validated.request.contentLength,
    contentType: validated.request.contentType,
  });
  metrics.addMetric('UploadSlotIssued', MetricUnit.Count, 1);
  return json(200, {
    key: slot.key,
    ...(slot.multipart ? { multipart: slot.multipart } : { url: slot.url, fields: slot.fields }),
    expiresInSeconds: slot.expiresSeconds,
    encryptClientSide,
    // The context the client must encrypt under; the inspection checks the same binding.
    ...(encryptClientSide
      ? {
          encryptionContext: encryptionContextFor({ tenantId: config.rules.tenantId, objectKey: slot.key, classification: config.classification }),
          // Informational: the CLI wraps for the public key it holds, never for one the cloud names; a mismatch fails before upload.
          ...(config.recoveryKeyFingerprint ? { recoveryKeyFingerprint: config.recoveryKeyFingerprint } : {}),
        }
      : {}),
  });
}

/**
 * Creates the multipart upload with the encryption, key, metadata and tag fixed by the
 * server, then signs a URL per part (Content-Length signed where the plan fixes it).
 * If signing fails, the upload is aborted so no parts can ever land in it.
 */
async function createMultipartSlot(client: S3Client, config: PresignSettings, plan: MultipartPlan): Promise<MultipartSlot> {
  const object = { Bucket: config.bucket, Key: plan.key };
  const created = await client.send(
    new CreateMultipartUploadCommand({
      ...object,
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: config.keyArn,
      ContentType: plan.contentType,
      Metadata: plan.metadata,
      Tagging: plan.tagging,
    }),
  );
  const uploadId = created.UploadId;
  if (!uploadId) throw new Error('presign: CreateMultipartUpload returned no UploadId');
  const upload = { ...object, UploadId: uploadId };
  const expiresIn = plan.expiresSeconds;
  try {
    const parts = await Promise.all(
      plan.parts.map(async ({ partNumber, length }) => ({
        partNumber,
        ...(length !== undefined ? { length } : {}),
        url: await getSignedUrl(
          client,
          new UploadPartCommand({ ...upload, PartNumber: partNumber, ...(length !== undefined ? { ContentLength: length } : {}) }),
          {
            expiresIn,
            signableHeaders: new Set(['content-length']),
          },
        ),
      })),
    );
    return {
      uploadId,
      partSize: plan.partSize,
      parts,
      completeUrl: await getSignedUrl(client, new CompleteMultipartUploadCommand(upload), { expiresIn }),
      abortUrl: await getSignedUrl(client, new AbortMultipartUploadCommand(upload), { expiresIn }),
    };
  } catch (e) {
    await client.send(new AbortMultipartUploadCommand(upload));
    throw e;
  }
}

export async function handler(event: APIGatewayProxyEventV2WithIAMAuthorizer): Promise<APIGatewayProxyStructuredResultV2> {
  settings ??= settingsFromEnvironment(process.env);
  try {
    return await handlePresign(event, s3, settings);
  } finally {
    metrics.publishStoredMetrics();
  }
}
