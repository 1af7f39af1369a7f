import { describe, expect, it } from 'vitest';
import { fieldIssues } from '@probity/shared/http/errors';
import { complaintFormSchema, firstContactFormSchema, isInFuture } from './complaint-form';

const valid = () => ({
  complainant: { name: 'Jane Doe', email: 'jane@example.org', preferredContact: 'email' },
  incident: { what: 'The officer shouted at me in the street.', when: '2026-01-10', where: 'High Street' },
  allegations: [{ category: 'individual-behaviours', description: 'rude and aggressive' }],
});

const fieldsOf = (input: unknown, schema = complaintFormSchema) => {
  const r = schema.safeParse(input);
  if (r.success) return [];
  return fieldIssues(r.error).map((f) => f.field);
};

describe('complaint form', () => {
  it('accepts a minimal complaint and fills the defaults', () => {
    const form = complaintFormSchema.parse(valid());
    expect(form.channel).toBe('web');
    expect(form.subjects).toEqual([]);
    expect(form.flags).toEqual({});
  });

  it('trims text and accepts a date-time with a zone', () => {
    const form = complaintFormSchema.parse({
      ...valid(),
      complainant: { name: '  Jane  ', phone: '+44 (0)20 7946 0000', preferredContact: 'phone' },
      incident: { what: 'Pushed me over at the station', when: '2026-01-10T14:30:00+00:00', where: ' Station ' },
    });
    expect(form.complainant.name).toBe('Jane');
    expect(form.incident.where).toBe('Station');
  });

  it('names each bad field by its dotted path', () => {
    const issues = complaintFormSchema.safeParse({
      complainant: { name: 'J', email: 'not-an-email', preferredContact: 'email' },
      incident: { what: 'short', when: '2999-01-01', where: 'x' },
      allegations: [{ category: 'rudeness', description: 'x' }],
    });
    expect(issues.success).toBe(false);
    const fields = fieldIssues(issues.error!);
    expect(fields.map((f) => f.field).sort()).toEqual(['allegations.0.category', 'complainant.email', 'incident.what', 'incident.when']);
    expect(fields.find((f) => f.field === 'incident.when')!.message).toBe('The date it happened must be today or in the past');
  });

  it('says what to do in plain words, for the public pages and the API alike', () => {
    const r = complaintFormSchema.safeParse({ complainant: { name: ' ', preferredContact: 'phone', email: 'jane@example.org' }, incident: {} });
    const messages = Object.fromEntries(fieldIssues(r.error!).map((f) => [f.field, f.message]));
    expect(messages).toEqual({
      'complainant.name': 'Enter a full name',
      'complainant.phone': 'Enter a telephone number, or choose another way to be contacted',
      'incident.what': 'Describe what happened',
      'incident.when': 'Enter the date it happened',
      'incident.where': 'Enter where it happened',
      allegations: 'Add at least one thing the complaint is about (an allegation)',
    });
  });

  it('takes what the complainant would like to happen, optionally', () => {
    expect(complaintFormSchema.parse({ ...valid(), outcomeWanted: ' An apology ' }).outcomeWanted).toBe('An apology');
    expect(complaintFormSchema.parse(valid()).outcomeWanted).toBeUndefined();
    expect(fieldsOf({ ...valid(), outcomeWanted: 'x'.repeat(5_001) })).toEqual(['outcomeWanted']);
  });

  it('requires at least one allegation, at most 20', () => {
    expect(fieldsOf({ ...valid(), allegations: undefined })).toEqual(['allegations']);
    expect(fieldsOf({ ...valid(), allegations: [] })).toEqual(['allegations']);
    const many = Array.from({ length: 21 }, () => ({ category: 'other', description: 'x' }));
    expect(fieldsOf({ ...valid(), allegations: many })).toEqual(['allegations']);
  });

  it('requires a way to contact the complainant, matching the preferred one', () => {
    expect(fieldsOf({ ...valid(), complainant: { name: 'Jane', preferredContact: 'email' } })).toEqual(['complainant']);
    expect(fieldsOf({ ...valid(), complainant: { name: 'Jane', phone: '07700 900123', preferredContact: 'post' } })).toEqual([
      'complainant.address',
    ]);
    expect(fieldsOf({ ...valid(), complainant: { name: 'Jane', address: '1 High St', preferredContact: 'post' } })).toEqual([]);
  });

  it('refuses an unknown channel and a subject with nothing in it', () => {
    expect(fieldsOf({ ...valid(), channel: 'fax' })).toEqual(['channel']);
    expect(fieldsOf({ ...valid(), subjects: [{}] })).toEqual(['subjects.0']);
    expect(fieldsOf({ ...valid(), subjects: [{ team: 'north-response' }] })).toEqual([]);
  });

  it('refuses an incident date that is not an ISO date or a zoned date-time', () => {
    expect(fieldsOf({ ...valid(), incident: { ...valid().incident, when: '10/01/2026' } })).toEqual(['incident.when']);
    expect(fieldsOf({ ...valid(), incident: { ...valid().incident, when: '2026-01-10T14:30:00' } })).toEqual(['incident.when']);
  });

  it('first-contact form needs firstContact.resolved', () => {
    expect(fieldsOf(valid(), firstContactFormSchema)).toEqual(['firstContact']);
    expect(fieldsOf({ ...valid(), firstContact: {} }, firstContactFormSchema)).toEqual(['firstContact.resolved']);
    const ok = firstContactFormSchema.parse({ ...valid(), firstContact: { resolved: true, summary: 'apologised' } });
    expect(ok.firstContact).toEqual({ resolved: true, summary: 'apologised' });
  });

  it('the public form drops a firstContact claim', () => {
    const form = complaintFormSchema.parse({ ...valid(), firstContact: { resolved: true } });
    expect('firstContact' in form).toBe(false);
  });
});

describe('isInFuture', () => {
  // 23:30 UTC on 1 July is already 2 July in London (BST).
  const now = new Date('2026-07-01T23:30:00Z');
  it('compares a date with the London date', () => {
    expect(isInFuture('2026-07-02', now)).toBe(false);
    expect(isInFuture('2026-07-03', now)).toBe(true);
  });
  it('compares a date-time with the clock, allowing a little skew', () => {
    expect(isInFuture('2026-07-01T23:31:00Z', now)).toBe(false);
    expect(isInFuture('2026-07-01T23:40:00Z', now)).toBe(true);
    expect(isInFuture('2026-07-02T00:31:00+01:00', now)).toBe(false);
  });
});
