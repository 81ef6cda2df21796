import { Logger } from '@aws-lambda-powertools/logger';
import { CloudHSMV2Client, CreateHsmCommand, DeleteHsmCommand, DescribeClustersCommand, InitializeClusterCommand } from '@aws-sdk/client-cloudhsm-v2';
import {
  ConnectCustomKeyStoreCommand,
  CreateAliasCommand,
  CreateCustomKeyStoreCommand,
  CreateKeyCommand,
  type CreateKeyCommandInput,
  DescribeCustomKeyStoresCommand,
  DescribeKeyCommand,
  DisconnectCustomKeyStoreCommand,
  KMSClient,
  type KMSClientConfig,
  NotFoundException,
  PutKeyPolicyCommand,
  UpdateCustomKeyStoreCommand,
  UpdateKeyDescriptionCommand,
  type XksProxyConnectivityType,
  CustomKeyStoreNotFoundException,
} from '@aws-sdk/client-kms';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import {
  type BackedKeyProperties as DeclaredBackedKeyProperties,
  type ClusterInitializationProperties,
  type HsmProperties,
  type KeyStoreProperties,
  type ExternalKeyProperties,
  type ExternalKeyStoreProperties,
  HSM_RESOURCE_TYPES,
  XKS_RESOURCE_TYPES,
} from '@suveren/core/contracts/custom-resources';
import { type BackedKeyProperties, type BackedKeyUpdateAction, type ObservedKey, decideBackedKeyCreate, decideBackedKeyUpdate } from './backed-key-state';
import {
  type ExternalKeyCreateAction,
  type ExternalKeyUpdateProperties,
  XKS_KEY_EXCEPTION_ADVICE,
  decideExternalKeyCreate,
  decideExternalKeyUpdate,
  externalKeyRefusal,
} from './external-key-state';
import {
  type XksProxySettings,
  XKS_STORE_EXCEPTION_ADVICE,
  checkProxyCredential,
  decideExternalKeyStore,
  decideExternalKeyStorePoll,
  xksStoreRefusal,
} from './external-key-store-state';
import type { Decision } from './decision';
import { errorText, retryWhilePrincipalsPropagate } from './propagation';
import { type ObservedCluster, decideHsmCreate, decideHsmCreated, decideHsmDelete, decideHsmDeleted } from './hsm-state';
import { checkCertificateMaterial, decideInitialize, decideInitialized } from './initialization-state';
import { type KeyStoreStep, type ObservedKeyStore, decideKeyStoreConnected, decideKeyStoreCreate, decideKeyStoreDisconnected } from './key-store-state';

/*
 * The key-custody custom resources' handler for the CDK Provider framework: `onEvent`
 * starts the work, `isComplete` polls until the state machine says complete, or throws
 * its reason. This file only observes and calls AWS; every decision is in the *-state
 * modules. Secrets (the kmsuser password) are read at run time and never logged.
 */

type Properties = Record<string, string>;

/** The properties the construct declared (packages/core/contracts/custom-resources.ts), as CloudFormation passes them. */
const declared = <T>(properties: Properties | undefined): T => (properties ?? {}) as T;

export interface OnEventRequest {
  readonly RequestType: 'Create' | 'Update' | 'Delete';
  readonly ResourceType: string;
  readonly LogicalResourceId: string;
  readonly PhysicalResourceId?: string;
  readonly ResourceProperties: Properties;
  readonly OldResourceProperties?: Properties;
}

export interface OnEventResponse {
  readonly PhysicalResourceId: string;
  readonly Data?: Record<string, string>;
}

/** What the Provider framework passes to isComplete: the request plus onEvent's answer. */
export interface IsCompleteRequest extends OnEventRequest {
  readonly PhysicalResourceId: string;
  readonly Data?: Record<string, string>;
}

export interface IsCompleteResponse {
  readonly IsComplete: boolean;
  readonly Data?: Record<string, string>;
}

export interface CustodyClients {
  readonly cloudHsm: CloudHSMV2Client;
  readonly kms: KMSClient;
  readonly secrets: SecretsManagerClient;
  /** KMS in the key-custody account, through the provisioner role when one is named. */
  readonly kmsAs: (roleArn: string | undefined) => Promise<KMSClient>;
  /** Waits between retries; tests pass one that does not. @default setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
}

export class CustodyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CustodyError';
  }
}

/** Exported so a test can turn it up and prove no secret is ever logged. */
export const logger = new Logger({ serviceName: 'suveren-key-custody' });

// ---- observations -------------------------------------------------------------------

export async function observeCluster(client: CloudHSMV2Client, clusterId: string): Promise<ObservedCluster | undefined> {
  const answer = await client.send(new DescribeClustersCommand({ Filters: { clusterIds: [clusterId] } }));
  const cluster = answer.Clusters?.find((c) => c.ClusterId === clusterId);
  if (!cluster) return undefined;
  return {
    clusterId,
    state: cluster.State ?? 'UNKNOWN',
    csr: cluster.Certificates?.ClusterCsr || undefined,
    hsms: (cluster.Hsms ?? []).map((hsm) => ({
      hsmId: hsm.HsmId ?? '',
      availabilityZone: hsm.AvailabilityZone ?? '',
      state: hsm.State ?? 'UNKNOWN',
      eniIp: hsm.EniIp,
    })),
  };
}

export async function observeKeyStore(client: KMSClient, name: string): Promise<ObservedKeyStore | undefined> {
  try {
    const answer = await client.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreName: name }));
    const store = answer.CustomKeyStores?.[0];
    if (!store?.CustomKeyStoreId) return undefined;
    return {
      id: store.CustomKeyStoreId,
      name,
      clusterId: store.CloudHsmClusterId,
      connectionState: store.ConnectionState ?? 'UNKNOWN',
      ...(store.ConnectionErrorCode ? { connectionErrorCode: store.ConnectionErrorCode } : {}),
      ...(store.CustomKeyStoreType ? { type: store.CustomKeyStoreType } : {}),
      ...(store.XksProxyConfiguration
        ? {
            xks: {
              connectivity: store.XksProxyConfiguration.Connectivity ?? '',
              uriEndpoint: store.XksProxyConfiguration.UriEndpoint ?? '',
              uriPath: store.XksProxyConfiguration.UriPath ?? '',
              vpcEndpointServiceName: store.XksProxyConfiguration.VpcEndpointServiceName ?? '',
              accessKeyId: store.XksProxyConfiguration.AccessKeyId,
            },
          }
        : {}),
    };
  } catch (e) {
    if (e instanceof CustomKeyStoreNotFoundException) return undefined;
    throw e;
  }
}

async function observeKey(client: KMSClient, keyId: string): Promise<ObservedKey | undefined> {
  try {
    const { KeyMetadata: key } = await client.send(new DescribeKeyCommand({ KeyId: keyId }));
    if (!key?.Arn) return undefined;
    return {
      arn: key.Arn,
      keyState: key.KeyState ?? 'UNKNOWN',
      origin: key.Origin ?? 'UNKNOWN',
      customKeyStoreId: key.CustomKeyStoreId,
      ...(key.XksKeyConfiguration?.Id ? { xksKeyId: key.XksKeyConfiguration.Id } : {}),
    };
  } catch (e) {
    if (e instanceof NotFoundException) return undefined;
    throw e;
  }
}

// ---- the four resources ---------------------------------------------------------------

const startedNow = (now: Date) => ({ StartedAt: now.toISOString() });

function settle(decision: Decision): IsCompleteResponse {
  if (decision.kind === 'fail') throw new CustodyError(decision.reason);
  if (decision.kind === 'wait') {
    logger.info('waiting', { why: decision.why });
    return { IsComplete: false };
  }
  return { IsComplete: true, ...(decision.data ? { Data: decision.data } : {}) };
}

async function hsmOnEvent(event: OnEventRequest, clients: CustodyClients, now: Date): Promise<OnEventResponse> {
  const { ClusterId: clusterId, AvailabilityZone: zone } = declared<HsmProperties>(event.ResourceProperties);
  if (event.RequestType === 'Delete') {
    const hsmId = event.PhysicalResourceId!;
    // A physical id that is not an HSM id belongs to a create that never got that far.
    if (!hsmId.startsWith('hsm-')) return { PhysicalResourceId: hsmId };
    if (decideHsmDelete(await observeCluster(clients.cloudHsm, clusterId), hsmId).action === 'delete') {
      await clients.cloudHsm.send(new DeleteHsmCommand({ ClusterId: clusterId, HsmId: hsmId }));
    }
    return { PhysicalResourceId: hsmId, Data: startedNow(now) };
  }
  const old = event.OldResourceProperties;
  if (event.RequestType === 'Update' && old?.ClusterId === clusterId && old?.AvailabilityZone === zone)
    return { PhysicalResourceId: event.PhysicalResourceId!, Data: startedNow(now) };
  // Create, or an Update to another zone or cluster: a new HSM (CloudFormation then deletes the old one).
  const action = decideHsmCreate(await observeCluster(clients.cloudHsm, clusterId), zone);
  if (action.action === 'fail') throw new CustodyError(action.reason);
  if (action.action === 'adopt') {
    logger.info('adopting the HSM already in this zone', { hsmId: action.hsmId, zone });
    return { PhysicalResourceId: action.hsmId, Data: startedNow(now) };
  }
  const created = await clients.cloudHsm.send(new CreateHsmCommand({ ClusterId: clusterId, AvailabilityZone: zone }));
  const hsmId = created.Hsm?.HsmId;
  if (!hsmId) throw new CustodyError(`CreateHsm in ${zone} returned no HSM id`);
  return { PhysicalResourceId: hsmId, Data: startedNow(now) };
}

async function hsmIsComplete(event: IsCompleteRequest, clients: CustodyClients, now: Date): Promise<IsCompleteResponse> {
  const clusterId = declared<HsmProperties>(event.ResourceProperties).ClusterId;
  const hsmId = event.PhysicalResourceId;
  if (event.RequestType === 'Delete') {
    if (!hsmId.startsWith('hsm-')) return { IsComplete: true };
    return settle(decideHsmDeleted(await observeCluster(clients.cloudHsm, clusterId), hsmId, event.Data?.StartedAt, now));
  }
  return settle(decideHsmCreated(await observeCluster(clients.cloudHsm, clusterId), hsmId, event.Data?.StartedAt, now));
}

async function initializationOnEvent(event: OnEventRequest, clients: CustodyClients, now: Date): Promise<OnEventResponse> {
  const {
    ClusterId: clusterId,
    SignedCertificate: signedCertificate = '',
    TrustAnchor: trustAnchor = '',
  } = declared<ClusterInitializationProperties>(event.ResourceProperties);
  const physicalId = `${clusterId}/initialization`;
  // Initialization cannot be undone: deleting the resource leaves the cluster as it is.
  if (event.RequestType === 'Delete') return { PhysicalResourceId: event.PhysicalResourceId ?? physicalId };
  const material = checkCertificateMaterial({ signedCertificate, trustAnchor });
  if (!material.ok) throw new CustodyError(material.reason);
  if (!material.supplied) return { PhysicalResourceId: physicalId, Data: { ...startedNow(now), Awaiting: 'certificate' } };
  const action = decideInitialize(await observeCluster(clients.cloudHsm, clusterId));
  if (action.action === 'fail') throw new CustodyError(action.reason);
  if (action.action === 'initialize') {
    await clients.cloudHsm.send(new InitializeClusterCommand({ ClusterId: clusterId, SignedCert: signedCertificate, TrustAnchor: trustAnchor }));
  }
  return { PhysicalResourceId: physicalId, Data: startedNow(now) };
}

async function initializationIsComplete(event: IsCompleteRequest, clients: CustodyClients, now: Date): Promise<IsCompleteResponse> {
  if (event.RequestType === 'Delete') return { IsComplete: true };
  if (event.Data?.Awaiting === 'certificate') return { IsComplete: true, Data: { ClusterState: 'AWAITING_CERTIFICATE' } };
  return settle(
    decideInitialized(
      await observeCluster(clients.cloudHsm, declared<ClusterInitializationProperties>(event.ResourceProperties).ClusterId),
      event.Data?.StartedAt,
      now,
    ),
  );
}

async function keyStoreAct(step: KeyStoreStep, store: ObservedKeyStore | undefined, clients: CustodyClients): Promise<Decision> {
  if (step.kind !== 'act') return step;
  logger.info(`key store: ${step.call}`, { why: step.why });
  if (step.call === 'connect') await clients.kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: store!.id }));
  else await clients.kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: store!.id }));
  return { kind: 'wait', why: step.why };
}

async function kmsUserPassword(clients: CustodyClients, secretArn: string): Promise<string> {
  const secret = await clients.secrets.send(new GetSecretValueCommand({ SecretId: secretArn }));
  const password = secret.SecretString ?? '';
  if (password.length < 7 || password.length > 32)
    throw new CustodyError(`the kmsuser password secret ${secretArn} must hold 7-32 characters (CloudHSM's limit)`);
  return password;
}

async function keyStoreOnEvent(event: OnEventRequest, clients: CustodyClients, now: Date): Promise<OnEventResponse> {
  const {
    ClusterId: clusterId,
    KeyStoreName: name,
    TrustAnchor: trustAnchor,
    PasswordSecretArn: secretArn,
  } = declared<KeyStoreProperties>(event.ResourceProperties);
  const store = await observeKeyStore(clients.kms, name);
  if (event.RequestType === 'Delete') {
    // Disconnect only: a store holding keys is never deleted by CloudFormation.
    if (store) await keyStoreAct(decideKeyStoreDisconnected(store, undefined, now), store, clients);
    return { PhysicalResourceId: event.PhysicalResourceId ?? name, Data: startedNow(now) };
  }
  const action = decideKeyStoreCreate(store, clusterId);
  if (action.action === 'fail') throw new CustodyError(action.reason);
  let current = store;
  if (action.action === 'create') {
    const created = await clients.kms.send(
      new CreateCustomKeyStoreCommand({
        CustomKeyStoreName: name,
        CustomKeyStoreType: 'AWS_CLOUDHSM',
        CloudHsmClusterId: clusterId,
        TrustAnchorCertificate: trustAnchor,
        KeyStorePassword: await kmsUserPassword(clients, secretArn),
      }),
    );
    current = { id: created.CustomKeyStoreId!, name, clusterId, connectionState: 'DISCONNECTED' };
  }
  const step = await keyStoreAct(decideKeyStoreConnected(current, undefined, now, false), current, clients);
  if (step.kind === 'fail') throw new CustodyError(step.reason);
  return { PhysicalResourceId: current!.id, Data: startedNow(now) };
}

async function keyStoreIsComplete(event: IsCompleteRequest, clients: CustodyClients, now: Date): Promise<IsCompleteResponse> {
  const store = await observeKeyStore(clients.kms, declared<KeyStoreProperties>(event.ResourceProperties).KeyStoreName);
  const startedAt = event.Data?.StartedAt;
  if (event.RequestType === 'Delete') return settle(await keyStoreAct(decideKeyStoreDisconnected(store, startedAt, now), store, clients));
  return settle(await keyStoreAct(decideKeyStoreConnected(store, startedAt, now, true), store, clients));
}

/**
 * How a tenant key in a custom key store differs by kind of store: what decides create and
 * update, and what CreateKey is given. The rest (provisioner role, alias, policy,
 * adoption, keeping the key on delete) is the same for both.
 */
interface StoreKeyKind {
  readonly what: string;
  readonly runbook: string;
  decideUpdate(before: Properties, after: Properties): BackedKeyUpdateAction;
  decideCreate(props: Properties, aliasTarget: ObservedKey | undefined, store: ObservedKeyStore | undefined): ExternalKeyCreateAction;
  createParams(props: Properties, customKeyStoreId: string): Pick<CreateKeyCommandInput, 'Origin' | 'XksKeyId'>;
  /** A CreateKey refusal worth explaining, or undefined to let the error through. */
  explainRefusal?(props: Properties, e: unknown): string | undefined;
}

function backedKeyProperties(properties: Properties | undefined): BackedKeyProperties {
  const { KeyStoreName, AliasName, Description, KeyPolicy } = declared<DeclaredBackedKeyProperties>(properties);
  return { KeyStoreName, AliasName, Description, KeyPolicy };
}

function externalKeyProperties(properties: Properties | undefined): ExternalKeyUpdateProperties {
  const { KeyStoreName, XksKeyId, AliasName, Description, KeyPolicy } = declared<ExternalKeyProperties>(properties);
  return { KeyStoreName, XksKeyId, AliasName, Description, KeyPolicy };
}

const HSM_BACKED_KEY: StoreKeyKind = {
  what: 'HSM-backed key',
  runbook: 'docs/hsm-runbook.md',
  decideUpdate: (before, after) => decideBackedKeyUpdate(backedKeyProperties(before), backedKeyProperties(after)),
  decideCreate: (props, aliasTarget, store) => decideBackedKeyCreate(props.AliasName, aliasTarget, store, props.KeyStoreName),
  createParams: () => ({ Origin: 'AWS_CLOUDHSM' }),
};

const EXTERNAL_KEY: StoreKeyKind = {
  what: 'external key',
  runbook: 'docs/xks-runbook.md',
  decideUpdate: (before, after) => decideExternalKeyUpdate(externalKeyProperties(before), externalKeyProperties(after)),
  decideCreate: (props, aliasTarget, store) => decideExternalKeyCreate(props.AliasName, aliasTarget, store, props.KeyStoreName, props.XksKeyId),
  createParams: (props) => ({ Origin: 'EXTERNAL_KEY_STORE', XksKeyId: props.XksKeyId }),
  explainRefusal: (props, e) => {
    const name = e instanceof Error ? e.name : '';
    return name in XKS_KEY_EXCEPTION_ADVICE ? externalKeyRefusal(props.XksKeyId, props.KeyStoreName, name, (e as Error).message) : undefined;
  },
};

async function storeKeyOnEvent(event: OnEventRequest, clients: CustodyClients, kind: StoreKeyKind): Promise<OnEventResponse> {
  const props = declared<Properties>(event.ResourceProperties);
  if (event.RequestType === 'Delete') {
    // Kept on purpose: objects under this key would be lost with it (runbook: retiring a
    // tenant key). Nothing is called, so a provisioner role that no longer trusts this
    // tenant cannot block the deletion.
    logger.info(`${kind.what} kept on delete`, { keyArn: event.PhysicalResourceId });
    return { PhysicalResourceId: event.PhysicalResourceId! };
  }
  const kms = await clients.kmsAs(props.ProvisionerRoleArn || undefined);
  if (event.RequestType === 'Update') {
    const update = kind.decideUpdate(declared<Properties>(event.OldResourceProperties), props);
    if (update.action === 'refuse') throw new CustodyError(update.reason);
    if (update.action === 'update') {
      const keyArn = event.PhysicalResourceId!;
      if (update.policy)
        await retryWhilePrincipalsPropagate(
          () => kms.send(new PutKeyPolicyCommand({ KeyId: keyArn, PolicyName: 'default', Policy: props.KeyPolicy })),
          clients.sleep,
        );
      if (update.description) await kms.send(new UpdateKeyDescriptionCommand({ KeyId: keyArn, Description: props.Description }));
      if (update.alias) await kms.send(new CreateAliasCommand({ AliasName: props.AliasName, TargetKeyId: keyArn }));
      return { PhysicalResourceId: keyArn, Data: { Arn: keyArn } };
    }
  }
  const store = await observeKeyStore(kms, props.KeyStoreName);
  const aliasTarget = await observeKey(kms, props.AliasName);
  const action = kind.decideCreate(props, aliasTarget, store);
  if (action.action === 'fail') throw new CustodyError(action.reason);
  if (action.action === 'adopt') {
    logger.info('adopting the key the alias names', { keyArn: action.keyArn });
    await retryWhilePrincipalsPropagate(
      () => kms.send(new PutKeyPolicyCommand({ KeyId: action.keyArn, PolicyName: 'default', Policy: props.KeyPolicy })),
      clients.sleep,
    );
    return { PhysicalResourceId: action.keyArn, Data: { Arn: action.keyArn } };
  }
  let created;
  try {
    created = await retryWhilePrincipalsPropagate(
      () =>
        kms.send(
          new CreateKeyCommand({
            ...kind.createParams(props, action.customKeyStoreId),
            CustomKeyStoreId: action.customKeyStoreId,
            KeySpec: 'SYMMETRIC_DEFAULT',
            KeyUsage: 'ENCRYPT_DECRYPT',
            MultiRegion: false,
            Description: props.Description,
            Policy: props.KeyPolicy,
            Tags: JSON.parse(props.Tags || '[]') as { TagKey: string; TagValue: string }[],
          }),
        ),
      clients.sleep,
    );
  } catch (e) {
    const explained = kind.explainRefusal?.(props, e);
    if (explained) throw new CustodyError(explained);
    throw e;
  }
  const keyArn = created.KeyMetadata?.Arn;
  if (!keyArn) throw new CustodyError('CreateKey returned no key ARN');
  try {
    await kms.send(new CreateAliasCommand({ AliasName: props.AliasName, TargetKeyId: keyArn }));
  } catch (e) {
    // The provisioner may not delete keys (a tenant that took over its handler could
    // otherwise destroy its own data's key): the key-custody account's break-glass role
    // retires the unaliased key, which no alias or bucket names.
    throw new CustodyError(
      `created key ${keyArn} but could not alias it ${props.AliasName} (${errorText(e)}): a retry would create another key. Have the key-custody account's break-glass role schedule deletion of ${keyArn} (${kind.runbook}, retiring a key), fix the cause, then retry the deployment`,
    );
  }
  return { PhysicalResourceId: keyArn, Data: { Arn: keyArn } };
}

// ---- the external key store ------------------------------------------------------------

async function proxyCredential(clients: CustodyClients, props: ExternalKeyStoreProperties) {
  const secret = await clients.secrets.send(new GetSecretValueCommand({ SecretId: props.CredentialSecretArn }));
  const check = checkProxyCredential(secret.SecretString, props.CredentialSecretArn, props.CredentialAccessKeyId);
  if (!check.ok) throw new CustodyError(check.reason);
  return { AccessKeyId: check.accessKeyId, RawSecretAccessKey: check.secretAccessKey };
}

/** KMS's refusal of a store call, verbatim, with the fix when it is a known one. */
async function storeCall<T>(operation: string, storeName: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (e instanceof Error && e.name in XKS_STORE_EXCEPTION_ADVICE) throw new CustodyError(xksStoreRefusal(operation, storeName, e.name, e.message));
    throw e;
  }
}

/** UpdateCustomKeyStore with the settings that differ, and the credential when KMS signs with another. */
async function updateExternalKeyStore(
  clients: CustodyClients,
  name: string,
  id: string,
  changed: Partial<XksProxySettings>,
  credential: { AccessKeyId: string; RawSecretAccessKey: string } | undefined,
): Promise<void> {
  logger.info('external key store: updating', { fields: Object.keys(changed), credential: credential !== undefined });
  await storeCall('UpdateCustomKeyStore', name, () =>
    clients.kms.send(
      new UpdateCustomKeyStoreCommand({
        CustomKeyStoreId: id,
        ...(changed.connectivity ? { XksProxyConnectivity: changed.connectivity as XksProxyConnectivityType } : {}),
        ...(changed.uriEndpoint ? { XksProxyUriEndpoint: changed.uriEndpoint } : {}),
        ...(changed.uriPath ? { XksProxyUriPath: changed.uriPath } : {}),
        // Moving to a public endpoint drops the service: KMS takes no empty name, so none is sent.
        ...(changed.vpcEndpointServiceName ? { XksProxyVpcEndpointServiceName: changed.vpcEndpointServiceName } : {}),
        ...(credential ? { XksProxyAuthenticationCredential: credential } : {}),
      }),
    ),
  );
}

function declaredSettings(props: ExternalKeyStoreProperties): XksProxySettings {
  return { connectivity: props.Connectivity, uriEndpoint: props.UriEndpoint, uriPath: props.UriPath, vpcEndpointServiceName: props.VpcEndpointServiceName };
}

async function externalKeyStoreOnEvent(event: OnEventRequest, clients: CustodyClients, now: Date): Promise<OnEventResponse> {
  const props = declared<ExternalKeyStoreProperties>(event.ResourceProperties);
  const name = props.KeyStoreName;
  if (event.RequestType === 'Delete') {
    // Left as it is, connected: removing the resource (deleting the stack, or taking
    // credentialAccessKeyId out of the config) stops managing the store, and must not
    // make every tenant key in it unusable. Disconnecting is for people (the runbook).
    logger.info('external key store left as it is on delete', { storeId: event.PhysicalResourceId });
    return { PhysicalResourceId: event.PhysicalResourceId ?? name, Data: startedNow(now) };
  }
  const store = await observeKeyStore(clients.kms, name);
  const settings = declaredSettings(props);
  const action = decideExternalKeyStore(store, settings, props.CredentialAccessKeyId);
  if (action.action === 'fail') throw new CustodyError(action.reason);
  const credential = await proxyCredential(clients, props);
  if (action.action === 'create') {
    const created = await storeCall('CreateCustomKeyStore', name, () =>
      clients.kms.send(
        new CreateCustomKeyStoreCommand({
          CustomKeyStoreName: name,
          CustomKeyStoreType: 'EXTERNAL_KEY_STORE',
          XksProxyConnectivity: settings.connectivity as XksProxyConnectivityType,
          XksProxyUriEndpoint: settings.uriEndpoint,
          XksProxyUriPath: settings.uriPath,
          ...(settings.vpcEndpointServiceName ? { XksProxyVpcEndpointServiceName: settings.vpcEndpointServiceName } : {}),
          XksProxyAuthenticationCredential: credential,
        }),
      ),
    );
    const current: ObservedKeyStore = { id: created.CustomKeyStoreId!, name, type: 'EXTERNAL_KEY_STORE', connectionState: 'DISCONNECTED' };
    await keyStoreAct(decideKeyStoreConnected(current, undefined, now, false), current, clients);
    return { PhysicalResourceId: current.id, Data: startedNow(now) };
  }
  if (action.disconnectFirst) {
    // The settings that need a disconnected store are applied by isComplete once it is.
    logger.info('external key store: disconnecting a FAILED store to change its settings', { fields: Object.keys(action.settings) });
    await clients.kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: action.id }));
    return { PhysicalResourceId: action.id, Data: startedNow(now) };
  }
  if (Object.keys(action.settings).length > 0 || action.credential) {
    await updateExternalKeyStore(clients, name, action.id, action.settings, action.credential ? credential : undefined);
  }
  const step = await keyStoreAct(decideKeyStoreConnected(store, undefined, now, false), store, clients);
  if (step.kind === 'fail') throw new CustodyError(step.reason);
  return { PhysicalResourceId: action.id, Data: startedNow(now) };
}

async function externalKeyStoreIsComplete(event: IsCompleteRequest, clients: CustodyClients, now: Date): Promise<IsCompleteResponse> {
  if (event.RequestType === 'Delete') return { IsComplete: true };
  const props = declared<ExternalKeyStoreProperties>(event.ResourceProperties);
  const store = await observeKeyStore(clients.kms, props.KeyStoreName);
  const step = decideExternalKeyStorePoll(store, declaredSettings(props), props.CredentialAccessKeyId, event.Data?.StartedAt, now);
  if (step.kind === 'update-then-connect') {
    const credential = step.credential ? await proxyCredential(clients, props) : undefined;
    await updateExternalKeyStore(clients, props.KeyStoreName, store!.id, step.settings, credential);
    logger.info('key store: connect', { why: 'settings applied to the disconnected store' });
    await clients.kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: store!.id }));
    return { IsComplete: false };
  }
  return settle(await keyStoreAct(step, store, clients));
}

// ---- dispatch -------------------------------------------------------------------------

export function createHandlers(clients: CustodyClients, clock: () => Date = () => new Date()) {
  return {
    async onEvent(event: OnEventRequest): Promise<OnEventResponse> {
      logger.info('request', {
        requestType: event.RequestType,
        resourceType: event.ResourceType,
        logicalId: event.LogicalResourceId,
        physicalId: event.PhysicalResourceId,
      });
      switch (event.ResourceType) {
        case HSM_RESOURCE_TYPES.hsm:
          return hsmOnEvent(event, clients, clock());
        case HSM_RESOURCE_TYPES.clusterInitialization:
          return initializationOnEvent(event, clients, clock());
        case HSM_RESOURCE_TYPES.keyStore:
          return keyStoreOnEvent(event, clients, clock());
        case HSM_RESOURCE_TYPES.backedKey:
          return storeKeyOnEvent(event, clients, HSM_BACKED_KEY);
        case XKS_RESOURCE_TYPES.keyStore:
          return externalKeyStoreOnEvent(event, clients, clock());
        case XKS_RESOURCE_TYPES.key:
          return storeKeyOnEvent(event, clients, EXTERNAL_KEY);
        default:
          throw new CustodyError(`unknown resource type ${event.ResourceType}`);
      }
    },
    async isComplete(event: IsCompleteRequest): Promise<IsCompleteResponse> {
      switch (event.ResourceType) {
        case HSM_RESOURCE_TYPES.hsm:
          return hsmIsComplete(event, clients, clock());
        case HSM_RESOURCE_TYPES.clusterInitialization:
          return initializationIsComplete(event, clients, clock());
        case HSM_RESOURCE_TYPES.keyStore:
          return keyStoreIsComplete(event, clients, clock());
        case XKS_RESOURCE_TYPES.keyStore:
          return externalKeyStoreIsComplete(event, clients, clock());
        case HSM_RESOURCE_TYPES.backedKey:
        case XKS_RESOURCE_TYPES.key:
          // CreateKey in a connected store is synchronous: the key is usable when onEvent returns.
          return { IsComplete: true, ...(event.Data ? { Data: event.Data } : {}) };
        default:
          throw new CustodyError(`unknown resource type ${event.ResourceType}`);
      }
    },
  };
}

// ---- the Lambda entry points: clients made once per execution environment --------------

/**
 * KMS as the provisioner role the tenant's key policy trusts, with the credentials
 * cached until five minutes before they expire. `clientConfig` is for tests that send
 * the calls to another endpoint.
 */
export function kmsAssumer(sts: STSClient, own: KMSClient, clientConfig: KMSClientConfig = {}): CustodyClients['kmsAs'] {
  const assumed = new Map<string, { client: KMSClient; expires: number }>();
  return async (roleArn) => {
    if (!roleArn) return own;
    const cached = assumed.get(roleArn);
    if (cached && cached.expires > Date.now() + 5 * 60 * 1000) return cached.client;
    const { Credentials: c } = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'suveren-hsm-backed-key', DurationSeconds: 900 }));
    if (!c?.AccessKeyId || !c.SecretAccessKey) throw new CustodyError(`assuming ${roleArn} returned no credentials`);
    const client = new KMSClient({
      ...clientConfig,
      credentials: { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration },
    });
    assumed.set(roleArn, { client, expires: c.Expiration?.getTime() ?? Date.now() });
    return client;
  };
}

const kms = new KMSClient({});
const kmsAs = kmsAssumer(new STSClient({}), kms);

const handlers = createHandlers({ cloudHsm: new CloudHSMV2Client({}), kms, secrets: new SecretsManagerClient({}), kmsAs });

export const onEvent = (event: OnEventRequest): Promise<OnEventResponse> => handlers.onEvent(event);
export const isComplete = (event: IsCompleteRequest): Promise<IsCompleteResponse> => handlers.isComplete(event);
