// Evaluating the early-intervention rules over the record: pure, so the same function answers
// "who is flagged now" as cases arrive and close, and backtests a rule over past data ("what
// would it have flagged last year"). The input has no equality fields by construction.
import { addCalendarDays, addMonths, compareIsoDates, londonDateOf, type IsoDate } from '@probity/shared/domain/index';
import { percentile } from '../domain/measures';
import { CURRENT_CODE_LIST_VERSION, LEGACY_CODE_LIST_VERSION, labelOf } from '../domain/allegation-codes';
import type { EarlyInterventionConfig, EarlyInterventionRule } from './rules';

/** One complaint as the rules see it: when it was logged, whom it names, what it alleges. */
export interface ComplaintForRules {
  caseId: string;
  loggedAt: Date;
  subjects: { personId: string | null; team: string | null }[];
  allegationCategories: string[];
}

/** A category as a reader says it ("individual behaviours"), from the current code list or the legacy one. */
const categoryInWords = (code: string) => (labelOf(CURRENT_CODE_LIST_VERSION, code) ?? labelOf(LEGACY_CODE_LIST_VERSION, code) ?? code).toLowerCase();

export type FlagSubject = { kind: 'officer'; personId: string } | { kind: 'team'; team: string };

export interface FlagCandidate {
  ruleId: string;
  ruleVersion: string;
  subject: FlagSubject;
  /** What the rule counted, e.g. "3 complaints in 12 months" */
  reason: string;
  caseIds: string[];
  windowFrom: IsoDate;
  windowTo: IsoDate;
}

// A backtest asks every complaint's London date once per day of its period and rule: working it
// out each time (time-zone arithmetic) made a year's backtest take a minute at 1,700 complaints.
const loggedOnCache = new WeakMap<ComplaintForRules, IsoDate>();
const loggedOn = (c: ComplaintForRules): IsoDate => {
  let d = loggedOnCache.get(c);
  if (d === undefined) loggedOnCache.set(c, (d = londonDateOf(c.loggedAt.getTime())));
  return d;
};

// ISO dates order as strings; compareIsoDates would parse both on each of these many calls.
const inWindow = (c: ComplaintForRules, from: IsoDate, to: IsoDate) => {
  const d = loggedOn(c);
  return d >= from && d <= to;
};

function evaluateRule(rule: EarlyInterventionRule, version: string, complaints: readonly ComplaintForRules[], asOf: IsoDate): FlagCandidate[] {
  const windowFrom = addCalendarDays(addMonths(asOf, -rule.windowMonths), 1);
  const recent = complaints.filter((c) => inWindow(c, windowFrom, asOf));
  const base = { ruleId: rule.id, ruleVersion: version, windowFrom, windowTo: asOf };
  const span = `in ${rule.windowMonths} months`;
  if (rule.kind === 'team-above-peers') {
    const byTeam = new Map<string, Set<string>>();
    for (const c of recent) for (const s of c.subjects) if (s.team) byTeam.set(s.team, (byTeam.get(s.team) ?? new Set()).add(c.caseId));
    return [...byTeam].flatMap(([team, ids]) => {
      const peers = [...byTeam].filter(([t]) => t !== team).map(([, p]) => p.size);
      const median = percentile(peers, 0.5) ?? 0;
      return ids.size >= rule.minimum && ids.size > rule.factor * median
        ? [{ ...base, subject: { kind: 'team' as const, team }, reason: `${ids.size} complaints ${span}, more than ${rule.factor} × its peers' median of ${median}`, caseIds: [...ids].sort() }]
        : [];
    });
  }
  const byOfficer = new Map<string, ComplaintForRules[]>();
  for (const c of recent) {
    for (const p of new Set(c.subjects.map((s) => s.personId).filter((p): p is string => !!p))) {
      const cases = byOfficer.get(p);
      if (cases) cases.push(c);
      else byOfficer.set(p, [c]);
    }
  }
  return [...byOfficer].flatMap(([personId, cases]) => {
    const subject = { kind: 'officer' as const, personId };
    if (rule.kind === 'repeat-subject') {
      const n = rule.count === 'complaints' ? cases.length : cases.reduce((s, c) => s + c.allegationCategories.length, 0);
      return n >= rule.threshold ? [{ ...base, subject, reason: `${n} ${rule.count} ${span}`, caseIds: cases.map((c) => c.caseId).sort() }] : [];
    }
    const byCategory = new Map<string, Set<string>>();
    for (const c of cases) for (const cat of c.allegationCategories) byCategory.set(cat, (byCategory.get(cat) ?? new Set()).add(c.caseId));
    return [...byCategory]
      .filter(([, ids]) => ids.size >= rule.threshold)
      .map(([category, ids]) => ({ ...base, subject, reason: `${ids.size} complaints alleging ${categoryInWords(category)} ${span}`, caseIds: [...ids].sort() }));
  });
}

/** Every flag the rules raise on the record as it stood at the end of `asOf`. */
export function evaluateRules(config: EarlyInterventionConfig, complaints: readonly ComplaintForRules[], asOf: IsoDate): FlagCandidate[] {
  return config.rules.flatMap((rule) => evaluateRule(rule, config.version, complaints, asOf));
}

export const flagKey = (f: Pick<FlagCandidate, 'ruleId' | 'subject'>) => `${f.ruleId}:${f.subject.kind === 'officer' ? f.subject.personId : f.subject.team}`;

/**
 * Backtest: replays the rules as each complaint of the period arrived (evaluated at its logging
 * date), and lists the first flag each rule would have raised on each officer or team.
 */
export function backtest(config: EarlyInterventionConfig, complaints: readonly ComplaintForRules[], period: { from: IsoDate; to: IsoDate }): (FlagCandidate & { firstFlaggedOn: IsoDate })[] {
  const days = [...new Set(complaints.filter((c) => inWindow(c, period.from, period.to)).map(loggedOn))].sort(compareIsoDates);
  const first = new Map<string, FlagCandidate & { firstFlaggedOn: IsoDate }>();
  for (const day of days) {
    for (const f of evaluateRules(config, complaints, day)) if (!first.has(flagKey(f))) first.set(flagKey(f), { ...f, firstFlaggedOn: day });
  }
  return [...first.values()];
}
