import { describe, expect, it } from 'vitest';
import { backtest, evaluateRules, type ComplaintForRules } from './evaluate';
import { falsePositiveRates, flagTransitionProblem } from './flag-states';
import { DEFAULT_EARLY_INTERVENTION_RULES, earlyInterventionConfigSchema } from './rules';

const c = (caseId: string, loggedOn: string, personId: string | null, team: string, categories: string[]): ComplaintForRules => ({
  caseId,
  loggedAt: new Date(`${loggedOn}T10:00:00Z`),
  subjects: [{ personId, team }],
  allegationCategories: categories,
});

// PC Ward (north-response) is named in complaints on 10 Jan, 3 Jun and 20 Nov 2026, and in one of
// 5 Jan 2025 (outside any 12-month window ending in 2026-11). Two of the 2026 ones allege
// individual behaviours. PC Taylor (south-response) is named once. A not-identified officer on
// the north team once more. North-response: 5 complaints in the 12 months to 30 Nov 2026; south: 1.
const RECORD: ComplaintForRules[] = [
  c('a', '2025-01-05', 'ward', 'north-response', ['individual-behaviours']),
  c('b', '2026-01-10', 'ward', 'north-response', ['individual-behaviours']),
  c('c', '2026-06-03', 'ward', 'north-response', ['delivery-of-duties-and-service', 'police-powers-policies-and-procedures']),
  c('d', '2026-11-20', 'ward', 'north-response', ['individual-behaviours']),
  c('e', '2026-07-01', 'taylor', 'south-response', ['other']),
  c('f', '2026-08-01', null, 'north-response', ['other']),
  c('g', '2026-09-01', 'jenkins', 'north-response', ['other']),
];

describe('early intervention rules', () => {
  it('are versioned configuration, validated', () => {
    expect(DEFAULT_EARLY_INTERVENTION_RULES.version).toBe('2026-12-01');
    const twice = { version: 'x', rules: [DEFAULT_EARLY_INTERVENTION_RULES.rules[0], DEFAULT_EARLY_INTERVENTION_RULES.rules[0]] };
    expect(earlyInterventionConfigSchema.safeParse(twice).error?.issues[0]?.message).toBe('each rule id may appear once');
    expect(earlyInterventionConfigSchema.safeParse({ version: 'x', rules: [{ kind: 'repeat-subject', id: 'r', count: 'complaints', threshold: 1, windowMonths: 12 }] }).success).toBe(false);
  });

  it('flags an officer with 3 complaints, 3 allegations or the same category twice in 12 months, and a team above its peers', () => {
    const flags = evaluateRules(DEFAULT_EARLY_INTERVENTION_RULES, RECORD, '2026-11-30');
    const of = (ruleId: string) => flags.filter((f) => f.ruleId === ruleId).map((f) => ({ subject: f.subject, reason: f.reason, caseIds: f.caseIds }));
    // Window 1 Dec 2025 – 30 Nov 2026: Ward has b, c, d (a is January 2025) = 3 complaints; 1 + 2 + 1 = 4 allegations.
    expect(of('three-complaints-in-12-months')).toEqual([{ subject: { kind: 'officer', personId: 'ward' }, reason: '3 complaints in 12 months', caseIds: ['b', 'c', 'd'] }]);
    expect(of('three-allegations-in-12-months')).toEqual([{ subject: { kind: 'officer', personId: 'ward' }, reason: '4 allegations in 12 months', caseIds: ['b', 'c', 'd'] }]);
    // Individual behaviours in b and d.
    expect(of('same-category-twice-in-12-months')).toEqual([{ subject: { kind: 'officer', personId: 'ward' }, reason: '2 complaints alleging individual behaviours in 12 months', caseIds: ['b', 'd'] }]);
    // North-response: b, c, d, f, g = 5 (the minimum) > 2 × south's 1.
    expect(of('team-twice-its-peers')).toEqual([
      { subject: { kind: 'team', team: 'north-response' }, reason: "5 complaints in 12 months, more than 2 × its peers' median of 1", caseIds: ['b', 'c', 'd', 'f', 'g'] },
    ]);
    expect(flags.every((f) => f.ruleVersion === '2026-12-01' && f.windowFrom === '2025-12-01')).toBe(true);
  });

  it('backtests: what the rules would have flagged over a past period, and when first', () => {
    const hits = backtest(DEFAULT_EARLY_INTERVENTION_RULES, RECORD, { from: '2026-01-01', to: '2026-12-31' });
    const first = (ruleId: string) => hits.find((h) => h.ruleId === ruleId)?.firstFlaggedOn;
    // Ward's third complaint in 12 months arrived on 20 Nov; his third allegation on 3 Jun (b: 1 + c: 2).
    expect(first('three-complaints-in-12-months')).toBe('2026-11-20');
    expect(first('three-allegations-in-12-months')).toBe('2026-06-03');
    expect(first('same-category-twice-in-12-months')).toBe('2026-11-20');
    // North-response had b, c, f, g = 4 by 1 Sep; d on 20 Nov made 5.
    expect(first('team-twice-its-peers')).toBe('2026-11-20');
    expect(hits).toHaveLength(4);
  });
});

describe('flag states', () => {
  it('moves new → acknowledged → action taken or false positive, each with its reason', () => {
    expect(flagTransitionProblem('new', { to: 'acknowledged' })).toBeNull();
    expect(flagTransitionProblem('acknowledged', { to: 'action-taken', action: 'development plan agreed with line manager' })).toBeNull();
    expect(flagTransitionProblem('acknowledged', { to: 'false-positive', why: ' ' })).toBe('say why the flag is a false positive');
    expect(flagTransitionProblem('action-taken', { to: 'acknowledged' })).toBe('a flag that is action-taken cannot become acknowledged (it is closed)');
    expect(flagTransitionProblem('acknowledged', { to: 'acknowledged' })).toBe('a flag that is acknowledged cannot become acknowledged (it may become action-taken or false-positive)');
  });

  it("gives each rule's false-positive rate over its closed flags", () => {
    const rates = falsePositiveRates([
      { ruleId: 'r1', state: 'false-positive' },
      { ruleId: 'r1', state: 'action-taken' },
      { ruleId: 'r1', state: 'action-taken' },
      { ruleId: 'r1', state: 'new' },
      { ruleId: 'r2', state: 'acknowledged' },
    ]);
    // r1: 3 closed, 1 false positive = 33.3%; r2: none closed.
    expect(rates[0]).toMatchObject({ ruleId: 'r1', closed: 3, falsePositives: 1 });
    expect(rates[0]!.rate).toBeCloseTo(33.333, 2);
    expect(rates[1]).toEqual({ ruleId: 'r2', closed: 0, falsePositives: 0, rate: null });
  });
});
