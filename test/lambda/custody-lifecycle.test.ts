import { CloudHSMV2Client, CreateHsmCommand, DescribeClustersCommand } from '@aws-sdk/client-cloudhsm-v2';
import {
  ConnectCustomKeyStoreCommand,
  CreateAliasCommand,
  CreateCustomKeyStoreCommand,
  CustomKeyStoreNotFoundException,
  DescribeCustomKeyStoresCommand,
  KMSClient,
  PutKeyPolicyCommand,
  UpdateCustomKeyStoreCommand,
  UpdateKeyDescriptionCommand,
} from '@aws-sdk/client-kms';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { createHandlers } from '../../lambda/hsm-custody/index';
import { CUSTOM_RESOURCE_LIFECYCLE, HSM_RESOURCE_TYPES, XKS_RESOURCE_TYPES } from '@suveren/core/contracts/custom-resources';
import { request } from '../support/custody-events';

/*
 * suveren plan reads how each custom resource lives through a change from
 * CUSTOM_RESOURCE_LIFECYCLE; this proves each declaration against the real handler (AWS
 * SDK clients stubbed by aws-sdk-client-mock: moto has no CloudHSM HSMs and no custom key
 * stores). For every property of every type: an Update changing only it answers a new
 * physical id exactly when the declaration says it replaces, fails exactly when it says
 * the handler refuses it, and keeps the physical id otherwise; a Delete keeps or deletes
 * as declared.
 */

type MockableClient = Parameters<typeof mockClient>[0];
type MockableCommand = Parameters<ReturnType<typeof mockClient>['on']>[0];
const cloudHsm = mockClient(CloudHSMV2Client as unknown as MockableClient);
const kms = mockClient(KMSClient);
const secrets = mockClient(SecretsManagerClient);
const clients = {
  cloudHsm: new CloudHSMV2Client({ region: 'eu-north-1' }),
  kms: new KMSClient({ region: 'eu-north-1' }),
  secrets: new SecretsManagerClient({ region: 'eu-north-1' }),
};
const handlers = createHandlers({ ...clients, kmsAs: async () => clients.kms, sleep: async () => undefined }, () => new Date('2026-12-01T10:00:00Z'));

const KEY_ARN = 'arn:aws:kms:eu-north-1:444444444444:key/0f0e0d0c-1111-2222-3333-444455556666';
const SERVICE = 'com.amazonaws.vpce.eu-north-1.vpce-svc-0123456789abcdef0';
const ACCESS_KEY_ID = 'ABCDEFGHIJKLMNOPQRSTUVWX';
let declaredAccessKeyId = ACCESS_KEY_ID;

/** The world as deployed for the base properties: one cluster with an HSM in zone a, one store of each kind under its base name. */
beforeEach(() => {
  cloudHsm.reset();
  kms.reset();
  secrets.reset();
  declaredAccessKeyId = ACCESS_KEY_ID;
  // The deployed cluster has the HSM in zone a; any other cluster has none yet.
  cloudHsm.on(DescribeClustersCommand as unknown as MockableCommand).callsFake(async (input: { Filters?: { clusterIds?: string[] } }) => {
    const clusterId = input.Filters?.clusterIds?.[0] ?? '';
    const hsms = clusterId === 'cluster-aaaaaaaaaaa' ? [{ HsmId: 'hsm-base', AvailabilityZone: 'eu-north-1a', State: 'ACTIVE' }] : [];
    return { Clusters: [{ ClusterId: clusterId, State: 'ACTIVE', Hsms: hsms }] };
  });
  cloudHsm.on(CreateHsmCommand as unknown as MockableCommand).resolves({ Hsm: { HsmId: 'hsm-new' } } as never);
  kms.on(DescribeCustomKeyStoresCommand).callsFake(async (input: { CustomKeyStoreName?: string }) => {
    if (input.CustomKeyStoreName === 'suveren-nordic') {
      return {
        CustomKeyStores: [
          {
            CustomKeyStoreId: 'cks-base',
            CustomKeyStoreName: 'suveren-nordic',
            CloudHsmClusterId: 'cluster-aaaaaaaaaaa',
            ConnectionState: 'CONNECTED',
            CustomKeyStoreType: 'AWS_CLOUDHSM',
          },
        ],
      };
    }
    if (input.CustomKeyStoreName === 'suveren-arkiv-xks') {
      return {
        CustomKeyStores: [
          {
            CustomKeyStoreId: 'cks-base',
            CustomKeyStoreName: 'suveren-arkiv-xks',
            ConnectionState: 'DISCONNECTED',
            CustomKeyStoreType: 'EXTERNAL_KEY_STORE',
            XksProxyConfiguration: {
              Connectivity: 'VPC_ENDPOINT_SERVICE',
              UriEndpoint: 'https://xks.arkiv.example.no',
              UriPath: '/kms/xks/v1',
              VpcEndpointServiceName: SERVICE,
              AccessKeyId: ACCESS_KEY_ID,
            },
          },
        ],
      };
    }
    throw new CustomKeyStoreNotFoundException({ message: 'not found', $metadata: {} });
  });
  kms.on(CreateCustomKeyStoreCommand).resolves({ CustomKeyStoreId: 'cks-new' });
  kms.on(ConnectCustomKeyStoreCommand).resolves({});
  kms.on(UpdateCustomKeyStoreCommand).resolves({});
  kms.on(PutKeyPolicyCommand).resolves({});
  kms.on(UpdateKeyDescriptionCommand).resolves({});
  kms.on(CreateAliasCommand).resolves({});
  // The kmsuser password is the secret's plain text; the XKS proxy credential is JSON.
  secrets.on(GetSecretValueCommand).callsFake(async (input: { SecretId?: string }) => ({
    SecretString: input.SecretId?.startsWith('arn:aws:secretsmanager:eu-north-1:444444444444:')
      ? 'kmsuser-Pa55'
      : JSON.stringify({ accessKeyId: declaredAccessKeyId, secretAccessKey: 'c2VjcmV0LW5ldmVyLWxvZ2dlZC0wMTIzNDU2Nzg5YWJjZGVm' }),
  }));
});

interface Case {
  /** The properties as deployed, every property of the type. */
  readonly base: Record<string, string>;
  /** The physical id the deployed resource has. */
  readonly physicalId: string;
  /** Another valid value for each property. */
  readonly changed: Record<string, string>;
}

const keyPolicy = (sid: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Sid: sid, Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444444444444:root' }, Action: 'kms:*', Resource: '*' }],
  });

const CASES: Record<string, Case> = {
  [HSM_RESOURCE_TYPES.hsm]: {
    base: { ClusterId: 'cluster-aaaaaaaaaaa', AvailabilityZone: 'eu-north-1a' },
    physicalId: 'hsm-base',
    changed: { ClusterId: 'cluster-bbbbbbbbbbb', AvailabilityZone: 'eu-north-1b' },
  },
  [HSM_RESOURCE_TYPES.clusterInitialization]: {
    // Without certificates the resource waits for the crypto officer, so no cluster call decides the answer.
    base: { ClusterId: 'cluster-aaaaaaaaaaa', SignedCertificate: '', TrustAnchor: '' },
    physicalId: 'cluster-aaaaaaaaaaa/initialization',
    changed: { ClusterId: 'cluster-bbbbbbbbbbb' },
  },
  [HSM_RESOURCE_TYPES.keyStore]: {
    base: {
      ClusterId: 'cluster-aaaaaaaaaaa',
      KeyStoreName: 'suveren-nordic',
      TrustAnchor: 'anchor-1',
      PasswordSecretArn: 'arn:aws:secretsmanager:eu-north-1:444444444444:secret:a',
    },
    physicalId: 'cks-base',
    changed: { KeyStoreName: 'suveren-nordic2', TrustAnchor: 'anchor-2', PasswordSecretArn: 'arn:aws:secretsmanager:eu-north-1:444444444444:secret:b' },
  },
  [HSM_RESOURCE_TYPES.backedKey]: {
    base: {
      KeyStoreName: 'suveren-nordic',
      AliasName: 'alias/suveren/malmo-stad',
      Description: 'generation 1',
      KeyPolicy: keyPolicy('A'),
      Tags: '[]',
      ProvisionerRoleArn: 'arn:aws:iam::444444444444:role/p',
    },
    physicalId: KEY_ARN,
    changed: {
      KeyStoreName: 'suveren-nordic2',
      AliasName: 'alias/suveren/malmo-stad-2',
      Description: 'generation 1, renamed',
      KeyPolicy: keyPolicy('B'),
      Tags: '[{"TagKey":"a","TagValue":"b"}]',
      ProvisionerRoleArn: 'arn:aws:iam::444444444444:role/q',
    },
  },
  [XKS_RESOURCE_TYPES.keyStore]: {
    base: {
      KeyStoreName: 'suveren-arkiv-xks',
      Connectivity: 'VPC_ENDPOINT_SERVICE',
      UriEndpoint: 'https://xks.arkiv.example.no',
      UriPath: '/kms/xks/v1',
      VpcEndpointServiceName: SERVICE,
      CredentialSecretArn: 'arn:aws:secretsmanager:eu-north-1:555555555555:secret:c',
      CredentialAccessKeyId: ACCESS_KEY_ID,
    },
    physicalId: 'cks-base',
    changed: {
      KeyStoreName: 'suveren-arkiv-xks2',
      Connectivity: 'PUBLIC_ENDPOINT',
      UriEndpoint: 'https://xks2.arkiv.example.no',
      UriPath: '/a/kms/xks/v1',
      VpcEndpointServiceName: 'com.amazonaws.vpce.eu-north-1.vpce-svc-0fedcba9876543210',
      CredentialSecretArn: 'arn:aws:secretsmanager:eu-north-1:555555555555:secret:d',
      CredentialAccessKeyId: 'ZYXWVUTSRQPONMLKJIHGFEDC',
    },
  },
  [XKS_RESOURCE_TYPES.key]: {
    base: {
      KeyStoreName: 'suveren-arkiv-xks',
      XksKeyId: 'arkiv-key-1',
      AliasName: 'alias/suveren/arkiv',
      Description: 'external key',
      KeyPolicy: keyPolicy('A'),
      Tags: '[]',
      ProvisionerRoleArn: 'arn:aws:iam::555555555555:role/p',
    },
    physicalId: KEY_ARN,
    changed: {
      KeyStoreName: 'suveren-arkiv-xks2',
      XksKeyId: 'arkiv-key-2',
      AliasName: 'alias/suveren/arkiv-2',
      Description: 'external key, renamed',
      KeyPolicy: keyPolicy('B'),
      Tags: '[{"TagKey":"a","TagValue":"b"}]',
      ProvisionerRoleArn: 'arn:aws:iam::555555555555:role/q',
    },
  },
};

test('every suveren custom resource type has a declared lifecycle and a case here', () => {
  const declared = [...Object.values(HSM_RESOURCE_TYPES), ...Object.values(XKS_RESOURCE_TYPES)].sort();
  expect(Object.keys(CUSTOM_RESOURCE_LIFECYCLE).sort()).toEqual(declared);
  expect(Object.keys(CASES).sort()).toEqual(declared);
});

describe.each(Object.entries(CASES))('%s lifecycle as declared (aws-sdk-client-mock: moto has no HSMs or custom key stores)', (type, c) => {
  const lifecycle = CUSTOM_RESOURCE_LIFECYCLE[type];
  const update = (properties: Record<string, string>) =>
    handlers.onEvent(request(type, 'Update', properties, { PhysicalResourceId: c.physicalId, OldResourceProperties: c.base }));

  test('declared properties are properties of the type', () => {
    for (const property of [
      ...lifecycle.replacedBy,
      ...Object.keys(lifecycle.refusedChanges),
      ...lifecycle.policyProperties,
      ...(lifecycle.nameProperty ? [lifecycle.nameProperty] : []),
    ]) {
      expect(Object.keys(c.base)).toContain(property);
    }
  });

  test('an update that changes nothing keeps the physical id', async () => {
    expect((await update(c.base)).PhysicalResourceId).toBe(c.physicalId);
  });

  test.each(Object.keys(CASES[type].changed))('a change of %s alone does what the declaration says', async (property) => {
    if (property === 'CredentialAccessKeyId') declaredAccessKeyId = c.changed[property];
    const answer = update({ ...c.base, [property]: c.changed[property] });
    if (lifecycle.refusedChanges[property] !== undefined) {
      await expect(answer).rejects.toThrow();
    } else if (lifecycle.replacedBy.includes(property)) {
      expect((await answer).PhysicalResourceId).not.toBe(c.physicalId);
    } else {
      expect((await answer).PhysicalResourceId).toBe(c.physicalId);
    }
  });

  test(`a delete ${lifecycle.onDelete === 'kept' ? 'keeps the resource: no delete or schedule-deletion call' : 'deletes it'}`, async () => {
    await handlers.onEvent(request(type, 'Delete', c.base, { PhysicalResourceId: c.physicalId }));
    const deleting = [...kms.calls(), ...cloudHsm.calls()]
      .map((call) => (call.args[0] as object).constructor.name)
      .filter((name) => /^(Delete|ScheduleKeyDeletion)/.test(name));
    expect(deleting.length > 0).toBe(lifecycle.onDelete === 'deleted');
  });
});
