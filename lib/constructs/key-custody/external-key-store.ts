import { CustomResource, RemovalPolicy, aws_iam as iam, aws_kms as kms, aws_secretsmanager as secretsmanager } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { XKS_RESOURCE_TYPES, type ExternalKeyStoreProperties } from '@suveren/core/contracts/custom-resources';
import { XKS_CONNECTIVITY, type XksConnectivity } from '@suveren/core/contracts/xks';
import { protectCustodySecret } from './custody-secret';
import type { KeyCustodyProvider } from './key-custody-provider';

export interface ExternalKeyStoreProps {
  /** The store's name in KMS; tenant stacks find the store by it. */
  readonly keyStoreName: string;
  /** The handler that creates and connects the store. */
  readonly provider: KeyCustodyProvider;
  /** How KMS reaches the proxy. */
  readonly connectivity: XksConnectivity;
  /** The proxy's `https://<host>`; with a VPC endpoint service, the service's private DNS name. */
  readonly uriEndpoint: string;
  /** The proxy's API path, `[/<prefix>]/kms/xks/v1`. */
  readonly uriPath: string;
  /**
   * The VPC endpoint service KMS connects through.
   * @default none: required with connectivity `vpc-endpoint-service`, refused with `public-endpoint`
   */
  readonly vpcEndpointServiceName?: string;
  /** Encrypts the proxy credential secret. */
  readonly operationsKey: kms.IKey;
  /** The role (in this account) a crypto officer assumes to put the proxy credential in its secret. */
  readonly cryptoOfficerArn: string;
  /** The only principals that may change the secret's policy, settings or existence: the platform's deployment role. */
  readonly platformPrincipalArns: readonly string[];
  /**
   * The access key id of the credential the crypto officer put in the secret and the proxy
   * serves. Until it is given, only the secret exists; changing it rotates the credential.
   * @default none: the store is not created yet
   */
  readonly credentialAccessKeyId?: string;
}

/**
 * `Custom::SuverenExternalKeyStore`: a KMS external key store, connected to the
 * customer's XKS proxy. The proxy's SigV4 credential is made on the customer's premises
 * (`suveren xks-proxy credential`) and put by the crypto officer into a secret encrypted
 * with the operations key, which only the handler and the crypto officer can read; the
 * handler hands it to KMS at run time, so it is in no template, parameter, output or log.
 * Removing the resource disconnects the store and keeps it: deleting a store would
 * orphan every tenant key in it.
 */
export class ExternalKeyStore extends Construct {
  /** Absent until `credentialAccessKeyId`. */
  public readonly resource?: CustomResource;
  public readonly proxyCredential: secretsmanager.Secret;
  /** KMS's id of the store (`cks-...`); absent until `credentialAccessKeyId`. */
  public readonly customKeyStoreId?: string;

  constructor(scope: Construct, id: string, props: ExternalKeyStoreProps) {
    super(scope, id);
    const viaEndpointService = props.connectivity === 'vpc-endpoint-service';
    if (viaEndpointService !== (props.vpcEndpointServiceName !== undefined)) {
      throw new Error(
        `ExternalKeyStore ${this.node.path}: vpcEndpointServiceName is ${viaEndpointService ? 'required with' : 'refused with'} connectivity ${props.connectivity}`,
      );
    }
    // A placeholder until the crypto officer puts the credential there: JSON the handler
    // recognizes as "not yet", generated so no value is written in the template.
    this.proxyCredential = new secretsmanager.Secret(this, 'ProxyCredential', {
      description: `SigV4 credential KMS signs its calls to the XKS proxy of external key store ${props.keyStoreName} with, as {"accessKeyId", "secretAccessKey"} (docs/xks-runbook.md, step 5)`,
      encryptionKey: props.operationsKey,
      removalPolicy: RemovalPolicy.RETAIN,
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ note: 'put the proxy credential here: docs/xks-runbook.md, step 5' }),
        generateStringKey: 'placeholder',
      },
    });
    protectCustodySecret(this.proxyCredential, {
      reader: props.provider.role,
      cryptoOfficerArn: props.cryptoOfficerArn,
      platformPrincipalArns: props.platformPrincipalArns,
      operationsKey: props.operationsKey,
      whyNoRotation:
        "The proxy credential must change on the proxy and in KMS together, with the old one still accepted in between (the proxy takes two at once); a rotation function cannot reach the proxy on the customer's premises. docs/xks-runbook.md gives the procedure (new credential on the proxy, into this secret, new credentialAccessKeyId, deploy, old one removed), and the stack alarms on the credential's age.",
    });

    if (props.credentialAccessKeyId !== undefined) {
      this.resource = new CustomResource(this, 'Resource', {
        serviceToken: props.provider.serviceToken,
        resourceType: XKS_RESOURCE_TYPES.keyStore,
        properties: {
          KeyStoreName: props.keyStoreName,
          Connectivity: XKS_CONNECTIVITY[props.connectivity],
          UriEndpoint: props.uriEndpoint,
          UriPath: props.uriPath,
          VpcEndpointServiceName: props.vpcEndpointServiceName ?? '',
          CredentialSecretArn: this.proxyCredential.secretArn,
          CredentialAccessKeyId: props.credentialAccessKeyId,
        } satisfies ExternalKeyStoreProperties,
      });
      this.customKeyStoreId = this.resource.getAttString('CustomKeyStoreId');
    }

    props.provider.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: [
          'kms:CreateCustomKeyStore',
          'kms:ConnectCustomKeyStore',
          'kms:DisconnectCustomKeyStore',
          'kms:DescribeCustomKeyStores',
          'kms:UpdateCustomKeyStore',
        ],
        resources: ['*'],
      }),
    );
    if (viaEndpointService) {
      // KMS checks the endpoint service as its caller when it creates or updates the store.
      props.provider.role.addToPrincipalPolicy(
        new iam.PolicyStatement({ actions: ['ec2:DescribeVpcEndpointServiceConfigurations', 'ec2:DescribeVpcEndpointServices'], resources: ['*'] }),
      );
    }
  }
}
