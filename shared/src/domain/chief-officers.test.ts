import { describe, expect, it } from 'vitest';
import { appropriateAuthorityOf, chiefOfficerReferralRefusal, isChiefOfficer } from './chief-officers';

describe('complaints about the chief officer', () => {
  it('the chief constable is the chief officer; the local policing body is then the appropriate authority', () => {
    expect([isChiefOfficer('chief-constable'), isChiefOfficer('deputy-chief-constable'), isChiefOfficer(null)]).toEqual([true, false, false]);
    expect(appropriateAuthorityOf(['inspector', 'chief-constable'])).toBe('local-policing-body');
    expect(appropriateAuthorityOf(['assistant-chief-constable', null])).toBe('chief-officer');
  });
  it('C&M reg 4(1)(c): referred unless every allegation would justify no proceedings', () => {
    expect(chiefOfficerReferralRefusal(['chief-constable'], { referToIopc: false })).toMatch(/C&M reg 4\(1\)\(c\)/);
    expect(chiefOfficerReferralRefusal(['chief-constable'], { referToIopc: false, allegations: [{ possibleCriminalOffence: false }] })).toMatch(/referToIopc/);
    expect(chiefOfficerReferralRefusal(['chief-constable'], { referToIopc: false, allegations: [{ possibleCriminalOffence: false, justifiesDisciplinaryProceedings: false }] })).toBeUndefined();
    expect(chiefOfficerReferralRefusal(['chief-constable'], { referToIopc: true })).toBeUndefined();
    expect(chiefOfficerReferralRefusal(['superintendent'], { referToIopc: false })).toBeUndefined();
  });
});
