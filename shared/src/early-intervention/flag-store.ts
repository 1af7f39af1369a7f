// Early-intervention flags in Postgres: the record read as the rules see it, flags raised as cases
// arrive and close (activities/src/case-record.ts recordStage), and a flag's states. Raising is
// idempotent: a flag's id hashes its rule, subject and cases, and it is written with its outbox
// event (early-intervention.flagged → the notification service) in one transaction, so a repeat
// of the activity, or two at once, raise and announce it once.
import { createHash } from 'node:crypto';
import type { Db } from '../db/client';
import { addCalendarDays, addMonths, londonDateOf, startOfLondonDayMs, type IsoDate } from '../domain/index';
import { envelope } from '../events/envelope';
import type { Recipient } from '../events/schemas';
import { TOPICS } from '../events/topics';
import { evaluateRules, flagKey, type ComplaintForRules, type FlagCandidate } from './evaluate';
import { flagTransitionProblem, type FlagState, type FlagTransition } from './flag-states';
import { activeRuleSet, type EarlyInterventionConfig } from './rules';

/** PSD's readers of every flag. */
export const PSD_FLAG_ROLES = ['psd-manager', 'head-of-psd'];

/**
 * Complaints logged between two London dates (both included) as the rules see them. Restricted
 * (serious-corruption) cases are left out: their existence must not reach a line manager.
 * Equality data is never selected (DOMAIN.md: never an input to a rule).
 */
export async function complaintsForRules(db: Db, from: IsoDate, to: IsoDate): Promise<ComplaintForRules[]> {
  const rows = await db.case.findMany({
    where: { kind: 'complaint', restricted: false, loggedAt: { gte: new Date(startOfLondonDayMs(from)), lt: new Date(startOfLondonDayMs(addCalendarDays(to, 1))) } },
    select: { id: true, loggedAt: true, caseSubjects: { select: { personId: true, team: true } }, allegations: { select: { category: true } } },
    orderBy: { loggedAt: 'asc' },
  });
  return rows.map((r) => ({ caseId: r.id, loggedAt: r.loggedAt, subjects: r.caseSubjects, allegationCategories: r.allegations.map((a) => a.category) }));
}

const longestWindow = (config: EarlyInterventionConfig) => Math.max(...config.rules.map((r) => r.windowMonths));

export const flagIdOf = (f: FlagCandidate) =>
  `EI-${createHash('sha256').update(`${flagKey(f)}|${f.caseIds.join(',')}`).digest('hex').slice(0, 12)}`;

const subjectKeyOf = (f: FlagCandidate) => (f.subject.kind === 'officer' ? f.subject.personId : f.subject.team);

export interface RaiseResult {
  raised: string[];
  updated: string[];
}

/**
 * Evaluates the rules as the record stands on `asOf` and keeps the flags of the officers and teams
 * named in `caseId` (or of everyone, without one): a new pattern raises a flag and tells the
 * officer's line manager and PSD; a pattern grown while its flag is open updates that flag; a
 * pattern already closed (action taken, false positive) is not raised again until a new case joins it.
 */
export async function raiseFlags(db: Db, opts: { caseId?: string; asOf?: IsoDate; config?: EarlyInterventionConfig } = {}): Promise<RaiseResult> {
  const config = opts.config ?? activeRuleSet();
  const asOf = opts.asOf ?? londonDateOf(Date.now());
  const complaints = await complaintsForRules(db, addCalendarDays(addMonths(asOf, -longestWindow(config)), 1), asOf);
  let candidates = evaluateRules(config, complaints, asOf);
  if (opts.caseId) {
    const subjects = await db.caseSubject.findMany({ where: { caseId: opts.caseId }, select: { personId: true, team: true } });
    const people = new Set(subjects.map((s) => s.personId).filter(Boolean));
    const teams = new Set(subjects.map((s) => s.team).filter(Boolean));
    candidates = candidates.filter((f) => (f.subject.kind === 'officer' ? people.has(f.subject.personId) : teams.has(f.subject.team)));
  }
  const result: RaiseResult = { raised: [], updated: [] };
  for (const f of candidates) {
    const outcome = await keepFlag(db, f);
    if (outcome) result[outcome.kind].push(outcome.id);
  }
  return result;
}

/**
 * One pattern: raise, update or leave its flag. Under a transaction-scoped advisory lock on the
 * rule and subject, so two cases arriving at once cannot raise two flags for one pattern.
 */
async function keepFlag(db: Db, f: FlagCandidate): Promise<{ kind: 'raised' | 'updated'; id: string } | null> {
  const key = subjectKeyOf(f);
  const notify = await readersOf(db, f);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`early-intervention:${f.ruleId}:${key}`}))`;
    const latest = await tx.earlyInterventionFlag.findFirst({ where: { ruleId: f.ruleId, subjectKey: key }, orderBy: { raisedAt: 'desc' } });
    if (latest && (latest.state === 'new' || latest.state === 'acknowledged')) {
      if (f.caseIds.every((id) => latest.caseIds.includes(id))) return null;
      await tx.earlyInterventionFlag.update({ where: { id: latest.id }, data: { reason: f.reason, caseIds: [...new Set([...latest.caseIds, ...f.caseIds])].sort(), windowTo: f.windowTo } });
      return { kind: 'updated' as const, id: latest.id };
    }
    if (latest && f.caseIds.every((id) => latest.caseIds.includes(id))) return null;
    const id = flagIdOf(f);
    const { count } = await tx.earlyInterventionFlag.createMany({
      data: [{ id, ruleId: f.ruleId, ruleVersion: f.ruleVersion, subjectKind: f.subject.kind, subjectKey: key, managerId: notify.managerId, reason: f.reason, caseIds: f.caseIds, windowFrom: f.windowFrom, windowTo: f.windowTo }],
      skipDuplicates: true,
    });
    if (count === 0) return null;
    const event = envelope({
      id: `${TOPICS.earlyInterventionFlagged}:${id}`,
      type: TOPICS.earlyInterventionFlagged,
      source: 'probity/early-intervention',
      subject: id,
      data: { flagId: id, ruleId: f.ruleId, ruleVersion: f.ruleVersion, subjectKind: f.subject.kind, reason: f.reason, caseCount: f.caseIds.length, notify: notify.recipients },
    });
    await tx.outboxEvent.create({ data: { id: event.id, topic: TOPICS.earlyInterventionFlagged, key: id, payload: event as object } });
    return { kind: 'raised' as const, id };
  });
}

/** An officer's flag goes to their line manager and PSD; a team's to PSD. */
async function readersOf(db: Db, f: FlagCandidate): Promise<{ managerId: string | null; recipients: Recipient[] }> {
  const managerId = f.subject.kind === 'officer' ? ((await db.person.findUnique({ where: { id: f.subject.personId }, select: { managerId: true } }))?.managerId ?? null) : null;
  const psd = await db.person.findMany({ where: { role: { in: PSD_FLAG_ROLES }, active: true }, select: { id: true }, orderBy: { id: 'asc' } });
  return { managerId, recipients: [...new Set([...(managerId ? [managerId] : []), ...psd.map((p) => p.id)])].map((personId) => ({ personId })) };
}

export class FlagTransitionRefused extends Error {}

/** Moves a flag on (new → acknowledged → action taken | false positive), refusing with the rule's reason. */
export async function markFlag(db: Db, flagId: string, byId: string, t: FlagTransition, at = new Date()): Promise<void> {
  await db.$transaction(async (tx) => {
    const flag = await tx.earlyInterventionFlag.findUnique({ where: { id: flagId }, select: { state: true } });
    if (!flag) throw new FlagTransitionRefused(`no flag ${flagId}`);
    const problem = flagTransitionProblem(flag.state as FlagState, t);
    if (problem) throw new FlagTransitionRefused(problem);
    // The state the flag was read in is the condition of the write: two people marking it at once cannot both succeed.
    const data =
      t.to === 'acknowledged'
        ? { state: t.to, acknowledgedAt: at, acknowledgedBy: byId }
        : { state: t.to, closedAt: at, closedBy: byId, ...(t.to === 'action-taken' ? { action: t.action.trim() } : { falsePositiveWhy: t.why.trim() }) };
    const { count } = await tx.earlyInterventionFlag.updateMany({ where: { id: flagId, state: flag.state }, data });
    if (count === 0) throw new FlagTransitionRefused('the flag was changed by someone else meanwhile; look at it again');
  });
}
