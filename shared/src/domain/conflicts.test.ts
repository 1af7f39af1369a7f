import { describe, expect, it } from 'vitest';
import { conflictOfInterest, mayWorkOnCase } from './conflicts';

const handler = { id: 'psd-handler-1', team: 'psd' };

describe('no one works on their own case (DOMAIN.md "Conflicts of interest")', () => {
  it('bars the subject, by person id', () => {
    expect(conflictOfInterest(handler, [{ personId: 'psd-handler-1' }])).toMatchObject({ kind: 'subject' });
  });

  it('bars anyone in a subject’s team — PSD included', () => {
    expect(conflictOfInterest(handler, [{ team: 'psd' }])).toMatchObject({ kind: 'same-team' });
    expect(conflictOfInterest({ id: 'north-constable', team: 'north-response' }, [{ personId: 'north-sergeant', team: 'north-response' }])).toMatchObject({ kind: 'same-team' });
  });

  it('lets anyone else work on it, and a case with no known subject bars nobody', () => {
    expect(conflictOfInterest(handler, [{ team: 'north-response', division: 'north' }])).toBeNull();
    expect(conflictOfInterest(handler, [])).toBeNull();
    expect(conflictOfInterest(handler, [{ division: 'hq' }])).toBeNull();
  });

  it('leaves line management its policy duties in a conduct matter, but never to the subject', () => {
    const subjects = [{ personId: 'north-constable', team: 'north-response' }];
    expect(conflictOfInterest({ id: 'north-sergeant', team: 'north-response' }, subjects, { lineManagementDuty: true })).toBeNull();
    expect(conflictOfInterest({ id: 'north-constable', team: 'north-response' }, subjects, { lineManagementDuty: true })).toMatchObject({ kind: 'subject' });
  });

  it('says what may not be done, and why, in words for people (no internal person or team ids)', () => {
    const p = mayWorkOnCase(handler, [{ team: 'psd' }], 'assess');
    expect(p).toEqual({
      allowed: false,
      reason: 'This case cannot be assessed by someone who is in the PSD team, the team of one of its subjects: nobody works on a case about themselves or their own team, PSD included (conflict of interest)',
    });
    expect(mayWorkOnCase({ id: 'web-x1-constable', team: 'north-response' }, [{ personId: 'web-x1-constable' }], 'record')).toEqual({
      allowed: false,
      reason: 'This case cannot be recorded by someone who is one of its subjects: nobody works on a case about themselves or their own team, PSD included (conflict of interest)',
    });
    expect(mayWorkOnCase({ id: 'x', team: 'north-response' }, [{ team: 'north-response' }], 'be assigned')).toMatchObject({ reason: expect.stringMatching(/^This case cannot be assigned to someone who is in the north response team/) });
    expect(mayWorkOnCase(handler, [{ team: 'south-response' }], 'handle')).toEqual({ allowed: true });
  });
});
