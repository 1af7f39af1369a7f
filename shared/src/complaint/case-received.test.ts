import { describe, expect, it } from 'vitest';
import { caseReceivedSchema } from '@probity/shared/events/schemas';
import { EnvelopeSchema } from '@probity/shared/events/envelope';
import { complaintFormSchema } from './complaint-form';
import { caseReceivedEvent } from './case-received';
import { requestHash } from './complaint-store';

const form = complaintFormSchema.parse({
  complainant: { name: 'Jane Doe', email: 'jane@example.org', phone: '07700 900123', address: '1 High St', preferredContact: 'email' },
  incident: { what: 'The officer shouted at me in the street.', when: '2026-01-10', where: 'Market Square' },
  subjects: [{ description: 'tall, beard', team: 'north-response', division: 'north' }, { description: 'the driver' }, { personId: 'north-constable' }],
  allegations: [
    { category: 'individual-behaviours', subCategory: 'impolite-language-or-tone', description: 'rude and aggressive' },
    { category: 'police-powers-policies-and-procedures', subCategory: 'use-of-force', description: 'pushed me' },
  ],
  flags: { deathOrSeriousInjury: false },
});

describe('case.received event', () => {
  const receivedAt = new Date('2026-03-02T10:00:00Z');
  const event = caseReceivedEvent({ caseId: 'case-1', ref: 'CO-2026-000001', receivedAt, form, allegationIds: ['a1', 'a2'] });

  it('is a valid envelope keyed by the case id, with valid case.received data', () => {
    expect(EnvelopeSchema.parse(event).subject).toBe('case-1');
    const data = caseReceivedSchema.parse(event.data);
    expect(data.allegations).toEqual([
      { id: 'a1', category: 'individual-behaviours', subCategory: 'impolite-language-or-tone' },
      { id: 'a2', category: 'police-powers-policies-and-procedures', subCategory: 'use-of-force' },
    ]);
    expect(data.subjects).toEqual([{ team: 'north-response', division: 'north' }, { personId: 'north-constable' }]);
    expect(data.incidentOn).toBe('2026-01-10'); // a complaint made over 12 months later is flagged for the handling decision
    expect(data.receivedAt).toBe('2026-03-02T10:00:00.000Z');
    expect(data.firstContact).toBeUndefined();
  });

  it('carries no personal data and no descriptions', () => {
    const text = JSON.stringify(event);
    for (const secret of ['Jane', 'jane@example.org', '07700', 'High St', 'shouted', 'Market Square', 'rude', 'pushed', 'tall', 'driver']) {
      expect(text).not.toContain(secret);
    }
  });

  it('carries the first contact on the front-line path', () => {
    const fc = caseReceivedEvent({
      caseId: 'case-2',
      ref: 'CO-2026-000002',
      receivedAt,
      form,
      allegationIds: ['a1', 'a2'],
      firstContact: { byId: 'north-constable', team: 'north-response', at: receivedAt, resolved: true },
    });
    // The team goes with it: the workflow refuses a resolution by the subject's own team too.
    expect(fc.data.firstContact).toEqual({ byId: 'north-constable', team: 'north-response', at: '2026-03-02T10:00:00.000Z', resolved: true });
  });
});

describe('idempotency request hash', () => {
  it('ignores key order but not content, path or actor', () => {
    const reordered = complaintFormSchema.parse(JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(form).reverse()))));
    expect(requestHash('POST /complaints', { form: reordered })).toBe(requestHash('POST /complaints', { form }));
    const changed = { ...form, channel: 'phone' as const };
    expect(requestHash('POST /complaints', { form: changed })).not.toBe(requestHash('POST /complaints', { form }));
    expect(requestHash('POST /complaints/first-contact', { form })).not.toBe(requestHash('POST /complaints', { form }));
    const by = (id: string) => ({ by: { id, role: 'front-line', rank: 'constable', team: 't', division: 'd' }, resolved: true });
    expect(requestHash('x', { form, firstContact: by('a') })).not.toBe(requestHash('x', { form, firstContact: by('b') }));
  });
});
