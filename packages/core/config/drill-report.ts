import * as fs from 'node:fs';
import { z } from 'zod';

/*
 * The report `suveren continuity drill --report` writes (docs/continuity.md), and which a
 * tenant's `continuity.drillReport` names so the evidence can state the last drill's
 * result. One schema: the drill writes this type and the config loader reads it back.
 */

const sampledObject = z.strictObject({
  key: z.string(),
  versionId: z.string(),
  replicaVersionId: z.string(),
  matchedBy: z.enum(['version-id', 'key']),
  bytes: z.number().int().nonnegative(),
  ok: z.boolean(),
  detail: z.string(),
});

export const drillReportSchema = z.strictObject({
  schemaVersion: z.literal('1.0.0'),
  tenant: z.string(),
  bucket: z.string(),
  replicaBucket: z.string(),
  startedAt: z.iso.datetime(),
  completedAt: z.iso.datetime(),
  sample: z.strictObject({ requested: z.number().int().positive(), verified: z.number().int().nonnegative(), objects: z.array(sampledObject) }),
  replication: z.strictObject({
    current: z.number().int().nonnegative(),
    replicated: z.number().int().nonnegative(),
    notYetReplicated: z.number().int().nonnegative(),
    observedRpoSeconds: z.number().nonnegative().nullable(),
    failed: z.array(z.strictObject({ key: z.string(), versionId: z.string(), lastModified: z.iso.datetime() })),
    notAccepted: z.number().int().nonnegative(),
  }),
  readBack: z.strictObject({ objects: z.number().int().nonnegative(), bytes: z.number().nonnegative(), seconds: z.number().nonnegative(), bytesPerSecond: z.number().nonnegative() }),
  passed: z.boolean(),
  failures: z.array(z.string()),
});

/** What a drill found: its sample, the replication state, the read-back time, and whether it passed. */
export type DrillReport = z.infer<typeof drillReportSchema>;

/** The drill report in `file` (named `label` in messages), or why it cannot be one for tenant `tenantId` (a sentence ending in the fix). */
export function readDrillReport(file: string, tenantId: string, label = file): { report: DrillReport } | { problem: string } {
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : (e as Error).message;
    return { problem: `${label} cannot be read as a drill report (${reason}); name the file suveren continuity drill --report wrote` };
  }
  const parsed = drillReportSchema.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { problem: `${label} is not a drill report (${first.path.join('.') || 'the file'}: ${first.message}); name the file suveren continuity drill --report wrote` };
  }
  if (parsed.data.tenant !== tenantId)
    return { problem: `${label} is the drill report of tenant "${parsed.data.tenant}", not of "${tenantId}"; name this tenant's drill report` };
  return { report: parsed.data };
}
