import type { AccessCapability } from '../authorization/access-capabilities';
import type { AcknowledgeableChangeKind, RefusalKind } from '@suveren/core/contracts/change-kinds';
import type { Tier } from '@suveren/core/contracts/tiers';
import type { KeyPolicyPrincipalChange, OrganizationPolicyChange, TrustChange } from './policy-changes';
import type { ResourceChangeEntry } from './stack-diff';

/*
 * The plan's report: one JSON document (docs/plan.md describes its schema), rendered as
 * markdown for a pull-request comment. Everything in it is sorted and free of clocks and
 * absolute paths, so identical input gives identical bytes.
 */

export const PLAN_SCHEMA_VERSION = '1.3.0';

/** Exit codes of `suveren plan`: 2 is a refusal, 1 is bad input. */
export const PLAN_EXIT = { ok: 0, badInput: 1, refused: 2 } as const;

export interface PlanRefusal {
  readonly kind: RefusalKind;
  readonly stack: string;
  readonly logicalId?: string;
  readonly resourceType?: string;
  /** Since 1.3.0: for `reach-gained`, the principal that gains the path (one refusal each). */
  readonly principal?: string;
  /** The resource or tenant, in words. */
  readonly subject: string;
  /** What would be lost or left behind. */
  readonly lost: string;
  /** What to do instead, or how to acknowledge it. */
  readonly fix: string;
  /** The config's acknowledgment, when there is one. */
  readonly acknowledged?: { readonly reason: string; readonly index: number };
}

export interface PlanAcknowledgment {
  readonly index: number;
  readonly stack: string;
  readonly logicalId?: string;
  readonly principal?: string;
  readonly kind: AcknowledgeableChangeKind;
  readonly reason: string;
}

export interface StackEnvironment {
  readonly account: string | undefined;
  readonly region: string | undefined;
}

export interface StackPlan {
  readonly id: string;
  /** `moved`: the same stack id in another account or region, which CloudFormation deploys as a new stack. */
  readonly status: 'added' | 'removed' | 'moved' | 'changed' | 'unchanged';
  readonly before?: StackEnvironment;
  readonly after?: StackEnvironment;
  readonly resources: readonly ResourceChangeEntry[];
  /** Template sections other than Resources that change, e.g. `Metadata: SuverenOrganizationId`. */
  readonly otherChanges: readonly string[];
  /** cdk diff's table of IAM statement changes (header row first), empty when none. */
  readonly iamStatementChanges: readonly (readonly string[])[];
}

export interface AccessChange {
  readonly label: string;
  readonly principal: string;
  readonly capability: AccessCapability;
  readonly change: 'gains' | 'loses';
  /** The statement that decides it after the change. */
  readonly decidedBy: string;
  /** The statement that decided it before. */
  readonly decidedBefore: string;
}

export interface TenantPlan {
  readonly tenantId: string;
  readonly before?: { readonly account?: string; readonly region?: string; readonly tier?: Tier; readonly custody?: string };
  readonly after?: { readonly account?: string; readonly region?: string; readonly tier?: Tier; readonly custody?: string };
  /** What a tier change means for data already stored, in words. */
  readonly storedData?: string;
  /** Who gains or loses which access, or why it was not computed. */
  readonly access: readonly AccessChange[] | { readonly notComputed: string };
  /** Since 1.2.0: principals that gain or lose a path to plaintext (the reach graph); absent when not computed. */
  readonly reach?: { readonly gained: readonly ReachChange[]; readonly lost: readonly ReachChange[] };
}

/** A principal's path to plaintext, in English, as the plan states it. */
export interface ReachChange {
  readonly principal: string;
  readonly label: string;
  /** The path: its steps and its end. */
  readonly path: string;
  readonly gates: string;
  /** Whether the path runs through the pipeline's approval, which is what this plan is reviewed for. */
  readonly throughApproval: boolean;
}

export interface PlanReport {
  readonly schemaVersion: string;
  readonly baseline: { readonly kind: 'directory' | 'git' | 'none'; readonly argument: string; readonly commit?: string; readonly normalized: boolean };
  readonly assembly: string;
  readonly organizationId: string;
  readonly summary: {
    readonly noChanges: boolean;
    readonly stacksChanged: number;
    readonly resourceChanges: number;
    readonly refusals: number;
    readonly acknowledged: number;
    readonly exitCode: number;
  };
  readonly refusals: readonly PlanRefusal[];
  readonly acknowledgments: readonly PlanAcknowledgment[];
  readonly tenants: readonly TenantPlan[];
  readonly organizationPolicies: readonly OrganizationPolicyChange[];
  readonly keyPolicies: readonly KeyPolicyPrincipalChange[];
  /** Who may assume a role or deploy through the bootstrap roles, where that changes. */
  readonly trusts: readonly TrustChange[];
  readonly stacks: readonly StackPlan[];
}
