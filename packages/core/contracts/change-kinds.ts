/*
 * What `suveren plan` refuses, defined once: the config's `changes.acknowledge` entries,
 * the plan's refusals and its report all use these kinds. No CDK imports.
 */

/** Changes a platform team may acknowledge, one by one, with a reason a reviewer would accept. */
export const ACKNOWLEDGEABLE_CHANGE_KINDS = [
  'replace',
  'delete',
  'orphan',
  'rename',
  'stack-removed',
  'tenant-tier',
  'tenant-region',
  'tenant-account',
  'tenant-custody',
  'account-removed',
  'reach-gained',
  'protection-weakened',
] as const;
export type AcknowledgeableChangeKind = (typeof ACKNOWLEDGEABLE_CHANGE_KINDS)[number];

/**
 * Every refusal kind. `update-refused` cannot be acknowledged: a suveren custom resource's
 * handler refuses the update at deploy time whatever the config says.
 */
export type RefusalKind = AcknowledgeableChangeKind | 'update-refused';

/** What each kind means, in the words the plan and docs/plan.md use. */
export const REFUSAL_KIND_MEANING: Record<RefusalKind, string> = {
  replace: 'a stateful resource would be replaced: CloudFormation creates a new one and deletes the old one, with what it holds',
  delete: 'a stateful resource would be deleted with what it holds',
  orphan:
    'a stateful resource would leave its stack but stay in the account (retained): nothing manages or protects it any more, and what it holds stays under it',
  rename:
    "a custom-named resource's logical id changes: CloudFormation creates the new resource before deleting the old one, and the name is taken, so the deployment fails half-way",
  'stack-removed': 'a stack of the baseline is not in the new assembly: it is not deleted, and its bucket and key stay behind, unmanaged',
  'tenant-tier': "a tenant's tier changes: data already stored stays under the old key until migrated",
  'tenant-region': 'a tenant moves to another region: a new stack is deployed there, and the old one stays with the data',
  'tenant-account': 'a tenant moves to another account: a new stack is deployed there, and the old one stays with the data',
  'tenant-custody': "a tenant's key custody (HSM cluster or external key store) changes: its key cannot move between stores",
  'account-removed':
    "an account suveren created leaves the config's lock file: suveren never closes an account, so it would stay in the organization, unrecorded, with whatever it holds",
  'reach-gained': "a principal gains a path to a tenant's plaintext that it did not have (the reach graph, docs/reach.md)",
  'protection-weakened':
    "a stateful resource's protection is weakened: it would no longer be retained on deletion or replacement, a key's deletion window shortens, versioning is suspended, or Object Lock retention shrinks",
  'update-refused': "a suveren custom resource's handler refuses this update: the deployment would fail",
};

/** Whether `kind` may be acknowledged in the config. */
export function isAcknowledgeable(kind: RefusalKind): kind is AcknowledgeableChangeKind {
  return (ACKNOWLEDGEABLE_CHANGE_KINDS as readonly string[]).includes(kind);
}
