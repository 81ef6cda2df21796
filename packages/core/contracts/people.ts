/*
 * The person-facing roles of a tenant and the IAM Identity Center permission set that
 * reaches each: one table, read by the config schema, the people stacks, the tenant
 * roles' trust policies, the evidence and the replay table.
 *
 * A permission set assigned to an account becomes a role there named
 * `AWSReservedSSO_<permission set name>_<suffix>`, under the path
 * `/aws-reserved/sso.amazonaws.com/<Identity Center home region>/` (no region segment for a
 * us-east-1 home region, which the EU allow-list excludes). The suffix changes when every
 * assignment is removed and made again, so trust policies match it with a wildcard, as IAM
 * Identity Center's user guide shows: "Referencing permission sets in resource policies,
 * Amazon EKS, and AWS KMS",
 * https://docs.aws.amazon.com/singlesignon/latest/userguide/referencingpermissionsets.html
 */

/** The person-facing role kinds, in the order the config, the stacks and the evidence list them. */
export const PERSON_ROLE_KINDS = ['reader', 'uploader', 'keyAdmin', 'migration', 'eraser', 'restorer'] as const;
export type PersonRoleKind = (typeof PERSON_ROLE_KINDS)[number];

export interface PersonRole {
  /** The tenant role's duty, as in its name `suveren-<tenant>-<duty>`. */
  readonly duty: string;
  /** The permission set's name: one per kind, the same in every tenant account (at most 32 characters). */
  readonly permissionSetName: string;
  /** What the role is for, in the permission set's description. */
  readonly description: string;
}

export const PERSON_ROLES: Readonly<Record<PersonRoleKind, PersonRole>> = {
  reader: { duty: 'reader', permissionSetName: 'suveren-reader', description: "assume the tenant's reader role: list and read accepted objects" },
  uploader: { duty: 'uploader', permissionSetName: 'suveren-uploader', description: "assume the tenant's uploader role: write new objects" },
  keyAdmin: {
    duty: 'key-admin',
    permissionSetName: 'suveren-key-admin',
    description: "assume the tenant's key administrator role: administer the tenant key, never use it",
  },
  migration: {
    duty: 'migration',
    permissionSetName: 'suveren-migration',
    description: "assume the tenant's migration role while it exists: re-key stored versions after a tier raise",
  },
  eraser: {
    duty: 'eraser',
    permissionSetName: 'suveren-eraser',
    description: "assume the tenant's eraser role: delete every version of an object on an erasure request (suveren erase), read nothing",
  },
  restorer: {
    duty: 'restorer',
    permissionSetName: 'suveren-restorer',
    description: "assume the tenant's restorer role: copy accepted versions back from the replica or older versions (suveren restore)",
  },
};

/** The name of a tenant's role of `duty`, e.g. `suveren-malmo-stad-reader`: the constructs name it, the evidence and the permission sets match it. */
export function tenantRoleName(tenantId: string, duty: string): string {
  return `suveren-${tenantId}-${duty}`;
}

/** The session a permission set hands out: Identity Center's shortest, as ISO 8601. Role chaining caps the suveren role's session at one hour anyway. */
export const PERMISSION_SET_SESSION_DURATION = 'PT1H';

/** The pattern of the roles a permission set becomes in `account` (ArnLike), whatever their suffix. */
export function permissionSetRoleArnPattern(partition: string, account: string, homeRegion: string, kind: PersonRoleKind): string {
  return `arn:${partition}:iam::${account}:role/aws-reserved/sso.amazonaws.com/${homeRegion}/AWSReservedSSO_${PERSON_ROLES[kind].permissionSetName}_*`;
}

/** The SAML provider Identity Center creates in each account it provisions, which mints the permission-set sessions. */
export const IDENTITY_CENTER_SAML_PROVIDER_PATTERN = 'saml-provider/AWSSSO_*';

/** The path under which Identity Center creates the permission-set roles; only its service-linked role may change them. */
export const IDENTITY_CENTER_ROLE_PATH_PATTERN = 'role/aws-reserved/sso.amazonaws.com/*';

/** The IAM Identity Center stack, in the Identity Center administrator account and home region. */
export const PEOPLE_STACK_ID = 'Suveren-People';

/** A shard of group assignments beyond what Suveren-People holds. */
export function peopleAssignmentsStackId(shard: number): string {
  return `${PEOPLE_STACK_ID}-Assignments-${shard}`;
}

/** Group assignments per stack: CloudFormation allows 500 resources, and each assignment is one. */
export const ASSIGNMENTS_PER_STACK = 400;

/*
 * The platform's people: the operators of Suveren-Pipeline, the approvers of its two
 * approvals, and the auditors of the audit account. Each kind is one permission set,
 * assigned to the configured groups in the account where its work is, and grants no
 * path to a tenant's data (the reach graph evaluates each).
 */

/** The platform role kinds, in the order the config and the stacks list them. */
export const PLATFORM_ROLE_KINDS = ['operator', 'changeApprover', 'organizationApprover', 'auditor'] as const;
export type PlatformRoleKind = (typeof PLATFORM_ROLE_KINDS)[number];

export interface PlatformRole {
  /** The permission set's name (at most 32 characters). */
  readonly permissionSetName: string;
  /** The account its permission set is assigned in: Suveren-Pipeline's or the audit account. */
  readonly account: 'deployment' | 'audit';
  /** What the role is for, in the permission set's description. */
  readonly description: string;
}

export const PLATFORM_ROLES: Readonly<Record<PlatformRoleKind, PlatformRole>> = {
  operator: {
    permissionSetName: 'suveren-operator',
    account: 'deployment',
    description: 'watch Suveren-Pipeline and its builds, start and retry it; approve nothing, change nothing',
  },
  changeApprover: {
    permissionSetName: 'suveren-change-approver',
    account: 'deployment',
    description: "approve or reject a landing-zone change at the pipeline's ApproveChanges actions",
  },
  organizationApprover: {
    permissionSetName: 'suveren-organization-approver',
    account: 'deployment',
    description: "approve or reject a guardrails change at the pipeline's ApproveOrganization action",
  },
  auditor: {
    permissionSetName: 'suveren-auditor',
    account: 'audit',
    description: "read the organization's CloudTrail events and AWS Config's aggregated compliance; change nothing",
  },
};
