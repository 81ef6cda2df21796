import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as path from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { SignatureV4 } from '@smithy/signature-v4';
import type { MultipartSlot } from '@suveren/core/contracts/upload-layout';
import { Sha256 } from '../sha256-hash';
import { CONTEXT_KEYS } from '@suveren/core/contracts/message-format';
import { shortFingerprint } from '@suveren/core/contracts/recovery-key';
import { DecryptionKeyrings, type NamedKeyring, encryptingKeyring } from './keyrings';
import { decryptingStream, encryptingStream } from './stream-encryption';

/*
 * `suveren upload` and `download`, on the customer's premises: ask the tenant's presign
 * endpoint for a slot (SigV4, the uploader role's credentials from the standard AWS
 * chain), encrypt client-side when the tenant's tier says so, POST the file; download
 * streams and decrypts into a temporary file that becomes the output only when the
 * whole message authenticated. Memory stays flat whatever the file size.
 */

export class TransferError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TransferError';
  }
}

export interface UploadSlot {
  readonly key: string;
  /** A presigned POST (objects up to the multipart threshold)... */
  readonly url?: string;
  readonly fields?: Record<string, string>;
  /** ...or a multipart upload. */
  readonly multipart?: MultipartSlot;
  readonly encryptClientSide: boolean;
  readonly encryptionContext?: Record<string, string>;
  /** The fingerprint of the tenant's configured recovery key, which inspection requires in every message. */
  readonly recoveryKeyFingerprint?: string;
}

/** Region for signing: the standard variables, as every AWS tool reads them. */
function signingRegion(): string {
  const region = process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  if (!region) throw new TransferError('no AWS region: set AWS_REGION (the region of the tenant, e.g. eu-north-1)');
  return region;
}

export async function requestUploadSlot(endpoint: string, request: Record<string, unknown>): Promise<UploadSlot> {
  const url = new URL(endpoint);
  const body = JSON.stringify(request);
  const signer = new SignatureV4({ service: 'lambda', region: signingRegion(), credentials: defaultProvider(), sha256: Sha256 });
  const signed = await signer.sign({
    method: 'POST',
    protocol: url.protocol,
    hostname: url.hostname,
    port: url.port ? Number(url.port) : undefined,
    path: url.pathname,
    query: {},
    headers: { host: url.host, 'content-type': 'application/json' },
    body,
  });
  const response = await fetch(url, { method: 'POST', headers: signed.headers, body });
  const text = await response.text();
  if (!response.ok) {
    let reason = text;
    try {
      reason = (JSON.parse(text) as { reason?: string }).reason ?? text;
    } catch {
      // not JSON: keep the text
    }
    throw new TransferError(`the upload endpoint refused the request (HTTP ${response.status}): ${reason}`);
  }
  return JSON.parse(text) as UploadSlot;
}

interface HttpAnswer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly text: string;
}

/** One HTTP request to a presigned URL; `body` writes the request body and ends it. */
function presignedRequest(
  url: URL,
  method: string,
  headers: http.OutgoingHttpHeaders,
  body: (request: http.ClientRequest, fail: (e: Error) => void) => void,
): Promise<HttpAnswer> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<HttpAnswer>((resolve, reject) => {
    const request = client.request(url, { method, headers }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += text.length < 4096 ? chunk.toString() : ''));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text }));
      response.on('error', reject);
    });
    request.on('error', reject);
    body(request, (e) => {
      request.destroy(e);
      reject(e);
    });
  });
}

/** Streams bytes `start`..`end` (inclusive) of `file` into `request`, with backpressure, then ends it. */
function streamFileRange(
  file: string,
  start: number,
  end: number,
  request: http.ClientRequest,
  fail: (e: Error) => void,
  onBytes: (n: number) => void,
  tail?: Buffer,
): void {
  if (end < start) {
    request.end(tail);
    return;
  }
  const source = fs.createReadStream(file, { start, end, highWaterMark: 1024 * 1024 });
  source.on('data', (chunk) => {
    onBytes(chunk.length);
    if (!request.write(chunk)) {
      source.pause();
      request.once('drain', () => source.resume());
    }
  });
  source.on('error', fail);
  source.on('end', () => request.end(tail));
}

/** POSTs `file` to a presigned slot as multipart/form-data, streamed, with its length known up front. */
export async function postToSlot(slot: UploadSlot, file: string, onProgress?: (sent: number, total: number) => void): Promise<void> {
  if (!slot.url || !slot.fields) throw new TransferError('the upload endpoint answered neither a POST slot nor a multipart upload');
  const boundary = `suveren-${randomBytes(12).toString('hex')}`;
  const fieldParts = Object.entries(slot.fields)
    .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
    .join('');
  const head = Buffer.from(
    `${fieldParts}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="upload"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const size = fs.statSync(file).size;
  let sent = 0;
  const answer = await presignedRequest(
    new URL(slot.url),
    'POST',
    { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': head.length + size + tail.length },
    (request, fail) => {
      request.write(head);
      streamFileRange(file, 0, size - 1, request, fail, (n) => onProgress?.((sent += n), size), tail);
    },
  );
  if (answer.status >= 300) throw new TransferError(`S3 refused the upload (HTTP ${answer.status}): ${answer.text.slice(0, 500)}`);
}

/** Parts in flight at once: enough to fill a link, few enough that memory stays flat. */
const PART_CONCURRENCY = 4;
const PART_ATTEMPTS = 3;

/**
 * Uploads `file` as the slot's multipart upload: each part PUT to its presigned URL
 * (retried alone on a network error or a 5xx), then completed. On any failure the
 * upload is aborted, so S3 keeps no parts; the bucket's lifecycle rule is the backstop.
 */
export async function uploadParts(slot: MultipartSlot, file: string, onProgress?: (sent: number, total: number) => void): Promise<void> {
  const size = fs.statSync(file).size;
  const count = Math.ceil(size / slot.partSize);
  try {
    if (count !== slot.parts.length) {
      throw new TransferError(
        `${file} is ${size} bytes, ${count} parts of ${slot.partSize}, but the upload slot has ${slot.parts.length} parts; was the file changed during the upload?`,
      );
    }
    const etags = new Array<string>(count);
    let sent = 0;
    let next = 0;
    const putPart = async (index: number): Promise<void> => {
      const part = slot.parts[index];
      const start = index * slot.partSize;
      const end = Math.min(size, start + slot.partSize) - 1;
      const length = end - start + 1;
      if (part.length !== undefined && part.length !== length) {
        throw new TransferError(`part ${part.partNumber} is ${length} bytes but its URL is signed for ${part.length}; was the file changed during the upload?`);
      }
      for (let attempt = 1; ; attempt++) {
        let partSent = 0;
        try {
          const answer = await presignedRequest(new URL(part.url), 'PUT', { 'content-length': length }, (request, fail) =>
            streamFileRange(file, start, end, request, fail, (n) => {
              partSent += n;
              onProgress?.((sent += n), size);
            }),
          );
          if (answer.status >= 500 && attempt < PART_ATTEMPTS) throw new Error(`HTTP ${answer.status}`);
          if (answer.status >= 300) throw new TransferError(`S3 refused part ${part.partNumber} (HTTP ${answer.status}): ${answer.text.slice(0, 500)}`);
          const etag = answer.headers.etag;
          if (!etag) throw new TransferError(`S3 answered part ${part.partNumber} without an ETag`);
          etags[index] = etag;
          return;
        } catch (e) {
          sent -= partSent;
          if (e instanceof TransferError || attempt >= PART_ATTEMPTS) throw e;
        }
      }
    };
    // After a failure no new part starts, and the abort waits for the parts in flight:
    // a part that finishes after the abort would otherwise linger.
    let failure: unknown;
    const worker = async (): Promise<void> => {
      while (failure === undefined && next < count) {
        try {
          await putPart(next++);
        } catch (e) {
          failure ??= e;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(PART_CONCURRENCY, count) }, worker));
    if (failure !== undefined) throw failure as Error;
    const manifest = `<CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${etags
      .map((etag, i) => `<Part><PartNumber>${slot.parts[i].partNumber}</PartNumber><ETag>${etag.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</ETag></Part>`)
      .join('')}</CompleteMultipartUpload>`;
    const completed = await presignedRequest(
      new URL(slot.completeUrl),
      'POST',
      { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(manifest) },
      (request) => request.end(manifest),
    );
    // CompleteMultipartUpload can fail with HTTP 200 and an <Error> body.
    if (completed.status >= 300 || /<Error>/.test(completed.text)) {
      throw new TransferError(`S3 refused to complete the upload (HTTP ${completed.status}): ${completed.text.slice(0, 500)}`);
    }
  } catch (e) {
    const aborted = await presignedRequest(new URL(slot.abortUrl), 'DELETE', {}, (request) => request.end()).catch((abortError: Error) => abortError);
    if (aborted instanceof Error || aborted.status >= 300) {
      const why = aborted instanceof Error ? aborted.message : `HTTP ${aborted.status}`;
      throw new TransferError(`${(e as Error).message}; aborting the multipart upload failed too (${why}): the bucket's lifecycle rule removes its parts`);
    }
    throw e;
  }
}

/** Sends `file` to whichever kind of slot the presign function answered. */
function sendToSlot(slot: UploadSlot, file: string, onProgress?: (sent: number, total: number) => void): Promise<void> {
  return slot.multipart ? uploadParts(slot.multipart, file, onProgress) : postToSlot(slot, file, onProgress);
}

export interface UploadOptions {
  readonly tenantId: string;
  readonly file: string;
  readonly endpoint: string;
  readonly contentType: string;
  /** The tenant's primary key (a key file or an HSM key); required when the tenant's tier encrypts client-side. */
  readonly primaryKey?: NamedKeyring;
  /**
   * The recovery key's public half, which also wraps every data key, or `'declined'`
   * when the user said --no-recovery. Without either, a client-side upload is refused.
   */
  readonly recovery?: { readonly keyring: NamedKeyring; readonly fingerprint: string } | 'declined';
  readonly onProgress?: (sent: number, total: number) => void;
}

/** Refuses, before anything is encrypted or sent, an upload whose keys would lose data or be quarantined. */
export function checkClientSideKeys(
  tenantId: string,
  slot: Pick<UploadSlot, 'recoveryKeyFingerprint'>,
  options: Pick<UploadOptions, 'primaryKey' | 'recovery'>,
): void {
  if (!options.primaryKey) {
    throw new TransferError(
      `tenant ${tenantId} encrypts on the client: pass --key <tenant key file>, or --pkcs11-module, --token and --key-label for a key in your HSM`,
    );
  }
  const expected = slot.recoveryKeyFingerprint;
  if (options.recovery === undefined) {
    throw new TransferError(
      expected
        ? `tenant ${tenantId} requires every object to be wrapped for its recovery key ${shortFingerprint(expected)}: pass --recovery-public-key <recovery-public.pem> (or --config with the landing-zone config)`
        : `tenant ${tenantId} has no recovery key: if the primary key is lost, this object is lost with it. Configure one (suveren keygen --recovery, then tenants[].clientSide.recoveryPublicKey) and pass --recovery-public-key, or pass --no-recovery to accept the risk`,
    );
  }
  if (expected && (options.recovery === 'declined' || options.recovery.fingerprint !== expected)) {
    throw new TransferError(
      `tenant ${tenantId}'s inspection requires the recovery key ${shortFingerprint(expected)}, ${options.recovery === 'declined' ? 'and --no-recovery was given' : `but ${shortFingerprint(options.recovery.fingerprint)} was supplied`}: the object would be quarantined. Pass --recovery-public-key with the configured key`,
    );
  }
}

export async function upload(options: UploadOptions): Promise<{ key: string; encrypted: boolean }> {
  const size = fs.statSync(options.file).size;
  const slot = await requestUploadSlot(options.endpoint, {
    tenant: options.tenantId,
    fileName: path.basename(options.file),
    contentType: options.contentType,
    contentLength: size,
  });
  if (!slot.encryptClientSide) {
    await sendToSlot(slot, options.file, options.onProgress);
    return { key: slot.key, encrypted: false };
  }
  checkClientSideKeys(options.tenantId, slot, options);
  const primaryKey = options.primaryKey!;
  const recovery = options.recovery === 'declined' ? undefined : options.recovery?.keyring;
  const context = slot.encryptionContext ?? {};
  if (context[CONTEXT_KEYS.tenant] !== options.tenantId || context[CONTEXT_KEYS.objectKey] !== slot.key) {
    throw new TransferError('the upload endpoint returned an encryption context for another tenant or object; refusing to encrypt under it');
  }
  // Encrypt to a private temporary file first: S3 needs the POST's length before the body.
  const temporary = path.join(path.dirname(options.file), `.${path.basename(options.file)}.${randomBytes(6).toString('hex')}.suveren`);
  try {
    await pipeline(
      fs.createReadStream(options.file, { highWaterMark: 1024 * 1024 }),
      encryptingStream(encryptingKeyring(primaryKey, recovery), {
        tenantId: options.tenantId,
        objectKey: slot.key,
        classification: context[CONTEXT_KEYS.classification] ?? 'unknown',
      }),
      fs.createWriteStream(temporary, { mode: 0o600 }),
    );
    await sendToSlot(slot, temporary, options.onProgress);
  } finally {
    fs.rmSync(temporary, { force: true });
  }
  return { key: slot.key, encrypted: true };
}

export interface DownloadOptions {
  readonly tenantId: string;
  readonly bucket: string;
  readonly objectKey: string;
  readonly out: string;
  /** Decrypt with whichever of these keys the object was encrypted for (tier client-side); without any, the object is written as stored. */
  readonly keys?: readonly NamedKeyring[];
  readonly onProgress?: (received: number, total: number) => void;
}

export async function download(options: DownloadOptions): Promise<{ bytes: number }> {
  if (fs.existsSync(options.out)) throw new TransferError(`${options.out} already exists; choose another --out`);
  // Plaintext goes to a private temporary file beside the output and is renamed into
  // place only after the last frame authenticated; any failure removes it. The file is
  // opened here, before anything is fetched: a write stream given only a path opens it
  // later, and a pipeline that fails first (a wrong key fails on the first frame) would
  // remove the file before that open made it, and leave it behind. A folder that cannot
  // hold it fails here, before a request.
  const temporary = path.join(path.dirname(options.out), `.${path.basename(options.out)}.${randomBytes(6).toString('hex')}.partial`);
  const sink = fs.createWriteStream(temporary, { fd: fs.openSync(temporary, 'wx', 0o600) });
  let body: Readable | undefined;
  let written = 0;
  try {
    const object = await new S3Client({}).send(new GetObjectCommand({ Bucket: options.bucket, Key: options.objectKey }));
    body = object.Body as Readable;
    const total = object.ContentLength ?? 0;
    let received = 0;
    const progress = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        received += chunk.length;
        options.onProgress?.(received, total);
        done(null, chunk);
      },
    });
    const count = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        written += chunk.length;
        done(null, chunk);
      },
    });
    if (options.keys && options.keys.length > 0) {
      const keyrings = new DecryptionKeyrings(options.keys);
      await pipeline(body, progress, decryptingStream(keyrings, { tenantId: options.tenantId, objectKey: options.objectKey }), count, sink);
    } else {
      await pipeline(body, progress, count, sink);
    }
    fs.renameSync(temporary, options.out);
  } catch (e) {
    // Whatever failed before the pipeline ran leaves the response's socket and the file open: both are closed here.
    body?.destroy();
    sink.destroy();
    fs.rmSync(temporary, { force: true });
    throw e;
  }
  return { bytes: written };
}
