// The reflective practice review process record (RPRP, Conduct reg 70; policy §3.3.8–§3.3.9).
// This module is the only code that touches the RprpRecord table. The officer's account, the
// development report's action descriptions and the review note are SEALED: they are written here
// (from intake, never through a workflow) and read only through readSealedRprpRecord(), which
// applies canViewRprpRecord — nobody working on the disciplinary proceedings of the same matter may
// read them, because the account may not be used in those proceedings (§3.3.9).
import { randomUUID } from 'node:crypto';
import { isPsd, type Actor } from '@probity/shared/auth';
import { canViewRprpRecord, conflictOfInterest } from '@probity/shared/domain/index';
import type { Db } from '@probity/shared/db/client';

/** One development action as stored in the record. */
export interface RprpAction {
  id: string;
  description: string;
  dueOn: string;
  owner: 'participant' | 'reviewer';
}

export interface OpenRprp {
  caseId: string;
  ref: string;
  participantId: string;
  reviewerId: string;
  directedBy: 'psd' | 'proceedings';
  instructions?: string;
  reviewDueOn: string;
}

const asDate = (isoDate: string) => new Date(`${isoDate}T00:00:00.000Z`);
const asIsoDate = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

/** The activities the conduct workflow calls: none of them takes or returns sealed text. */
export function rprpActivities(db: Db) {
  return {
    /** Opens the record when reflective practice starts. Repeatable (an activity retry changes nothing). */
    async openRprpRecord(r: OpenRprp): Promise<void> {
      const data = {
        ref: r.ref,
        participantId: r.participantId,
        reviewerId: r.reviewerId,
        directedBy: r.directedBy,
        instructions: r.instructions ?? null,
        reviewDueOn: asDate(r.reviewDueOn),
      };
      await db.rprpRecord.upsert({ where: { caseId: r.caseId }, create: { caseId: r.caseId, ...data }, update: {} });
    },

    /** Whether the officer's account has been recorded (the reflective discussion needs it). */
    async rprpAccountRecorded(caseId: string): Promise<boolean> {
      const row = await db.rprpRecord.findUnique({ where: { caseId }, select: { accountRecordedAt: true } });
      return row?.accountRecordedAt != null;
    },

    /** The RPRP's dates as they happen; reviewDueOn moves to 12 months from the report's agreement (Conduct reg 70(6)). */
    async recordRprpDates(caseId: string, dates: { discussionHeldOn?: string; reviewedOn?: string; reviewDueOn?: string }): Promise<void> {
      await db.rprpRecord.update({
        where: { caseId },
        data: {
          ...(dates.discussionHeldOn ? { discussionHeldOn: asDate(dates.discussionHeldOn) } : {}),
          ...(dates.reviewDueOn ? { reviewDueOn: asDate(dates.reviewDueOn) } : {}),
          ...(dates.reviewedOn ? { reviewedOn: asDate(dates.reviewedOn) } : {}),
        },
      });
    },

    /** Retention ended (§10.1): the sealed text goes; the dates stay for the statistics. */
    async disposeRprpRecord(caseId: string): Promise<void> {
      await disposeSealedText(db, caseId, new Date());
    },
  };
}

/** The sealed text of a matter's RPRP record, if it has one, disposed of (§10.1). Repeatable. */
export async function disposeSealedText(db: Pick<Db, 'rprpRecord'>, caseId: string, at: Date): Promise<void> {
  const row = await db.rprpRecord.findUnique({ where: { caseId }, select: { actions: true, disposedAt: true } });
  if (!row) return;
  const actions = (row.actions as unknown as RprpAction[]).map((a) => ({ ...a, description: '[disposed]' }));
  await db.rprpRecord.update({
    where: { caseId },
    data: { account: null, reviewNote: null, instructions: null, actions: actions as object[], disposedAt: row.disposedAt ?? at },
  });
}

// ── Sealed writes and the one sealed read (called by intake) ────────────────────────────────────

export class RprpRecordMissing extends Error {}

/** Stores the officer's account given in the reflective discussion. */
export async function recordRprpAccount(db: Db, ref: string, account: string, by: Actor): Promise<void> {
  const updated = await db.rprpRecord.updateMany({
    where: { ref },
    data: { account, accountRecordedAt: new Date(), accountRecordedById: by.id },
  });
  if (updated.count === 0) throw new RprpRecordMissing(`matter ${ref} has no reflective practice record`);
}

/** Stores the development report's actions (descriptions included). */
export async function recordRprpActions(db: Db, ref: string, actions: RprpAction[]): Promise<void> {
  const updated = await db.rprpRecord.updateMany({ where: { ref }, data: { actions: actions as unknown as object[] } });
  if (updated.count === 0) throw new RprpRecordMissing(`matter ${ref} has no reflective practice record`);
}

export async function recordRprpReviewNote(db: Db, ref: string, note: string): Promise<void> {
  const updated = await db.rprpRecord.updateMany({ where: { ref }, data: { reviewNote: note } });
  if (updated.count === 0) throw new RprpRecordMissing(`matter ${ref} has no reflective practice record`);
}

export interface SealedRprpRecord {
  ref: string;
  participantId: string;
  reviewerId: string;
  directedBy: string;
  instructions: string | null;
  account: string | null;
  discussionHeldOn: string | null;
  actions: RprpAction[];
  reviewDueOn: string | null;
  reviewedOn: string | null;
  reviewNote: string | null;
}

/** Whether the viewer is in the participating officer's team (the line manager's duty aside, checked by the caller). */
async function conflicted(db: Db, viewer: Actor, participantId: string): Promise<boolean> {
  const officer = await db.person.findUnique({ where: { id: participantId }, select: { team: true } });
  return conflictOfInterest(viewer, [{ personId: participantId, ...(officer ? { team: officer.team } : {}) }]) !== null;
}

export type SealedRead =
  | { allowed: true; record: SealedRprpRecord }
  | { allowed: false; status: 403 | 404; reason: string };

/** Updates of a matter by which someone other than the officer takes a part in its proceedings. */
const PROCEEDINGS_ACTIONS: Record<string, 'officer-response-recorder' | 'appeal-recorder'> = {
  'officer-response-received': 'officer-response-recorder',
  'appeal-lodged': 'appeal-recorder',
};

/**
 * The matters on whose disciplinary proceedings this person works: every role recorded for them
 * (ConductProceedingsRole — assigned or acting on a task of the process, investigator, appropriate
 * authority, appeal chair), and every matter where they recorded the officer's response or notice
 * of appeal for the officer (the audit trail says who did). The officer themself is never "on" the
 * proceedings about their own conduct by recording their own response.
 */
export async function proceedingsMatterIdsOf(db: Db, personId: string): Promise<string[]> {
  const [roles, recorded] = await Promise.all([
    db.conductProceedingsRole.findMany({ where: { personId }, select: { caseId: true } }),
    db.auditEntry.findMany({ where: { actorId: personId, action: { in: Object.keys(PROCEEDINGS_ACTIONS) } }, select: { caseId: true } }),
  ]);
  const own = recorded.length
    ? new Set((await db.conductMatter.findMany({ where: { caseId: { in: recorded.map((r) => r.caseId) }, subjectPersonId: personId }, select: { caseId: true } })).map((m) => m.caseId))
    : new Set<string>();
  return [...new Set([...roles.map((r) => r.caseId), ...recorded.map((r) => r.caseId).filter((id) => !own.has(id))])];
}

/**
 * THE read of an RPRP record. §3.3.9 first: anyone working on the disciplinary proceedings of the
 * same matter is refused, whatever their role. Then need to know: the participating officer, the
 * reviewer (line manager) and PSD. Every read and every refusal is audited.
 */
export async function readSealedRprpRecord(db: Db, ref: string, viewer: Actor): Promise<SealedRead> {
  const row = await db.rprpRecord.findUnique({ where: { ref } });
  if (!row) return { allowed: false, status: 404, reason: `matter ${ref} has no reflective practice record` };

  const seal = canViewRprpRecord({ proceedingsMatterIds: await proceedingsMatterIdsOf(db, viewer.id) }, { matterId: row.caseId });
  let answer: SealedRead;
  if (!seal.allowed) {
    answer = { allowed: false, status: 403, reason: seal.reason.replace(`matter ${row.caseId}`, `matter ${ref}`) };
  } else if (viewer.id !== row.participantId && viewer.id !== row.reviewerId && !isPsd(viewer)) {
    answer = {
      allowed: false,
      status: 403,
      reason: `reflective practice records of matter ${ref} are open only to the participating officer, the reviewing line manager and PSD`,
    };
  } else if (viewer.id !== row.participantId && viewer.id !== row.reviewerId && (await conflicted(db, viewer, row.participantId))) {
    answer = {
      allowed: false,
      status: 403,
      reason: `${viewer.id} is in the team of the officer this matter is about: nobody reads a case about themselves or their own team (conflict of interest)`,
    };
  } else {
    answer = {
      allowed: true,
      record: {
        ref: row.ref,
        participantId: row.participantId,
        reviewerId: row.reviewerId,
        directedBy: row.directedBy,
        instructions: row.instructions,
        account: row.account,
        discussionHeldOn: asIsoDate(row.discussionHeldOn),
        actions: row.actions as unknown as RprpAction[],
        reviewDueOn: asIsoDate(row.reviewDueOn),
        reviewedOn: asIsoDate(row.reviewedOn),
        reviewNote: row.reviewNote,
      },
    };
  }
  await db.auditEntry.create({
    data: {
      id: randomUUID(),
      caseId: row.caseId,
      at: new Date(),
      actorId: viewer.id,
      action: answer.allowed ? 'rprp-record-read' : 'rprp-record-read-refused',
      detail: answer.allowed ? {} : { basis: seal.allowed ? (answer.reason.includes('conflict of interest') ? 'conflict-of-interest' : 'need-to-know') : '§3.3.9' },
    },
  });
  return answer;
}
