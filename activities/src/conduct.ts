// What the conduct matter workflow asks of the world beyond the casework kit: who works on the
// disciplinary proceedings (the §3.3.9 seal is keyed on it), the misconduct outcome kept for
// publication (PEEL), and the sealed reflective practice record (./rprp.ts).
import type { Db } from '@probity/shared/db/client';
import { rprpActivities } from './rprp';

export type ProceedingsRole = 'investigator' | 'appropriate-authority' | 'appeal-chair';

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
}

const asDate = (isoDate: string) => new Date(`${isoDate}T00:00:00.000Z`);

export function conductActivities(db: Db) {
  return {
    ...rprpActivities(db),

    /** Records that a person works on the matter's proceedings. Repeatable. */
    async recordProceedingsRole(r: { caseId: string; personId: string; role: ProceedingsRole; at: string }): Promise<void> {
      await db.conductProceedingsRole.upsert({
        where: { caseId_personId_role: { caseId: r.caseId, personId: r.personId, role: r.role } },
        create: { id: `${r.caseId}:${r.personId}:${r.role}`, caseId: r.caseId, personId: r.personId, role: r.role, assignedAt: new Date(r.at) },
        update: {},
      });
    },

    /** The outcome of misconduct proceedings, as the public and workforce lists need it. Repeatable. */
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
