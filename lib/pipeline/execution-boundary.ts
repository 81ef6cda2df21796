import type { PolicyDocument } from '../guardrails/policy-documents';

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
} as const;

export function executionBoundaryDocument(): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      // A boundary grants nothing; it only caps what the role's own policy grants.
      { Sid: 'CapToWhatTheExecutionPolicyGrants', Effect: 'Allow', Action: ['*'], Resource: '*' },
      { Sid: 'DenyDestroyingStoredData', Effect: 'Deny', Action: [...EXECUTION_BOUNDARY_DENIED.destroyData], Resource: '*' },
      { Sid: 'DenyCreatingIdentities', Effect: 'Deny', Action: [...EXECUTION_BOUNDARY_DENIED.createIdentities], Resource: '*' },
      { Sid: 'DenyEscapingTheBoundary', Effect: 'Deny', Action: [...EXECUTION_BOUNDARY_DENIED.escapeBoundary], Resource: '*' },
    ],
  };
}
