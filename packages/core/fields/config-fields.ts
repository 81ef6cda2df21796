import { X509Certificate } from 'node:crypto';
import { z } from 'zod';
import { EU_REGIONS, isEuRegion, whyNotEu } from '../contracts/regions';
import { PRIVATE_IPV4_RANGES, inCidr, isIPv4 } from './ipv4';

/*
 * The field types every area of the config shares: account ids, EU regions, ids that name
 * stacks, IAM names and ARNs, certificates and addresses, each with the message that says
 * what to write instead.
 */

export const accountId = z
  .string({
    error: (issue) =>
      typeof issue.input === 'number'
        ? 'an account id must be a quoted string: write it as "012345678901" (unquoted numbers lose leading zeros)'
        : 'expected a 12-digit AWS account id as a quoted string, e.g. "111111111111"',
  })
  .regex(/^\d{12}$/, 'expected a 12-digit AWS account id, e.g. "111111111111"');

export const euRegion = z
  .string({ error: 'expected a region name such as eu-north-1' })
  .refine(isEuRegion, {
    error: (issue) => `${whyNotEu(String(issue.input))}; use one of the EU regions: ${EU_REGIONS.join(', ')}`,
  })
  // JSON Schema has no refinements: editors get the allow-list as an enum.
  .meta({ enum: [...EU_REGIONS] });

/** DNS-safe: tenant and cluster ids end up in stack names, bucket names and aliases. */
export const dnsSafeId = z
  .string({ error: 'expected an id: lower-case letters, digits and hyphens' })
  .regex(
    /^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/,
    'must be 1-32 characters of lower-case letters, digits and hyphens, starting and ending with a letter or digit (it is used in stack and bucket names), e.g. "malmo-stad"',
  );

export const guardrailTarget = z
  .string({ error: 'expected an OU id (ou-xxxx-xxxxxxxx), a root id (r-xxxx) or a quoted 12-digit account id' })
  .regex(
    /^(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|r-[0-9a-z]{4,32}|\d{12})$/,
    'expected an OU id (ou-xxxx-xxxxxxxx), a root id (r-xxxx) or a quoted 12-digit account id',
  );

export const iamRoleName = z
  .string({ error: 'expected an IAM role name' })
  .regex(/^[\w+=,.@-]{1,64}$/, 'expected an IAM role name: 1-64 characters of letters, digits and +=,.@_-');

export const iamPrincipalArn = z
  .string({ error: 'expected an IAM role ARN, e.g. "arn:aws:iam::555555555555:role/release-publisher"' })
  .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/, 'expected an IAM role ARN, e.g. "arn:aws:iam::555555555555:role/release-publisher"');

/** A PEM X.509 certificate: public material only, checked to parse. */
export function pemCertificate(what: string) {
  return z
    .string({ error: `expected ${what}, as a PEM block (a YAML literal: |)` })
    .refine(
      (pem) => !/PRIVATE KEY/.test(pem),
      'this is a private key: it must never leave the offline CA, and is now exposed; create a new CA (suveren hsm create-ca)',
    )
    .refine((pem) => {
      try {
        new X509Certificate(pem);
        return true;
      } catch {
        return false;
      }
    }, `expected ${what}: a PEM X.509 certificate (-----BEGIN CERTIFICATE----- ... -----END CERTIFICATE-----)`);
}

/** An IPv4 address in a range an NLB takes as an IP target outside its VPC (RFC 1918, RFC 6598). */
export const privateIpv4 = z
  .string({ error: 'expected an IPv4 address such as 192.168.10.21' })
  .refine(isIPv4, 'expected an IPv4 address such as 192.168.10.21')
  .refine(
    (ip) => PRIVATE_IPV4_RANGES.some((range) => inCidr(ip, range)),
    `must be a private address (${'10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10'}): a load balancer reaches on-premises targets only at private addresses, over Direct Connect or VPN`,
  );

export const ipv4Cidr = z.string({ error: 'expected an IPv4 CIDR block such as 10.200.0.0/24' }).refine((c) => {
  const [ip, bits] = c.split('/');
  return isIPv4(ip ?? '') && /^\d+$/.test(bits ?? '') && Number(bits) >= 16 && Number(bits) <= 26;
}, 'expected an IPv4 CIDR block from /16 to /26 such as 10.200.0.0/24 (one subnet per Availability Zone is cut from it)');

/** An identity-store group id, as SCIM provisioning creates it (Identity Center's PrincipalId pattern). */
export const identityStoreGroupId = z
  .string({ error: 'expected an identity-store group id, e.g. "9067a1b2c3-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d"' })
  .regex(
    /^([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}$/,
    'expected an identity-store group id (a GUID, optionally after a 10-digit hex prefix), e.g. "9067a1b2c3-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d": copy it from the IAM Identity Center console (Groups) or aws identitystore list-groups, not the group\'s display name',
  );

/** The ARN of an IAM Identity Center instance. */
export const identityCenterInstanceArn = z
  .string({ error: 'expected an IAM Identity Center instance ARN, e.g. "arn:aws:sso:::instance/ssoins-6987a1b2c3d4e5f6"' })
  .regex(
    /^arn:aws[a-z-]*:sso:::instance\/(sso)?ins-[a-zA-Z0-9-.]{16}$/,
    'expected an IAM Identity Center instance ARN, e.g. "arn:aws:sso:::instance/ssoins-6987a1b2c3d4e5f6" (aws sso-admin list-instances)',
  );

/** The id of an Identity Center identity store. */
export const identityStoreId = z
  .string({ error: 'expected an identity store id, e.g. "d-9067a1b2c3"' })
  .regex(
    /^(d-[0-9a-f]{10}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/,
    'expected an identity store id, e.g. "d-9067a1b2c3" (aws sso-admin list-instances, IdentityStoreId)',
  );

/** A calendar date as YYYY-MM-DD: decisions, checks and sources are dated by day. */
export const calendarDate = z
  .string({ error: 'expected a date as YYYY-MM-DD, e.g. "2026-11-20"' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD, e.g. "2026-11-20"')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'is not a calendar date');

/** An https address: where a published fact can be read again. */
export const httpsUrl = z
  .string({ error: 'expected an https:// address, e.g. "https://aws.amazon.com/compliance/sub-processors/"' })
  .regex(/^https:\/\/[^\s/]+\.[^\s/]+(\/\S*)?$/, 'expected an https:// address, e.g. "https://aws.amazon.com/compliance/sub-processors/"');
