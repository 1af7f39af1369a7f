import { describe, expect, it } from 'vitest';
import { complaintFormSchema } from '@probity/shared/complaint/complaint-form';
import {
  complaintBodyOf,
  noAnswers,
  readAllegation,
  readComplaint,
  readPerson,
  readWhatHappened,
  readYesNo,
  readYourDetails,
  type ComplaintAnswers,
} from './complaint-answers';

const answers = (): ComplaintAnswers => ({
  yourDetails: { name: 'Casey Example', email: '', phone: '07700 900123', address: '', preferredContact: 'phone' },
  whatHappened: { what: 'The officer shouted at me in the street.', 'when-day': '20', 'when-month': '11', 'when-year': '2026', where: 'High Street', hurt: 'no' },
  allegations: [{ choice: 'force', description: 'Pushed me' }],
  people: [{ description: 'Tall, with a beard' }],
  whatYouWant: { outcomeWanted: 'An apology', formal: 'not-sure' },
});

describe('the question pages, checked with the complaint form schema', () => {
  it('your details: the schema’s messages, each linked to its field', () => {
    const r = readYourDetails({ name: '', phone: '', preferredContact: 'phone', email: 'casey@example.org' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.summary).toEqual([
      { text: 'Enter a full name', href: '#complainant-name' },
      { text: 'Enter a telephone number, or choose another way to be contacted', href: '#complainant-phone' },
    ]);
    expect(r.errors.fields['complainant.phone']).toEqual({ text: 'Enter a telephone number, or choose another way to be contacted' });
    expect(r.values).toMatchObject({ email: 'casey@example.org', preferredContact: 'phone' });
  });

  it('your details: no way of contact at all is shown at the email box', () => {
    const r = readYourDetails({ name: 'Casey', preferredContact: 'email' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.summary).toEqual([{ text: expect.stringMatching(/^Give at least one way to be contacted/), href: '#complainant-email' }]);
    expect(readYourDetails({ name: 'Casey', email: 'c@example.org', preferredContact: 'email' }).ok).toBe(true);
  });

  it('what happened: the date boxes, then the schema’s own rules for the date', () => {
    const base = { what: 'The officer shouted at me.', where: 'High Street' };
    const bad = readWhatHappened({ ...base, 'when-day': '31', 'when-month': '2', 'when-year': '2026' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.summary).toEqual([{ text: 'The date it happened must be a real date', href: '#incident-when-day' }]);
    const future = readWhatHappened({ ...base, 'when-day': '1', 'when-month': '1', 'when-year': '2999' });
    if (!future.ok) expect(future.errors.summary).toEqual([{ text: 'The date it happened must be today or in the past', href: '#incident-when-day' }]);
    expect(future.ok).toBe(false);
    const blank = readWhatHappened({ what: 'short' });
    expect(blank.ok).toBe(false);
    if (!blank.ok) {
      expect(blank.errors.summary.map((s) => s.text)).toEqual(['Describe what happened in at least 10 characters', 'Enter the date it happened', 'Enter where it happened']);
    }
    const monthMissing = readWhatHappened({ ...base, 'when-day': '3', 'when-year': '2026' });
    if (!monthMissing.ok) expect(monthMissing.errors.summary[0]).toEqual({ text: 'The date it happened must include a month', href: '#incident-when-month' });
  });

  it('an allegation needs a category and what happened; a person needs a description', () => {
    const a = readAllegation({ description: '' });
    expect(a.ok).toBe(false);
    if (!a.ok) expect(a.errors.summary.map((s) => s.href)).toEqual(['#allegation-choice', '#allegation-description']);
    expect(readAllegation({ choice: 'no-such-choice', description: 'Pushed me' }).ok).toBe(false);
    expect(readAllegation({ choice: 'force', description: 'Pushed me' }).ok).toBe(true);
    const p = readPerson({ description: '  ' });
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.errors.summary).toEqual([{ text: expect.stringMatching(/^Describe the officer or member of staff/), href: '#person-description' }]);
  });

  it('a yes/no question must be answered', () => {
    expect(readYesNo({ another: 'yes' }, 'another', 'Select yes if…')).toEqual({ ok: true, values: { another: 'yes' } });
    const r = readYesNo({}, 'another', 'Select yes if…');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.summary).toEqual([{ text: 'Select yes if…', href: '#another' }]);
  });
});

describe('sending the answers', () => {
  it('makes the body POST /complaints takes', () => {
    const body = complaintBodyOf(answers());
    expect(complaintFormSchema.parse(body)).toMatchObject({
      complainant: { name: 'Casey Example', phone: '07700 900123', preferredContact: 'phone', role: 'adversely-affected' },
      incident: { what: 'The officer shouted at me in the street.', when: '2026-11-20', where: 'High Street' },
      subjects: [{ description: 'Tall, with a beard' }],
      channel: 'web',
      allegations: [{ category: 'police-powers-policies-and-procedures', subCategory: 'use-of-force', description: 'Pushed me' }],
      outcomeWanted: 'An apology',
      flags: { deathOrSeriousInjury: false },
    });
    const formal = { ...answers(), whatYouWant: { outcomeWanted: '', formal: 'yes' } };
    expect(complaintFormSchema.parse(complaintBodyOf(formal)).flags).toEqual({ deathOrSeriousInjury: false, complainantWantsSch3: true });
  });

  it('a skipped page is named on check your answers, linking to that page', () => {
    const r = readComplaint({ ...noAnswers(), yourDetails: answers().yourDetails });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.summary).toEqual([
      { text: expect.stringMatching(/^Give the incident/), href: '/complaint/what-happened' },
      { text: 'Add at least one thing the complaint is about (an allegation)', href: '/complaint/allegations' },
    ]);
    expect(readComplaint(answers())).toMatchObject({ ok: true, form: { complainant: { name: 'Casey Example' } } });
  });
});
