// What the early-intervention pages and API show: the flags a person may see (PSD managers and the
// head of PSD every flag; a line manager those raised on officers they manage), one flag with the
// cases behind it (through access/case-access.ts), each rule's false-positive rate, a backtest of
// the rules over a past period, and flags by protected characteristic of the complainants where
// equality data exists (disproportionality; never an input to a rule).
import type { Actor } from '@probity/shared/auth';
import type { Db } from '@probity/shared/db/client';
import { addCalendarDays, addMonths, type IsoDate } from '@probity/shared/domain/index';
import { backtest } from '@probity/shared/early-intervention/evaluate';
import { falsePositiveRates, type FlagState } from '@probity/shared/early-intervention/flag-states';
import { complaintsForRules } from '@probity/shared/early-intervention/flag-store';
import { activeRuleSet, type EarlyInterventionConfig } from '@probity/shared/early-intervention/rules';
import { listableCases } from '../access/case-access';
import { mayOversee } from '../auth/roles';
import { peopleNames } from '../people-names';

/** Who may see the early-intervention pages at all: PSD managers, the head of PSD, and line managers (anyone who manages someone). */
export async function maySeeFlags(db: Db, actor: Actor): Promise<boolean> {
  return mayOversee(actor) || (await db.person.count({ where: { managerId: actor.id, active: true } })) > 0;
}

const visibleTo = (actor: Actor) => (mayOversee(actor) ? {} : { managerId: actor.id });

export interface FlagSummary {
  id: string;
  ruleId: string;
  ruleVersion: string;
  subjectKind: string;
  subject: string;
  reason: string;
  cases: number;
  state: FlagState;
  raisedAt: string;
}

export async function flagsFor(db: Db, actor: Actor, filter: { state?: FlagState } = {}): Promise<FlagSummary[]> {
  const rows = await db.earlyInterventionFlag.findMany({ where: { ...visibleTo(actor), ...(filter.state ? { state: filter.state } : {}) }, orderBy: [{ raisedAt: 'desc' }, { id: 'asc' }] });
  const names = await peopleNames(db, rows.filter((r) => r.subjectKind === 'officer').map((r) => r.subjectKey));
  return rows.map((r) => ({
    id: r.id,
    ruleId: r.ruleId,
    ruleVersion: r.ruleVersion,
    subjectKind: r.subjectKind,
    subject: r.subjectKind === 'officer' ? (names.get(r.subjectKey) ?? r.subjectKey) : r.subjectKey,
    reason: r.reason,
    cases: r.caseIds.length,
    state: r.state as FlagState,
    raisedAt: r.raisedAt.toISOString(),
  }));
}

/** One flag as this person may see it, or null (missing, or not theirs to see: the same answer). */
export async function flagFor(db: Db, actor: Actor, id: string) {
  const r = await db.earlyInterventionFlag.findFirst({ where: { id, ...visibleTo(actor) } });
  if (!r) return null;
  const names = await peopleNames(db, [r.subjectKind === 'officer' ? r.subjectKey : null, r.managerId, r.acknowledgedBy, r.closedBy]);
  const cases = await listableCases(db, actor, r.caseIds);
  return {
    id: r.id,
    ruleId: r.ruleId,
    ruleVersion: r.ruleVersion,
    subjectKind: r.subjectKind,
    subject: r.subjectKind === 'officer' ? (names.get(r.subjectKey) ?? r.subjectKey) : r.subjectKey,
    manager: r.managerId ? (names.get(r.managerId) ?? r.managerId) : null,
    reason: r.reason,
    windowFrom: r.windowFrom,
    windowTo: r.windowTo,
    state: r.state as FlagState,
    raisedAt: r.raisedAt.toISOString(),
    acknowledged: r.acknowledgedAt ? { at: r.acknowledgedAt.toISOString(), by: names.get(r.acknowledgedBy ?? '') ?? r.acknowledgedBy ?? '' } : null,
    closed: r.closedAt ? { at: r.closedAt.toISOString(), by: names.get(r.closedBy ?? '') ?? r.closedBy ?? '' } : null,
    action: r.action,
    falsePositiveWhy: r.falsePositiveWhy,
    caseRefs: cases.refs,
    casesNotListed: cases.notListed,
  };
}

/** Each rule's false-positive rate over the flags this person may see. */
export async function ratesFor(db: Db, actor: Actor) {
  const rows = await db.earlyInterventionFlag.findMany({ where: visibleTo(actor), select: { ruleId: true, state: true } });
  return falsePositiveRates(rows.map((r) => ({ ruleId: r.ruleId, state: r.state as FlagState })));
}

/** What the rules in force would have flagged over a past period ("last year" by default), and when first. */
export async function backtestFor(db: Db, period: { from: IsoDate; to: IsoDate }, config: EarlyInterventionConfig = activeRuleSet()) {
  const longest = Math.max(...config.rules.map((r) => r.windowMonths));
  const complaints = await complaintsForRules(db, addCalendarDays(addMonths(period.from, -longest), 1), period.to);
  const hits = backtest(config, complaints, period);
  const names = await peopleNames(db, hits.map((h) => (h.subject.kind === 'officer' ? h.subject.personId : null)));
  return {
    period,
    ruleVersion: config.version,
    hits: hits
      .map((h) => ({
        ruleId: h.ruleId,
        subjectKind: h.subject.kind,
        subject: h.subject.kind === 'officer' ? (names.get(h.subject.personId) ?? h.subject.personId) : h.subject.team,
        firstFlaggedOn: h.firstFlaggedOn,
        reason: h.reason,
        cases: h.caseIds.length,
      }))
      .sort((a, b) => a.firstFlaggedOn.localeCompare(b.firstFlaggedOn) || a.ruleId.localeCompare(b.ruleId) || a.subject.localeCompare(b.subject)),
  };
}

export const CHARACTERISTICS = ['ethnicity', 'sex', 'ageBand', 'disability', 'religion', 'sexualOrientation'] as const;

/**
 * Disproportionality: for each protected characteristic with answers, the complainants in the
 * cases behind flags beside all complainants who answered, by value. PSD managers only; counts only.
 */
export async function disproportionality(db: Db) {
  const flagged = new Set((await db.earlyInterventionFlag.findMany({ select: { caseIds: true } })).flatMap((f) => f.caseIds));
  const rows = await db.complainantEquality.findMany({ select: { caseId: true, ...Object.fromEntries(CHARACTERISTICS.map((c) => [c, true])) } });
  return CHARACTERISTICS.map((characteristic) => {
    const answered = rows.filter((r) => (r as Record<string, unknown>)[characteristic]);
    const values = [...new Set(answered.map((r) => String((r as Record<string, unknown>)[characteristic])))].sort();
    const inFlagged = answered.filter((r) => flagged.has(r.caseId));
    return {
      characteristic,
      answered: answered.length,
      inFlagged: inFlagged.length,
      values: values.map((value) => {
        const all = answered.filter((r) => (r as Record<string, unknown>)[characteristic] === value).length;
        const fl = inFlagged.filter((r) => (r as Record<string, unknown>)[characteristic] === value).length;
        return { value, all, allShare: share(all, answered.length), flagged: fl, flaggedShare: share(fl, inFlagged.length) };
      }),
    };
  }).filter((c) => c.answered > 0);
}

const share = (n: number, of: number) => (of ? Math.round((1000 * n) / of) / 10 : null);
