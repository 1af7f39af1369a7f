// What the conduct matter workflow asks of the world beyond the casework kit: who works on the
// disciplinary proceedings (the §3.3.9 seal is keyed on it), the misconduct outcome kept for
// publication (PEEL), and the sealed reflective practice record (./rprp.ts).
import type { Db } from '@probity/shared/db/client';
import { proceedingsRoleOfTask, type ProceedingsRole } from '@probity/shared/domain/index';
import { publicationActivities, publishHearingOutcome, startFromActivity, type StartPublication } from './publication';
import { rprpActivities } from './rprp';

export type { ProceedingsRole };

export interface MisconductOutcomeRecord {
  caseId: string;
  ref: string;
  outcomeOn: string;
  form: string;
  finding: 'misconduct' | 'gross-misconduct';
  sanction: string;
  subjectKind: 'officer' | 'staff';
  /** The officer's rank; null for police staff. Never a name. */
  subjectRank: string | null;
  standards: string[];
  publish: boolean;
  publishFrom: string | null;
  /** The exception to naming the officer in a publication, with its reason (DOMAIN.md "Publication"). */
  nameWithheldBecause?: string | null;
}

export interface ConductActivityOptions {
  /** PUBLICATION_PERIOD_DAYS: how long a hearing outcome stays published. */
  publicationPeriodDays: number;
  /** How a publication workflow is started; default: the worker's client, from the activity. */
  startPublication?: StartPublication;
}

const asDate = (isoDate: string) => new Date(`${isoDate}T00:00:00.000Z`);

/** Records that a person works on a matter's proceedings (§3.3.9 seal). Repeatable. */
export async function recordProceedingsRole(db: Pick<Db, 'conductProceedingsRole'>, r: { caseId: string; personId: string; role: ProceedingsRole; at: Date }): Promise<void> {
  await db.conductProceedingsRole.upsert({
    where: { caseId_personId_role: { caseId: r.caseId, personId: r.personId, role: r.role } },
    create: { id: `${r.caseId}:${r.personId}:${r.role}`, caseId: r.caseId, personId: r.personId, role: r.role, assignedAt: r.at },
    update: {},
  });
}

/**
 * A conduct task of the disciplinary process makes whoever is assigned it, and whoever completes
 * it, part of the proceedings (DOMAIN.md "§3.3.9 sealing": assigned or acting). Called by the task
 * mirror as tasks open and close, so every task of every matter is covered, old histories included.
 */
export async function recordProceedingsRoleOfTask(db: Pick<Db, 'conductProceedingsRole'>, task: { caseId: string; workflowId: string; type: string }, personId: string, at: Date): Promise<void> {
  const role = task.workflowId.startsWith('conduct-') ? proceedingsRoleOfTask(task.type) : null;
  if (role && !personId.startsWith('system:')) await recordProceedingsRole(db, { caseId: task.caseId, personId, role, at });
}

export function conductActivities(db: Db, opts: ConductActivityOptions) {
  return {
    ...rprpActivities(db),
    ...publicationActivities(db),

    /** Records that a person works on the matter's proceedings. Repeatable. */
    async recordProceedingsRole(r: { caseId: string; personId: string; role: ProceedingsRole; at: string }): Promise<void> {
      await recordProceedingsRole(db, { ...r, at: new Date(r.at) });
    },

    /**
     * The outcome of misconduct proceedings, as the public and workforce lists need it; a hearing's
     * is then published for its period (publication-<ref>, ./publication.ts). Repeatable.
     */
    async recordMisconductOutcome(o: MisconductOutcomeRecord): Promise<void> {
      const data = {
        ref: o.ref,
        outcomeOn: asDate(o.outcomeOn),
        form: o.form,
        finding: o.finding,
        sanction: o.sanction,
        subjectKind: o.subjectKind,
        subjectRank: o.subjectRank,
        standards: o.standards,
        publish: o.publish,
        publishFrom: o.publishFrom ? asDate(o.publishFrom) : null,
      };
      await db.misconductOutcome.upsert({ where: { caseId: o.caseId }, create: { caseId: o.caseId, ...data }, update: data });
      await publishHearingOutcome(db, o, opts.publicationPeriodDays, opts.startPublication ?? startFromActivity);
    },

    /**
     * A police-staff matter's outcome under the staff procedure (never the officers' publication):
     * kept for the statistics and lessons, and the matter finalised — its standards and the case —
     * so a lesson may be recorded for it. Repeatable (an appeal updates it).
     */
    async recordStaffOutcome(o: { caseId: string; ref: string; outcomeOn: string; outcome: string; decidedOutcome: string; appealResult: string | null; standards: string[]; at: string }): Promise<void> {
      const at = new Date(o.at);
      const data = { ref: o.ref, outcomeOn: asDate(o.outcomeOn), outcome: o.outcome, decidedOutcome: o.decidedOutcome, appealResult: o.appealResult, standards: o.standards };
      await db.$transaction([
        db.staffMisconductOutcome.upsert({ where: { caseId: o.caseId }, create: { caseId: o.caseId, ...data }, update: data }),
        db.allegation.updateMany({ where: { caseId: o.caseId, finalisedAt: null }, data: { finalisedAt: at } }),
        db.case.updateMany({ where: { id: o.caseId, finalisedAt: null }, data: { finalisedAt: at } }),
      ]);
    },

    /** Conduct reg 45 appeal result: a varied sanction replaces the old one; an overturned finding is not published. */
    async recordAppealResult(a: { caseId: string; result: string; sanction?: string }): Promise<void> {
      await db.misconductOutcome.update({
        where: { caseId: a.caseId },
        data: {
          appealResult: a.result,
          ...(a.sanction ? { sanction: a.sanction } : {}),
          ...(a.result === 'finding-overturned' ? { publish: false, publishFrom: null } : {}),
        },
      });
    },
  };
}
