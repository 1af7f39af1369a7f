import { describe, expect, it } from 'vitest';
import type { Actor } from '@probity/shared/auth';
import { parseEvent } from '@probity/shared/events/envelope';
import { caseReceivedSchema } from '@probity/shared/events/schemas';
import { fieldIssues } from '@probity/shared/http/errors';
import { conductMatterFormSchema, mayRaiseConductMatter } from './conduct-form';
import { conductReceivedEvent } from './conduct-received';

const form = (over: Record<string, unknown> = {}) => ({
  subject: { personId: 'north-constable' },
  standards: ['authority-respect-and-courtesy'],
  account: { what: 'Swore at a member of the public during a stop.', when: '2026-01-10', where: 'High Street' },
  view: 'on-the-cusp',
  ...over,
});
const fields = (input: unknown) => {
  const parsed = conductMatterFormSchema.safeParse(input);
  return parsed.success ? [] : fieldIssues(parsed.error);
};

describe('conduct matter form', () => {
  it('accepts a complete form', () => {
    expect(fields(form())).toEqual([]);
  });

  it('takes the allegation’s source (PSD raising it for the appropriate authority) only with possible misconduct, and the detail only with other', () => {
    expect(fields(form({ view: 'possible-misconduct', source: 'iopc-referral-back' }))).toEqual([]);
    expect(fields(form({ view: 'possible-misconduct', source: 'rumour' })).map((i) => i.field)).toEqual(['source']);
    expect(fields(form({ source: 'whistleblower' }))[0]).toMatchObject({ field: 'source', message: "source is for PSD opening a severity assessment: the view must be 'possible-misconduct'" });
    expect(fields(form({ view: 'possible-misconduct', source: 'other' }))[0]).toMatchObject({ field: 'sourceDetail' });
    expect(fields(form({ view: 'possible-misconduct', source: 'whistleblower', sourceDetail: 'x' }))[0]).toMatchObject({ field: 'sourceDetail', message: "sourceDetail is only for source 'other'" });
  });

  it('names each bad field', () => {
    const issues = fields({ standards: ['rudeness'], view: 'maybe', account: { what: 'short', when: '2999-01-01', where: '' } });
    expect(issues.map((i) => i.field)).toEqual(['subject', 'standards.0', 'account.what', 'account.when', 'account.where', 'view']);
    expect(issues.find((i) => i.field === 'standards.0')?.message).toMatch(/not a standard of professional behaviour; one of: honesty-and-integrity/);
    expect(issues.find((i) => i.field === 'view')?.message).toMatch(/'clearly-not-misconduct', 'on-the-cusp', 'possible-misconduct'/);
    expect(issues.find((i) => i.field === 'subject')?.message).toBe('subject is required');
    expect(issues.find((i) => i.field === 'account.when')?.message).toMatch(/today or in the past/);
  });

  it('refuses the same standard twice, no standards, and a chief inspector discussion flag off the cusp', () => {
    expect(fields(form({ standards: ['confidentiality', 'confidentiality'] }))[0]?.message).toBe('each standard may be named once');
    expect(fields(form({ standards: [] }))[0]?.message).toMatch(/at least one standard/);
    expect(fields(form({ view: 'possible-misconduct', discussedWithChiefInspector: true }))[0]?.field).toBe('discussedWithChiefInspector');
  });
});

describe('who may raise a conduct matter', () => {
  const a = (role: string, rank: string | null): Actor => ({ id: 'x', role, rank, team: 't', division: 'd' });
  it('a supervisor or above, not a constable, front-line staff or ops', () => {
    expect(mayRaiseConductMatter(a('supervisor', 'sergeant'))).toBe(true);
    expect(mayRaiseConductMatter(a('supervisor', null))).toBe(true);
    expect(mayRaiseConductMatter(a('divisional-lead', 'chief-inspector'))).toBe(true);
    expect(mayRaiseConductMatter(a('psd-handler', null))).toBe(true);
    expect(mayRaiseConductMatter(a('policy-owner', 'superintendent'))).toBe(true);
    expect(mayRaiseConductMatter(a('front-line', 'constable'))).toBe(false);
    expect(mayRaiseConductMatter(a('front-line', null))).toBe(false);
    expect(mayRaiseConductMatter(a('ops', null))).toBe(false);
  });
});

describe('case.received for a conduct matter', () => {
  it('carries ids, the standards and the subject’s team and division — nothing else', () => {
    const event = conductReceivedEvent({
      caseId: 'c1',
      ref: 'CM-2026-000001',
      receivedAt: new Date('2026-03-02T09:30:00Z'),
      standards: [{ id: 's1', standard: 'honesty-and-integrity' }],
      subject: { personId: 'north-constable', team: 'north-response', division: 'north' },
    });
    const parsed = parseEvent(event, caseReceivedSchema);
    expect(parsed.data).toEqual({
      caseId: 'c1',
      ref: 'CM-2026-000001',
      kind: 'conduct',
      channel: 'web',
      receivedAt: '2026-03-02T09:30:00.000Z',
      allegations: [{ id: 's1', category: 'honesty-and-integrity' }],
      subjects: [{ personId: 'north-constable', team: 'north-response', division: 'north' }],
      flags: {},
    });
  });
});
