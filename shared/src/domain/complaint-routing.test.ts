import { describe, expect, it } from 'vitest';
import { ALLEGATION_CATEGORIES, ALLEGATION_SUB_CATEGORIES, categoryOfSubCategory } from './allegation-codes';
import {
  complaintForRoutingSchema,
  dissatisfiedAfterInitialHandling,
  iopcSchedule3Reason,
  IOPC_SCHEDULE_3_REASONS,
  mandatoryReferralReasons,
  mustBeRecordedUnderSchedule3,
  routeComplaint,
  SCHEDULE_3_REASONS,
  type AllegationForRouting,
  type ComplaintForRouting,
} from './complaint-routing';

const one = (allegation: Omit<AllegationForRouting, 'id'>, extra: Partial<ComplaintForRouting> = {}): ComplaintForRouting => ({
  allegations: [{ id: 'A1', ...allegation }],
  ...extra,
});
const codes = (reasons: { code: string }[]) => reasons.map((r) => r.code);
const abuse = (subCategory: AllegationForRouting['subCategory']) => ({ category: 'abuse-of-position-or-corruption' as const, subCategory });

describe('the routing input', () => {
  it('needs at least one allegation with a category of the current code list, and accepts flags', () => {
    expect(complaintForRoutingSchema.safeParse({ allegations: [] }).success).toBe(false);
    expect(complaintForRoutingSchema.safeParse({ allegations: [{ id: 'A1', category: 'individual-behaviour' }] }).success).toBe(false);
    expect(
      complaintForRoutingSchema.parse({
        allegations: [{ id: 'A1', category: 'police-powers-policies-and-procedures', subCategory: 'use-of-force', seriousAssault: true }],
        complainantWantsSch3: true,
      }),
    ).toEqual({
      allegations: [{ id: 'A1', category: 'police-powers-policies-and-procedures', subCategory: 'use-of-force', seriousAssault: true }],
      complainantWantsSch3: true,
    });
  });
});

describe('routeComplaint', () => {
  it('handles a plain service or behaviour complaint outside Schedule 3, without referral', () => {
    const route = routeComplaint(one({ category: 'individual-behaviours', subCategory: 'impolite-language-or-tone' }));
    expect(route.handling).toBe('outside-schedule-3');
    expect(route.referToIopc).toBe(false);
    expect(route.reasons).toEqual(['Outside Schedule 3: nothing requires recording; resolve to the complainant’s satisfaction']);
  });

  it('records under Schedule 3 when the complainant wants it, without referral', () => {
    const route = routeComplaint(one({ category: 'delivery-of-duties-and-service' }, { complainantWantsSch3: true }));
    expect(route.handling).toBe('schedule-3');
    expect(route.referToIopc).toBe(false);
    expect(codes(route.schedule3Reasons)).toEqual(['complainant-wants-schedule-3']);
  });

  it('records and refers abuse of position for a sexual purpose as serious corruption (PEEL)', () => {
    const route = routeComplaint(one(abuse('abuse-of-position-for-sexual-purpose')));
    expect(route.handling).toBe('schedule-3');
    expect(route.referToIopc).toBe(true);
    expect(codes(route.referralReasons)).toEqual(['serious-corruption']);
    expect(route.referralReasons[0]!.allegationIds).toEqual(['A1']);
    expect(route.referralReasons[0]!.text).toMatch(/abuse of position for a sexual purpose.*serious corruption/);
    expect(codes(route.schedule3Reasons)).toEqual(['possible-disciplinary-proceedings', 'mandatory-referral']);
    expect(route.reasons).toContain(
      'IOPC referral: serious corruption, including abuse of position for a sexual purpose, which the force treats as serious corruption (C&M reg 4; PEEL) [allegations A1]',
    );
  });

  it('also treats abuse of position for an improper emotional relationship as serious corruption', () => {
    expect(codes(mandatoryReferralReasons(one(abuse('abuse-of-position-for-emotional-relationship'))))).toEqual(['serious-corruption']);
  });

  it('records, but refers only when assessed as serious corruption, abuse of position for a financial purpose', () => {
    const financial = routeComplaint(one(abuse('abuse-of-position-for-financial-purpose')));
    expect([financial.handling, financial.referToIopc]).toEqual(['schedule-3', false]);
    expect(codes(mandatoryReferralReasons(one({ ...abuse('abuse-of-position-for-financial-purpose'), seriousCorruption: true })))).toEqual([
      'serious-corruption',
    ]);
  });

  it('refers serious assault on the assessor’s flag, not on a use-of-force allegation alone', () => {
    const force = { category: 'police-powers-policies-and-procedures' as const, subCategory: 'use-of-force' as const };
    expect(codes(mandatoryReferralReasons(one({ ...force, seriousAssault: true })))).toEqual(['serious-assault']);
    expect(mandatoryReferralReasons(one(force))).toEqual([]);
  });

  it('refers a sexual assault as a serious sexual offence, and records it as a possible crime', () => {
    const route = routeComplaint(one({ category: 'sexual-conduct', subCategory: 'sexual-assault' }));
    expect(route.referToIopc).toBe(true);
    expect(codes(route.referralReasons)).toEqual(['serious-sexual-offence']);
    expect(codes(route.schedule3Reasons)).toContain('possible-criminal-offence');
    const harassment = routeComplaint(one({ category: 'sexual-conduct', subCategory: 'sexual-harassment' }));
    expect([harassment.handling, harassment.referToIopc]).toEqual(['schedule-3', false]);
    expect(codes(harassment.schedule3Reasons)).toEqual(['possible-disciplinary-proceedings']);
  });

  it('records and refers death or serious injury', () => {
    const route = routeComplaint(one({ category: 'police-powers-policies-and-procedures', subCategory: 'detention-in-police-custody', deathOrSeriousInjury: true }));
    expect(route.handling).toBe('schedule-3');
    expect(codes(route.schedule3Reasons)).toContain('death-or-serious-injury');
    expect(codes(route.referralReasons)).toEqual(['death-or-serious-injury']);
  });

  it('refers discrimination only when it aggravates a possible crime or disciplinary-level conduct', () => {
    expect(routeComplaint(one({ category: 'discriminatory-behaviour', subCategory: 'race' }))).toMatchObject({ handling: 'outside-schedule-3', referToIopc: false });
    expect(codes(mandatoryReferralReasons(one({ category: 'discriminatory-behaviour', subCategory: 'race', justifiesDisciplinaryProceedings: true })))).toEqual([
      'discrimination-aggravated',
    ]);
    expect(
      codes(mandatoryReferralReasons(one({ category: 'individual-behaviours', aggravatedByDiscrimination: true, possibleCriminalOffence: true }))),
    ).toEqual(['discrimination-aggravated']);
    expect(mandatoryReferralReasons(one({ category: 'individual-behaviours', aggravatedByDiscrimination: true }))).toEqual([]);
    expect(codes(mandatoryReferralReasons(one({ category: 'police-powers-policies-and-procedures', seriousAssault: true, aggravatedByDiscrimination: true })))).toEqual([
      'serious-assault',
      'discrimination-aggravated',
    ]);
  });

  it('refers a relevant offence', () => {
    expect(codes(routeComplaint(one({ category: 'other', relevantOffence: true })).referralReasons)).toEqual(['relevant-offence']);
  });

  it('refers a complaint from the same incident as referable conduct', () => {
    const reasons = mandatoryReferralReasons(one({ category: 'delivery-of-duties-and-service' }, { sameIncidentAsReferableConduct: true }));
    expect(reasons).toEqual([{ code: 'same-incident', allegationIds: [], text: expect.stringContaining('same incident') }]);
    expect(routeComplaint(one({ category: 'delivery-of-duties-and-service' }, { sameIncidentAsReferableConduct: true })).handling).toBe('schedule-3');
  });

  it('records, but does not refer, a possible crime or conduct justifying disciplinary proceedings', () => {
    const crime = routeComplaint(one({ category: 'other', possibleCriminalOffence: true }));
    expect([crime.handling, crime.referToIopc]).toEqual(['schedule-3', false]);
    expect(codes(crime.schedule3Reasons)).toEqual(['possible-criminal-offence']);
    const misconduct = routeComplaint(one({ category: 'access-to-or-disclosure-of-information', justifiesDisciplinaryProceedings: true }));
    expect([misconduct.handling, misconduct.referToIopc]).toEqual(['schedule-3', false]);
    expect(codes(misconduct.schedule3Reasons)).toEqual(['possible-disciplinary-proceedings']);
  });

  it('records, but does not refer, a complaint engaging ECHR article 2 or 3', () => {
    const route = routeComplaint(one({ category: 'police-powers-policies-and-procedures', subCategory: 'detention-in-police-custody', infringesEchrArticle2or3: true }));
    expect([route.handling, route.referToIopc]).toEqual(['schedule-3', false]);
    expect(codes(route.schedule3Reasons)).toEqual(['echr-article-2-or-3']);
  });

  it('records at PSD’s discretion', () => {
    expect(codes(mustBeRecordedUnderSchedule3(one({ category: 'delivery-of-duties-and-service' }, { psdChoosesSch3: true })))).toEqual(['psd-decision']);
  });

  it('groups allegations by reason across a multi-allegation complaint, in a stable order', () => {
    const complaint: ComplaintForRouting = {
      allegations: [
        { id: 'A1', category: 'individual-behaviours' },
        { id: 'A2', ...abuse('abuse-of-position-for-sexual-purpose') },
        { id: 'A3', ...abuse('other-abuse-of-position-or-corruption'), seriousCorruption: true },
        { id: 'A4', category: 'police-powers-policies-and-procedures', subCategory: 'use-of-force', seriousAssault: true },
      ],
      complainantWantsSch3: true,
    };
    const route = routeComplaint(complaint);
    expect(route.referralReasons.map((r) => [r.code, r.allegationIds])).toEqual([
      ['serious-assault', ['A4']],
      ['serious-corruption', ['A2', 'A3']],
    ]);
    expect(route.schedule3Reasons.find((r) => r.code === 'mandatory-referral')?.allegationIds).toEqual(['A4', 'A2', 'A3']);
    expect(codes(route.schedule3Reasons)[0]).toBe('complainant-wants-schedule-3');
    expect(route.reasons.length).toBe(route.schedule3Reasons.length + route.referralReasons.length);
  });

  it('every category and sub-category routes without error', () => {
    for (const category of ALLEGATION_CATEGORIES) {
      const route = routeComplaint(one({ category }));
      expect(route.referToIopc).toBe(route.referralReasons.length > 0);
    }
    for (const subCategory of ALLEGATION_SUB_CATEGORIES) {
      const route = routeComplaint(one({ category: categoryOfSubCategory(subCategory), subCategory }));
      if (route.referToIopc) expect(route.handling).toBe('schedule-3');
    }
  });
});

describe('Schedule 3 reasons as the IOPC counts them', () => {
  it('map every ground onto one of the four reasons of DOMAIN.md', () => {
    for (const code of SCHEDULE_3_REASONS) expect(IOPC_SCHEDULE_3_REASONS).toContain(iopcSchedule3Reason(code));
    expect(iopcSchedule3Reason('complainant-wants-schedule-3')).toBe('complainant-wishes');
    expect(iopcSchedule3Reason('mandatory-referral')).toBe('mandatory-referral');
    expect(iopcSchedule3Reason('possible-criminal-offence')).toBe('appropriate-authority-decides');
    expect(iopcSchedule3Reason('psd-decision')).toBe('appropriate-authority-decides');
  });

  it('name a complainant left dissatisfied by initial handling as a reason for recording, not a review', () => {
    const reason = dissatisfiedAfterInitialHandling();
    expect(reason.code).toBe('dissatisfied-after-initial-handling');
    expect(iopcSchedule3Reason(reason.code)).toBe('dissatisfied-after-initial-handling');
    expect(reason.text).toMatch(/not reviewed/);
  });
});

describe('strictestRoute', () => {
  it('keeps every ground of both routes, so an assessment can add to the routing but never take from it', async () => {
    const { strictestRoute } = await import('./complaint-routing');
    const first = routeComplaint({ allegations: [{ id: 'A1', category: 'individual-behaviours' }], complainantWantsSch3: true });
    const assessed = routeComplaint({ allegations: [{ id: 'A1', category: 'police-powers-policies-and-procedures', subCategory: 'use-of-force', seriousAssault: true }] });
    const both = strictestRoute(first, assessed);
    expect(both).toMatchObject({ handling: 'schedule-3', referToIopc: true });
    expect(codes(both.schedule3Reasons)).toEqual(['complainant-wants-schedule-3', 'possible-criminal-offence', 'mandatory-referral']);
    expect(codes(both.referralReasons)).toEqual(['serious-assault']);
    const plain = routeComplaint({ allegations: [{ id: 'A1', category: 'other' }] });
    expect(strictestRoute(plain, plain)).toEqual(plain);
    expect(strictestRoute(plain, first).reasons.some((r) => r.startsWith('Outside Schedule 3'))).toBe(false);
  });
});
