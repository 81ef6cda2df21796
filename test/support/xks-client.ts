import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as https from 'node:https';
import * as path from 'node:path';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@suveren/premises/sha256-hash';

/*
 * What KMS does to reach an XKS proxy, for tests and the bench: a TLS client that trusts
 * the test's own CA, and requests signed with SigV4 for service kms-xks-proxy by
 * @smithy/signature-v4, the signer of the AWS SDKs.
 */

export const XKS_TEST_HOST = 'xks.suveren.test';

/** A self-signed server certificate for XKS_TEST_HOST (and 127.0.0.1), made by openssl in `dir`. */
export function makeServerCertificate(dir: string): { certificate: string; privateKey: string; pem: Buffer } {
  const certificate = path.join(dir, 'server.crt');
  const privateKey = path.join(dir, 'server.key');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      privateKey,
      '-out',
      certificate,
      '-days',
      '2',
      '-subj',
      `/CN=${XKS_TEST_HOST}`,
      '-addext',
      `subjectAltName=DNS:${XKS_TEST_HOST},IP:127.0.0.1`,
    ],
    { stdio: 'ignore' },
  );
  fs.chmodSync(privateKey, 0o600);
  return { certificate, privateKey, pem: fs.readFileSync(certificate) };
}

export interface XksCredential {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

export interface XksAnswer {
  readonly status: number;
  readonly json: Record<string, unknown>;
}

export interface XksCallOptions {
  readonly credential: XksCredential;
  readonly region?: string;
  readonly method?: string;
  /** Signs at this time instead of now. */
  readonly signingDate?: Date;
  /** Changes the body after signing (a tampered request). */
  readonly tamper?: (body: string) => string;
  /** TLS options for this call, e.g. maxVersion to prove old protocols are refused. */
  readonly tls?: https.RequestOptions;
  /** The Content-Type header, signed; null sends none. @default application/json */
  readonly contentType?: string | null;
  /** The host name signed (and sent) in the Host header. @default XKS_TEST_HOST */
  readonly signedHost?: string;
}

export class XksClient {
  private readonly agent: https.Agent;

  constructor(
    private readonly port: number,
    private readonly ca: Buffer,
  ) {
    this.agent = new https.Agent({ keepAlive: true, maxSockets: 64 });
  }

  /** Signs `body` as KMS would and sends it to `urlPath`. */
  async call(urlPath: string, body: unknown, options: XksCallOptions): Promise<XksAnswer> {
    const text = JSON.stringify(body);
    const signer = new SignatureV4({
      service: 'kms-xks-proxy',
      region: options.region ?? 'eu-north-1',
      credentials: { accessKeyId: options.credential.accessKeyId, secretAccessKey: options.credential.secretAccessKey },
      sha256: Sha256,
    });
    const method = options.method ?? 'POST';
    const signed = await signer.sign(
      {
        method,
        protocol: 'https:',
        hostname: options.signedHost ?? XKS_TEST_HOST,
        port: this.port,
        path: urlPath,
        query: {},
        headers: {
          host: `${options.signedHost ?? XKS_TEST_HOST}:${this.port}`,
          ...(options.contentType === null ? {} : { 'content-type': options.contentType ?? 'application/json' }),
        },
        body: text,
      },
      options.signingDate ? { signingDate: options.signingDate } : undefined,
    );
    const sent = options.tamper ? options.tamper(text) : text;
    return this.send(urlPath, method, { ...signed.headers, 'content-length': String(Buffer.byteLength(sent)) }, sent, options.tls);
  }

  /** An unsigned request, e.g. the load balancer's GET /ping. */
  send(urlPath: string, method: string, headers: Record<string, string>, body: string, tls?: https.RequestOptions): Promise<XksAnswer> {
    return new Promise((resolve, reject) => {
      const request = https.request(
        {
          host: '127.0.0.1',
          port: this.port,
          servername: XKS_TEST_HOST,
          ca: this.ca,
          path: urlPath,
          method,
          headers,
          agent: tls ? undefined : this.agent,
          ...tls,
        },
        (response) => {
          let data = '';
          response.on('data', (chunk: Buffer) => (data += chunk.toString()));
          response.on('end', () => {
            try {
              resolve({ status: response.statusCode ?? 0, json: data ? (JSON.parse(data) as Record<string, unknown>) : {} });
            } catch (e) {
              reject(e);
            }
          });
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
