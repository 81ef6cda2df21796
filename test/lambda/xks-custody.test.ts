import {
  ConnectCustomKeyStoreCommand,
  ConnectionErrorCodeType,
  CreateAliasCommand,
  CreateCustomKeyStoreCommand,
  CreateKeyCommand,
  CustomKeyStoreNotFoundException,
  DescribeCustomKeyStoresCommand,
  DescribeKeyCommand,
  DisconnectCustomKeyStoreCommand,
  KMSClient,
  NotFoundException,
  PutKeyPolicyCommand,
  UpdateCustomKeyStoreCommand,
  XksKeyNotFoundException,
  XksProxyVpcEndpointServiceInvalidConfigurationException,
} from '@aws-sdk/client-kms';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CloudHSMV2Client } from '@aws-sdk/client-cloudhsm-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { createHandlers } from '../../lambda/hsm-custody/index';
import { capturedLog, poll, request } from '../support/custody-events';
import { XKS_CONNECTION_ERROR_ADVICE, XKS_STORE_EXCEPTION_ADVICE } from '../../lambda/hsm-custody/external-key-store-state';
import { XKS_KEY_EXCEPTION_ADVICE } from '../../lambda/hsm-custody/external-key-state';
import { XKS_RESOURCE_TYPES, type ExternalKeyProperties, type ExternalKeyStoreProperties } from '@suveren/core/contracts/custom-resources';

/*
 * The external-key-store state machines through the real handler, with the AWS SDK
 * clients stubbed by aws-sdk-client-mock: moto has no XKS (no external key stores, no
 * CreateKey with origin EXTERNAL_KEY_STORE). The proxy these stores call is tested for
 * real against SoftHSM in test/integration/xks-proxy.test.ts.
 */

const STORE_ID = 'cks-0a1b2c3d4e5f60718';
const SECRET_ARN = 'arn:aws:secretsmanager:eu-north-1:555555555555:secret:suveren/arkiv-xks/proxy-credential-AbCdEf';
const ACCESS_KEY_ID = 'ABCDEFGHIJKLMNOPQRSTUVWX';
const NEW_ACCESS_KEY_ID = 'ZYXWVUTSRQPONMLKJIHGFEDC';
const SECRET_ACCESS_KEY = 'c2VjcmV0LW5ldmVyLWxvZ2dlZC0wMTIzNDU2Nzg5YWJjZGVm';
const SERVICE = 'com.amazonaws.vpce.eu-north-1.vpce-svc-0123456789abcdef0';
const KEY_ARN = 'arn:aws:kms:eu-north-1:555555555555:key/0f0e0d0c-1111-2222-3333-444455556666';

const kms = mockClient(KMSClient);
const secrets = mockClient(SecretsManagerClient);
let now = new Date('2026-12-01T10:00:00Z');
const clients = {
  cloudHsm: new CloudHSMV2Client({ region: 'eu-north-1' }),
  kms: new KMSClient({ region: 'eu-north-1' }),
  secrets: new SecretsManagerClient({ region: 'eu-north-1' }),
};
const handlers = createHandlers({ ...clients, kmsAs: async () => clients.kms, sleep: async () => undefined }, () => now);
let storeNow: object | Error | undefined;

const credential = (accessKeyId = ACCESS_KEY_ID) => JSON.stringify({ accessKeyId, secretAccessKey: SECRET_ACCESS_KEY });

beforeEach(() => {
  kms.reset();
  secrets.reset();
  now = new Date('2026-12-01T10:00:00Z');
  storeNow = undefined;
  kms.on(DescribeCustomKeyStoresCommand).callsFake(async () => {
    if (storeNow instanceof Error || storeNow === undefined) throw storeNow ?? new CustomKeyStoreNotFoundException({ message: 'not found', $metadata: {} });
    return storeNow;
  });
  secrets.on(GetSecretValueCommand, { SecretId: SECRET_ARN }).resolves({ SecretString: credential() });
});

const storeProps: ExternalKeyStoreProperties = {
  KeyStoreName: 'suveren-arkiv-xks',
  Connectivity: 'VPC_ENDPOINT_SERVICE',
  UriEndpoint: 'https://xks.arkiv.example.no',
  UriPath: '/kms/xks/v1',
  VpcEndpointServiceName: SERVICE,
  CredentialSecretArn: SECRET_ARN,
  CredentialAccessKeyId: ACCESS_KEY_ID,
};

const store = (ConnectionState: string, overrides: { code?: string; accessKeyId?: string; uriEndpoint?: string; uriPath?: string; type?: string } = {}) => ({
  CustomKeyStores: [
    {
      CustomKeyStoreId: STORE_ID,
      CustomKeyStoreName: 'suveren-arkiv-xks',
      CustomKeyStoreType: overrides.type ?? 'EXTERNAL_KEY_STORE',
      ConnectionState,
      ...(overrides.code ? { ConnectionErrorCode: overrides.code } : {}),
      ...((overrides.type ?? 'EXTERNAL_KEY_STORE') === 'EXTERNAL_KEY_STORE'
        ? {
            XksProxyConfiguration: {
              Connectivity: 'VPC_ENDPOINT_SERVICE',
              UriEndpoint: overrides.uriEndpoint ?? storeProps.UriEndpoint,
              UriPath: overrides.uriPath ?? storeProps.UriPath,
              VpcEndpointServiceName: SERVICE,
              AccessKeyId: overrides.accessKeyId ?? ACCESS_KEY_ID,
            },
          }
        : { CloudHsmClusterId: 'cluster-2kfsnq4oxyz' }),
    },
  ],
});

describe('Custom::SuverenExternalKeyStore state machine (aws-sdk-client-mock: moto has no XKS)', () => {
  test('create: the store with the credential from Secrets Manager, connect, wait while CONNECTING, complete on CONNECTED', async () => {
    kms.on(CreateCustomKeyStoreCommand).resolves({ CustomKeyStoreId: STORE_ID });
    const event = request(XKS_RESOURCE_TYPES.keyStore, 'Create', storeProps);
    const started = await handlers.onEvent(event);
    expect(started.PhysicalResourceId).toBe(STORE_ID);
    expect(kms.commandCalls(CreateCustomKeyStoreCommand)[0].args[0].input).toEqual({
      CustomKeyStoreName: 'suveren-arkiv-xks',
      CustomKeyStoreType: 'EXTERNAL_KEY_STORE',
      XksProxyConnectivity: 'VPC_ENDPOINT_SERVICE',
      XksProxyUriEndpoint: 'https://xks.arkiv.example.no',
      XksProxyUriPath: '/kms/xks/v1',
      XksProxyVpcEndpointServiceName: SERVICE,
      XksProxyAuthenticationCredential: { AccessKeyId: ACCESS_KEY_ID, RawSecretAccessKey: SECRET_ACCESS_KEY },
    });
    expect(kms.commandCalls(ConnectCustomKeyStoreCommand)[0].args[0].input).toEqual({ CustomKeyStoreId: STORE_ID });
    expect(JSON.stringify(started)).not.toContain(SECRET_ACCESS_KEY);

    storeNow = store('CONNECTING');
    expect(await handlers.isComplete(poll(event, started))).toEqual({ IsComplete: false });
    storeNow = store('CONNECTED');
    expect(await handlers.isComplete(poll(event, started))).toEqual({ IsComplete: true, Data: { CustomKeyStoreId: STORE_ID, ConnectionState: 'CONNECTED' } });
  });

  test('a public endpoint is created without an endpoint service name', async () => {
    kms.on(CreateCustomKeyStoreCommand).resolves({ CustomKeyStoreId: STORE_ID });
    await handlers.onEvent(request(XKS_RESOURCE_TYPES.keyStore, 'Create', { ...storeProps, Connectivity: 'PUBLIC_ENDPOINT', VpcEndpointServiceName: '' }));
    const input = kms.commandCalls(CreateCustomKeyStoreCommand)[0].args[0].input;
    expect(input.XksProxyConnectivity).toBe('PUBLIC_ENDPOINT');
    expect(input).not.toHaveProperty('XksProxyVpcEndpointServiceName');
  });

  test.each([
    ['the placeholder Secrets Manager generated', 'x9$Kq!generated-placeholder', /does not hold the proxy credential as JSON/],
    ['JSON without the credential', '{"note":"put the credential here"}', /does not hold the proxy credential yet/],
    [
      'an access key id outside the alphabet',
      JSON.stringify({ accessKeyId: 'akia-lowercase-not-base32', secretAccessKey: SECRET_ACCESS_KEY }),
      /not 20-30 characters of A-Z and 2-7/,
    ],
    ['a short secret', JSON.stringify({ accessKeyId: ACCESS_KEY_ID, secretAccessKey: 'too-short' }), /not 43-64 Base64 characters/],
    [
      'another credential than the config names',
      credential(NEW_ACCESS_KEY_ID),
      new RegExp(`holds access key id ${NEW_ACCESS_KEY_ID}, but the config's credentialAccessKeyId is ${ACCESS_KEY_ID}`),
    ],
  ])('refused before KMS is called: %s, and the secret is in no message', async (_what, secretText, reason) => {
    secrets.on(GetSecretValueCommand, { SecretId: SECRET_ARN }).resolves({ SecretString: secretText });
    const failure = handlers.onEvent(request(XKS_RESOURCE_TYPES.keyStore, 'Create', storeProps));
    await expect(failure).rejects.toThrow(reason);
    const message = await failure.catch((e: Error) => e.message);
    expect(message).not.toContain(SECRET_ACCESS_KEY);
    expect(message).not.toContain('too-short');
    expect(kms.commandCalls(CreateCustomKeyStoreCommand)).toHaveLength(0);
  });

  test('idempotent retry: a store of that name is adopted, not created twice, and nothing is updated', async () => {
    storeNow = store('CONNECTED');
    expect((await handlers.onEvent(request(XKS_RESOURCE_TYPES.keyStore, 'Create', storeProps))).PhysicalResourceId).toBe(STORE_ID);
    expect(kms.commandCalls(CreateCustomKeyStoreCommand)).toHaveLength(0);
    expect(kms.commandCalls(UpdateCustomKeyStoreCommand)).toHaveLength(0);
    expect(kms.commandCalls(ConnectCustomKeyStoreCommand)).toHaveLength(0);
  });

  test('credential rotation: a new access key id in the config updates KMS in place while CONNECTED', async () => {
    storeNow = store('CONNECTED');
    secrets.on(GetSecretValueCommand, { SecretId: SECRET_ARN }).resolves({ SecretString: credential(NEW_ACCESS_KEY_ID) });
    const next = { ...storeProps, CredentialAccessKeyId: NEW_ACCESS_KEY_ID };
    await handlers.onEvent(
      request(XKS_RESOURCE_TYPES.keyStore, 'Update', next, {
        PhysicalResourceId: STORE_ID,
        OldResourceProperties: storeProps as unknown as Record<string, string>,
      }),
    );
    expect(kms.commandCalls(UpdateCustomKeyStoreCommand).map((c) => c.args[0].input)).toEqual([
      { CustomKeyStoreId: STORE_ID, XksProxyAuthenticationCredential: { AccessKeyId: NEW_ACCESS_KEY_ID, RawSecretAccessKey: SECRET_ACCESS_KEY } },
    ]);
    expect(kms.commandCalls(DisconnectCustomKeyStoreCommand)).toHaveLength(0);
  });

  test('a new URI path is applied while CONNECTED (KMS allows it); a new endpoint is refused until the store is disconnected by hand', async () => {
    storeNow = store('CONNECTED');
    const newPath = { ...storeProps, UriPath: '/arkiv/kms/xks/v1' };
    await handlers.onEvent(request(XKS_RESOURCE_TYPES.keyStore, 'Update', newPath, { PhysicalResourceId: STORE_ID }));
    expect(kms.commandCalls(UpdateCustomKeyStoreCommand)[0].args[0].input).toEqual({ CustomKeyStoreId: STORE_ID, XksProxyUriPath: '/arkiv/kms/xks/v1' });

    kms.resetHistory();
    const newEndpoint = { ...storeProps, UriEndpoint: 'https://xks2.arkiv.example.no' };
    await expect(handlers.onEvent(request(XKS_RESOURCE_TYPES.keyStore, 'Update', newEndpoint, { PhysicalResourceId: STORE_ID }))).rejects.toThrow(
      /is CONNECTED, and KMS changes uriEndpoint https:\/\/xks.arkiv.example.no -> https:\/\/xks2.arkiv.example.no only in a disconnected store.*suveren never does it on its own.*disconnect-custom-key-store --custom-key-store-id cks-0a1b2c3d4e5f60718/,
    );
    expect(kms.commandCalls(UpdateCustomKeyStoreCommand)).toHaveLength(0);
    expect(kms.commandCalls(DisconnectCustomKeyStoreCommand)).toHaveLength(0);

    storeNow = store('DISCONNECTED');
    await handlers.onEvent(request(XKS_RESOURCE_TYPES.keyStore, 'Update', newEndpoint, { PhysicalResourceId: STORE_ID }));
    expect(kms.commandCalls(UpdateCustomKeyStoreCommand)[0].args[0].input).toEqual({
      CustomKeyStoreId: STORE_ID,
      XksProxyUriEndpoint: 'https://xks2.arkiv.example.no',
    });
    expect(kms.commandCalls(ConnectCustomKeyStoreCommand)).toHaveLength(1);
  });

  test('a CloudHSM key store of the same name is not taken over', async () => {
    storeNow = store('CONNECTED', { type: 'AWS_CLOUDHSM' });
    await expect(handlers.onEvent(request(XKS_RESOURCE_TYPES.keyStore, 'Create', storeProps))).rejects.toThrow(/is not an external key store \(AWS_CLOUDHSM\)/);
  });

  test.each(Object.keys(XKS_CONNECTION_ERROR_ADVICE))('ConnectionErrorCode %s fails the deployment with the code verbatim and its fix', async (code) => {
    storeNow = store('FAILED', { code });
    const event = poll(request(XKS_RESOURCE_TYPES.keyStore, 'Create', storeProps), { PhysicalResourceId: STORE_ID, Data: { StartedAt: now.toISOString() } });
    await expect(handlers.isComplete(event)).rejects.toThrow(
      `external key store suveren-arkiv-xks (${STORE_ID}) failed to connect: ConnectionErrorCode ${code}: ${XKS_CONNECTION_ERROR_ADVICE[code]}`,
    );
  });

  test('every ConnectionErrorCode the KMS SDK defines for external key stores has advice', () => {
    const xksCodes = Object.values(ConnectionErrorCodeType).filter((code) => code.startsWith('XKS_'));
    for (const code of [...xksCodes, 'INVALID_CREDENTIALS', 'NETWORK_ERRORS', 'INTERNAL_ERROR']) expect(XKS_CONNECTION_ERROR_ADVICE).toHaveProperty(code);
  });

  test("KMS's refusal of CreateCustomKeyStore is reported verbatim with its fix", async () => {
    kms
      .on(CreateCustomKeyStoreCommand)
      .rejects(new XksProxyVpcEndpointServiceInvalidConfigurationException({ message: 'The private DNS name is not verified', $metadata: {} }));
    await expect(handlers.onEvent(request(XKS_RESOURCE_TYPES.keyStore, 'Create', storeProps))).rejects.toThrow(
      `CreateCustomKeyStore of external key store suveren-arkiv-xks failed: XksProxyVpcEndpointServiceInvalidConfigurationException: The private DNS name is not verified: ${XKS_STORE_EXCEPTION_ADVICE.XksProxyVpcEndpointServiceInvalidConfigurationException}`,
    );
  });

  test('delete leaves the store connected and makes no call: removing the resource must not cut every tenant off', async () => {
    storeNow = store('CONNECTED');
    const event = request(XKS_RESOURCE_TYPES.keyStore, 'Delete', storeProps, { PhysicalResourceId: STORE_ID });
    const answer = await handlers.onEvent(event);
    expect(await handlers.isComplete(poll(event, answer))).toEqual({ IsComplete: true });
    expect(kms.calls()).toHaveLength(0);
    expect(secrets.calls()).toHaveLength(0);
  });

  test('a change while KMS is CONNECTING (or DISCONNECTING) the store is refused, before any call that changes it', async () => {
    for (const state of ['CONNECTING', 'DISCONNECTING']) {
      storeNow = store(state);
      await expect(
        handlers.onEvent(request(XKS_RESOURCE_TYPES.keyStore, 'Update', { ...storeProps, UriPath: '/arkiv/kms/xks/v1' }, { PhysicalResourceId: STORE_ID })),
      ).rejects.toThrow(new RegExp(`is ${state}: KMS would apply the change to a store in motion`));
    }
    expect(kms.commandCalls(UpdateCustomKeyStoreCommand)).toHaveLength(0);
    expect(kms.commandCalls(DisconnectCustomKeyStoreCommand)).toHaveLength(0);
  });

  test('a FAILED store whose endpoint is corrected: disconnected (its keys are unusable already), updated once DISCONNECTED, then connected', async () => {
    storeNow = store('FAILED', { code: 'XKS_PROXY_NOT_REACHABLE' });
    const fixed = { ...storeProps, UriEndpoint: 'https://xks2.arkiv.example.no' };
    const event = request(XKS_RESOURCE_TYPES.keyStore, 'Update', fixed, { PhysicalResourceId: STORE_ID });
    const started = await handlers.onEvent(event);
    expect(kms.commandCalls(DisconnectCustomKeyStoreCommand)).toHaveLength(1);
    expect(kms.commandCalls(UpdateCustomKeyStoreCommand)).toHaveLength(0);
    // Still FAILED on the first poll: wait for the disconnect, do not report the old failure.
    expect(await handlers.isComplete(poll(event, started))).toEqual({ IsComplete: false });
    storeNow = store('DISCONNECTED');
    expect(await handlers.isComplete(poll(event, started))).toEqual({ IsComplete: false });
    expect(kms.commandCalls(UpdateCustomKeyStoreCommand)[0].args[0].input).toEqual({
      CustomKeyStoreId: STORE_ID,
      XksProxyUriEndpoint: 'https://xks2.arkiv.example.no',
    });
    expect(kms.commandCalls(ConnectCustomKeyStoreCommand)).toHaveLength(1);
    storeNow = store('CONNECTING', { uriEndpoint: 'https://xks2.arkiv.example.no' });
    expect(await handlers.isComplete(poll(event, started))).toEqual({ IsComplete: false });
    storeNow = store('FAILED', { uriEndpoint: 'https://xks2.arkiv.example.no', code: 'XKS_PROXY_TIMED_OUT' });
    // Our own connect failed: reported with its code, not waited on.
    await expect(handlers.isComplete(poll(event, started))).rejects.toThrow(/ConnectionErrorCode XKS_PROXY_TIMED_OUT/);
  });

  test('moving a disconnected store from its VPC endpoint service to a public endpoint sends no endpoint service name (KMS takes no empty one)', async () => {
    storeNow = store('DISCONNECTED');
    const toPublic = { ...storeProps, Connectivity: 'PUBLIC_ENDPOINT', UriEndpoint: 'https://xks-public.arkiv.example.no', VpcEndpointServiceName: '' };
    await handlers.onEvent(request(XKS_RESOURCE_TYPES.keyStore, 'Update', toPublic, { PhysicalResourceId: STORE_ID }));
    expect(kms.commandCalls(UpdateCustomKeyStoreCommand)[0].args[0].input).toEqual({
      CustomKeyStoreId: STORE_ID,
      XksProxyConnectivity: 'PUBLIC_ENDPOINT',
      XksProxyUriEndpoint: 'https://xks-public.arkiv.example.no',
    });
    expect(kms.commandCalls(ConnectCustomKeyStoreCommand)).toHaveLength(1);
  });

  test('with full debug logging the secret access key is never written', async () => {
    const written = await capturedLog(async () => {
      kms.on(CreateCustomKeyStoreCommand).resolves({ CustomKeyStoreId: STORE_ID });
      const event = request(XKS_RESOURCE_TYPES.keyStore, 'Create', storeProps);
      const started = await handlers.onEvent(event);
      storeNow = store('FAILED', { code: 'INVALID_CREDENTIALS' });
      await expect(handlers.isComplete(poll(event, started))).rejects.toThrow(/INVALID_CREDENTIALS/);
      storeNow = store('CONNECTED', { accessKeyId: 'QQQQQQQQQQQQQQQQQQQQQQQQ' });
      await handlers.onEvent(request(XKS_RESOURCE_TYPES.keyStore, 'Update', storeProps, { PhysicalResourceId: STORE_ID }));
    });
    expect(written).toMatch(/"message":"request"/);
    expect(written).toMatch(/updating/);
    expect(written).not.toContain(SECRET_ACCESS_KEY);
  });
});

describe('Custom::SuverenExternalKey state machine (aws-sdk-client-mock: moto has no XKS)', () => {
  const policy = JSON.stringify({ Version: '2012-10-17', Statement: [] });
  const props: Omit<ExternalKeyProperties, 'ProvisionerRoleArn'> = {
    KeyStoreName: 'suveren-arkiv-xks',
    XksKeyId: 'arkiv-data-1',
    AliasName: 'alias/suveren/riksarkivet',
    Description: 'riksarkivet (external)',
    KeyPolicy: policy,
    Tags: JSON.stringify([{ TagKey: 'suveren:tenant', TagValue: 'riksarkivet' }]),
  };
  const aliasMissing = new NotFoundException({ message: 'Alias is not found', $metadata: {} });
  const externalKey = (xksKeyId: string) => ({
    KeyMetadata: {
      KeyId: 'k',
      Arn: KEY_ARN,
      KeyState: 'Enabled' as const,
      Origin: 'EXTERNAL_KEY_STORE' as const,
      CustomKeyStoreId: STORE_ID,
      XksKeyConfiguration: { Id: xksKeyId },
    },
  });

  test('create: a single-Region EXTERNAL_KEY_STORE key over the HSM key, with the rendered policy, then its alias', async () => {
    storeNow = store('CONNECTED');
    kms.on(DescribeKeyCommand).rejects(aliasMissing);
    kms.on(CreateKeyCommand).resolves({ KeyMetadata: { KeyId: 'k', Arn: KEY_ARN } });
    expect(await handlers.onEvent(request(XKS_RESOURCE_TYPES.key, 'Create', props))).toEqual({ PhysicalResourceId: KEY_ARN, Data: { Arn: KEY_ARN } });
    expect(kms.commandCalls(CreateKeyCommand)[0].args[0].input).toEqual({
      Origin: 'EXTERNAL_KEY_STORE',
      XksKeyId: 'arkiv-data-1',
      CustomKeyStoreId: STORE_ID,
      KeySpec: 'SYMMETRIC_DEFAULT',
      KeyUsage: 'ENCRYPT_DECRYPT',
      MultiRegion: false,
      Description: 'riksarkivet (external)',
      Policy: policy,
      Tags: [{ TagKey: 'suveren:tenant', TagValue: 'riksarkivet' }],
    });
    expect(kms.commandCalls(CreateAliasCommand)[0].args[0].input).toEqual({ AliasName: 'alias/suveren/riksarkivet', TargetKeyId: KEY_ARN });
  });

  test('idempotent retry: the key the alias names is adopted when it is over the same external key; another external key is refused', async () => {
    storeNow = store('CONNECTED');
    kms.on(DescribeKeyCommand).resolves(externalKey('arkiv-data-1'));
    expect((await handlers.onEvent(request(XKS_RESOURCE_TYPES.key, 'Create', props))).PhysicalResourceId).toBe(KEY_ARN);
    expect(kms.commandCalls(PutKeyPolicyCommand)).toHaveLength(1);
    kms.on(DescribeKeyCommand).resolves(externalKey('arkiv-data-0'));
    await expect(handlers.onEvent(request(XKS_RESOURCE_TYPES.key, 'Create', props))).rejects.toThrow(
      /names key .* over external key arkiv-data-0, not arkiv-data-1: a KMS key never changes its external key/,
    );
    expect(kms.commandCalls(CreateKeyCommand)).toHaveLength(0);
  });

  test('refused: a store that is not CONNECTED (a sealed proxy), no external key store, a CloudHSM store of that name', async () => {
    kms.on(DescribeKeyCommand).rejects(aliasMissing);
    storeNow = store('DISCONNECTED');
    await expect(handlers.onEvent(request(XKS_RESOURCE_TYPES.key, 'Create', props))).rejects.toThrow(
      /external key store suveren-arkiv-xks is DISCONNECTED, and KMS creates keys only in a CONNECTED store/,
    );
    storeNow = undefined;
    await expect(handlers.onEvent(request(XKS_RESOURCE_TYPES.key, 'Create', props))).rejects.toThrow(/there is no external key store named suveren-arkiv-xks/);
    storeNow = store('CONNECTED', { type: 'AWS_CLOUDHSM' });
    await expect(handlers.onEvent(request(XKS_RESOURCE_TYPES.key, 'Create', props))).rejects.toThrow(/there is no external key store named suveren-arkiv-xks/);
    expect(kms.commandCalls(CreateKeyCommand)).toHaveLength(0);
  });

  test("KMS's refusal of CreateKey (the proxy has no such key) is reported verbatim with its fix, and no alias is made", async () => {
    storeNow = store('CONNECTED');
    kms.on(DescribeKeyCommand).rejects(aliasMissing);
    kms
      .on(CreateKeyCommand)
      .rejects(
        new XksKeyNotFoundException({ message: 'The external key store proxy rejected the request because it could not find the external key', $metadata: {} }),
      );
    await expect(handlers.onEvent(request(XKS_RESOURCE_TYPES.key, 'Create', props))).rejects.toThrow(
      `creating the KMS key over external key arkiv-data-1 in store suveren-arkiv-xks failed: XksKeyNotFoundException: The external key store proxy rejected the request because it could not find the external key: ${XKS_KEY_EXCEPTION_ADVICE.XksKeyNotFoundException}`,
    );
    expect(kms.commandCalls(CreateAliasCommand)).toHaveLength(0);
  });

  test('updates: a new external key or store is refused; a policy change is applied in place; delete keeps the key', async () => {
    const update = (after: object) =>
      handlers.onEvent(
        request(XKS_RESOURCE_TYPES.key, 'Update', after, { PhysicalResourceId: KEY_ARN, OldResourceProperties: props as unknown as Record<string, string> }),
      );
    await expect(update({ ...props, XksKeyId: 'arkiv-data-2' })).rejects.toThrow(/over external key arkiv-data-1 and KMS never changes a key's external key/);
    await expect(update({ ...props, KeyStoreName: 'suveren-other' })).rejects.toThrow(/cannot move to suveren-other/);
    const newPolicy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'x' }] });
    await update({ ...props, KeyPolicy: newPolicy });
    expect(kms.commandCalls(PutKeyPolicyCommand)[0].args[0].input).toEqual({ KeyId: KEY_ARN, PolicyName: 'default', Policy: newPolicy });
    kms.resetHistory();
    expect(await handlers.onEvent(request(XKS_RESOURCE_TYPES.key, 'Delete', props, { PhysicalResourceId: KEY_ARN }))).toEqual({ PhysicalResourceId: KEY_ARN });
    expect(kms.calls()).toHaveLength(0);
  });
});
