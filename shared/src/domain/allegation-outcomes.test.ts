import { describe, expect, it } from 'vitest';
import { allegationOutcomeSchema, allegationOutcomesProblem, caseOutcomeOf } from './allegation-outcomes';

const ok = (allegationId: string, over: object = {}) => allegationOutcomeSchema.parse({ allegationId, outcome: 'service-acceptable', actions: ['explanation'], ...over });

describe('outcomes per allegation (2020 wording)', () => {
  it('need one outcome for every allegation of the case, each once', () => {
    const c = { allegationIds: ['a1', 'a2'], investigated: false };
    expect(allegationOutcomesProblem([ok('a1'), ok('a2')], c)).toBeNull();
    expect(allegationOutcomesProblem([ok('a1')], c)).toMatch(/missing: a2/);
    expect(allegationOutcomesProblem([ok('a1'), ok('a1'), ok('a2')], c)).toMatch(/twice for: a1/);
    expect(allegationOutcomesProblem([ok('a1'), ok('a2'), ok('x')], c)).toMatch(/not allegations of this case: x/);
  });

  it('find case to answer only in an investigation, and always there', () => {
    expect(allegationOutcomesProblem([ok('a1')], { allegationIds: ['a1'], investigated: true })).toMatch(/case to answer/);
    expect(allegationOutcomesProblem([ok('a1', { caseToAnswer: false })], { allegationIds: ['a1'], investigated: false })).toMatch(/only by an investigation/);
    expect(allegationOutcomesProblem([ok('a1', { caseToAnswer: true, actions: ['proceedings'] })], { allegationIds: ['a1'], investigated: true })).toBeNull();
  });

  it('take proceedings only on a case to answer, and no further action alone', () => {
    expect(allegationOutcomesProblem([ok('a1', { caseToAnswer: false, actions: ['proceedings'] })], { allegationIds: ['a1'], investigated: true })).toMatch(/proceedings follow only/);
    expect(allegationOutcomesProblem([ok('a1', { actions: ['apology', 'no-further-action'] })], { allegationIds: ['a1'], investigated: false })).toMatch(/cannot go with other actions/);
    expect(allegationOutcomeSchema.safeParse({ allegationId: 'a1', outcome: 'upheld', actions: ['apology'] }).success).toBe(false);
    expect(allegationOutcomeSchema.safeParse({ allegationId: 'a1', outcome: 'service-acceptable', actions: [] }).success).toBe(false);
  });

  it('sum up as one outcome for the complainant', () => {
    expect(caseOutcomeOf([{ outcome: 'service-acceptable' }, { outcome: 'service-not-acceptable' }])).toBe('service-not-acceptable');
    expect(caseOutcomeOf([{ outcome: 'service-acceptable' }])).toBe('service-acceptable');
    expect(caseOutcomeOf([{ outcome: 'service-acceptable' }, { outcome: 'unable-to-determine' }])).toBe('unable-to-determine');
  });
});
