// What must hold for every accepted complaint once the system has settled, judged from what was
// observed in the real system (observe.ts). Pure: the comparison logic, unit-tested.
import type { Sent } from './load';

export interface StageEvent {
  id: string;
  from: string;
  to: string;
}

/** Mail as the sink holds it: recipients and subject ("[CO-2026-000123] New task: …"). */
export interface Mail {
  to: string[];
  subject: string;
}

export interface Observed {
  /** Case rows per complainant address (each complaint of the load has its own). */
  casesByEmail: Map<string, string[]>;
  /** Workflow executions per workflow id (closed ones too). */
  workflowRuns: Map<string, number>;
  /** Mail in the sink, by the case reference in its subject. */
  mailByRef: Map<string, Mail[]>;
  /** case.stage-changed events per case reference, in topic order (one partition per case). */
  stageEventsByRef: Map<string, StageEvent[]>;
  /** The stages recorded for timeliness (StageTiming), in the order entered. */
  stagesByRef: Map<string, string[]>;
}

export interface Verdict {
  n: number;
  accepted: boolean;
  lost: string[];
  duplicated: string[];
}

const FIRST_TASK = /\bNew task: first contact\b/;

/** The first stage of a complaint filed by the public: first contact with a PSD assessor. */
export const FIRST_STAGE = 'first-contact';

/** Lost: something of an accepted complaint is missing or wrong. Duplicated: something happened twice. */
export function judge(sent: Sent, o: Observed): Verdict {
  const v: Verdict = { n: sent.n, accepted: sent.ref !== undefined, lost: [], duplicated: [] };
  const cases = o.casesByEmail.get(sent.email) ?? [];
  if (cases.length > 1) v.duplicated.push(`${cases.length} cases (${cases.join(', ')})`);
  if (!sent.ref) return v; // never acknowledged: it may exist once or not at all, never twice
  const ref = sent.ref;
  if (!cases.includes(ref)) v.lost.push(`no case ${ref} in the database`);

  const runs = o.workflowRuns.get(`complaint-${ref}`) ?? 0;
  if (runs === 0) v.lost.push('no workflow');
  if (runs > 1) v.duplicated.push(`${runs} workflows`);

  const mail = o.mailByRef.get(ref) ?? [];
  const firstTask = mail.filter((m) => FIRST_TASK.test(m.subject)).length;
  if (firstTask === 0) v.lost.push('no first-task email');
  if (firstTask > 1) v.duplicated.push(`${firstTask} first-task emails`);
  const seen = new Map<string, number>();
  for (const m of mail) for (const to of m.to) seen.set(`${to} ${m.subject}`, (seen.get(`${to} ${m.subject}`) ?? 0) + 1);
  for (const [what, count] of seen) if (count > 1 && !FIRST_TASK.test(what)) v.duplicated.push(`${count}× mail "${what}"`);

  const problem = stageProblem(o.stageEventsByRef.get(ref) ?? [], o.stagesByRef.get(ref) ?? []);
  if (problem) (problem.startsWith('twice') ? v.duplicated : v.lost).push(problem);
  return v;
}

/**
 * The case's stage events against its recorded stages: present, each moving on from where the
 * last one left it, starting at first contact, none twice. A redelivered event (same id) is the
 * same event; consumers drop it by its id.
 */
export function stageProblem(events: StageEvent[], recorded: string[]): string | undefined {
  const unique = events.filter((e, i) => events.findIndex((x) => x.id === e.id) === i);
  if (unique.length === 0) return 'no stage events';
  const tos = unique.map((e) => e.to);
  const again = tos.find((s, i) => tos.indexOf(s) !== i);
  if (again) return `twice: stage event to ${again}`;
  if (unique[0]!.to !== FIRST_STAGE || unique[0]!.from !== 'received') return `first stage event ${unique[0]!.from}→${unique[0]!.to}, not received→${FIRST_STAGE}`;
  for (let i = 1; i < unique.length; i++) {
    if (unique[i]!.from !== unique[i - 1]!.to) return `stage events out of order: ${unique[i - 1]!.to} then ${unique[i]!.from}→${unique[i]!.to}`;
  }
  if (tos.join(',') !== recorded.join(',')) return `stage events ${tos.join('→')} but recorded stages ${recorded.join('→') || 'none'}`;
  return undefined;
}

export interface Row {
  fault: string;
  cases: number;
  accepted: number;
  lost: number;
  duplicated: number;
  recoverSeconds: number;
}

/** One row of the table: how many complaints a fault's load sent, got accepted, lost, doubled. */
export function tally(fault: string, verdicts: Verdict[], recoverSeconds: number): Row {
  return {
    fault,
    cases: verdicts.length,
    accepted: verdicts.filter((v) => v.accepted).length,
    lost: verdicts.filter((v) => v.lost.length > 0).length,
    duplicated: verdicts.filter((v) => v.duplicated.length > 0).length,
    recoverSeconds,
  };
}
