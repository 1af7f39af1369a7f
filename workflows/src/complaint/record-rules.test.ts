import { describe, expect, it } from 'vitest';
import { routeComplaint } from '@probity/shared/domain/index';
import type { Actor } from '@probity/shared/auth';
import {
  allegationAssessmentSchema,
  checkAllegationOutcomes,
  checkAssessmentLaw,
  checkFirstContactResolution,
  checkNoConflict,
  checkRestrictedWorker,
  parseSuspensionReason,
  restrictedAsAssessed,
  routeAsAssessed,
} from './record-rules';

const actor = (id: string, role: string, team: string): Actor => ({ id, role, rank: null, team, division: 'hq' });
const handler = actor('psd-handler-1', 'psd-handler', 'psd');
const sexual = { id: 'A1', category: 'abuse-of-position-or-corruption' as const, subCategory: 'abuse-of-position-for-sexual-purpose' as const };

describe('complaint validators: the rules of DOMAIN.md', () => {
  it('refuse anyone working on a complaint about themselves or their team, PSD included', () => {
    expect(() => checkNoConflict(handler, [{ personId: 'psd-handler-1', team: 'psd' }], 'assessment')).toThrow(/psd-handler-1 may not assess this case: psd-handler-1 is a subject/);
    expect(() => checkNoConflict(handler, [{ team: 'psd' }], 'handling')).toThrow(/may not handle this case.*team psd/);
    expect(() => checkNoConflict(handler, [{ team: 'north-response' }], 'assessment')).not.toThrow();
  });

  it('keep a restricted case to the counter-corruption unit, the head of PSD and its assignee', () => {
    expect(() => checkRestrictedWorker(handler, true, 'ccu-handler')).toThrow(/restricted \(serious corruption\)/);
    expect(() => checkRestrictedWorker(actor('ccu-handler', 'psd-handler', 'counter-corruption'), true, 'ccu-handler')).not.toThrow();
    expect(() => checkRestrictedWorker(actor('psd-manager', 'psd-manager', 'psd'), true, 'psd-manager')).not.toThrow();
    expect(() => checkRestrictedWorker(handler, false, 'x')).not.toThrow();
  });

  it('refuse {resolved: true} at first contact where Schedule 3 is required', () => {
    const route = routeComplaint({ allegations: [sexual] });
    expect(() => checkFirstContactResolution(true, route)).toThrow(/cannot be resolved at first contact/);
    expect(() => checkFirstContactResolution(false, route)).not.toThrow();
    expect(() => checkFirstContactResolution(true, routeComplaint({ allegations: [{ id: 'A1', category: 'other' }] }))).not.toThrow();
  });

  it('refuse an outside-Schedule-3 assessment the law forbids, and a restricted case sent to a division', () => {
    const route = routeComplaint({ allegations: [{ id: 'A1', category: 'other' }], complainantWantsSch3: true });
    expect(() => checkAssessmentLaw({ handling: 'outside-schedule-3', allocateTo: 'division' }, route, false)).toThrow(/must be recorded and handled under Schedule 3 because the complainant wants/);
    expect(() => checkAssessmentLaw({ handling: 'schedule-3', allocateTo: 'division' }, route, true)).toThrow(/counter-corruption unit investigates it/);
    expect(() => checkAssessmentLaw({ handling: 'schedule-3', allocateTo: 'psd-investigator' }, route, true)).not.toThrow();
  });
});

describe('the route as assessed', () => {
  const first = routeComplaint({ allegations: [{ id: 'A1', category: 'other' }, { id: 'A2', category: 'other' }] });

  it('adds what the assessor finds and never loses what the first look found', () => {
    const assessed = routeAsAssessed(first, ['A1', 'A2'], {
      allegations: [
        { id: 'A1', category: 'police-powers-policies-and-procedures', subCategory: 'use-of-force', seriousAssault: true },
        { id: 'A2', category: 'other', subCategory: 'other' },
      ],
    });
    expect(assessed).toMatchObject({ handling: 'schedule-3', referToIopc: true });
    expect(routeAsAssessed(first, ['A1', 'A2'], {})).toBe(first);
    expect(routeAsAssessed(first, ['A1', 'A2'], { recordUnderSchedule3: true }).schedule3Reasons.map((r) => r.code)).toEqual(['psd-decision']);
  });

  it('needs every allegation coded once, in a pair of the current list', () => {
    expect(() => routeAsAssessed(first, ['A1', 'A2'], { allegations: [{ id: 'A1', category: 'other', subCategory: 'other' }] })).toThrow(/missing: A2/);
    expect(allegationAssessmentSchema.safeParse({ id: 'A1', category: 'other', subCategory: 'use-of-force' }).success).toBe(false);
  });

  it('finds the restriction in the assessor’s coding', () => {
    expect(restrictedAsAssessed([sexual])).toBe(true);
    expect(restrictedAsAssessed([{ id: 'A1', category: 'other', subCategory: 'other' }])).toBe(false);
    expect(restrictedAsAssessed(undefined)).toBe(false);
  });
});

describe('outcomes and suspension', () => {
  it('need each allegation’s outcome, with case to answer for an investigation', () => {
    expect(() => checkAllegationOutcomes(undefined, { allegationIds: ['a1'], investigated: false })).toThrow(/allegationOutcomes: give each allegation/);
    expect(() => checkAllegationOutcomes([{ allegationId: 'a1', outcome: 'service-acceptable', actions: ['explanation'] }], { allegationIds: ['a1'], investigated: true })).toThrow(/case to answer/);
    expect(() => checkAllegationOutcomes([{ allegationId: 'a1', outcome: 'service-acceptable', caseToAnswer: false, actions: ['no-further-action'] }], { allegationIds: ['a1'], investigated: true })).not.toThrow();
  });

  it('read a suspension reason, naming the field', () => {
    expect(parseSuspensionReason('sub-judice')).toBe('sub-judice');
    expect(() => parseSuspensionReason('holiday')).toThrow(/^reason: reason must be 'sub-judice'/);
  });
});
