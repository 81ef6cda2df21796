import * as fs from 'node:fs';
import type { RunningProxy } from '@suveren/premises/xks-proxy/server';
import { XksClient } from '../support/xks-client';
import { EXTERNAL_KEY, SPEC_ENCRYPT, URI_PATH, type XksFixture, s3Metadata, startInProcessProxy, stopInProcessProxy } from '../support/xks-proxy-fixture';

/*
 * The XKS proxy's audit log under a flood of unauthenticated requests, for 30 s: the log
 * grows by a summary line a second, not by a line a request, and signed requests are
 * served throughout. A load test of fixed duration, so it runs in `npm run test:load`
 * (CI runs it), beside the attacks of xks-proxy-attacks.test.ts, not in `npm test`.
 */

let fixture: XksFixture;
let proxy: RunningProxy;
let client: XksClient;

beforeAll(async () => ({ fixture, proxy, client } = await startInProcessProxy()));
afterAll(() => stopInProcessProxy({ fixture, proxy, client }));

const signed = () => ({ credential: fixture.credentials[0] });
const keyPath = (operation: string) => `${URI_PATH}/keys/${EXTERNAL_KEY}/${operation}`;

test('32 clients sending unsigned requests with 15 KB headers for 30 s grow the log by under 50 MB, while signed requests are served', async () => {
  const before = fs.statSync(fixture.auditFile).size;
  const deadline = Date.now() + 30_000;
  const header = 'A'.repeat(15 * 1024);
  let refused = 0;
  const flood = async (i: number) => {
    while (Date.now() < deadline) {
      // Half over the header limit (431 before the handler), half small and unsigned (401 after it).
      const headers =
        i % 2 === 0 ? { authorization: `AWS4-HMAC-SHA256 Credential=${header}/20261201/eu-north-1/kms-xks-proxy/aws4_request` } : { authorization: 'none' };
      try {
        const answer = await client.send(keyPath('encrypt'), 'POST', { 'content-type': 'application/json', ...headers }, '{}', { agent: false } as never);
        if (answer.status >= 400) refused++;
      } catch {
        refused++;
      }
    }
  };
  let served = 0;
  const signedWhileFlooding = async () => {
    while (Date.now() < deadline) {
      const answer = await client.call(keyPath('encrypt'), { requestMetadata: s3Metadata('Encrypt'), ...SPEC_ENCRYPT }, signed());
      expect(answer.status).toBe(200);
      served++;
      await new Promise((r) => setTimeout(r, 250));
    }
  };
  await Promise.all([...Array.from({ length: 32 }, (_, i) => flood(i)), signedWhileFlooding()]);
  proxy.flushUnauthenticated();
  const grown = fs.statSync(fixture.auditFile).size - before;
  expect(refused).toBeGreaterThan(1000);
  expect(grown).toBeLessThan(50 * 1024 * 1024);
  // Far less, in fact: a summary line a second, each field bounded.
  expect(grown).toBeLessThan(200 * 1024);
  expect(served).toBeGreaterThan(20);
  const counts = fs
    .readFileSync(fixture.auditFile, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { type: string; counts?: Record<string, number> })
    .filter((r) => r.type === 'unauthenticated')
    .reduce((sum, r) => sum + Object.values(r.counts ?? {}).reduce((a, b) => a + b, 0), 0);
  expect(counts).toBeGreaterThanOrEqual(refused * 0.9);
}, 60_000);
