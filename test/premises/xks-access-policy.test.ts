import { decide } from '@suveren/premises/xks-proxy/access-policy';
import type { ExternalKeyConfig } from '@suveren/premises/xks-proxy/proxy-config';
import { parseViaService, viaServiceMatches } from '@suveren/core/contracts/xks';

/*
 * The proxy's per-key policy on kmsViaService: KMS and AWS's XKS test client send the
 * short service name (`ebs`, `s3`), the spec points to kms:ViaService
 * (`s3.eu-north-1.amazonaws.com`); either spelling matches the same service in the same
 * region, and nothing matches by substring.
 */

const key = (viaServices: string[], kmsKeyArns?: string[]): ExternalKeyConfig => ({
  externalKeyId: 'arkiv',
  allow: {
    principals: ['arn:aws:iam::333333333333:role/Suveren-Tenant-arkiv-*'],
    viaServices,
    kmsOperations: ['CreateKey', 'DescribeKey', 'Encrypt', 'Decrypt', 'ReEncrypt', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext'],
    directOperations: ['CreateKey', 'DescribeKey'],
    ...(kmsKeyArns ? { kmsKeyArns } : {}),
  },
});
const KEY_ARN = 'arn:aws:kms:eu-north-1:333333333333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const metadata = (kmsViaService: string, kmsOperation = 'Encrypt', kmsKeyArn = KEY_ARN) => ({
  awsPrincipalArn: 'arn:aws:iam::333333333333:role/Suveren-Tenant-arkiv-reader',
  kmsOperation,
  kmsRequestId: 'r',
  kmsViaService,
  kmsKeyArn,
});

test.each([
  // allowed, requested, region the proxy serves, match?
  ['s3', 's3', 'eu-north-1', true],
  ['s3', 's3.eu-north-1.amazonaws.com', 'eu-north-1', true],
  ['s3.eu-north-1.amazonaws.com', 's3', 'eu-north-1', true],
  ['s3.eu-north-1.amazonaws.com', 's3.eu-north-1.amazonaws.com', 'eu-north-1', true],
  ['ebs', 'ebs', 'us-east-2', true],
  ['s3', 's3.eu-west-1.amazonaws.com', 'eu-north-1', false],
  ['s3.eu-west-1.amazonaws.com', 's3', 'eu-north-1', false],
  ['s3', 'ebs', 'eu-north-1', false],
  ['s3', 's3x', 'eu-north-1', false],
  ['s3', 'xs3', 'eu-north-1', false],
  ['s3', 's3.eu-north-1.amazonaws.com.evil', 'eu-north-1', false],
  ['s3.eu-north-1.amazonaws.com', 's3.eu-north-1.amazonaws.co', 'eu-north-1', false],
  ['s3', '', 'eu-north-1', false],
])('allowed %s, requested %s (KMS in %s): %s', (allowed, requested, region, expected) => {
  expect(viaServiceMatches(allowed, requested, region)).toBe(expected);
  expect(decide(key([allowed]), 'Encrypt', metadata(requested), region).allowed).toBe(expected);
});

test('both spellings parse to a service and, for kms:ViaService, a region (the sovereign cloud included)', () => {
  expect(parseViaService('ebs')).toEqual({ service: 'ebs' });
  expect(parseViaService('s3.eusc-de-east-1.amazonaws.com')).toEqual({ service: 's3', region: 'eusc-de-east-1' });
  expect(parseViaService('s3.amazonaws.com')).toBeUndefined();
});

test('kmsKeyArns pins Encrypt and Decrypt to named KMS keys; metadata calls are not pinned (CreateKey has no key yet)', () => {
  const pinned = key(['s3'], [KEY_ARN]);
  expect(decide(pinned, 'Encrypt', metadata('s3'), 'eu-north-1')).toEqual({ allowed: true, rule: expect.stringContaining('via s3') });
  const other = decide(pinned, 'Decrypt', metadata('s3', 'Decrypt', KEY_ARN.replace('1234abcd', '9999abcd')), 'eu-north-1');
  expect(other).toEqual({
    allowed: false,
    reason: expect.stringMatching(/kmsKeyArn arn:aws:kms:.*:key\/9999abcd-.* is not in keys\[arkiv\]\.allow\.kmsKeyArns/),
  });
  const { kmsViaService: _none, ...direct } = metadata('s3', 'CreateKey');
  expect(decide(pinned, 'GetKeyMetadata', { ...direct, kmsKeyArn: undefined }, 'eu-north-1').allowed).toBe(true);
});
