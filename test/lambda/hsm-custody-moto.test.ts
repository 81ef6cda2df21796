import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CloudHSMV2Client, CreateClusterCommand, DeleteClusterCommand } from '@aws-sdk/client-cloudhsm-v2';
import { CreateAliasCommand, CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { type OnEventRequest, createHandlers, observeCluster } from '../../lambda/hsm-custody/index';
import { HSM_RESOURCE_TYPES } from '../../lib/hsm/resource-types';
import { type MotoServer, startMotoServer } from '../support/moto-server';

/*
 * The key-custody handler's adapter run for real against moto_server, for the calls
 * moto implements: CloudHSM v2 CreateCluster / DescribeClusters / DeleteCluster and KMS
 * keys and aliases. moto's clusters are ACTIVE from the start and never hold HSMs, and
 * moto has no custom key stores, so those paths are in hsm-custody.test.ts
 * (aws-sdk-client-mock). moto sends CreateTimestamp as an ISO string where the API has
 * epoch seconds; the SDK logs a TypeError about it and carries on (no handler reads it).
 */

let moto: MotoServer;
let handlers: ReturnType<typeof createHandlers>;
let cloudHsm: CloudHSMV2Client;
let kms: KMSClient;
let clusterId: string;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-custody-moto-'));

beforeAll(async () => {
  moto = await startMotoServer();
  const config = { endpoint: moto.endpoint, region: 'eu-north-1', credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } };
  cloudHsm = new CloudHSMV2Client(config);
  kms = new KMSClient(config);
  handlers = createHandlers({ cloudHsm, kms, secrets: new SecretsManagerClient(config), kmsAs: async () => kms });
  const created = await cloudHsm.send(new CreateClusterCommand({ HsmType: 'hsm2m.medium', SubnetIds: ['subnet-0a1b2c3d', 'subnet-1a2b3c4d'] }));
  clusterId = created.Cluster!.ClusterId!;
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-subj', '/CN=root', '-days', '30', '-addext', 'basicConstraints=critical,CA:TRUE', '-out', 'ca.crt');
  openssl('req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'hsm.key', '-subj', `/CN=${clusterId}`, '-out', 'cluster.csr');
  openssl('x509', '-req', '-in', 'cluster.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-set_serial', '9', '-days', '30', '-out', 'cluster.crt');
}, 30_000);

afterAll(async () => {
  await moto?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const event = (ResourceType: string, RequestType: OnEventRequest['RequestType'], ResourceProperties: Record<string, string>, PhysicalResourceId?: string): OnEventRequest => ({
  RequestType,
  ResourceType,
  LogicalResourceId: 'Resource',
  ResourceProperties,
  ...(PhysicalResourceId ? { PhysicalResourceId } : {}),
});

describe('key-custody handler against moto_server', () => {
  test('observes a real cluster through DescribeClusters', async () => {
    expect(await observeCluster(cloudHsm, clusterId)).toMatchObject({ clusterId, state: 'ACTIVE', hsms: [] });
    expect(await observeCluster(cloudHsm, 'cluster-doesnotexist')).toBeUndefined();
  });

  test('initialization of an already ACTIVE cluster is a no-op that completes (no InitializeCluster call, which moto lacks)', async () => {
    const props = { ClusterId: clusterId, SignedCertificate: fs.readFileSync(path.join(dir, 'cluster.crt'), 'utf8'), TrustAnchor: fs.readFileSync(path.join(dir, 'ca.crt'), 'utf8') };
    const request = event(HSM_RESOURCE_TYPES.clusterInitialization, 'Create', props);
    const started = await handlers.onEvent(request);
    expect(started.PhysicalResourceId).toBe(`${clusterId}/initialization`);
    expect(await handlers.isComplete({ ...request, ...started })).toEqual({ IsComplete: true, Data: { ClusterState: 'ACTIVE' } });
  });

  test('an HSM for a cluster that does not exist fails with that reason', async () => {
    await expect(handlers.onEvent(event(HSM_RESOURCE_TYPES.hsm, 'Create', { ClusterId: 'cluster-doesnotexist', AvailabilityZone: 'eu-north-1a' }))).rejects.toThrow(
      'the CloudHSM cluster does not exist',
    );
  });

  test('deleting an HSM the cluster no longer has completes without a DeleteHsm call (which moto lacks)', async () => {
    const request = event(HSM_RESOURCE_TYPES.hsm, 'Delete', { ClusterId: clusterId, AvailabilityZone: 'eu-north-1a' }, 'hsm-gone1234');
    const started = await handlers.onEvent(request);
    expect(await handlers.isComplete({ ...request, ...started, PhysicalResourceId: started.PhysicalResourceId })).toEqual({ IsComplete: true });
  });

  test('a tenant alias that names a key outside any custom key store is refused, through real DescribeKey calls', async () => {
    const key = await kms.send(new CreateKeyCommand({ Description: 'an ordinary AWS_KMS key' }));
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/suveren/malmo-stad', TargetKeyId: key.KeyMetadata!.KeyId }));
    // moto has no custom key stores: the store lookup is answered by the stubbed path in hsm-custody.test.ts, here the alias check comes first.
    const { decideBackedKeyCreate } = await import('../../lambda/hsm-custody/backed-key-state');
    const { DescribeKeyCommand } = await import('@aws-sdk/client-kms');
    const target = (await kms.send(new DescribeKeyCommand({ KeyId: 'alias/suveren/malmo-stad' }))).KeyMetadata!;
    const decision = decideBackedKeyCreate(
      'alias/suveren/malmo-stad',
      { arn: target.Arn!, keyState: target.KeyState!, origin: target.Origin!, customKeyStoreId: target.CustomKeyStoreId },
      { id: 'cks-1', name: 'suveren-nordic', connectionState: 'CONNECTED' },
      'suveren-nordic',
    );
    expect(decision).toEqual({ action: 'fail', reason: expect.stringMatching(/already names key arn:aws:kms:eu-north-1:\d+:key\/.* which is not in custom key store suveren-nordic/) });
  });

  test('the cluster is deleted for real once it holds no HSMs', async () => {
    await cloudHsm.send(new DeleteClusterCommand({ ClusterId: clusterId }));
    expect(await observeCluster(cloudHsm, clusterId)).toBeUndefined();
  });
});
