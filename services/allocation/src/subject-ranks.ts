// The ranks of the people complained about, from the record (DOMAIN.md: a senior officer's
// complaint is reviewed by the IOPC, Sch 3 para 6A; rank-based rules need them). case.received
// carries no ranks, so allocation supplies them when it starts the workflow: the rank recorded
// for the subject (CaseSubject.rank, in the order of the event's subjects), else the rank of the
// identified officer in the Person register. Unknown or not a police rank → none.
import type { Db } from '@probity/shared/db/client';
import { policeRankSchema, type PoliceRank } from '@probity/shared/domain/index';

interface RecordedSubject {
  seq: number;
  rank: string | null;
}

const asRank = (v: string | null | undefined): PoliceRank | null => {
  const parsed = policeRankSchema.safeParse(v);
  return parsed.success ? parsed.data : null;
};

/** Each subject's rank, in the event's order. Pure. */
export function ranksOfSubjects(subjects: readonly { personId?: string }[], recorded: readonly RecordedSubject[], personRanks: ReadonlyMap<string, string | null>): (PoliceRank | null)[] {
  return subjects.map((s, i) => asRank(recorded.find((r) => r.seq === i + 1)?.rank) ?? (s.personId ? asRank(personRanks.get(s.personId)) : null));
}

/** The subjects' ranks for case `caseId`, from its CaseSubject rows and the Person register. */
export async function subjectRanksFromRecord(db: Db, caseId: string, subjects: readonly { personId?: string }[]): Promise<(PoliceRank | null)[]> {
  const ids = subjects.flatMap((s) => (s.personId ? [s.personId] : []));
  const [recorded, people] = await Promise.all([
    db.caseSubject.findMany({ where: { caseId }, select: { seq: true, rank: true } }),
    ids.length ? db.person.findMany({ where: { id: { in: ids } }, select: { id: true, rank: true } }) : [],
  ]);
  return ranksOfSubjects(subjects, recorded, new Map(people.map((p) => [p.id, p.rank])));
}
