import type { Db } from '@probity/shared/db/client';
import { raiseFlags } from '@probity/shared/early-intervention/flag-store';
import { disposeCasePersonalData } from './retention';

// Timeliness and audit: every stage transition with its timestamps, and who did what when.
export interface StageChange {
  caseId: string;
  stage: string;
  at: string;
  dueAt?: string;
  /** Set when the case leaves its working life (closed/resolved) for retention. */
  closed?: boolean;
}

export function caseRecordActivities(db: Db) {
  return {
    /**
     * Closes the open stage timing, opens the next, and moves the case's stage. As a complaint
     * arrives (its first stage) and as it closes, the early-intervention rules look again at the
     * officers and teams it names. Repeatable (raising a flag is idempotent).
     */
    async recordStage(change: StageChange): Promise<void> {
      const at = new Date(change.at);
      // A case workflow from before the retention sweep may reach 'disposed' after the sweep did.
      if (change.stage === 'disposed' && (await db.stageTiming.count({ where: { caseId: change.caseId, stage: 'disposed' } })) > 0) return;
      await db.$transaction([
        db.stageTiming.updateMany({ where: { caseId: change.caseId, leftAt: null, NOT: { stage: change.stage, enteredAt: at } }, data: { leftAt: at } }),
        db.stageTiming.upsert({
          where: { caseId_stage_enteredAt: { caseId: change.caseId, stage: change.stage, enteredAt: at } },
          create: {
            id: `${change.caseId}:${change.stage}:${at.getTime()}`,
            caseId: change.caseId,
            stage: change.stage,
            enteredAt: at,
            dueAt: change.dueAt ? new Date(change.dueAt) : null,
          },
          update: {},
        }),
        db.case.update({
          where: { id: change.caseId },
          data: { stage: change.stage, ...(change.closed ? { closedAt: at } : {}) },
        }),
      ]);
      const c = await db.case.findUnique({ where: { id: change.caseId }, select: { kind: true, _count: { select: { stageTimings: true } } } });
      if (c?.kind === 'complaint' && (change.closed || c._count.stageTimings === 1)) await raiseFlags(db, { caseId: change.caseId });
    },

    /** The assessment's routing decision (Sch 3 or not, IOPC referral) on the case record, for statistics. */
    async recordRouting(caseId: string, handling: string, referToIopc: boolean): Promise<void> {
      await db.case.update({ where: { id: caseId }, data: { handling, referToIopc } });
    },

    /** Marks the current stage as breached (first breach only). */
    async recordBreach(caseId: string, stage: string, at: string): Promise<void> {
      await db.stageTiming.updateMany({ where: { caseId, stage, leftAt: null, breachedAt: null }, data: { breachedAt: new Date(at) } });
    },

    async audit(entry: { id: string; caseId: string; at: string; actorId: string; action: string; detail: Record<string, unknown> }): Promise<void> {
      await db.auditEntry.createMany({
        data: [{ ...entry, at: new Date(entry.at), detail: entry.detail as object }],
        skipDuplicates: true,
      });
    },

    /**
     * Retention ended (§10.1): personal data is removed; the statistical record stays. Called by
     * case workflows from before the retention sweep, which sleep through retention themselves.
     */
    async disposePersonalData(caseId: string): Promise<void> {
      await db.$transaction((tx) => disposeCasePersonalData(tx, caseId, new Date()));
    },
  };
}
