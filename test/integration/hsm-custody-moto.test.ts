import { CloudHSMV2Client, CreateClusterCommand, DeleteClusterCommand } from '@aws-sdk/client-cloudhsm-v2';
import { CreateAliasCommand, CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { STSClient } from '@aws-sdk/client-sts';
import { type OnEventRequest, createHandlers, kmsAssumer, observeCluster } from '../../lambda/hsm-custody/index';
import { HSM_RESOURCE_TYPES, hsmKeyHandlerRoleName, hsmKeyProvisionerRoleName, keyCustodyHandlerRoleName } from '@suveren/core/contracts/custom-resources';
import { exampleConfig } from '../helpers';
import { type AuthorizedMoto, startAuthorizedMoto } from '../support/authorized-moto';
import { testCertificates } from '../support/test-certificates';

/*
 * The key-custody handler's adapter run for real against moto_server, for the calls
 * moto implements: CloudHSM v2 CreateCluster / DescribeClusters / DeleteCluster, STS
 * AssumeRole, and KMS keys and aliases. Every call the handler makes goes through the
 * authorizer (test/support/authorizing-proxy.ts), signed as the role that makes it on
 * AWS: the key-custody handler role for the cluster calls, the tenant's HSM-key handler
 * for AssumeRole into the provisioner role, and the provisioner for the KMS calls, each
 * decided against the example's synthesized templates. The fixtures (the cluster, a
 * stray key and alias) are created in moto directly. moto's clusters are ACTIVE from
 * the start and never hold HSMs, and moto has no custom key stores, so those paths are
 * in hsm-custody.test.ts (aws-sdk-client-mock) and in the replay table. moto sends
 * CreateTimestamp as an ISO string where the API has epoch seconds; the SDK logs a
 * TypeError about it and carries on (no handler reads it).
 */

const config = exampleConfig();
const tenant = config.tenants.find((t) => t.id === 'malmo-stad')!;
const cluster = config.keyCustody.hsmClusters.find((c) => c.id === tenant.hsmCluster)!;
const custodyRole = (name: string) => `arn:aws:iam::${cluster.account}:role/${name}`;

let aws: AuthorizedMoto;
let handlers: ReturnType<typeof createHandlers>;
/** Signed as the key-custody handler role, through the authorizer. */
let cloudHsm: CloudHSMV2Client;
/** moto directly: fixtures. */
let fixtures: { cloudHsm: CloudHSMV2Client; kms: KMSClient };
let kmsAs: ReturnType<typeof kmsAssumer>;
let clusterId: string;

beforeAll(async () => {
  aws = await startAuthorizedMoto(tenant.id, { config, motoAccount: cluster.account });
  const as = (principal: string) => ({ endpoint: aws.proxy.endpoint, region: cluster.region, credentials: aws.proxy.credentialsFor(principal) });
  const handlerRole = custodyRole(keyCustodyHandlerRoleName(cluster.id));
  cloudHsm = new CloudHSMV2Client(as(handlerRole));
  const kms = new KMSClient(as(handlerRole));
  // The tenant's HSM-key handler assumes its provisioner role in the key-custody account, as on AWS.
  kmsAs = kmsAssumer(new STSClient(as(aws.names.role(hsmKeyHandlerRoleName(tenant.id)))), kms, { endpoint: aws.proxy.endpoint, region: cluster.region });
  handlers = createHandlers({ cloudHsm, kms, secrets: new SecretsManagerClient(as(handlerRole)), kmsAs });
  const direct = { endpoint: aws.moto.endpoint, region: cluster.region, credentials: { accessKeyId: 'fixtures', secretAccessKey: 'fixtures' } };
  fixtures = { cloudHsm: new CloudHSMV2Client(direct), kms: new KMSClient(direct) };
  const created = await fixtures.cloudHsm.send(new CreateClusterCommand({ HsmType: 'hsm2m.medium', SubnetIds: ['subnet-0a1b2c3d', 'subnet-1a2b3c4d'] }));
  clusterId = created.Cluster!.ClusterId!;
}, 60_000);

afterAll(async () => {
  await aws?.stop();
});

const event = (
  ResourceType: string,
  RequestType: OnEventRequest['RequestType'],
  ResourceProperties: Record<string, string>,
  PhysicalResourceId?: string,
): OnEventRequest => ({
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
    const props = {
      ClusterId: clusterId,
      SignedCertificate: testCertificates().signedCertificate,
      TrustAnchor: testCertificates().trustAnchor,
    };
    const request = event(HSM_RESOURCE_TYPES.clusterInitialization, 'Create', props);
    const started = await handlers.onEvent(request);
    expect(started.PhysicalResourceId).toBe(`${clusterId}/initialization`);
    expect(await handlers.isComplete({ ...request, ...started })).toEqual({ IsComplete: true, Data: { ClusterState: 'ACTIVE' } });
  });

  test('an HSM for a cluster that does not exist fails with that reason', async () => {
    await expect(
      handlers.onEvent(event(HSM_RESOURCE_TYPES.hsm, 'Create', { ClusterId: 'cluster-doesnotexist', AvailabilityZone: 'eu-north-1a' })),
    ).rejects.toThrow('the CloudHSM cluster does not exist');
  });

  test('deleting an HSM the cluster no longer has completes without a DeleteHsm call (which moto lacks)', async () => {
    const request = event(HSM_RESOURCE_TYPES.hsm, 'Delete', { ClusterId: clusterId, AvailabilityZone: 'eu-north-1a' }, 'hsm-gone1234');
    const started = await handlers.onEvent(request);
    expect(await handlers.isComplete({ ...request, ...started, PhysicalResourceId: started.PhysicalResourceId })).toEqual({ IsComplete: true });
  });

  test('a tenant alias that names a key outside any custom key store is refused, through real AssumeRole and DescribeKey calls', async () => {
    const key = await fixtures.kms.send(new CreateKeyCommand({ Description: 'an ordinary AWS_KMS key' }));
    await fixtures.kms.send(new CreateAliasCommand({ AliasName: 'alias/suveren/malmo-stad', TargetKeyId: key.KeyMetadata!.KeyId }));
    // moto has no custom key stores: the store lookup is answered by the stubbed path in hsm-custody.test.ts, here the alias check comes first.
    const { decideBackedKeyCreate } = await import('../../lambda/hsm-custody/backed-key-state');
    const { DescribeKeyCommand } = await import('@aws-sdk/client-kms');
    const provisioner = await kmsAs(custodyRole(hsmKeyProvisionerRoleName(tenant.id)));
    const target = (await provisioner.send(new DescribeKeyCommand({ KeyId: 'alias/suveren/malmo-stad' }))).KeyMetadata!;
    const decision = decideBackedKeyCreate(
      'alias/suveren/malmo-stad',
      { arn: target.Arn!, keyState: target.KeyState!, origin: target.Origin!, customKeyStoreId: target.CustomKeyStoreId },
      { id: 'cks-1', name: 'suveren-nordic', connectionState: 'CONNECTED' },
      'suveren-nordic',
    );
    expect(decision).toEqual({
      action: 'fail',
      reason: expect.stringMatching(/already names key arn:aws:kms:eu-north-1:444444444444:key\/.* which is not in custom key store suveren-nordic/),
    });
    // Who asked: the tenant's handler assumed the provisioner, and the provisioner described the key.
    expect(aws.proxy.log.filter((r) => r.allowed).map((r) => r.summary)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^STS AssumeRole .*hsm-key-provisioner as .*malmo-stad-hsm-key-handler$/),
        expect.stringMatching(/^KMS DescribeKey as .*hsm-key-provisioner$/),
      ]),
    );
  });

  test("another tenant's administrator cannot assume malmo-stad's provisioner role", async () => {
    const otherAdmin = `arn:aws:iam::${config.tenants.find((t) => t.id !== tenant.id)!.account}:role/Admin`;
    const sts = new STSClient({ endpoint: aws.proxy.endpoint, region: cluster.region, credentials: aws.proxy.credentialsFor(otherAdmin) });
    await expect(kmsAssumer(sts, new KMSClient({}))(custodyRole(hsmKeyProvisionerRoleName(tenant.id)))).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  test('the cluster is deleted for real once it holds no HSMs', async () => {
    // CloudFormation deletes the cluster (a fixture call); the handler has no DeleteCluster
    // right, as the authorizer confirms, and observes that the cluster is gone.
    await expect(cloudHsm.send(new DeleteClusterCommand({ ClusterId: clusterId }))).rejects.toMatchObject({ name: 'CloudHsmAccessDeniedException' });
    await fixtures.cloudHsm.send(new DeleteClusterCommand({ ClusterId: clusterId }));
    expect(await observeCluster(cloudHsm, clusterId)).toBeUndefined();
  });
});
