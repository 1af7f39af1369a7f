// Disposal of a closed case's personal data when its retention period has ended (policy §10.1).
// The daily retention sweep (workflows/src/retention) lists the closed cases still holding
// personal data, decides which are due with isDueForDisposal, and disposes of each one here:
// the complainants' details and equality answers, the account, the subjects' descriptions, the
// allegations' descriptions and review rationales go;
// a conduct matter's sealed reflective practice text goes (§3.3.9); the statistical record
// (dates, stages, categories, outcomes) stays. Each disposal is one transaction, audited once,
// and safe to repeat: a case already disposed of is left as it is.
import type { Producer } from 'kafkajs';
import type { Db } from '@probity/shared/db/client';
import { envelope } from '@probity/shared/events/envelope';
import { caseStageChangedSchema } from '@probity/shared/events/schemas';
import { TOPICS } from '@probity/shared/events/topics';
import { publish } from '@probity/shared/kafka';
import { disposeSealedText } from './rprp';

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

/** A closed case that still holds personal data. */
export interface ClosedCase {
  caseId: string;
  ref: string;
  kind: 'complaint' | 'conduct';
  /** ISO instant the case closed (its retention runs from that day). */
  closedAt: string;
}

/** Where a listing of closed cases goes on from: after this case (closedAt, then id). */
export interface ClosedCaseCursor {
  closedAt: string;
  caseId: string;
}

export interface Disposal {
  caseId: string;
  /** 'disposed' now, or 'already-disposed' (a repeat, or an older workflow disposed of it). */
  outcome: 'disposed' | 'already-disposed';
}

/**
 * Personal data out of the case and its record: names, contact details, accounts, descriptions
 * and equality answers go; the statistical record (codes, roles, kinds, dates, outcomes) stays.
 * Repeatable; marks when it first happened.
 */
export async function disposeCasePersonalData(tx: Tx, caseId: string, at: Date): Promise<void> {
  await tx.case.update({ where: { id: caseId }, data: { complainant: { disposed: true }, incident: { disposed: true }, subjects: [] } });
  await tx.allegation.updateMany({ where: { caseId }, data: { description: '[disposed]' } });
  await tx.complainantEquality.deleteMany({ where: { caseId } });
  await tx.complainant.updateMany({ where: { caseId }, data: { name: '[disposed]', contact: { disposed: true }, onBehalfOf: null } });
  await tx.caseSubject.updateMany({ where: { caseId }, data: { description: null } });
  await tx.complaintReview.updateMany({ where: { caseId }, data: { rationale: null } });
  await tx.case.updateMany({ where: { id: caseId, disposedAt: null }, data: { disposedAt: at } });
}

export function retentionActivities(db: Db, producer: Producer) {
  return {
    /** Closed cases not yet disposed of, oldest closure first, after the cursor. */
    async closedCasesAwaitingDisposal(q: { after?: ClosedCaseCursor; limit: number }): Promise<ClosedCase[]> {
      const after = q.after ? { closedAt: new Date(q.after.closedAt), id: q.after.caseId } : undefined;
      const rows = await db.case.findMany({
        where: {
          disposedAt: null,
          closedAt: after ? { gte: after.closedAt } : { not: null },
          ...(after ? { NOT: { closedAt: after.closedAt, id: { lte: after.id } } } : {}),
        },
        orderBy: [{ closedAt: 'asc' }, { id: 'asc' }],
        take: q.limit,
        select: { id: true, ref: true, kind: true, closedAt: true },
      });
      return rows.map((r) => ({ caseId: r.id, ref: r.ref, kind: r.kind as ClosedCase['kind'], closedAt: r.closedAt!.toISOString() }));
    },

    /**
     * Disposes of one case's personal data (§10.1): case row, allegations and any sealed RPRP
     * text, the stage moved to 'disposed' with its timing, one audit entry; then announces the
     * stage change. Repeatable: a second call changes nothing and announces the same event again
     * (same id, so consumers drop it).
     */
    async disposeCase(r: { caseId: string; retentionEndedOn: string; sweepId: string }): Promise<Disposal> {
      const now = new Date();
      const done = await db.$transaction(async (tx) => {
        const row = await tx.case.findUniqueOrThrow({ where: { id: r.caseId }, select: { id: true, ref: true, kind: true, stage: true, closedAt: true, disposedAt: true } });
        if (row.disposedAt) return { row, outcome: 'already-disposed' as const, at: row.disposedAt };
        await disposeCasePersonalData(tx, row.id, now);
        await disposeSealedText(tx, row.id, now);
        await tx.stageTiming.updateMany({ where: { caseId: row.id, leftAt: null }, data: { leftAt: now } });
        await tx.stageTiming.create({ data: { id: `${row.id}:disposed:${now.getTime()}`, caseId: row.id, stage: 'disposed', enteredAt: now } });
        await tx.case.update({ where: { id: row.id }, data: { stage: 'disposed' } });
        await tx.auditEntry.createMany({
          data: [{
            id: `${row.id}:personal-data-disposed`,
            caseId: row.id,
            at: now,
            actorId: 'system:retention-sweep',
            action: 'personal-data-disposed',
            detail: { basis: '§10.1', closedAt: row.closedAt?.toISOString() ?? null, retentionEndedOn: r.retentionEndedOn, from: row.stage, sweepId: r.sweepId },
          }],
          skipDuplicates: true,
        });
        return { row, outcome: 'disposed' as const, at: now };
      });
      const data = caseStageChangedSchema.parse({ caseId: done.row.id, ref: done.row.ref, kind: done.row.kind, from: 'retained', to: 'disposed', at: done.at.toISOString() });
      await publish(producer, TOPICS.caseStageChanged, envelope({ id: `${done.row.id}:disposed`, type: TOPICS.caseStageChanged, source: 'probity/worker', subject: done.row.id, data, time: done.at }));
      return { caseId: r.caseId, outcome: done.outcome };
    },
  };
}
