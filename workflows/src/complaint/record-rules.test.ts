import { describe, expect, it } from 'vitest';
import { routeComplaint } from '@probity/shared/domain/index';
import type { Actor } from '@probity/shared/auth';
import {
  allegationAssessmentSchema,
  checkAllegationOutcomes,
  checkAssessmentLaw,
  checkFirstContactResolution,
  checkNoConflict,
  checkNotSuspended,
  checkRestrictedWorker,
  checkResume,
  checkReviewer,
  checkSuspend,
  frontLineResolutionRefusal,
  parseSuspensionReason,
  restrictedAsAssessed,
  reviewBodyOf,
  routeAfterDissatisfaction,
  routeAsAssessed,
  schedule3ReasonsAsDecided,
} from './record-rules';

const actor = (id: string, role: string, team: string): Actor => ({ id, role, rank: null, team, division: 'hq' });
const handler = actor('psd-handler-1', 'psd-handler', 'psd');
const sexual = { id: 'A1', category: 'abuse-of-position-or-corruption' as const, subCategory: 'abuse-of-position-for-sexual-purpose' as const };

describe('complaint validators: the rules of DOMAIN.md', () => {
  it('refuse anyone working on a complaint about themselves or their team, PSD included', () => {
    expect(() => checkNoConflict(handler, [{ personId: 'psd-handler-1', team: 'psd' }], 'assessment')).toThrow(/^This case cannot be assessed by someone who is one of its subjects/);
    expect(() => checkNoConflict(handler, [{ team: 'psd' }], 'handling')).toThrow(/cannot be handled by someone who is in the PSD team/);
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

describe('front-line first contact, the review body, suspension', () => {
  const plain = routeComplaint({ allegations: [{ id: 'A1', category: 'other' }] });

  it('refuses a front-line resolution Schedule 3 forbids, or by a subject or their team', () => {
    expect(frontLineResolutionRefusal({ byId: 'pc-1' }, routeComplaint({ allegations: [sexual] }), [])).toMatch(/cannot be resolved at first contact/);
    expect(frontLineResolutionRefusal({ byId: 'pc-1' }, plain, [{ personId: 'pc-1' }])).toMatch(/^This case cannot be recorded by someone who is one of its subjects/);
    expect(frontLineResolutionRefusal({ byId: 'pc-1', team: 'north' }, plain, [{ team: 'north' }])).toMatch(/someone who is in the north team, the team of one of its subjects/);
    // Team unknown: only the person is checked.
    expect(frontLineResolutionRefusal({ byId: 'pc-1' }, plain, [{ team: 'north' }])).toBeUndefined();
    expect(frontLineResolutionRefusal({ byId: 'pc-1', team: 'south' }, plain, [{ team: 'north' }])).toBeUndefined();
  });

  it('sends a review to the IOPC when referred or about a senior officer, else to the local policing body; only their reviewers decide it', () => {
    const sch3 = routeComplaint({ allegations: [{ id: 'A1', category: 'other' }], complainantWantsSch3: true });
    expect(reviewBodyOf({ handling: 'schedule-3', referToIopc: false, route: sch3, subjects: [{ team: 't' }] }).body).toBe('local-policing-body');
    expect(reviewBodyOf({ handling: 'schedule-3', referToIopc: true, route: sch3, subjects: [] }).body).toBe('iopc');
    expect(reviewBodyOf({ handling: 'schedule-3', referToIopc: false, route: sch3, subjects: [{ rank: 'chief-constable' }] }).reason).toMatch(/senior officer/);
    expect(reviewBodyOf({ handling: 'outside-schedule-3', referToIopc: false, route: plain, subjects: [] }).body).toBeNull();
    expect(() => checkReviewer(actor('pcc-review-officer', 'lpb-review-officer', 'opcc'), 'iopc')).toThrow(/it is for the IOPC .*not the local-policing-body/);
    expect(() => checkReviewer(handler, 'local-policing-body')).toThrow(/psd-handler-1 may not decide this review/);
    expect(() => checkReviewer(actor('iopc-reviewer', 'iopc-reviewer', 'iopc'), 'iopc')).not.toThrow();
  });

  it('puts the Schedule 3 grounds on the record: the route’s, PSD’s own decision, or dissatisfaction after initial handling', () => {
    expect(schedule3ReasonsAsDecided(plain, 'outside-schedule-3')).toEqual([]);
    expect(schedule3ReasonsAsDecided(plain, 'schedule-3').map((r) => r.code)).toEqual(['psd-decision']);
    const moved = routeAfterDissatisfaction(plain);
    expect(moved.handling).toBe('schedule-3');
    expect(schedule3ReasonsAsDecided(moved, 'schedule-3').map((r) => r.code)).toEqual(['dissatisfied-after-initial-handling']);
    expect(moved.reasons.some((r) => r.startsWith('Outside Schedule 3'))).toBe(false);
  });

  it('lets the appropriate authority suspend and resume, nobody conflicted, and holds paused tasks', () => {
    const manager = actor('psd-manager', 'psd-manager', 'psd');
    expect(() => checkSuspend(manager, [{ team: 'north' }], { stage: 'handling' })).not.toThrow();
    expect(() => checkSuspend(manager, [{ team: 'psd' }], { stage: 'handling' })).toThrow(/This case cannot be decided by someone who is in the PSD team/);
    expect(() => checkSuspend(handler, [], { stage: 'handling' })).toThrow(/only a PSD manager or the head of PSD/);
    expect(() => checkResume(manager, [], { stage: 'handling' })).toThrow('the complaint is not suspended');
    expect(() => checkResume(manager, [], { stage: 'handling', suspendedSince: '2026-05-01' })).not.toThrow();
    const since = { since: '2026-05-01', reason: 'sub-judice' };
    expect(() => checkNotSuspended('handling', since)).toThrow(/suspended \(sub-judice, since 2026-05-01/);
    expect(() => checkNotSuspended('complainant-update', since)).not.toThrow();
    expect(() => checkNotSuspended('handling', undefined)).not.toThrow();
  });
});
