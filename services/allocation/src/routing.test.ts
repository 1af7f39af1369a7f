import { describe, expect, it } from 'vitest';
import { PermanentError } from '@probity/shared/kafka';
import { routeReceivedComplaint, toRoutingInput } from './routing';

describe('toRoutingInput', () => {
  it('maps coded allegations and carries the intake flags onto every allegation', () => {
    const input = toRoutingInput({
      allegations: [
        { id: 'a1', category: 'police-powers-policies-and-procedures', subCategory: 'use-of-force' },
        { id: 'a2', category: 'delivery-of-duties-and-service' },
      ],
      flags: { deathOrSeriousInjury: true, complainantWantsSch3: false },
    });
    expect(input).toEqual({
      allegations: [
        { id: 'a1', category: 'police-powers-policies-and-procedures', subCategory: 'use-of-force', deathOrSeriousInjury: true },
        { id: 'a2', category: 'delivery-of-duties-and-service', deathOrSeriousInjury: true },
      ],
      complainantWantsSch3: false,
    });
  });

  it('leaves absent flags absent, and fills a category’s only sub-category', () => {
    expect(toRoutingInput({ allegations: [{ id: 'a1', category: 'other' }], flags: {} })).toEqual({
      allegations: [{ id: 'a1', category: 'other', subCategory: 'other' }],
    });
  });

  it('reads an old event’s Probity slug into the code list with the routing facts it implied', () => {
    expect(toRoutingInput({ allegations: [{ id: 'a1', category: 'serious-assault' }], flags: {} })).toEqual({
      allegations: [{ id: 'a1', category: 'police-powers-policies-and-procedures', subCategory: 'use-of-force', seriousAssault: true }],
    });
  });

  it('refuses an unknown category, or a sub-category outside its category, permanently, naming it', () => {
    const call = () => toRoutingInput({ allegations: [{ id: 'a1', category: 'other' }, { id: 'a2', category: 'rudeness' }], flags: {} });
    expect(call).toThrow(PermanentError);
    expect(call).toThrow('unknown allegation category: a2=rudeness');
    expect(() => toRoutingInput({ allegations: [{ id: 'a1', category: 'other', subCategory: 'use-of-force' }], flags: {} })).toThrow('a1=other/use-of-force');
  });
});

describe('routeReceivedComplaint', () => {
  it('treats abuse of position for a sexual purpose as serious corruption: Schedule 3 and IOPC referral', () => {
    const route = routeReceivedComplaint({ allegations: [{ id: 'a1', category: 'abuse-of-position-or-corruption', subCategory: 'abuse-of-position-for-sexual-purpose' }], flags: {} });
    expect(route.handling).toBe('schedule-3');
    expect(route.referToIopc).toBe(true);
    expect(route.referralReasons.map((r) => r.code)).toEqual(['serious-corruption']);
  });

  it('keeps a service complaint outside Schedule 3 unless the complainant wants it', () => {
    const plain = { allegations: [{ id: 'a1', category: 'delivery-of-duties-and-service' }] };
    expect(routeReceivedComplaint({ ...plain, flags: {} })).toMatchObject({ handling: 'outside-schedule-3', referToIopc: false });
    expect(routeReceivedComplaint({ ...plain, flags: { complainantWantsSch3: true } })).toMatchObject({ handling: 'schedule-3', referToIopc: false });
  });

  it('refers a reported death or serious injury to the IOPC whatever the category', () => {
    const route = routeReceivedComplaint({ allegations: [{ id: 'a1', category: 'delivery-of-duties-and-service' }], flags: { deathOrSeriousInjury: true } });
    expect(route).toMatchObject({ handling: 'schedule-3', referToIopc: true });
    expect(route.referralReasons[0]).toMatchObject({ code: 'death-or-serious-injury', allegationIds: ['a1'] });
  });
});
