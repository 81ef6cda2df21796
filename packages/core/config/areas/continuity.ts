import { z } from 'zod';
import { accountId, dnsSafeId, euRegion } from '../../fields/config-fields';
import { XKS_KEY_ID_PATTERN } from '../../contracts/xks';
import { isEuRegion } from '../../contracts/regions';
import { DEFAULT_TIER } from '../../contracts/tiers';
import { tierDefinitions } from '../../tiers';
import { type CrossFieldContext, partitionOf } from './context';

/*
 * A tenant's second copy in another allowed region (docs/continuity.md): S3 Cross-Region
 * Replication into a replica bucket under a key of the same custody.
 */

export const continuitySchema = z
  .strictObject({
    replicaRegion: euRegion.meta({
      description: "The allowed EU region of the replica: not the tenant's own region, and in the same partition (S3 replicates within one).",
    }),
    replicaAccount: accountId.optional().meta({
      description:
        "For tiers standard and client-side: another account of the tenant's (a backup account) that holds the replica bucket and its key, so that the copy survives the loss of the tenant's account. Never another tenant's.",
    }),
    replicateDeleteMarkers: z
      .boolean({ error: 'expected true or false: whether a deletion at the source also hides the object in the replica' })
      .default(false)
      .meta({ description: 'Whether a deletion at the source replicates as a delete marker. Off (the default), a deletion can be undone from the replica.' }),
    replicationTimeControl: z
      .boolean({ error: 'expected true or false: whether S3 Replication Time Control (99.99 % within 15 minutes, billed per GB) is on' })
      .default(false)
      .meta({ description: 'S3 Replication Time Control: 99.99 % of objects replicated within 15 minutes, with replication metrics, billed per GB.' }),
    replicaKeyCustody: dnsSafeId.optional().meta({
      description:
        "For tiers hsm and external: the key-custody place of the replica's key in the replica region: a cluster of keyCustody.hsmClusters (tier hsm) or an external key store of keyCustody.externalKeyStores (tier external).",
    }),
    replicaXksKeyId: z
      .string({ error: "expected the label of the replica's key in the customer's HSM, as the proxy config lists it under keys[].externalKeyId" })
      .regex(XKS_KEY_ID_PATTERN, "must be 1-128 letters, digits and . _ - (KMS XksKeyId): the HSM key's label, as in the proxy config")
      .optional()
      .meta({
        description:
          "For tier external: the HSM key behind the replica's KMS key, as the proxy config lists it. Default: the tenant's xksKeyId, so that one HSM key serves both copies and one seal stops both.",
      }),
    objectLock: z
      .strictObject({
        mode: z
          .enum(['GOVERNANCE', 'COMPLIANCE'], {
            error: "expected GOVERNANCE (the tenant's eraser may bypass it) or COMPLIANCE (nobody may, for its days)",
          })
          .meta({ description: "GOVERNANCE: only the tenant's eraser may bypass the lock, to erase. COMPLIANCE: nobody may, for `days`." }),
        days: z
          .number({ error: 'expected a whole number of days' })
          .int('expected a whole number of days')
          .min(1, 'at least 1 day')
          .max(36_500, 'at most 36,500 days (100 years)')
          .meta({ description: 'How long each replica version is kept from its arrival: 1 to 36,500 days.' }),
        retentionReason: z
          .string({ error: 'expected the reason the law or the records schedule requires the retention, with its reference' })
          .min(10, 'say why, with its reference (e.g. "Arkivlagen 1990:782, gallringsbeslut RA-MS 2021:5")')
          .max(500)
          .optional()
          .meta({ description: 'Required for COMPLIANCE: why the law or the records schedule requires the retention, with its reference; the annex states it.' }),
      })
      .optional()
      .meta({
        description:
          "S3 Object Lock on the replica: every replica version is kept at least `days`. COMPLIANCE keeps it from everyone, suveren erase included, and needs a retentionReason; GOVERNANCE lets only the tenant's eraser bypass it (docs/continuity.md).",
      }),
    drillReport: z
      .string({ error: 'expected a file name: the report suveren continuity drill --report wrote' })
      .min(1)
      .optional()
      .meta({
        description:
          "The report of the tenant's last `suveren continuity drill --report`, relative to this config file: the evidence states its result (docs/continuity.md).",
      }),
  })
  .optional()
  .meta({ description: "A second copy of the tenant's data in another allowed region, under a key of the same custody (docs/continuity.md)." });

const definitionOf = (tier: string) => tierDefinitions().find((d) => d.tier === tier);

/** Continuity: a replica region that is allowed, another than the tenant's, in its partition, for a tier that offers a replica. */
export function continuityIssues(context: CrossFieldContext): void {
  const { config, issue, mustBeAllowed } = context;
  const replicable = tierDefinitions()
    .filter((d) => d.replicaKeyStore !== undefined)
    .map((d) => d.tier);
  config.tenants.forEach((tenant, i) => {
    const continuity = tenant.continuity;
    if (continuity === undefined) return;
    const at = (...rest: (string | number)[]) => ['tenants', i, 'continuity', ...rest];
    const tier = tenant.tier ?? DEFAULT_TIER[tenant.classification];
    if (!replicable.includes(tier)) {
      issue(
        at(),
        `tier "${tier}" offers no replica: its key is held in a key store that suveren builds in one region only; remove continuity (tiers with a replica: ${replicable.join(', ')})`,
      );
      return;
    }
    const region = continuity.replicaRegion;
    if (!isEuRegion(region) || !isEuRegion(tenant.region)) return;
    const partition = partitionOf(tenant.region);
    const others = context.allowed.filter((r) => r !== tenant.region && isEuRegion(r) && partitionOf(r) === partition);
    if (partitionOf(region) !== partition) {
      issue(
        at('replicaRegion'),
        `${region} is in partition ${partitionOf(region)}, the tenant's region ${tenant.region} in ${partition}; S3 replicates within one partition only: ${others.length > 0 ? `use ${others.join(' or ')}` : `${partition} has no other allowed region, so remove continuity`}`,
      );
      return;
    }
    if (region === tenant.region) {
      issue(
        at('replicaRegion'),
        `is the tenant's own region; a copy in the same region survives no loss of it: ${others.length > 0 ? `use ${others.join(' or ')}` : `organization.allowedRegions has no other region in ${partition}; add one there, or remove continuity`}`,
      );
      return;
    }
    mustBeAllowed(at('replicaRegion'), region);
    const replicaAccount = continuity.replicaAccount;
    if (replicaAccount !== undefined) {
      const other = config.tenants.find((t) => t.account === replicaAccount && t.id !== tenant.id);
      const custody = [...context.clusters.values(), ...context.stores.values()].find((p) => p.account === replicaAccount);
      const why =
        replicaAccount === tenant.account
          ? "is the tenant's own account, which the replica is in by default: leave replicaAccount out"
          : other
            ? `is tenant "${other.id}"'s account, whose administrators are another controller's: use an account of this tenant's own`
            : replicaAccount === config.organization.managementAccount
              ? 'is the management account, which no SCP binds: use an account of this tenant\'s own'
              : replicaAccount === config.audit.account
                ? "is the audit account, which holds the organization's logs: use an account of this tenant's own"
                : custody
                  ? `is the key-custody account of "${custody.id}": use an account of this tenant's own`
                  : definitionOf(tier)?.replicaCustodyOf !== undefined
                    ? `tier "${tier}" keeps the replica's key in the replica region's key-custody place (replicaKeyCustody), so the copy is in another account already; a replica bucket in a third account is not built: leave replicaAccount out`
                    : undefined;
      if (why) issue(at('replicaAccount'), why);
    }
    const lock = continuity.objectLock;
    if (lock?.mode === 'COMPLIANCE' && lock.retentionReason === undefined)
      issue(
        at('objectLock', 'retentionReason'),
        `COMPLIANCE mode keeps every replica version for ${lock.days} days from everyone, AWS's root user and \`suveren erase\` included, so an erasure the controller owes (GDPR Art. 17) cannot reach the replica until then: record the legal reason for that retention here, or use mode GOVERNANCE, which only the tenant's eraser may bypass`,
      );
    const definition = tierDefinitions().find((d) => d.tier === tier);
    const custody = { issue, clusters: context.clusters, stores: context.stores };
    if (definition?.validateReplica) definition.validateReplica({ ...tenant, tier }, at, custody);
    else {
      for (const field of ['replicaKeyCustody', 'replicaXksKeyId'] as const)
        if (continuity[field] !== undefined)
          issue(at(field), `tier "${tier}" keeps its replica key as a KMS key of the tenant's own account in the replica region: remove ${field}`);
    }
  });
}
