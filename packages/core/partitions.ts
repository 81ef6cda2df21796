import type { KeyStoreKind } from './contracts/tiers';

/*
 * What each AWS partition suveren synthesizes for offers of what suveren emits, defined
 * once, next to the region list. Synthesis and config validation follow it: nothing is
 * emitted that the partition is not known to have, and a tier whose service is not
 * known to exist there is refused unless the config explicitly assumes it
 * (`organization.assumeAvailable`, which the evidence report shows).
 */

export type Availability = 'available' | 'unavailable' | 'unverified';

export interface CapabilityEntry {
  readonly availability: Availability;
  /** Where this was established. */
  readonly source: string;
  /** When it was checked (YYYY-MM-DD). */
  readonly checked: string;
}

/** The capabilities suveren emits or relies on. */
export const CAPABILITIES = {
  'organizations:scp': 'AWS Organizations service control policies',
  'organizations:rcp': 'AWS Organizations resource control policies',
  cloudhsm: 'AWS CloudHSM (clusters, HSMs, and the cloudhsmv2 interface endpoint)',
  'kms:cloudhsm-key-store': 'AWS KMS custom key stores backed by CloudHSM',
  'kms:external-key-store': 'AWS KMS external key stores (XKS)',
  'endpoint:kms': 'the KMS interface endpoint',
  'endpoint:sts': 'the STS interface endpoint',
  'endpoint:ssm': 'the Systems Manager interface endpoint',
  'endpoint:ssmmessages': 'the Session Manager channel endpoint (ssmmessages)',
  'endpoint:ec2messages': 'the ec2messages interface endpoint (SSM Agent on the activation host)',
  'endpoint:logs': 'the CloudWatch Logs interface endpoint',
  codepipeline: 'AWS CodePipeline V2 (Suveren-Pipeline)',
  codebuild: "AWS CodeBuild (the pipeline's synth and deploy builds)",
  codeconnections: "AWS CodeConnections (a repository as the pipeline's source)",
  'cloudformation:service-managed-stacksets': 'CloudFormation StackSets with service-managed permissions (Suveren-Bootstrap)',
  'identity-center': 'AWS IAM Identity Center (permission sets and group assignments, Suveren-People)',
} as const;

export type Capability = keyof typeof CAPABILITIES;
export const CAPABILITY_IDS = Object.keys(CAPABILITIES) as Capability[];

export type Partition = 'aws' | 'aws-eusc';

const CHECKED = '2026-11-30';
const CHECKED_PIPELINE = '2026-12-02';
const COMMERCIAL: CapabilityEntry = {
  availability: 'available',
  source: 'AWS service documentation and the regional services list for the EU regions',
  checked: CHECKED,
};
const LZA_EUSC = 'aws/lza-universal-configuration v1.3.0 (2026-07-31), replacements/replacements-for-aws-european-sovereign-cloud.yaml';

export const PARTITION_CAPABILITIES: Record<Partition, Record<Capability, CapabilityEntry>> = {
  aws: Object.fromEntries(Object.keys(CAPABILITIES).map((id) => [id, COMMERCIAL])) as Record<Capability, CapabilityEntry>,
  'aws-eusc': {
    'organizations:scp': { availability: 'available', source: `${LZA_EUSC}: its organization config keeps service control policies`, checked: CHECKED },
    'organizations:rcp': { availability: 'unavailable', source: `${LZA_EUSC}: "EUSC: Resource Control Policies not supported"`, checked: CHECKED },
    cloudhsm: {
      availability: 'unverified',
      source: 'not listed for the European Sovereign Cloud in the AWS documentation searched; check the partition service list before relying on it',
      checked: CHECKED,
    },
    'kms:cloudhsm-key-store': { availability: 'unverified', source: 'follows CloudHSM; not documented for the European Sovereign Cloud', checked: CHECKED },
    'kms:external-key-store': { availability: 'unverified', source: 'not documented for the European Sovereign Cloud', checked: CHECKED },
    'endpoint:kms': { availability: 'available', source: `${LZA_EUSC}: kept in its interface-endpoint list`, checked: CHECKED },
    'endpoint:sts': { availability: 'available', source: `${LZA_EUSC}: kept in its interface-endpoint list`, checked: CHECKED },
    'endpoint:ssm': { availability: 'available', source: `${LZA_EUSC}: kept in its interface-endpoint list`, checked: CHECKED },
    'endpoint:ssmmessages': { availability: 'available', source: `${LZA_EUSC}: kept in its interface-endpoint list`, checked: CHECKED },
    'endpoint:ec2messages': {
      availability: 'unavailable',
      source: `${LZA_EUSC}: removed from its interface-endpoint list (describe-vpc-endpoint-services, April 2026)`,
      checked: CHECKED,
    },
    'endpoint:logs': { availability: 'available', source: `${LZA_EUSC}: kept in its interface-endpoint list`, checked: CHECKED },
    codepipeline: {
      availability: 'unverified',
      source: "not found in the AWS documentation searched for the European Sovereign Cloud; check the partition's service list before relying on it",
      checked: CHECKED_PIPELINE,
    },
    codebuild: {
      availability: 'unverified',
      source: "not found in the AWS documentation searched for the European Sovereign Cloud; check the partition's service list before relying on it",
      checked: CHECKED_PIPELINE,
    },
    codeconnections: {
      availability: 'unverified',
      source:
        'the CodeConnections user guide lists commercial regions without it (Europe (Zurich), Europe (Spain)) and says nothing of the European Sovereign Cloud',
      checked: CHECKED_PIPELINE,
    },
    'cloudformation:service-managed-stacksets': {
      availability: 'unverified',
      source: 'service-managed StackSets need AWS Organizations trusted access for CloudFormation; not documented for the European Sovereign Cloud',
      checked: CHECKED_PIPELINE,
    },
    'identity-center': {
      availability: 'unavailable',
      source: `${LZA_EUSC}: "EUSC: Control Tower enabled but Identity Center access disabled (not yet available in EUSC)"`,
      checked: '2026-12-06',
    },
  },
};

/**
 * Commercial EU regions without AWS CodeConnections, where a pipeline's source must be the
 * release bucket. Source: AWS CodeConnections User Guide, supported Regions ("available in
 * all Regions where CodePipeline is supported except ... Europe (Zurich) ... Europe
 * (Spain)"), checked 2026-12-02.
 */
export const REGIONS_WITHOUT_CODECONNECTIONS: readonly string[] = ['eu-central-2', 'eu-south-2'];

/** What a deployment section needs from its partition, by source kind. */
export const PIPELINE_REQUIREMENTS = {
  s3: ['codepipeline', 'codebuild'],
  codeConnections: ['codepipeline', 'codebuild', 'codeconnections'],
} as const satisfies Record<string, readonly Capability[]>;

export function isKnownPartition(partition: string): partition is Partition {
  return partition in PARTITION_CAPABILITIES;
}

/** A human name for a partition, for messages. */
export function partitionName(partition: string): string {
  return partition === 'aws-eusc' ? 'aws-eusc (AWS European Sovereign Cloud)' : partition === 'aws' ? 'aws (commercial)' : partition;
}

/**
 * Whether suveren may emit or rely on `capability` in `partition`: it is available, or
 * the config assumes it (an operator checked AWS's service list). An unknown partition
 * has nothing available.
 */
export function isUsable(partition: string, capability: Capability, assumed: readonly Capability[] = []): boolean {
  if (assumed.includes(capability)) return true;
  return isKnownPartition(partition) && PARTITION_CAPABILITIES[partition][capability].availability === 'available';
}

/** What a tier's key store needs from its partition. */
export const KEY_STORE_REQUIREMENTS: Record<KeyStoreKind, readonly Capability[]> = {
  'aws-kms': [],
  cloudhsm: ['cloudhsm', 'kms:cloudhsm-key-store'],
  'external-key-store': ['kms:external-key-store'],
};
