import { describe, expect, it } from 'vitest';
import {
  ALLEGATION_CATEGORIES,
  allegationCategorySchema,
  complaintForRoutingSchema,
  mandatoryReferralReasons,
  mustBeRecordedUnderSchedule3,
  routeComplaint,
  type AllegationForRouting,
  type ComplaintForRouting,
} from './complaint-routing';

const one = (allegation: Omit<AllegationForRouting, 'id'>, extra: Partial<ComplaintForRouting> = {}): ComplaintForRouting => ({
  allegations: [{ id: 'A1', ...allegation }],
  ...extra,
});
const codes = (reasons: { code: string }[]) => reasons.map((r) => r.code);

describe('allegation categories', () => {
  it('include the IOPC-style categories the routing rules rely on', () => {
    for (const c of [
      'abuse-of-position-for-sexual-purpose',
      'serious-corruption',
      'serious-assault',
      'serious-sexual-offence',
      'discrimination',
      'death-or-serious-injury',
      'criminal-offence',
      'use-of-force',
      'police-powers',
      'delivery-of-duties',
      'individual-behaviour',
      'access-and-or-disclosure-of-information',
      'handling-of-or-damage-to-property',
    ]) {
      expect(ALLEGATION_CATEGORIES).toContain(c);
      expect(allegationCategorySchema.parse(c)).toBe(c);
    }
  });

  it('rejects unknown categories', () => {
    expect(allegationCategorySchema.safeParse('rudeness').success).toBe(false);
  });

  it('the complaint schema needs at least one allegation and accepts flags', () => {
    expect(complaintForRoutingSchema.safeParse({ allegations: [] }).success).toBe(false);
    expect(
      complaintForRoutingSchema.parse({
        allegations: [{ id: 'A1', category: 'use-of-force', seriousAssault: true }],
        complainantWantsSch3: true,
      }),
    ).toEqual({ allegations: [{ id: 'A1', category: 'use-of-force', seriousAssault: true }], complainantWantsSch3: true });
  });
});

describe('routeComplaint', () => {
  it('handles a plain service or behaviour complaint outside Schedule 3, without referral', () => {
    const route = routeComplaint(one({ category: 'individual-behaviour' }));
    expect(route.handling).toBe('outside-schedule-3');
    expect(route.referToIopc).toBe(false);
    expect(route.reasons).toEqual(['Outside Schedule 3: nothing requires recording; resolve to the complainant’s satisfaction']);
  });

  it('records under Schedule 3 when the complainant wants it, without referral', () => {
    const route = routeComplaint(one({ category: 'delivery-of-duties' }, { complainantWantsSch3: true }));
    expect(route.handling).toBe('schedule-3');
    expect(route.referToIopc).toBe(false);
    expect(codes(route.schedule3Reasons)).toEqual(['complainant-wants-schedule-3']);
  });

  it('records and refers abuse of position for a sexual purpose as serious corruption (PEEL)', () => {
    const route = routeComplaint(one({ category: 'abuse-of-position-for-sexual-purpose' }));
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
    expect(codes(mandatoryReferralReasons(one({ category: 'abuse-of-position-for-emotional-relationship' })))).toEqual([
      'serious-corruption',
    ]);
  });

  it('does not refer abuse of position for a financial purpose unless assessed as serious corruption', () => {
    expect(mandatoryReferralReasons(one({ category: 'abuse-of-position-for-financial-purpose' }))).toEqual([]);
    expect(
      codes(mandatoryReferralReasons(one({ category: 'abuse-of-position-for-financial-purpose', seriousCorruption: true }))),
    ).toEqual(['serious-corruption']);
  });

  it('refers serious assault, by category or by the assessor’s flag on a use-of-force allegation', () => {
    expect(codes(mandatoryReferralReasons(one({ category: 'serious-assault' })))).toEqual(['serious-assault']);
    expect(codes(mandatoryReferralReasons(one({ category: 'use-of-force', seriousAssault: true })))).toEqual([
      'serious-assault',
    ]);
    expect(mandatoryReferralReasons(one({ category: 'use-of-force' }))).toEqual([]);
  });

  it('refers a serious sexual offence', () => {
    const route = routeComplaint(one({ category: 'serious-sexual-offence' }));
    expect(route.referToIopc).toBe(true);
    expect(codes(route.referralReasons)).toEqual(['serious-sexual-offence']);
    expect(codes(route.schedule3Reasons)).toContain('possible-criminal-offence');
  });

  it('records and refers death or serious injury, by category or flag', () => {
    for (const c of [one({ category: 'death-or-serious-injury' }), one({ category: 'detention-in-custody', deathOrSeriousInjury: true })]) {
      const route = routeComplaint(c);
      expect(route.handling).toBe('schedule-3');
      expect(codes(route.schedule3Reasons)).toContain('death-or-serious-injury');
      expect(codes(route.referralReasons)).toEqual(['death-or-serious-injury']);
    }
  });

  it('refers discrimination only when it aggravates a possible crime or disciplinary-level conduct', () => {
    expect(routeComplaint(one({ category: 'discrimination' }))).toMatchObject({
      handling: 'outside-schedule-3',
      referToIopc: false,
    });
    expect(codes(mandatoryReferralReasons(one({ category: 'discrimination', justifiesDisciplinaryProceedings: true })))).toEqual([
      'discrimination-aggravated',
    ]);
    expect(
      codes(mandatoryReferralReasons(one({ category: 'individual-behaviour', aggravatedByDiscrimination: true, possibleCriminalOffence: true }))),
    ).toEqual(['discrimination-aggravated']);
    expect(mandatoryReferralReasons(one({ category: 'individual-behaviour', aggravatedByDiscrimination: true }))).toEqual([]);
    expect(codes(mandatoryReferralReasons(one({ category: 'serious-assault', aggravatedByDiscrimination: true })))).toEqual([
      'serious-assault',
      'discrimination-aggravated',
    ]);
  });

  it('refers a relevant offence', () => {
    const route = routeComplaint(one({ category: 'criminal-offence', relevantOffence: true }));
    expect(codes(route.referralReasons)).toEqual(['relevant-offence']);
  });

  it('refers a complaint from the same incident as referable conduct', () => {
    const reasons = mandatoryReferralReasons(one({ category: 'delivery-of-duties' }, { sameIncidentAsReferableConduct: true }));
    expect(reasons).toEqual([
      { code: 'same-incident', allegationIds: [], text: expect.stringContaining('same incident') },
    ]);
    expect(routeComplaint(one({ category: 'delivery-of-duties' }, { sameIncidentAsReferableConduct: true })).handling).toBe(
      'schedule-3',
    );
  });

  it('records, but does not refer, a possible crime or conduct justifying disciplinary proceedings', () => {
    const crime = routeComplaint(one({ category: 'criminal-offence' }));
    expect([crime.handling, crime.referToIopc]).toEqual(['schedule-3', false]);
    expect(codes(crime.schedule3Reasons)).toEqual(['possible-criminal-offence']);
    const misconduct = routeComplaint(one({ category: 'access-and-or-disclosure-of-information', justifiesDisciplinaryProceedings: true }));
    expect([misconduct.handling, misconduct.referToIopc]).toEqual(['schedule-3', false]);
    expect(codes(misconduct.schedule3Reasons)).toEqual(['possible-disciplinary-proceedings']);
  });

  it('records, but does not refer, a complaint engaging ECHR article 2 or 3', () => {
    const route = routeComplaint(one({ category: 'detention-in-custody', infringesEchrArticle2or3: true }));
    expect([route.handling, route.referToIopc]).toEqual(['schedule-3', false]);
    expect(codes(route.schedule3Reasons)).toEqual(['echr-article-2-or-3']);
  });

  it('records at PSD’s discretion', () => {
    expect(codes(mustBeRecordedUnderSchedule3(one({ category: 'delivery-of-duties' }, { psdChoosesSch3: true })))).toEqual([
      'psd-decision',
    ]);
  });

  it('groups allegations by reason across a multi-allegation complaint, in a stable order', () => {
    const complaint: ComplaintForRouting = {
      allegations: [
        { id: 'A1', category: 'individual-behaviour' },
        { id: 'A2', category: 'abuse-of-position-for-sexual-purpose' },
        { id: 'A3', category: 'serious-corruption' },
        { id: 'A4', category: 'use-of-force', seriousAssault: true },
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

  it('every category routes without error', () => {
    for (const category of ALLEGATION_CATEGORIES) {
      const route = routeComplaint(one({ category }));
      expect(route.referToIopc).toBe(route.referralReasons.length > 0);
      if (route.referToIopc) expect(route.handling).toBe('schedule-3');
    }
  });
});
