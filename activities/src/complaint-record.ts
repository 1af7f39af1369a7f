// What the complaint workflow writes into the record the IOPC's figures are counted from (DOMAIN.md
// "What the record holds for the IOPC"): the assessment's routing with the reasons it was logged
// under Schedule 3, the IOPC's mode decision, suspension periods, outcomes per allegation, the move
// under Schedule 3 of a complaint whose complainant was dissatisfied after initial handling, and
// the review by the relevant review body. Every write is repeatable (an activity retry changes
// nothing) and carries only codes, ids and dates from the workflow — personal data stays where
// intake put it.
import { ApplicationFailure } from '@temporalio/common';
import type { Db } from '@probity/shared/db/client';
import {
  REVIEWER_ROLES,
  allegationOutcomeSchema,
  iopcSchedule3Reason,
  type AllegationOutcomeRecord,
  type ReviewBody,
  type ReviewDecision,
  type Schedule3Code,
} from '@probity/shared/domain/index';

/** The IOPC's handling modes (DOMAIN.md), from the workflow's mode and the IOPC's decision on a referral. */
export type RecordedHandlingMode = 'otherwise-than-by-investigation' | 'local-investigation' | 'directed-investigation' | 'independent-investigation';

export function recordedHandlingMode(mode: 'reasonable-and-proportionate' | 'investigation', iopcDecision?: string | null): RecordedHandlingMode {
  if (iopcDecision === 'directed') return 'directed-investigation';
  if (iopcDecision === 'independent') return 'independent-investigation';
  return mode === 'investigation' || iopcDecision === 'local' ? 'local-investigation' : 'otherwise-than-by-investigation';
}

export interface AssessmentRecord {
  caseId: string;
  at: string;
  handling: 'outside-schedule-3' | 'schedule-3';
  handlingMode: 'reasonable-and-proportionate' | 'investigation';
  referToIopc: boolean;
  schedule3Reasons: { code: Schedule3Code; allegationIds: string[] }[];
  /** The assessor's coding of the allegations (category, sub-category, factors), when they gave one. */
  allegations?: { id: string; category: string; subCategory: string; factors?: string[] }[];
  restricted?: boolean;
}

export interface AllegationOutcomesRecord {
  caseId: string;
  at: string;
  /** 1 for the first handling; one more after each upheld review or move under Schedule 3. */
  round: number;
  handling: 'outside-schedule-3' | 'schedule-3';
  handlingMode: 'reasonable-and-proportionate' | 'investigation';
  decidedById: string;
  outcomes: AllegationOutcomeRecord[];
}

export function complaintRecordActivities(db: Db) {
  return {
    /** The PSD assessment's routing on the record, with the IOPC reason each Schedule 3 ground counts under. */
    async recordAssessment(a: AssessmentRecord): Promise<void> {
      const at = new Date(a.at);
      await db.$transaction(async (tx) => {
        const row = await tx.case.findUniqueOrThrow({ where: { id: a.caseId }, select: { schedule3At: true, iopcModeDecision: true } });
        await tx.case.update({
          where: { id: a.caseId },
          data: {
            handling: a.handling,
            handlingMode: recordedHandlingMode(a.handlingMode, row.iopcModeDecision),
            referToIopc: a.referToIopc,
            ...(a.handling === 'schedule-3' && !row.schedule3At ? { schedule3At: at } : {}),
            ...(a.restricted ? { restricted: true, restrictionReason: 'serious-corruption' } : {}),
          },
        });
        if (a.handling === 'schedule-3' && a.schedule3Reasons.length > 0) {
          await tx.schedule3Reason.createMany({
            data: a.schedule3Reasons.map((r) => ({ caseId: a.caseId, ground: r.code, reason: iopcSchedule3Reason(r.code), allegationIds: r.allegationIds, recordedAt: at })),
            skipDuplicates: true,
          });
        }
        for (const c of a.allegations ?? []) {
          await tx.allegation.updateMany({
            where: { id: c.id, caseId: a.caseId },
            data: { category: c.category, subCategory: c.subCategory, ...(c.factors ? { factors: c.factors } : {}) },
          });
        }
      });
    },

    /** The referral and the IOPC's decision on how the complaint is to be investigated (or returned). */
    async recordIopcDecision(d: { caseId: string; at: string; iopcReference: string; decision: 'return-to-force' | 'local' | 'directed' | 'independent' }): Promise<void> {
      const at = new Date(d.at);
      const row = await db.case.findUniqueOrThrow({ where: { id: d.caseId }, select: { iopcReferredAt: true, handlingMode: true } });
      const mode = row.handlingMode === 'otherwise-than-by-investigation' ? 'reasonable-and-proportionate' : 'investigation';
      await db.case.update({
        where: { id: d.caseId },
        data: {
          iopcReferredAt: row.iopcReferredAt ?? at,
          iopcReference: d.iopcReference,
          iopcModeDecision: d.decision,
          iopcDecidedAt: at,
          ...(row.handlingMode ? { handlingMode: recordedHandlingMode(mode, d.decision) } : {}),
        },
      });
    },

    /** Outcomes of one round of handling, per allegation; the case is finalised once every allegation has its outcome. */
    async recordAllegationOutcomes(r: AllegationOutcomesRecord): Promise<void> {
      const at = new Date(r.at);
      const outcomes = r.outcomes.map((o) => allegationOutcomeSchema.parse(o));
      await db.$transaction(async (tx) => {
        for (const o of outcomes) {
          const data = {
            caseId: r.caseId, round: r.round, handling: r.handling, handlingMode: recordedHandlingMode(r.handlingMode),
            outcome: o.outcome, caseToAnswer: o.caseToAnswer ?? null, actions: o.actions, decidedAt: at, decidedById: r.decidedById,
          };
          await tx.allegationOutcome.upsert({
            where: { allegationId_round: { allegationId: o.allegationId, round: r.round } },
            create: { id: `${o.allegationId}:${r.round}`, allegationId: o.allegationId, ...data },
            update: {},
          });
          await tx.allegation.updateMany({
            where: { id: o.allegationId, caseId: r.caseId },
            data: { outcome: o.outcome, caseToAnswer: o.caseToAnswer ?? null, actions: o.actions, finalisedAt: at },
          });
        }
        const open = await tx.allegation.count({ where: { caseId: r.caseId, finalisedAt: null } });
        if (open === 0) await tx.case.update({ where: { id: r.caseId }, data: { finalisedAt: at } });
      });
    },

    /**
     * Initial handling left the complainant dissatisfied: the complaint is now recorded under
     * Schedule 3 (that is a reason for recording, not a review) and is no longer finalised.
     */
    async recordMovedUnderSchedule3(m: { caseId: string; at: string }): Promise<void> {
      const at = new Date(m.at);
      await db.$transaction([
        db.case.update({ where: { id: m.caseId }, data: { handling: 'schedule-3', schedule3At: at, finalisedAt: null } }),
        db.allegation.updateMany({ where: { caseId: m.caseId }, data: { finalisedAt: null } }),
        db.schedule3Reason.createMany({
          data: [{ caseId: m.caseId, ground: 'dissatisfied-after-initial-handling', reason: iopcSchedule3Reason('dissatisfied-after-initial-handling'), allegationIds: [], recordedAt: at }],
          skipDuplicates: true,
        }),
      ]);
    },

    /** A suspension opened (C&M reg 40). */
    async openSuspension(s: { id: string; caseId: string; reason: string; at: string; byId: string }): Promise<void> {
      await db.$transaction([
        db.suspensionPeriod.upsert({
          where: { id: s.id },
          create: { id: s.id, caseId: s.caseId, reason: s.reason, startedAt: new Date(s.at), startedById: s.byId },
          update: {},
        }),
        db.case.update({ where: { id: s.caseId }, data: { suspended: true } }),
      ]);
    },

    /** A suspension closed: the procedure resumes. */
    async closeSuspension(s: { id: string; caseId: string; at: string; byId: string }): Promise<void> {
      await db.$transaction([
        db.suspensionPeriod.updateMany({ where: { id: s.id, endedAt: null }, data: { endedAt: new Date(s.at), endedById: s.byId } }),
        db.case.update({ where: { id: s.caseId }, data: { suspended: false } }),
      ]);
    },

    /** A review applied for, and the body that reviews it. */
    async openReview(r: { caseId: string; n: number; body: ReviewBody; bodyReason: string; appliedOn: string }): Promise<void> {
      await db.$transaction([
        db.complaintReview.upsert({
          where: { caseId_n: { caseId: r.caseId, n: r.n } },
          create: { id: `${r.caseId}:${r.n}`, caseId: r.caseId, n: r.n, body: r.body, bodyReason: r.bodyReason, appliedOn: new Date(`${r.appliedOn}T00:00:00.000Z`) },
          update: {},
        }),
        db.case.update({ where: { id: r.caseId }, data: { reviewBody: r.body } }),
      ]);
    },

    /** The review body's decision: reasonable and proportionate or not (upheld), and its recommendations. */
    async recordReviewDecision(r: { caseId: string; n: number; reviewerId: string; at: string; decision: Pick<ReviewDecision, 'outcome' | 'reasonableAndProportionate' | 'recommendations' | 'rationale'> }): Promise<void> {
      await db.complaintReview.update({
        where: { caseId_n: { caseId: r.caseId, n: r.n } },
        data: {
          reviewerId: r.reviewerId,
          outcome: r.decision.outcome,
          reasonableAndProportionate: r.decision.reasonableAndProportionate,
          recommendations: r.decision.recommendations,
          rationale: r.decision.rationale,
          decidedAt: new Date(r.at),
        },
      });
    },

    /**
     * Who reviews for a body: its reviewer with the fewest open tasks (then by id). A body with no
     * reviewer in the register can never be asked: a non-retryable failure naming it, not a retry loop.
     */
    async chooseReviewer(body: ReviewBody): Promise<string> {
      const role = REVIEWER_ROLES[body];
      const people = await db.person.findMany({ where: { role, active: true }, select: { id: true }, orderBy: { id: 'asc' } });
      if (people.length === 0) throw ApplicationFailure.nonRetryable(`no active ${role} in the Person table to review for the ${body}`, 'NoReviewer');
      const open = await db.task.groupBy({ by: ['assigneeId'], where: { assigneeId: { in: people.map((p) => p.id) }, completedAt: null }, _count: { _all: true } });
      const load = new Map(open.map((o) => [o.assigneeId, o._count._all]));
      return [...people].sort((a, b) => (load.get(a.id) ?? 0) - (load.get(b.id) ?? 0) || (a.id < b.id ? -1 : 1))[0]!.id;
    },
  };
}
