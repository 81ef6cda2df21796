import type { PolicyDocument, PolicyStatement } from '../guardrails/policy-documents';
import { EXECUTION_BOUNDARY_POLICY_NAME, WORKLOAD_BOUNDARY_POLICY_NAME } from '@suveren/core/contracts/names';

/*
 * The permissions boundary of every target account's CDK CloudFormation execution role,
 * which Suveren-Bootstrap deploys as a managed policy of a fixed name
 * (EXECUTION_BOUNDARY_POLICY_NAME) and names in the bootstrap template's
 * InputPermissionsBoundary parameter. The execution role keeps AdministratorAccess as its
 * policy (what CloudFormation needs to create whatever a template declares); the boundary
 * takes away what no suveren template ever asks for, whoever wrote the template.
 */

/** What a CloudFormation deployment may never do in a member account, whatever its template says. */
export const EXECUTION_BOUNDARY_DENIED = {
  /** Every stateful resource suveren declares is retained: no deployment deletes stored data or keys. */
  destroyData: [
    'kms:ScheduleKeyDeletion',
    'kms:DisableKey',
    's3:DeleteBucket',
    's3:DeleteObject',
    's3:DeleteObjectVersion',
    'logs:DeleteLogGroup',
    'secretsmanager:DeleteSecret',
    'cloudhsm:DeleteCluster',
    'cloudhsm:DeleteBackup',
  ],
  /** suveren creates roles for services and its own duties, never users or identity providers. */
  createIdentities: ['iam:CreateUser', 'iam:CreateAccessKey', 'iam:CreateLoginProfile', 'iam:CreateSAMLProvider', 'iam:CreateOpenIDConnectProvider'],
  /** Nor does it change this boundary, or take a boundary off a role (suveren declares no managed policies of its own). */
  escapeBoundary: [
    'iam:CreatePolicyVersion',
    'iam:DeletePolicy',
    'iam:DeletePolicyVersion',
    'iam:SetDefaultPolicyVersion',
    'iam:DeleteRolePermissionsBoundary',
  ],
  /** Every role it creates, or gives a boundary, carries the workload boundary (as CDK's example boundary requires its own). */
  unboundedRoles: ['iam:CreateRole', 'iam:PutRolePermissionsBoundary'],
} as const;

/** The boundary a created role must carry, in whichever account it is created (a boundary is always a policy of the role's own account). */
const WORKLOAD_BOUNDARY_ARN_PATTERN = `arn:*:iam::*:policy/${WORKLOAD_BOUNDARY_POLICY_NAME}`;

/**
 * Denies creating a role, or setting a role's boundary, unless the boundary is the workload
 * boundary: a template cannot mint a role that escapes what the boundaries deny.
 */
const denyUnboundedRoles: PolicyStatement = {
  Sid: 'DenyRolesWithoutTheWorkloadBoundary',
  Effect: 'Deny',
  Action: [...EXECUTION_BOUNDARY_DENIED.unboundedRoles],
  Resource: '*',
  Condition: { StringNotLike: { 'iam:PermissionsBoundary': WORKLOAD_BOUNDARY_ARN_PATTERN } },
};

/** Changing either boundary's document, or taking a boundary off a role. */
const denyEscapingBoundaries: PolicyStatement = {
  Sid: 'DenyEscapingTheBoundary',
  Effect: 'Deny',
  Action: [...EXECUTION_BOUNDARY_DENIED.escapeBoundary],
  Resource: '*',
};

/**
 * The CloudFormation execution role's boundary.
 * @param requireWorkloadBoundary whether roles it creates must carry the workload boundary:
 *   everywhere but the deployment account, whose Suveren-Pipeline is deployed before the
 *   StackSet that creates the workload boundary there (and whose administrators the design trusts).
 */
export function executionBoundaryDocument(requireWorkloadBoundary = true): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      // A boundary grants nothing; it only caps what the role's own policy grants.
      { Sid: 'CapToWhatTheExecutionPolicyGrants', Effect: 'Allow', Action: ['*'], Resource: '*' },
      { Sid: 'DenyDestroyingStoredData', Effect: 'Deny', Action: [...EXECUTION_BOUNDARY_DENIED.destroyData], Resource: '*' },
      { Sid: 'DenyCreatingIdentities', Effect: 'Deny', Action: [...EXECUTION_BOUNDARY_DENIED.createIdentities], Resource: '*' },
      denyEscapingBoundaries,
      ...(requireWorkloadBoundary ? [denyUnboundedRoles] : []),
    ],
  };
}

/**
 * The boundary of every role a deployment creates in a member account: whatever the role's
 * policies grant (the inspection function deletes rejected objects, a key administrator
 * schedules deletion), it creates no users or access keys, changes no boundary, and creates
 * only roles that carry this boundary in turn. So no role a template mints can hand out
 * more than the boundaries allow.
 */
export function workloadBoundaryDocument(): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'CapToWhatTheRolePoliciesGrant', Effect: 'Allow', Action: ['*'], Resource: '*' },
      { Sid: 'DenyCreatingIdentities', Effect: 'Deny', Action: [...EXECUTION_BOUNDARY_DENIED.createIdentities], Resource: '*' },
      denyEscapingBoundaries,
      denyUnboundedRoles,
    ],
  };
}

/** The boundary policies' names, for the StackSet that creates them and the SCP that protects them. */
export const BOUNDARY_POLICY_NAMES = [EXECUTION_BOUNDARY_POLICY_NAME, WORKLOAD_BOUNDARY_POLICY_NAME] as const;
