import { generateKeyPairSync } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT, type ConfigDocument, exampleConfigDocument, withField } from '../helpers';
import { testCertificates } from './test-certificates';

/*
 * The malformed configs the loader must refuse, each with the field path its message
 * prints and a phrase of the fix: test/config.test.ts holds the loader to every one, and
 * test/config-json-schema.test.ts says which of them the published JSON Schema rejects.
 */

export const example = exampleConfigDocument();
const pem = { publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } } as const;
const rsa2048 = generateKeyPairSync('rsa', { modulusLength: 2048, ...pem });
const ecP384 = generateKeyPairSync('ec', { namedCurve: 'P-384', ...pem });
export const sovereign = parse(fs.readFileSync(path.join(REPO_ROOT, 'config', 'examples', 'sovereign-cloud.yaml'), 'utf8')) as ConfigDocument;
const sovereignOrganization = sovereign.organization as Record<string, unknown>;
export const { assumeAvailable: _assumed, ...withoutOverride } = sovereignOrganization;

/**
 * Each malformed config names the file, the field path and what to write instead.
 * `field` is the path as the message prints it; `fix` a phrase of the remedy.
 */
export const malformed: { name: string; document: ConfigDocument; field: string; fix: RegExp }[] = [
  {
    name: 'tenant in us-east-1',
    document: withField(example, 'tenants.0.region', 'us-east-1'),
    field: 'tenants[0].region',
    fix: /us-east-1 is not an EU region; use one of the EU regions: eu-north-1/,
  },
  {
    name: 'tenant in London (eu-west-2)',
    document: withField(example, 'tenants.1.region', 'eu-west-2'),
    field: 'tenants[1].region',
    fix: /eu-west-2 \(London, UK\) is outside the EU/,
  },
  {
    name: 'Zurich in allowedRegions',
    document: withField(example, 'organization.allowedRegions', ['eu-north-1', 'eu-central-2']),
    field: 'organization.allowedRegions[1]',
    fix: /eu-central-2 \(Zurich, Switzerland\) is outside the EU/,
  },
  {
    name: 'EU region not in allowedRegions',
    document: withField(example, 'tenants.0.region', 'eu-central-1'),
    field: 'tenants[0].region',
    fix: /not in organization\.allowedRegions \(eu-north-1, eu-west-1\); use one of those, or add eu-central-1/,
  },
  {
    name: 'unknown top-level key (typo)',
    document: { ...example, tenant: [] },
    field: 'tenant',
    fix: /unknown key "tenant".*did you mean "tenants"/,
  },
  {
    name: 'unknown tenant key (typo of classification)',
    document: withField(example, 'tenants.0.clasification', 'secret'),
    field: 'tenants[0].clasification',
    fix: /did you mean "classification"/,
  },
  {
    name: 'unquoted account id',
    document: withField(example, 'tenants.2.account', 333333333333),
    field: 'tenants[2].account',
    fix: /quoted string: write it as "012345678901"/,
  },
  {
    name: 'account id with 11 digits',
    document: withField(example, 'audit.account', '22222222222'),
    field: 'audit.account',
    fix: /12-digit AWS account id/,
  },
  {
    name: 'tenant id that is not DNS-safe',
    document: withField(example, 'tenants.0.id', 'Lund_Kommun'),
    field: 'tenants[0].id',
    fix: /lower-case letters, digits and hyphens/,
  },
  {
    name: 'duplicate tenant ids',
    document: withField(example, 'tenants.1.id', 'lund-kommun'),
    field: 'tenants[1].id',
    fix: /duplicate tenant id "lund-kommun"/,
  },
  {
    name: 'tier lowered below the classification default',
    document: withField(example, 'tenants.2.tier', 'standard'),
    field: 'tenants[2].tier',
    fix: /never lowered: remove tier or set it to client-side/,
  },
  {
    name: 'hsm tier without a cluster',
    document: withField(example, 'tenants.1.hsmCluster', undefined),
    field: 'tenants[1].hsmCluster',
    fix: /tier "hsm" needs hsmCluster: set it to one of nordic/,
  },
  {
    name: 'reference to an HSM cluster that does not exist',
    document: withField(example, 'tenants.1.hsmCluster', 'baltic'),
    field: 'tenants[1].hsmCluster',
    fix: /no HSM cluster "baltic".*use one of nordic/,
  },
  {
    name: 'a private key where the trust anchor belongs',
    document: withField(example, 'keyCustody.hsmClusters.0.initialization', {
      signedCertificate: testCertificates().signedCertificate,
      trustAnchor: testCertificates().caKey,
    }),
    field: 'keyCustody.hsmClusters[0].initialization.trustAnchor',
    fix: /this is a private key: it must never leave the offline CA/,
  },
  {
    name: 'a cluster certificate the trust anchor did not issue',
    document: withField(example, 'keyCustody.hsmClusters.0.initialization', {
      signedCertificate: testCertificates().signedCertificate,
      trustAnchor: testCertificates().otherAnchor,
    }),
    field: 'keyCustody.hsmClusters[0].initialization.signedCertificate',
    fix: /not issued by the trustAnchor: sign the cluster CSR with `suveren hsm sign-csr` and this CA/,
  },
  {
    name: 'text that is not a certificate',
    document: withField(example, 'keyCustody.hsmClusters.0.initialization', { signedCertificate: 'cluster.crt', trustAnchor: testCertificates().trustAnchor }),
    field: 'keyCustody.hsmClusters[0].initialization.signedCertificate',
    fix: /a PEM X\.509 certificate/,
  },
  {
    name: 'kmsUserReady before the cluster is initialized',
    document: withField(example, 'keyCustody.hsmClusters.0.kmsUserReady', true),
    field: 'keyCustody.hsmClusters[0].kmsUserReady',
    fix: /add initialization \(signedCertificate, trustAnchor\) first/,
  },
  {
    name: 'hsmKeyGeneration on a tier whose keys rotate automatically',
    document: withField(example, 'tenants.0.hsmKeyGeneration', 2),
    field: 'tenants[0].hsmKeyGeneration',
    fix: /only for tier hsm, whose keys are rotated by hand: remove it/,
  },
  {
    name: 'hsmKeyGeneration that is not a whole number from 1',
    document: withField(example, 'tenants.1.hsmKeyGeneration', 0),
    field: 'tenants[1].hsmKeyGeneration',
    fix: /generations count from 1/,
  },
  {
    name: 'hsmCluster on a tier that does not use one',
    document: withField(example, 'tenants.0.hsmCluster', 'nordic'),
    field: 'tenants[0].hsmCluster',
    fix: /does not use an HSM cluster; remove hsmCluster/,
  },
  {
    name: 'HSM cluster in another region than its tenant',
    document: withField(withField(example, 'tenants.1.region', 'eu-west-1'), 'keyCustody.hsmClusters.0.region', 'eu-north-1'),
    field: 'tenants[1].hsmCluster',
    fix: /custom key store must be in the cluster's region/,
  },
  {
    name: 'HSM cluster with one Availability Zone',
    document: withField(example, 'keyCustody.hsmClusters.0.availabilityZones', 1),
    field: 'keyCustody.hsmClusters[0].availabilityZones',
    fix: /at least 2 HSMs in different Availability Zones/,
  },
  {
    name: 'unknown classification',
    document: withField(example, 'tenants.0.classification', 'top-secret'),
    field: 'tenants[0].classification',
    fix: /expected one of open, internal, confidential, secret/,
  },
  {
    name: 'missing classification',
    document: withField(example, 'tenants.0.classification', undefined),
    field: 'tenants[0].classification',
    fix: /is required/,
  },
  {
    name: 'upload size above the S3 maximum',
    document: withField(example, 'tenants.0.uploads.maxObjectBytes', 6 * 1024 ** 4),
    field: 'tenants[0].uploads.maxObjectBytes',
    fix: /at most 5497558138880 \(5 TiB/,
  },
  {
    name: 'fractional upload size',
    document: withField(example, 'tenants.0.uploads.maxObjectBytes', 10.5),
    field: 'tenants[0].uploads.maxObjectBytes',
    fix: /whole number of bytes/,
  },
  {
    name: 'content type that is not a media type',
    document: withField(example, 'tenants.0.uploads.allowedContentTypes', ['pdf']),
    field: 'tenants[0].uploads.allowedContentTypes[0]',
    fix: /e\.g\. application\/pdf/,
  },
  {
    name: 'empty content type list',
    document: withField(example, 'tenants.0.uploads.allowedContentTypes', []),
    field: 'tenants[0].uploads.allowedContentTypes',
    fix: /list at least one media type/,
  },
  {
    name: 'allowedRegions mixing the sovereign cloud partition with commercial regions',
    document: withField(example, 'organization.allowedRegions', ['eu-north-1', 'eu-west-1', 'eusc-de-east-1']),
    field: 'organization.allowedRegions',
    fix: /mixes partitions \(aws, aws-eusc\)/,
  },
  {
    name: 'malformed guardrail target',
    document: withField(example, 'organization.guardrailTargets', ['engineering']),
    field: 'organization.guardrailTargets[0]',
    fix: /OU id \(ou-xxxx-xxxxxxxx\)/,
  },
  {
    name: 'two tenants sharing an account',
    document: withField(example, 'tenants.1.account', '333333333331'),
    field: 'tenants[1].account',
    fix: /already belongs to tenant "lund-kommun"; every tenant needs an account of its own/,
  },
  {
    name: 'tenant in the management account',
    document: withField(example, 'tenants.0.account', '111111111111'),
    field: 'tenants[0].account',
    fix: /management account, which SCPs never restrict/,
  },
  {
    name: 'tenant in the audit account',
    document: withField(example, 'tenants.0.account', '222222222222'),
    field: 'tenants[0].account',
    fix: /audit \(log archive\) account/,
  },
  {
    name: 'tenant in a key-custody account',
    document: withField(example, 'tenants.0.account', '444444444444'),
    field: 'tenants[0].account',
    fix: /account of key custody "nordic"; the pipeline's tenants deploy project may reach no key-custody account/,
  },
  {
    name: 'malformed organization id',
    document: withField(example, 'organization.organizationId', 'acme'),
    field: 'organization.organizationId',
    fix: /organization id like "o-a1b2c3d4e5"/,
  },
  {
    name: 'home region outside the allow-list',
    document: withField(example, 'organization.homeRegion', 'eu-west-3'),
    field: 'organization.homeRegion',
    fix: /not in organization\.allowedRegions/,
  },
  {
    name: 'audit archive in the management account',
    document: withField(example, 'audit.account', '111111111111'),
    field: 'audit.account',
    fix: /log archive belongs in its own member account/,
  },
  {
    name: 'aws-eusc: an hsm tenant while CloudHSM is unverified there, without an override',
    document: { ...sovereign, organization: withoutOverride },
    field: 'tenants[1].tier',
    fix: /tier "hsm" needs cloudhsm \(AWS CloudHSM.*\) is unverified in aws-eusc \(AWS European Sovereign Cloud\).*add organization\.assumeAvailable: \[cloudhsm, kms:cloudhsm-key-store\]/,
  },
  {
    name: 'aws-eusc: a pipeline while CodePipeline and CodeBuild are unverified there, without an override',
    document: withField(sovereign, 'deployment', {
      account: '555555555555',
      region: 'eusc-de-east-1',
      source: { s3: { objectKey: 'releases/suveren.zip', releasePrincipals: ['arn:aws-eusc:iam::555555555555:role/release'] } },
      approvers: { changes: ['a@example.de'], organization: ['b@example.de'] },
    }),
    field: 'deployment',
    fix: /needs codepipeline \(AWS CodePipeline V2 \(Suveren-Pipeline\)\), codebuild .* which aws-eusc \(AWS European Sovereign Cloud\) is not known to offer .* add codepipeline, codebuild to organization\.assumeAvailable, or deploy by hand/,
  },
  {
    name: 'a CodeConnections source where CodeConnections is not offered (Spain)',
    document: withField(
      withField(withField(example, 'organization.allowedRegions', ['eu-north-1', 'eu-west-1', 'eu-south-2']), 'deployment.region', 'eu-south-2'),
      'deployment.source',
      {
        codeConnections: {
          connectionArn: 'arn:aws:codeconnections:eu-south-2:555555555555:connection/6f2b1c9e-1a2b-4c3d-9e8f-0a1b2c3d4e5f',
          repository: 'lund/suveren',
          branch: 'main',
        },
      },
    ),
    field: 'deployment.source.codeConnections',
    fix: /AWS CodeConnections is not offered in eu-south-2: use the s3 release source there/,
  },
  {
    name: 'an override of a capability suveren does not know',
    document: withField(sovereign, 'organization.assumeAvailable', ['cloudhsm', 'quantum-hsm']),
    field: 'organization.assumeAvailable[1]',
    fix: /expected one of organizations:scp, organizations:rcp, cloudhsm/,
  },
  {
    name: 'allowedRegions mixing the commercial partition and aws-eusc',
    document: withField(example, 'organization.allowedRegions', ['eu-north-1', 'eu-west-1', 'eusc-de-east-1']),
    field: 'organization.allowedRegions',
    fix: /mixes partitions \(aws, aws-eusc\).*list either commercial EU regions or eusc-de-east-1/,
  },
  {
    name: "the management account's home region outside the organization's partition",
    document: withField(sovereign, 'organization.homeRegion', 'eu-north-1'),
    field: 'organization.homeRegion',
    fix: /eu-north-1 is in partition aws \(commercial\), but allowedRegions are in aws-eusc .*set homeRegion to one of eusc-de-east-1/,
  },
  {
    name: 'no tenants',
    document: withField(example, 'tenants', []),
    field: 'tenants',
    fix: /list at least one tenant/,
  },
];

malformed.push(
  {
    name: 'a private key as the recovery key',
    document: withField(example, 'tenants.2.clientSide.recoveryPublicKey', rsa2048.privateKey),
    field: 'tenants[2].clientSide.recoveryPublicKey',
    fix: /this is a PRIVATE key: the config holds only the public half .*treat the key as exposed/,
  },
  {
    name: 'an RSA-2048 recovery key',
    document: withField(example, 'tenants.2.clientSide.recoveryPublicKey', rsa2048.publicKey),
    field: 'tenants[2].clientSide.recoveryPublicKey',
    fix: /is an RSA-2048 key; recovery keys need at least 3072 bits .*suveren keygen --recovery/,
  },
  {
    name: 'an EC recovery key',
    document: withField(example, 'tenants.2.clientSide.recoveryPublicKey', ecP384.publicKey),
    field: 'tenants[2].clientSide.recoveryPublicKey',
    fix: /is a ec key; recovery wraps data keys with RSA-OAEP/,
  },
  {
    name: 'a recovery key on a tier that encrypts in AWS',
    document: withField(example, 'tenants.0.clientSide', {
      recoveryPublicKey: (example.tenants as { clientSide?: { recoveryPublicKey: string } }[])[2].clientSide!.recoveryPublicKey,
    }),
    field: 'tenants[0].clientSide',
    fix: /tier "standard" encrypts in AWS, so there is no client-side key to recover: remove clientSide/,
  },
);

const xks = parse(fs.readFileSync(path.join(REPO_ROOT, 'config', 'examples', 'external-key-store.yaml'), 'utf8')) as ConfigDocument;
const XKS_TENANT = 2;
malformed.push(
  {
    name: 'an external tenant without a store',
    document: withField(xks, `tenants.${XKS_TENANT}.externalKeyStore`, undefined),
    field: `tenants[${XKS_TENANT}].externalKeyStore`,
    fix: /tier "external" needs externalKeyStore: set it to one of riksarkivet-xks/,
  },
  {
    name: 'an external tenant naming an unknown store',
    document: withField(xks, `tenants.${XKS_TENANT}.externalKeyStore`, 'baltic-xks'),
    field: `tenants[${XKS_TENANT}].externalKeyStore`,
    fix: /no external key store "baltic-xks" under keyCustody\.externalKeyStores; use one of riksarkivet-xks/,
  },
  {
    name: 'an external tenant without the HSM key label',
    document: withField(xks, `tenants.${XKS_TENANT}.xksKeyId`, undefined),
    field: `tenants[${XKS_TENANT}].xksKeyId`,
    fix: /tier "external" needs xksKeyId: the label of the tenant's AES-256 key in the customer's HSM/,
  },
  {
    name: 'an external key id outside the XKS alphabet',
    document: withField(xks, `tenants.${XKS_TENANT}.xksKeyId`, 'riksarkivet data/1'),
    field: `tenants[${XKS_TENANT}].xksKeyId`,
    fix: /must be 1-128 letters, digits and \. _ - \(KMS XksKeyId\)/,
  },
  {
    name: 'an external tenant in another region than its store',
    document: withField(xks, `tenants.${XKS_TENANT}.region`, 'eu-west-1'),
    field: `tenants[${XKS_TENANT}].externalKeyStore`,
    fix: /external key store "riksarkivet-xks" is in eu-north-1 but the tenant is in eu-west-1/,
  },
  {
    name: 'a store on a tier that does not use one',
    document: withField(xks, 'tenants.0.externalKeyStore', 'riksarkivet-xks'),
    field: 'tenants[0].externalKeyStore',
    fix: /tier "standard" does not use an external key store; remove externalKeyStore, or set tier: external/,
  },
  {
    name: 'two tenants over one HSM key',
    document: withField(
      withField(withField(xks, 'tenants.0.tier', 'external'), 'tenants.0.externalKeyStore', 'riksarkivet-xks'),
      'tenants.0.xksKeyId',
      'riksarkivet-data-1',
    ),
    field: `tenants[${XKS_TENANT}].xksKeyId`,
    fix: /external key "riksarkivet-data-1" of store "riksarkivet-xks" is already tenant "lund-kommun"'s/,
  },
  {
    name: 'an external key store without its network under vpc-endpoint-service',
    document: withField(xks, 'keyCustody.externalKeyStores.0.network', undefined),
    field: 'keyCustody.externalKeyStores[0].network',
    fix: /is required with connectivity vpc-endpoint-service: give vpcCidr .* or set proxy\.connectivity: public-endpoint/,
  },
  {
    name: 'a network on a public endpoint',
    document: withField(xks, 'keyCustody.externalKeyStores.0.proxy.connectivity', 'public-endpoint'),
    field: 'keyCustody.externalKeyStores[0].network',
    fix: /is only for connectivity vpc-endpoint-service: a public endpoint needs no VPC/,
  },
  {
    name: 'a proxy address inside the custody VPC',
    document: withField(xks, 'keyCustody.externalKeyStores.0.network.proxyAddresses', ['10.199.0.20']),
    field: 'keyCustody.externalKeyStores[0].network.proxyAddresses[0]',
    fix: /10\.199\.0\.20 is inside vpcCidr 10\.199\.0\.0\/24: .* choose another vpcCidr/,
  },
  {
    name: 'a public proxy address',
    document: withField(xks, 'keyCustody.externalKeyStores.0.network.proxyAddresses', ['8.8.8.8']),
    field: 'keyCustody.externalKeyStores[0].network.proxyAddresses[0]',
    fix: /must be a private address .*over Direct Connect or VPN/,
  },
  {
    name: 'an endpoint with a path or port',
    document: withField(xks, 'keyCustody.externalKeyStores.0.proxy.uriEndpoint', 'https://xks.riksarkivet.example.se:8443/kms'),
    field: 'keyCustody.externalKeyStores[0].proxy.uriEndpoint',
    fix: /expected https:\/\/ and a lower-case DNS name, no port or path/,
  },
  {
    name: 'a URI path of another API version',
    document: withField(xks, 'keyCustody.externalKeyStores.0.proxy.uriPath', '/kms/xks/v2'),
    field: 'keyCustody.externalKeyStores[0].proxy.uriPath',
    fix: /must be \[\/<prefix>\]\/kms\/xks\/v1/,
  },
  {
    name: 'a credential access key id that is not one',
    document: withField(xks, 'keyCustody.externalKeyStores.0.credentialAccessKeyId', 'AKIA0123456789'),
    field: 'keyCustody.externalKeyStores[0].credentialAccessKeyId',
    fix: /20-30 characters of A-Z and 2-7, as printed by `suveren xks-proxy credential`/,
  },
  {
    name: "an external key store in an HSM cluster's account",
    document: withField(xks, 'keyCustody.externalKeyStores.0.account', '444444444444'),
    field: 'keyCustody.externalKeyStores[0].account',
    fix: /is the account of HSM cluster "nordic", whose keys have origin AWS_CLOUDHSM; an external key store needs a key-custody account of its own/,
  },
  {
    name: 'two external key stores in one account',
    document: withField(xks, 'keyCustody.externalKeyStores', [
      ...(xks.keyCustody as { externalKeyStores: unknown[] }).externalKeyStores,
      {
        ...((xks.keyCustody as { externalKeyStores: object[] }).externalKeyStores[0] as object),
        id: 'second-xks',
        proxy: { uriEndpoint: 'https://xks2.riksarkivet.example.se' },
      },
    ]),
    field: 'keyCustody.externalKeyStores[2].account',
    fix: /is the account of external key store "riksarkivet-xks", and IAM cannot tell one store from another on kms:CreateKey/,
  },
  {
    name: 'an external key store id that is a cluster id',
    document: withField(xks, 'keyCustody.externalKeyStores.0.id', 'nordic'),
    field: 'keyCustody.externalKeyStores[0].id',
    fix: /duplicate key-custody id "nordic"; HSM clusters and external key stores share one namespace/,
  },
  {
    name: 'keepStandardKey on a tenant whose key is still its standard key',
    document: withField(example, 'tenants.0.keepStandardKey', true),
    field: 'tenants[0].keepStandardKey',
    fix: /tier "standard" keeps its key from tier standard .* so there is no former key to keep: remove keepStandardKey/,
  },
  {
    name: 'migration without a kept standard key',
    document: withField(example, 'tenants.1.migration', true),
    field: 'tenants[1].migration',
    fix: /the migration role re-keys objects from the kept standard key, and this tenant keeps none: set keepStandardKey: true/,
  },
  {
    name: 'keepStandardKey where the key custody shares the tenant account (the alias would collide)',
    document: withField(withField(example, 'tenants.1.keepStandardKey', true), 'keyCustody.hsmClusters.0.account', '333333333332'),
    field: 'tenants[1].keepStandardKey',
    fix: /where the kept standard key already holds alias\/suveren\/malmo-stad: give the key custody an account of its own/,
  },
  {
    name: "a deployment account that is a tenant's",
    document: withField(example, 'deployment.account', '333333333332'),
    field: 'deployment.account',
    fix: /is the account of tenant malmo-stad: a tenant's administrators would control every tenant's deployment; give the pipeline an account of its own/,
  },
  {
    name: 'a deployment account that is the audit account',
    document: withField(example, 'deployment.account', '222222222222'),
    field: 'deployment.account',
    fix: /is the audit account/,
  },
  {
    name: 'a deployment account that is the management account',
    document: withField(example, 'deployment.account', '111111111111'),
    field: 'deployment.account',
    fix: /is the management account/,
  },
  {
    name: 'a deployment region outside the EU',
    document: withField(example, 'deployment.region', 'us-east-1'),
    field: 'deployment.region',
    fix: /us-east-1 is not an EU region/,
  },
  {
    name: 'a waveSize of 0',
    document: withField(example, 'deployment.waveSize', 0),
    field: 'deployment.waveSize',
    fix: /a wave holds at least one tenant stack/,
  },
  {
    name: "a waveSize above what an action can deploy in CodePipeline's 8 hours",
    document: withField(example, 'deployment.waveSize', 241),
    field: 'deployment.waveSize',
    fix: /241 stacks at 10 at a time would outlast CodePipeline's 8-hour limit for a CodeBuild action; use at most 240/,
  },
  {
    name: 'a CodeConnections connection of another partition',
    document: withField(example, 'deployment.source', {
      codeConnections: {
        connectionArn: 'arn:aws-eusc:codeconnections:eusc-de-east-1:555555555555:connection/6f2b1c9e-1a2b-4c3d-9e8f-0a1b2c3d4e5f',
        repository: 'lund/suveren',
        branch: 'main',
      },
    }),
    field: 'deployment.source.codeConnections.connectionArn',
    fix: /is a connection of partition aws-eusc, but the pipeline deploys in eu-north-1 \(partition aws\)/,
  },
  {
    name: 'a typo in an external key store',
    document: withField(xks, 'keyCustody.externalKeyStores.0.credentialAcessKeyId', 'RIKSARKIVETXKS7BQ2MZXHPV'),
    field: 'keyCustody.externalKeyStores[0].credentialAcessKeyId',
    fix: /unknown key "credentialAcessKeyId": remove it or correct its spelling \(did you mean "credentialAccessKeyId"\?\)/,
  },
);
