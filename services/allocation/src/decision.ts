import { z } from 'zod';
import type { Db } from '@probity/shared/db/client';

// An allocation is decided once per case and purpose, whatever happens afterwards. The decision
// is written as an audit entry with a deterministic id, in the same transaction as the case
// update; a retry (after a crash, a Kafka hiccup or a redelivery) finds it and repeats the
// *same* effects — it never re-runs the rule against workloads that have moved on since, and it
// never writes the case row again.

/** Audit actor for the service's automatic steps (the workflow uses the same name). */
export const ALLOCATION_ACTOR = 'allocation';

export const decisionSchema = z.object({
  purpose: z.enum(['assessment', 'handling']),
  assigneeId: z.string().min(1),
  division: z.string().min(1).optional(),
  reason: z.string(),
  /** The event that asked for the decision. */
  eventId: z.string().min(1),
});
export type DecisionDetail = z.infer<typeof decisionSchema>;

export interface Decision extends DecisionDetail {
  /** When it was made: also the time of the case.allocated event, so a repeat is identical. */
  at: Date;
}

export interface DecideOnce {
  /** Deterministic, e.g. `allocation:<caseId>:assessment`. */
  id: string;
  caseId: string;
  action: string;
  /** Runs only if no decision exists yet. */
  choose: () => Promise<DecisionDetail>;
  /** Extra audit detail (ids, categories, codes — never personal data). */
  note?: Record<string, unknown>;
  now?: () => Date;
}

async function existing(db: Db, id: string): Promise<Decision | null> {
  const row = await db.auditEntry.findUnique({ where: { id } });
  if (!row) return null;
  const detail = decisionSchema.safeParse(row.detail);
  if (!detail.success) throw new Error(`audit entry ${id} is not an allocation decision`);
  return { ...detail.data, at: row.at };
}

/** The decision recorded under `id`, or a new one: chosen, audited and applied to the case atomically. */
export async function decideOnce(db: Db, d: DecideOnce): Promise<Decision> {
  const before = await existing(db, d.id);
  if (before) return before;

  // Intake stores the case before announcing it (outbox), so a missing row is a fault worth
  // retrying and then parking on the dead-letter topic, not a reason to allocate blindly.
  const known = await db.case.findUnique({ where: { id: d.caseId }, select: { id: true } });
  if (!known) throw new Error(`case ${d.caseId} is not in the case record; cannot allocate it`);

  const detail = decisionSchema.parse(await d.choose());
  const at = (d.now ?? (() => new Date()))();
  try {
    await db.$transaction([
      db.auditEntry.create({
        data: { id: d.id, caseId: d.caseId, at, actorId: ALLOCATION_ACTOR, action: d.action, detail: { ...d.note, ...detail } },
      }),
      db.case.update({
        where: { id: d.caseId },
        data: { assigneeId: detail.assigneeId, ...(detail.division !== undefined ? { division: detail.division } : {}) },
      }),
    ]);
  } catch (err) {
    // Another delivery of the same event decided first: its decision stands.
    const winner = await existing(db, d.id);
    if (winner) return winner;
    throw err;
  }
  return { ...detail, at };
}
