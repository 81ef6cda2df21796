import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CloudHSMV2Client, CreateHsmCommand, DeleteHsmCommand, DescribeClustersCommand, InitializeClusterCommand } from '@aws-sdk/client-cloudhsm-v2';
import {
  ConnectCustomKeyStoreCommand,
  CreateAliasCommand,
  CreateCustomKeyStoreCommand,
  CreateKeyCommand,
  CustomKeyStoreNotFoundException,
  DeleteCustomKeyStoreCommand,
  DescribeCustomKeyStoresCommand,
  DescribeKeyCommand,
  DisconnectCustomKeyStoreCommand,
  KMSClient,
  NotFoundException,
  PutKeyPolicyCommand,
  ScheduleKeyDeletionCommand,
} from '@aws-sdk/client-kms';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { createHandlers } from '../../lambda/hsm-custody/index';
import { capturedLog, poll, request } from '../support/custody-events';
import { CONNECTION_ERROR_ADVICE } from '../../lambda/hsm-custody/key-store-state';
import { HSM_RESOURCE_TYPES } from '@suveren/core/contracts/custom-resources';

/*
 * The key-custody state machines through the real handler, with the AWS SDK clients
 * stubbed by aws-sdk-client-mock: moto implements neither CreateHsm, InitializeCluster
 * nor any KMS custom key store call. The moto-backed test of the parts it does implement
 * is test/integration/hsm-custody-moto.test.ts.
 */

const CLUSTER = 'cluster-2kfsnq4oxyz';
const PASSWORD = 'kmsuser-Pa55-word-never-logged';
const SECRET_ARN = 'arn:aws:secretsmanager:eu-north-1:444444444444:secret:suveren/nordic/kmsuser-AbCdEf';
const STORE_ID = 'cks-1234567890abcdef0';
const KEY_ARN = 'arn:aws:kms:eu-north-1:444444444444:key/0f0e0d0c-1111-2222-3333-444455556666';

// @aws-sdk/client-cloudhsm-v2 is published only up to 3.332, whose middleware types predate
// aws-sdk-client-mock 4's; the runtime shapes match, so the types are bridged here only.
type MockableClient = Parameters<typeof mockClient>[0];
type MockableCommand = Parameters<ReturnType<typeof mockClient>['on']>[0];
const hsm = (command: unknown) => command as MockableCommand;
const cloudHsm = mockClient(CloudHSMV2Client as unknown as MockableClient);
const kms = mockClient(KMSClient);
const secrets = mockClient(SecretsManagerClient);
let now = new Date('2026-11-23T10:00:00Z');
const clients = {
  cloudHsm: new CloudHSMV2Client({ region: 'eu-north-1' }),
  kms: new KMSClient({ region: 'eu-north-1' }),
  secrets: new SecretsManagerClient({ region: 'eu-north-1' }),
};
const handlers = createHandlers({ ...clients, kmsAs: async () => clients.kms }, () => now);
const minutesLater = (m: number) => new Date(Date.parse('2026-11-23T10:00:00Z') + m * 60_000);

// What DescribeClusters / DescribeCustomKeyStores answer next: tests change the world between polls.
let clusterNow: object | undefined;
let storeNow: object | Error | undefined;

beforeEach(() => {
  cloudHsm.reset();
  kms.reset();
  secrets.reset();
  now = new Date('2026-11-23T10:00:00Z');
  clusterNow = undefined;
  storeNow = undefined;
  cloudHsm.on(hsm(DescribeClustersCommand)).callsFake(async () => clusterNow ?? { Clusters: [] });
  kms.on(DescribeCustomKeyStoresCommand).callsFake(async () => {
    if (storeNow instanceof Error || storeNow === undefined) throw storeNow ?? new CustomKeyStoreNotFoundException({ message: 'not found', $metadata: {} });
    return storeNow;
  });
});

type Hsm = { HsmId: string; AvailabilityZone: string; State: string; EniIp?: string };
const describeCluster = (State: string, Hsms: Hsm[], csr = '') => ({ Clusters: [{ ClusterId: CLUSTER, State, Hsms, Certificates: { ClusterCsr: csr } }] });

describe('Custom::SuverenHsm state machine (aws-sdk-client-mock: moto has no CreateHsm)', () => {
  const props = { ClusterId: CLUSTER, AvailabilityZone: 'eu-north-1a' };

  test('create: CreateHsm in the zone, wait while CREATE_IN_PROGRESS, complete on ACTIVE with the cluster CSR', async () => {
    clusterNow = describeCluster('UNINITIALIZED', []);
    cloudHsm.on(hsm(CreateHsmCommand)).resolves({ Hsm: { HsmId: 'hsm-aaaa', AvailabilityZone: 'eu-north-1a', ClusterId: CLUSTER } } as object);
    const event = request(HSM_RESOURCE_TYPES.hsm, 'Create', props);
    const started = await handlers.onEvent(event);
    expect(started.PhysicalResourceId).toBe('hsm-aaaa');
    expect(cloudHsm.commandCalls(hsm(CreateHsmCommand))[0].args[0].input).toEqual({ ClusterId: CLUSTER, AvailabilityZone: 'eu-north-1a' });

    clusterNow = describeCluster('UNINITIALIZED', [{ HsmId: 'hsm-aaaa', AvailabilityZone: 'eu-north-1a', State: 'CREATE_IN_PROGRESS' }]);
    expect(await handlers.isComplete(poll(event, started))).toEqual({ IsComplete: false });
    clusterNow = describeCluster(
      'UNINITIALIZED',
      [{ HsmId: 'hsm-aaaa', AvailabilityZone: 'eu-north-1a', State: 'ACTIVE', EniIp: '10.0.0.12' }],
      '-----BEGIN CERTIFICATE REQUEST-----\nMIIC\n-----END CERTIFICATE REQUEST-----',
    );
    expect(await handlers.isComplete(poll(event, started))).toEqual({
      IsComplete: true,
      Data: { HsmId: 'hsm-aaaa', EniIp: '10.0.0.12', ClusterCsr: '-----BEGIN CERTIFICATE REQUEST-----\nMIIC\n-----END CERTIFICATE REQUEST-----' },
    });
  });

  test('idempotent retry after a timeout: an HSM already in the zone is adopted, no second one is bought', async () => {
    clusterNow = describeCluster('UNINITIALIZED', [{ HsmId: 'hsm-earlier', AvailabilityZone: 'eu-north-1a', State: 'CREATE_IN_PROGRESS' }]);
    const started = await handlers.onEvent(request(HSM_RESOURCE_TYPES.hsm, 'Create', props));
    expect(started.PhysicalResourceId).toBe('hsm-earlier');
    expect(cloudHsm.commandCalls(hsm(CreateHsmCommand))).toHaveLength(0);
  });

  test("the Provider framework's timeout: still CREATE_IN_PROGRESS after 55 minutes fails with what it waited for", async () => {
    clusterNow = describeCluster('UNINITIALIZED', [{ HsmId: 'hsm-slow', AvailabilityZone: 'eu-north-1a', State: 'CREATE_IN_PROGRESS' }]);
    const event = poll(request(HSM_RESOURCE_TYPES.hsm, 'Create', props), { PhysicalResourceId: 'hsm-slow', Data: { StartedAt: '2026-11-23T10:00:00.000Z' } });
    now = minutesLater(54);
    expect(await handlers.isComplete(event)).toEqual({ IsComplete: false });
    now = minutesLater(55);
    await expect(handlers.isComplete(event)).rejects.toThrow(
      /HSM hsm-slow is still CREATE_IN_PROGRESS after 55 minutes; stopping before the Provider framework's one-hour limit\. Redeploy to resume/,
    );
  });

  test('an HSM that turns DEGRADED fails the deployment; one deleted under us too', async () => {
    const event = poll(request(HSM_RESOURCE_TYPES.hsm, 'Create', props), { PhysicalResourceId: 'hsm-x', Data: { StartedAt: now.toISOString() } });
    clusterNow = describeCluster('UNINITIALIZED', [{ HsmId: 'hsm-x', AvailabilityZone: 'eu-north-1a', State: 'DEGRADED' }]);
    await expect(handlers.isComplete(event)).rejects.toThrow('HSM hsm-x is DEGRADED, not ACTIVE');
    clusterNow = describeCluster('UNINITIALIZED', []);
    await expect(handlers.isComplete(event)).rejects.toThrow(/HSM hsm-x no longer exists/);
  });

  test('delete: DeleteHsm, then wait until it is gone; an HSM already gone is not deleted twice', async () => {
    clusterNow = describeCluster('ACTIVE', [{ HsmId: 'hsm-aaaa', AvailabilityZone: 'eu-north-1a', State: 'ACTIVE' }]);
    const event = request(HSM_RESOURCE_TYPES.hsm, 'Delete', props, { PhysicalResourceId: 'hsm-aaaa' });
    const started = await handlers.onEvent(event);
    expect(cloudHsm.commandCalls(hsm(DeleteHsmCommand))[0].args[0].input).toEqual({ ClusterId: CLUSTER, HsmId: 'hsm-aaaa' });
    clusterNow = describeCluster('ACTIVE', [{ HsmId: 'hsm-aaaa', AvailabilityZone: 'eu-north-1a', State: 'DELETE_IN_PROGRESS' }]);
    expect(await handlers.isComplete(poll(event, started))).toEqual({ IsComplete: false });
    clusterNow = describeCluster('ACTIVE', []);
    expect(await handlers.isComplete(poll(event, started))).toEqual({ IsComplete: true });

    cloudHsm.resetHistory();
    clusterNow = describeCluster('ACTIVE', [{ HsmId: 'hsm-aaaa', AvailabilityZone: 'eu-north-1a', State: 'DELETE_IN_PROGRESS' }]);
    await handlers.onEvent(event);
    expect(cloudHsm.commandCalls(hsm(DeleteHsmCommand))).toHaveLength(0);
  });

  test('an ACTIVE first HSM of an uninitialized cluster waits until the cluster CSR is there', async () => {
    const event = poll(request(HSM_RESOURCE_TYPES.hsm, 'Create', props), { PhysicalResourceId: 'hsm-aaaa', Data: { StartedAt: now.toISOString() } });
    clusterNow = describeCluster('UNINITIALIZED', [{ HsmId: 'hsm-aaaa', AvailabilityZone: 'eu-north-1a', State: 'ACTIVE' }]);
    expect(await handlers.isComplete(event)).toEqual({ IsComplete: false });
  });

  test('delete of a create that failed before it had an HSM id makes no call', async () => {
    await handlers.onEvent(request(HSM_RESOURCE_TYPES.hsm, 'Delete', props, { PhysicalResourceId: 'Resource-failed-create' }));
    expect(cloudHsm.calls()).toHaveLength(0);
  });
});

describe('Custom::SuverenClusterInitialization state machine (aws-sdk-client-mock: moto has no InitializeCluster)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-init-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const pem = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');
  beforeAll(() => {
    const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
    openssl(
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'ca.key',
      '-subj',
      '/CN=root',
      '-days',
      '30',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-out',
      'ca.crt',
    );
    openssl(
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'other.key',
      '-subj',
      '/CN=other',
      '-days',
      '30',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-out',
      'other.crt',
    );
    openssl('req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'hsm.key', '-subj', `/CN=${CLUSTER}`, '-out', 'cluster.csr');
    openssl('x509', '-req', '-in', 'cluster.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-set_serial', '7', '-days', '30', '-out', 'cluster.crt');
  });
  const props = () => ({ ClusterId: CLUSTER, SignedCertificate: pem('cluster.crt'), TrustAnchor: pem('ca.crt') });

  test('without the certificate it does nothing and completes, awaiting the offline signing', async () => {
    const event = request(HSM_RESOURCE_TYPES.clusterInitialization, 'Create', { ClusterId: CLUSTER, SignedCertificate: '', TrustAnchor: '' });
    const started = await handlers.onEvent(event);
    expect(cloudHsm.calls()).toHaveLength(0);
    expect(await handlers.isComplete(poll(event, started))).toEqual({ IsComplete: true, Data: { ClusterState: 'AWAITING_CERTIFICATE' } });
  });

  test('with the certificate: InitializeCluster once, wait through INITIALIZE_IN_PROGRESS, complete on INITIALIZED', async () => {
    clusterNow = describeCluster('UNINITIALIZED', [{ HsmId: 'hsm-a', AvailabilityZone: 'eu-north-1a', State: 'ACTIVE' }]);
    cloudHsm.on(hsm(InitializeClusterCommand)).resolves({ State: 'INITIALIZE_IN_PROGRESS' } as object);
    const event = request(HSM_RESOURCE_TYPES.clusterInitialization, 'Update', props());
    const started = await handlers.onEvent(event);
    expect(cloudHsm.commandCalls(hsm(InitializeClusterCommand))[0].args[0].input).toEqual({
      ClusterId: CLUSTER,
      SignedCert: pem('cluster.crt'),
      TrustAnchor: pem('ca.crt'),
    });
    clusterNow = describeCluster('INITIALIZE_IN_PROGRESS', []);
    expect(await handlers.isComplete(poll(event, started))).toEqual({ IsComplete: false });
    clusterNow = describeCluster('INITIALIZED', []);
    expect(await handlers.isComplete(poll(event, started))).toEqual({ IsComplete: true, Data: { ClusterState: 'INITIALIZED' } });
  });

  test('a retry after InitializeCluster was accepted does not call it again', async () => {
    clusterNow = describeCluster('INITIALIZE_IN_PROGRESS', []);
    await handlers.onEvent(request(HSM_RESOURCE_TYPES.clusterInitialization, 'Update', props()));
    expect(cloudHsm.commandCalls(hsm(InitializeClusterCommand))).toHaveLength(0);
  });

  test('refused before any call: a private key, a certificate from another CA, only one of the two, no ACTIVE HSM', async () => {
    const init = (p: Record<string, string>) => handlers.onEvent(request(HSM_RESOURCE_TYPES.clusterInitialization, 'Update', p));
    await expect(init({ ...props(), TrustAnchor: pem('ca.key') })).rejects.toThrow(/a private key was supplied where a certificate belongs/);
    await expect(init({ ...props(), TrustAnchor: pem('other.crt') })).rejects.toThrow(/was not issued by the trust anchor/);
    await expect(init({ ...props(), TrustAnchor: '' })).rejects.toThrow(/supply both the signed cluster certificate and the trust anchor, or neither/);
    expect(cloudHsm.calls()).toHaveLength(0);
    clusterNow = describeCluster('UNINITIALIZED', [{ HsmId: 'hsm-a', AvailabilityZone: 'eu-north-1a', State: 'CREATE_IN_PROGRESS' }]);
    await expect(init(props())).rejects.toThrow(/has no ACTIVE HSM yet/);
    expect(cloudHsm.commandCalls(hsm(InitializeClusterCommand))).toHaveLength(0);
  });
});

describe('Custom::SuverenHsmKeyStore state machine (aws-sdk-client-mock: moto has no custom key stores)', () => {
  const props = {
    ClusterId: CLUSTER,
    KeyStoreName: 'suveren-nordic',
    TrustAnchor: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----',
    PasswordSecretArn: SECRET_ARN,
  };
  const store = (ConnectionState: string, ConnectionErrorCode?: string) => ({
    CustomKeyStores: [
      {
        CustomKeyStoreId: STORE_ID,
        CustomKeyStoreName: 'suveren-nordic',
        CloudHsmClusterId: CLUSTER,
        ConnectionState,
        ...(ConnectionErrorCode ? { ConnectionErrorCode } : {}),
      },
    ],
  });
  const notFound = new CustomKeyStoreNotFoundException({ message: 'not found', $metadata: {} });

  test('create: the store with the password from Secrets Manager, connect, wait while CONNECTING, complete on CONNECTED', async () => {
    storeNow = notFound;
    kms.on(CreateCustomKeyStoreCommand).resolves({ CustomKeyStoreId: STORE_ID });
    secrets.on(GetSecretValueCommand, { SecretId: SECRET_ARN }).resolves({ SecretString: PASSWORD });
    const event = request(HSM_RESOURCE_TYPES.keyStore, 'Create', props);
    const started = await handlers.onEvent(event);
    expect(started.PhysicalResourceId).toBe(STORE_ID);
    expect(kms.commandCalls(CreateCustomKeyStoreCommand)[0].args[0].input).toEqual({
      CustomKeyStoreName: 'suveren-nordic',
      CustomKeyStoreType: 'AWS_CLOUDHSM',
      CloudHsmClusterId: CLUSTER,
      TrustAnchorCertificate: props.TrustAnchor,
      KeyStorePassword: PASSWORD,
    });
    expect(kms.commandCalls(ConnectCustomKeyStoreCommand)[0].args[0].input).toEqual({ CustomKeyStoreId: STORE_ID });
    // The password is an input to KMS only: not in the physical id, the attributes, or the answer.
    expect(JSON.stringify(started)).not.toContain(PASSWORD);

    storeNow = store('CONNECTING');
    expect(await handlers.isComplete(poll(event, started))).toEqual({ IsComplete: false });
    storeNow = store('CONNECTED');
    expect(await handlers.isComplete(poll(event, started))).toEqual({ IsComplete: true, Data: { CustomKeyStoreId: STORE_ID, ConnectionState: 'CONNECTED' } });
  });

  test('idempotent retry: a store of that name is adopted, not created twice', async () => {
    storeNow = store('CONNECTING');
    expect((await handlers.onEvent(request(HSM_RESOURCE_TYPES.keyStore, 'Create', props))).PhysicalResourceId).toBe(STORE_ID);
    expect(kms.commandCalls(CreateCustomKeyStoreCommand)).toHaveLength(0);
    expect(secrets.calls()).toHaveLength(0);
  });

  test.each(Object.keys(CONNECTION_ERROR_ADVICE))('ConnectionErrorCode %s fails the deployment with the code verbatim and its fix', async (code) => {
    storeNow = store('FAILED', code);
    const event = poll(request(HSM_RESOURCE_TYPES.keyStore, 'Create', props), { PhysicalResourceId: STORE_ID, Data: { StartedAt: now.toISOString() } });
    await expect(handlers.isComplete(event)).rejects.toThrow(
      `custom key store suveren-nordic (${STORE_ID}) failed to connect: ConnectionErrorCode ${code}: ${CONNECTION_ERROR_ADVICE[code]}`,
    );
  });

  test('every CloudHSM ConnectionErrorCode the KMS SDK defines has advice', async () => {
    const { ConnectionErrorCodeType } = await import('@aws-sdk/client-kms');
    const cloudHsmCodes = Object.values(ConnectionErrorCodeType).filter((code) => !code.startsWith('XKS_'));
    expect(Object.keys(CONNECTION_ERROR_ADVICE).sort()).toEqual(cloudHsmCodes.sort());
  });

  test('a store left FAILED by an earlier deployment is disconnected first, then connected', async () => {
    storeNow = store('FAILED', 'NETWORK_ERRORS');
    const event = request(HSM_RESOURCE_TYPES.keyStore, 'Create', props);
    const started = await handlers.onEvent(event);
    expect(kms.commandCalls(DisconnectCustomKeyStoreCommand)).toHaveLength(1);
    storeNow = store('DISCONNECTED');
    expect(await handlers.isComplete(poll(event, started))).toEqual({ IsComplete: false });
    expect(kms.commandCalls(ConnectCustomKeyStoreCommand)).toHaveLength(1);
  });

  test('still CONNECTING after 55 minutes: fails before the Provider framework times out', async () => {
    storeNow = store('CONNECTING');
    now = minutesLater(56);
    const event = poll(request(HSM_RESOURCE_TYPES.keyStore, 'Create', props), {
      PhysicalResourceId: STORE_ID,
      Data: { StartedAt: '2026-11-23T10:00:00.000Z' },
    });
    await expect(handlers.isComplete(event)).rejects.toThrow(/custom key store suveren-nordic is still CONNECTING after 56 minutes/);
  });

  test('delete disconnects and waits for DISCONNECTED, and never deletes the store', async () => {
    storeNow = store('CONNECTED');
    const event = request(HSM_RESOURCE_TYPES.keyStore, 'Delete', props, { PhysicalResourceId: STORE_ID });
    const started = await handlers.onEvent(event);
    expect(kms.commandCalls(DisconnectCustomKeyStoreCommand)).toHaveLength(1);
    storeNow = store('DISCONNECTING');
    expect(await handlers.isComplete(poll(event, started))).toEqual({ IsComplete: false });
    storeNow = store('DISCONNECTED');
    expect(await handlers.isComplete(poll(event, started))).toEqual({ IsComplete: true });
    expect(kms.commandCalls(DeleteCustomKeyStoreCommand)).toHaveLength(0);
  });

  test('a kmsuser password outside 7-32 characters is refused before KMS sees it', async () => {
    storeNow = notFound;
    secrets.on(GetSecretValueCommand).resolves({ SecretString: 'short' });
    await expect(handlers.onEvent(request(HSM_RESOURCE_TYPES.keyStore, 'Create', props))).rejects.toThrow(/must hold 7-32 characters/);
    expect(kms.commandCalls(CreateCustomKeyStoreCommand)).toHaveLength(0);
  });
});

describe('Custom::SuverenHsmBackedKey state machine (aws-sdk-client-mock: moto has no custom key stores)', () => {
  const policy = JSON.stringify({ Version: '2012-10-17', Statement: [] });
  const props = {
    KeyStoreName: 'suveren-nordic',
    AliasName: 'alias/suveren/malmo-stad',
    Description: 'malmo-stad (HSM-backed)',
    KeyPolicy: policy,
    Tags: JSON.stringify([{ TagKey: 'suveren:tenant', TagValue: 'malmo-stad' }]),
  };
  const connected = { CustomKeyStores: [{ CustomKeyStoreId: STORE_ID, CloudHsmClusterId: CLUSTER, ConnectionState: 'CONNECTED' }] };
  const aliasMissing = new NotFoundException({ message: 'Alias is not found', $metadata: {} });

  test('create: a single-Region AWS_CLOUDHSM key in the store, with the rendered policy, then its alias', async () => {
    storeNow = connected;
    kms.on(DescribeKeyCommand).rejects(aliasMissing);
    kms.on(CreateKeyCommand).resolves({ KeyMetadata: { KeyId: 'k', Arn: KEY_ARN } });
    const answer = await handlers.onEvent(request(HSM_RESOURCE_TYPES.backedKey, 'Create', props));
    expect(answer).toEqual({ PhysicalResourceId: KEY_ARN, Data: { Arn: KEY_ARN } });
    expect(kms.commandCalls(CreateKeyCommand)[0].args[0].input).toEqual({
      Origin: 'AWS_CLOUDHSM',
      CustomKeyStoreId: STORE_ID,
      KeySpec: 'SYMMETRIC_DEFAULT',
      KeyUsage: 'ENCRYPT_DECRYPT',
      MultiRegion: false,
      Description: 'malmo-stad (HSM-backed)',
      Policy: policy,
      Tags: [{ TagKey: 'suveren:tenant', TagValue: 'malmo-stad' }],
    });
    expect(kms.commandCalls(CreateAliasCommand)[0].args[0].input).toEqual({ AliasName: 'alias/suveren/malmo-stad', TargetKeyId: KEY_ARN });
  });

  test('idempotent retry: the key the alias already names is adopted (and its policy reapplied)', async () => {
    storeNow = connected;
    kms.on(DescribeKeyCommand).resolves({ KeyMetadata: { KeyId: 'k', Arn: KEY_ARN, KeyState: 'Enabled', Origin: 'AWS_CLOUDHSM', CustomKeyStoreId: STORE_ID } });
    expect((await handlers.onEvent(request(HSM_RESOURCE_TYPES.backedKey, 'Create', props))).PhysicalResourceId).toBe(KEY_ARN);
    expect(kms.commandCalls(CreateKeyCommand)).toHaveLength(0);
    expect(kms.commandCalls(PutKeyPolicyCommand)).toHaveLength(1);
  });

  test('refused: a store that is not CONNECTED, no store at all, an alias naming a key outside the store', async () => {
    kms.on(DescribeKeyCommand).rejects(aliasMissing);
    storeNow = { CustomKeyStores: [{ CustomKeyStoreId: STORE_ID, ConnectionState: 'DISCONNECTED' }] };
    await expect(handlers.onEvent(request(HSM_RESOURCE_TYPES.backedKey, 'Create', props))).rejects.toThrow(
      /custom key store suveren-nordic is DISCONNECTED, and KMS creates keys only in a CONNECTED store/,
    );
    storeNow = new CustomKeyStoreNotFoundException({ message: 'x', $metadata: {} });
    await expect(handlers.onEvent(request(HSM_RESOURCE_TYPES.backedKey, 'Create', props))).rejects.toThrow(/there is no custom key store named suveren-nordic/);
    storeNow = connected;
    kms.on(DescribeKeyCommand).resolves({ KeyMetadata: { KeyId: 'k', Arn: KEY_ARN, KeyState: 'Enabled', Origin: 'AWS_KMS' } });
    await expect(handlers.onEvent(request(HSM_RESOURCE_TYPES.backedKey, 'Create', props))).rejects.toThrow(
      /already names key .* which is not in custom key store suveren-nordic/,
    );
    expect(kms.commandCalls(CreateKeyCommand)).toHaveLength(0);
  });

  test('MalformedPolicyDocumentException (roles still propagating) is retried with backoff, then the key is created', async () => {
    storeNow = connected;
    kms.on(DescribeKeyCommand).rejects(aliasMissing);
    const malformed = Object.assign(new Error('Policy contains a statement with one or more invalid principals.'), {
      name: 'MalformedPolicyDocumentException',
    });
    kms
      .on(CreateKeyCommand)
      .rejectsOnce(malformed)
      .rejectsOnce(malformed)
      .resolves({ KeyMetadata: { KeyId: 'k', Arn: KEY_ARN } });
    kms.on(CreateAliasCommand).resolves({});
    const waits: number[] = [];
    const patient = createHandlers({ ...clients, kmsAs: async () => clients.kms, sleep: async (ms) => void waits.push(ms) }, () => now);
    await expect(patient.onEvent(request(HSM_RESOURCE_TYPES.backedKey, 'Create', props))).resolves.toMatchObject({ PhysicalResourceId: KEY_ARN });
    expect(kms.commandCalls(CreateKeyCommand)).toHaveLength(3);
    expect(waits).toEqual([5_000, 10_000]);
  });

  test('a principal that never appears (a missing role) fails after the bounded retries, naming what to check', async () => {
    storeNow = connected;
    kms.on(DescribeKeyCommand).rejects(aliasMissing);
    kms
      .on(CreateKeyCommand)
      .rejects(Object.assign(new Error('Policy contains a statement with one or more invalid principals.'), { name: 'MalformedPolicyDocumentException' }));
    const patient = createHandlers({ ...clients, kmsAs: async () => clients.kms, sleep: async () => undefined }, () => now);
    await expect(patient.onEvent(request(HSM_RESOURCE_TYPES.backedKey, 'Create', props))).rejects.toThrow(
      /KMS refused the key policy 6 times over 75 s .*invalid principals.*provisioner role for this tenant exists/,
    );
    expect(kms.commandCalls(CreateKeyCommand)).toHaveLength(6);
    expect(kms.commandCalls(CreateAliasCommand)).toHaveLength(0);
  });

  test('other CreateKey errors are not retried', async () => {
    storeNow = connected;
    kms.on(DescribeKeyCommand).rejects(aliasMissing);
    kms.on(CreateKeyCommand).rejects(Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' }));
    const patient = createHandlers({ ...clients, kmsAs: async () => clients.kms, sleep: async () => undefined }, () => now);
    await expect(patient.onEvent(request(HSM_RESOURCE_TYPES.backedKey, 'Create', props))).rejects.toThrow('not authorized');
    expect(kms.commandCalls(CreateKeyCommand)).toHaveLength(1);
  });

  test('if the alias cannot be created the handler stops and names the key for the break-glass role to retire (it may not delete keys)', async () => {
    storeNow = connected;
    kms.on(DescribeKeyCommand).rejects(aliasMissing);
    kms.on(CreateKeyCommand).resolves({ KeyMetadata: { KeyId: 'k', Arn: KEY_ARN } });
    kms.on(CreateAliasCommand).rejects(new Error('LimitExceededException'));
    // The provisioner may not delete keys: the error names the key and who retires it.
    await expect(handlers.onEvent(request(HSM_RESOURCE_TYPES.backedKey, 'Create', props))).rejects.toThrow(
      new RegExp(`created key ${KEY_ARN} but could not alias it .*LimitExceededException.*break-glass role schedule deletion`),
    );
    expect(kms.commandCalls(ScheduleKeyDeletionCommand)).toHaveLength(0);
  });

  test('delete keeps the key without assuming the provisioner role, which may no longer trust this tenant', async () => {
    const noRole = createHandlers(
      { ...clients, kmsAs: async () => Promise.reject(new Error('AccessDenied: not authorized to perform sts:AssumeRole')) },
      () => now,
    );
    expect(await noRole.onEvent(request(HSM_RESOURCE_TYPES.backedKey, 'Delete', props, { PhysicalResourceId: KEY_ARN }))).toEqual({
      PhysicalResourceId: KEY_ARN,
    });
  });

  test('moving a key to another key store is refused with the reason, not done by creating a silent second key', async () => {
    const moved = { ...props, KeyStoreName: 'suveren-baltic' };
    await expect(
      handlers.onEvent(request(HSM_RESOURCE_TYPES.backedKey, 'Update', moved, { PhysicalResourceId: KEY_ARN, OldResourceProperties: props })),
    ).rejects.toThrow(/the key is in custom key store suveren-nordic and cannot move to suveren-baltic/);
    expect(kms.commandCalls(CreateKeyCommand)).toHaveLength(0);
  });

  test('delete keeps the key (objects under it would be lost); a policy change is applied in place', async () => {
    await handlers.onEvent(request(HSM_RESOURCE_TYPES.backedKey, 'Delete', props, { PhysicalResourceId: KEY_ARN }));
    expect(kms.calls()).toHaveLength(0);
    const newPolicy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'x' }] });
    await handlers.onEvent(
      request(HSM_RESOURCE_TYPES.backedKey, 'Update', { ...props, KeyPolicy: newPolicy }, { PhysicalResourceId: KEY_ARN, OldResourceProperties: props }),
    );
    expect(kms.commandCalls(PutKeyPolicyCommand)[0].args[0].input).toEqual({ KeyId: KEY_ARN, PolicyName: 'default', Policy: newPolicy });
    expect(kms.commandCalls(CreateKeyCommand)).toHaveLength(0);
  });
});

describe('no secret in the handler logs (aws-sdk-client-mock: moto has no custom key stores)', () => {
  test('creating a key store with full debug logging never writes the kmsuser password', async () => {
    const written = await capturedLog(async () => {
      storeNow = new CustomKeyStoreNotFoundException({ message: 'not found', $metadata: {} });
      kms.on(CreateCustomKeyStoreCommand).resolves({ CustomKeyStoreId: STORE_ID });
      secrets.on(GetSecretValueCommand).resolves({ SecretString: PASSWORD });
      const event = request(HSM_RESOURCE_TYPES.keyStore, 'Create', {
        ClusterId: CLUSTER,
        KeyStoreName: 'suveren-nordic',
        TrustAnchor: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----',
        PasswordSecretArn: SECRET_ARN,
      });
      const started = await handlers.onEvent(event);
      storeNow = {
        CustomKeyStores: [{ CustomKeyStoreId: STORE_ID, CloudHsmClusterId: CLUSTER, ConnectionState: 'FAILED', ConnectionErrorCode: 'INVALID_CREDENTIALS' }],
      };
      await expect(handlers.isComplete(poll(event, started))).rejects.toThrow(/INVALID_CREDENTIALS/);
    });
    // The logger did write (so the check is not vacuous), and never the password.
    expect(written).toMatch(/"message":"request"/);
    expect(written).not.toContain(PASSWORD);
  });
});
