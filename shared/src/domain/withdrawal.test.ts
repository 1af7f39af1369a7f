import { describe, expect, it } from 'vitest';
import { mayRecordWithdrawal, unsignedWithdrawalReplyBy, withdrawalDuties, withdrawalIndicationRefusal, withdrawalIndicationSchema, withdrawalNotificationSchema, withdrawalRefusal, withdrawalReplyRefusal, withdrawalReplySchema } from './withdrawal';

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

describe('C&M reg 39: a wish to withdraw without a signed notification', () => {
  const i = (over: Record<string, unknown> = {}) => withdrawalIndicationSchema.parse({ kind: 'no-further-steps', indicatedOn: '2026-03-02', indicatedBy: 'phone', ...over });
  const letter = { ...i(), letterSentOn: '2026-03-03', replyBy: unsignedWithdrawalReplyBy('2026-03-03'), recordedById: 'h' };

  it('reg 39(4)(b): 28 days starting with the day after the day the letter was sent — the last day is the 28th after it', () => {
    expect(unsignedWithdrawalReplyBy('2026-03-03')).toBe('2026-03-31');
    expect(unsignedWithdrawalReplyBy('2026-02-27')).toBe('2026-03-27');
  });

  it('reg 39(1)–(2): the indication is dated, not in the future nor before the complaint; one letter at a time; the public-interest decision as in reg 38', () => {
    const d = withdrawalDuties({ handling: 'outside-schedule-3' });
    expect(withdrawalIndicationRefusal(i(), at(d))).toBeNull();
    expect(withdrawalIndicationRefusal(i({ indicatedOn: '2026-03-04' }), at(d))).toMatch(/^indicatedOn: .* in the future/);
    expect(withdrawalIndicationRefusal(i({ indicatedOn: '2026-01-09' }), at(d))).toMatch(/before the complaint was received/);
    expect(withdrawalIndicationRefusal(i(), { ...at(d), pending: letter })).toMatch(/sent on 2026-03-03; record their reply .*2026-03-31.*reg 39\(4\)\(b\)/);
    expect(withdrawalIndicationRefusal(i(), { ...at(d), pending: { ...letter, reply: { answer: 'wishes-to-continue', receivedOn: '2026-03-03', receivedBy: 'post', recordedById: 'h' } } })).toBeNull();
    expect(withdrawalIndicationRefusal(i(), at(withdrawalDuties({ handling: 'schedule-3' })))).toMatch(/^publicInterest: decide/);
    expect(withdrawalIndicationRefusal(i(), at(d, 'withdrawn'))).toMatch(/nothing left to withdraw/);
    expect(withdrawalIndicationSchema.safeParse({ kind: 'withdraws', indicatedOn: '2026-03-02', indicatedBy: 'carrier-pigeon' }).error?.issues[0]?.path).toEqual(['indicatedBy']);
  });

  it('reg 39(4)(a): a reply only to a letter awaiting one, dated between the letter and today', () => {
    const r = withdrawalReplySchema.parse({ answer: 'confirms-withdrawal', receivedOn: '2026-03-03', receivedBy: 'post' });
    expect(withdrawalReplyRefusal(r, { today: '2026-03-03', pending: letter })).toBeNull();
    expect(withdrawalReplyRefusal(r, { today: '2026-03-03' })).toMatch(/no letter under C&M reg 39\(2\) is awaiting a reply/);
    expect(withdrawalReplyRefusal({ ...r, receivedOn: '2026-03-02' }, { today: '2026-03-03', pending: letter })).toMatch(/before the letter was sent/);
    expect(withdrawalReplyRefusal({ ...r, receivedOn: '2026-03-04' }, { today: '2026-03-03', pending: letter })).toMatch(/in the future/);
  });
});
