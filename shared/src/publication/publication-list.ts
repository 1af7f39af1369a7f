// The published misconduct hearing outcomes as the public page (intake) and the workforce page
// (casework) show them (DOMAIN.md "Publication"). The Publication row's status is set by the
// publication workflow's timers; both pages read it and nothing else decides what is shown.
import type { Db } from '../db/client';
import { londonDateOf, rankLabel, type PoliceRank } from '../domain/index';

export interface PublishedOutcome {
  ref: string;
  /** Null when an exception withholds the name. */
  officerName: string | null;
  /** 'Police constable', or 'Police staff'. */
  role: string;
  finding: string;
  sanction: string;
  standards: string[];
  form: string;
  outcomeOn: string;
  publishFrom: string;
  withdrawOn: string;
}

/** What the workforce sees beside the public entry: the exception's reason and the status. */
export interface WorkforcePublication extends PublishedOutcome {
  nameWithheldBecause: string | null;
  status: string;
  withdrawnAt: string | null;
  /** Withdrawn before its period ended: the London date and why (the publication workflow's withdrawEarly). */
  withdrawnEarlyOn: string | null;
  withdrawnEarlyBecause: string | null;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

type Row = NonNullable<Awaited<ReturnType<Db['publication']['findFirst']>>>;

/** A public entry: never the exception's reason, only that the name is not published. */
export function publicEntry(p: Row): PublishedOutcome {
  return {
    ref: p.ref,
    officerName: p.officerName,
    role: p.subjectKind === 'officer' && p.subjectRank ? capitalised(`police ${rankLabel(p.subjectRank as PoliceRank)}`) : 'Police staff',
    finding: p.finding,
    sanction: p.sanction,
    standards: p.standards,
    form: p.form,
    outcomeOn: iso(p.outcomeOn),
    publishFrom: iso(p.publishFrom),
    withdrawOn: iso(p.withdrawOn),
  };
}

/** The outcomes published now, the latest first. */
export async function currentPublications(db: Pick<Db, 'publication'>): Promise<PublishedOutcome[]> {
  const rows = await db.publication.findMany({ where: { status: 'published' }, orderBy: [{ outcomeOn: 'desc' }, { ref: 'asc' }] });
  return rows.map(publicEntry);
}

/** Every publication, current ones first, for the workforce page (the intranet). */
export async function workforcePublications(db: Pick<Db, 'publication'>, limit = 200): Promise<WorkforcePublication[]> {
  const rows = await db.publication.findMany({ orderBy: [{ status: 'asc' }, { outcomeOn: 'desc' }, { ref: 'asc' }], take: limit });
  const order = { published: 0, scheduled: 1, withdrawn: 2 } as Record<string, number>;
  return rows
    .map((p) => ({
      ...publicEntry(p),
      nameWithheldBecause: p.nameWithheldBecause,
      status: p.status,
      withdrawnAt: p.withdrawnAt?.toISOString() ?? null,
      withdrawnEarlyOn: p.withdrawnBecause && p.withdrawnAt ? londonDateOf(p.withdrawnAt.getTime()) : null,
      withdrawnEarlyBecause: p.withdrawnBecause,
    }))
    .sort((a, b) => (order[a.status] ?? 3) - (order[b.status] ?? 3));
}
