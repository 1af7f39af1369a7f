import { describe, expect, it } from 'vitest';
import { mayRecordWithdrawal, withdrawalDuties, withdrawalNotificationSchema, withdrawalRefusal } from './withdrawal';

const n = (over: Record<string, unknown> = {}) => withdrawalNotificationSchema.parse({ kind: 'withdraws', signedBy: 'complainant', receivedOn: '2026-03-02', receivedBy: 'post', ...over });
const at = (duties: ReturnType<typeof withdrawalDuties>, stage = 'handling') => ({ stage, today: '2026-03-03', receivedOn: '2026-01-10', duties });

describe('C&M reg 38: withdrawn complaints', () => {
  it('reg 38(3): the IOPC is told only when it was referred and not returned; it then decides the public interest (reg 38(5))', () => {
    expect(withdrawalDuties({ handling: 'schedule-3', iopcDecision: 'directed' })).toEqual({ tellIopc: true, publicInterestDecidedBy: 'iopc' });
    expect(withdrawalDuties({ handling: 'schedule-3', iopcDecision: 'return-to-force' })).toEqual({ tellIopc: false, publicInterestDecidedBy: 'appropriate-authority' });
    expect(withdrawalDuties({ handling: 'outside-schedule-3' })).toEqual({ tellIopc: false, publicInterestDecidedBy: null });
  });

  it('reg 38(4): under review, the review body is told', () => {
    expect(withdrawalDuties({ handling: 'schedule-3', underReviewBy: 'local-policing-body' }).tellReviewBody).toBe('local-policing-body');
  });

  it('reg 38(1): only a signed notification; a date not in the future nor before the complaint', () => {
    expect(withdrawalNotificationSchema.safeParse({ kind: 'withdraws', receivedOn: '2026-03-02', receivedBy: 'post' }).error?.issues[0]?.message).toMatch(/reg 39 applies/);
    const d = withdrawalDuties({ handling: 'outside-schedule-3' });
    expect(withdrawalRefusal(n({ receivedOn: '2026-03-04' }), at(d))).toMatch(/^receivedOn: .* in the future/);
    expect(withdrawalRefusal(n({ receivedOn: '2026-01-09' }), at(d))).toMatch(/before the complaint was received/);
    expect(withdrawalRefusal(n(), at(d))).toBeNull();
    expect(withdrawalRefusal(n(), at(d, 'closed'))).toMatch(/nothing left to withdraw/);
  });

  it('the public-interest decision: required from the force under Schedule 3, refused where the IOPC decides', () => {
    const pi = { publicInterest: { treatAsConductMatter: false, reason: 'no indication of misconduct' } };
    expect(withdrawalRefusal(n(), at(withdrawalDuties({ handling: 'schedule-3' })))).toMatch(/^publicInterest: decide/);
    expect(withdrawalRefusal(n(pi), at(withdrawalDuties({ handling: 'schedule-3' })))).toBeNull();
    expect(withdrawalRefusal(n(pi), at(withdrawalDuties({ handling: 'schedule-3', iopcDecision: 'independent' })))).toMatch(/C&M reg 38\(5\)/);
  });

  it('who may record it: the handler or the appropriate authority', () => {
    expect(mayRecordWithdrawal({ id: 'h', role: 'psd-investigator' }, { handlerId: 'h' })).toBe(true);
    expect(mayRecordWithdrawal({ id: 'x', role: 'psd-handler' }, { handlerId: 'h' })).toBe(false);
    expect(mayRecordWithdrawal({ id: 'm', role: 'psd-manager' }, { handlerId: 'h' })).toBe(true);
  });
});
