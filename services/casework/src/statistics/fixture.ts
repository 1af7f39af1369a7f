// A small case record for the statistics tests, chosen to cross bank holidays (Good Friday and
// Easter Monday 2025 and 2026, the May bank holidays), a suspension, reviews by both bodies, the
// London midnight at a quarter's end and a conduct matter that the IOPC's figures leave out. The
// expected figures are worked out by hand in the tests beside the counting rules (*.test.ts here);
// statistics-queries.int.test.ts loads the same rows into Postgres. Times are UTC; April–June are
// British Summer Time (London = UTC+1), so 10:00Z is 11:00 in London.
import type { Period } from './period';
import type { AllegationRow, CaseRow, StatisticsRecord } from './record';

export const Q2_2026: Period = { from: '2026-04-01', to: '2026-06-30' };
export const Q2_2025: Period = { from: '2025-04-01', to: '2025-06-30' };

const t = (iso: string) => new Date(iso);
const complaint = (id: string, c: Partial<CaseRow> & Pick<CaseRow, 'receivedAt' | 'loggedAt'>): CaseRow => ({
  id,
  ref: `CO-FIX-${id}`,
  kind: 'complaint',
  firstContactAt: null,
  handling: null,
  schedule3At: null,
  handlingMode: null,
  finalisedAt: null,
  restricted: false,
  ...c,
});
const allegation = (caseId: string, category: string, subCategory: string, codeListVersion = 'iopc-2021-01'): AllegationRow => ({ caseId, category, subCategory, codeListVersion });

export const FIXTURE: StatisticsRecord = {
  cases: [
    // C1: received the day before Good Friday, logged the Tuesday after Easter Monday; outside Schedule 3, finalised in April.
    complaint('c1', {
      receivedAt: t('2026-04-02T10:00:00Z'), loggedAt: t('2026-04-07T10:00:00Z'), firstContactAt: t('2026-04-08T10:00:00Z'),
      handling: 'outside-schedule-3', handlingMode: 'otherwise-than-by-investigation', finalisedAt: t('2026-04-24T10:00:00Z'),
    }),
    // C2: received on the Friday before the early May bank holiday; under Schedule 3 (two reasons), investigated locally,
    // suspended sub judice 18 May – 1 June (over the spring bank holiday), finalised 26 June.
    complaint('c2', {
      receivedAt: t('2026-05-01T10:00:00Z'), loggedAt: t('2026-05-01T14:00:00Z'), firstContactAt: t('2026-05-05T10:00:00Z'),
      handling: 'schedule-3', schedule3At: t('2026-05-11T10:00:00Z'), handlingMode: 'local-investigation', finalisedAt: t('2026-06-26T10:00:00Z'),
    }),
    // C3: moved under Schedule 3 after initial handling left the complainant dissatisfied; not yet contacted or finalised.
    complaint('c3', {
      receivedAt: t('2026-04-13T10:00:00Z'), loggedAt: t('2026-04-15T10:00:00Z'),
      handling: 'schedule-3', schedule3At: t('2026-04-20T10:00:00Z'), handlingMode: 'otherwise-than-by-investigation',
    }),
    // C4: logged at 00:30 London time on 1 July (23:30Z on 30 June): the third quarter's, not the second's.
    complaint('c4', { receivedAt: t('2026-06-30T22:00:00Z'), loggedAt: t('2026-06-30T23:30:00Z') }),
    // C5: a conduct matter: never in the IOPC's complaint figures.
    { ...complaint('c5', { receivedAt: t('2026-05-10T10:00:00Z'), loggedAt: t('2026-05-10T10:00:00Z') }), kind: 'conduct', ref: 'CM-FIX-c5' },
    // C6: a directed investigation recorded under Schedule 3 on 10 March 2025, still open: past 12 months at 30 June 2026.
    complaint('c6', {
      receivedAt: t('2025-03-03T10:00:00Z'), loggedAt: t('2025-03-03T12:00:00Z'),
      handling: 'schedule-3', schedule3At: t('2025-03-10T10:00:00Z'), handlingMode: 'directed-investigation',
    }),
    // C7: an investigation recorded on 15 July 2025, still open: under 12 months at 30 June 2026.
    complaint('c7', {
      receivedAt: t('2025-07-14T10:00:00Z'), loggedAt: t('2025-07-14T10:00:00Z'),
      handling: 'schedule-3', schedule3At: t('2025-07-15T10:00:00Z'), handlingMode: 'local-investigation',
    }),
    // C8: last year's: received the day before Good Friday 2025, logged the Tuesday after Easter Monday; finalised in May.
    complaint('c8', {
      receivedAt: t('2025-04-17T10:00:00Z'), loggedAt: t('2025-04-22T10:00:00Z'), firstContactAt: t('2025-04-23T10:00:00Z'),
      handling: 'outside-schedule-3', handlingMode: 'otherwise-than-by-investigation', finalisedAt: t('2025-05-06T10:00:00Z'),
    }),
    // C9–C11: first-quarter cases under Schedule 3 whose reviews fall in the second quarter.
    complaint('c9', { receivedAt: t('2026-01-12T10:00:00Z'), loggedAt: t('2026-01-12T10:00:00Z'), handling: 'schedule-3', schedule3At: t('2026-01-19T10:00:00Z'), finalisedAt: t('2026-03-02T10:00:00Z') }),
    complaint('c10', { receivedAt: t('2026-01-05T10:00:00Z'), loggedAt: t('2026-01-05T10:00:00Z'), handling: 'schedule-3', schedule3At: t('2026-01-09T10:00:00Z'), finalisedAt: t('2026-02-27T10:00:00Z') }),
    complaint('c11', { receivedAt: t('2026-01-20T10:00:00Z'), loggedAt: t('2026-01-20T10:00:00Z'), handling: 'schedule-3', schedule3At: t('2026-01-26T10:00:00Z'), finalisedAt: t('2026-03-20T10:00:00Z') }),
    // C12: under Schedule 3 from 9 February, finalised 2 April (just before Good Friday); never suspended.
    complaint('c12', {
      receivedAt: t('2026-02-02T10:00:00Z'), loggedAt: t('2026-02-02T10:00:00Z'),
      handling: 'schedule-3', schedule3At: t('2026-02-09T10:00:00Z'), handlingMode: 'otherwise-than-by-investigation', finalisedAt: t('2026-04-02T10:00:00Z'),
    }),
    // C13: outside Schedule 3, logged on 30 March, finalised 1 April.
    complaint('c13', {
      receivedAt: t('2026-03-30T09:00:00Z'), loggedAt: t('2026-03-30T10:00:00Z'),
      handling: 'outside-schedule-3', handlingMode: 'otherwise-than-by-investigation', finalisedAt: t('2026-04-01T10:00:00Z'),
    }),
  ],
  allegations: [
    allegation('c1', 'individual-behaviours', 'impolite-language-or-tone'),
    allegation('c2', 'police-powers-policies-and-procedures', 'arrest'),
    allegation('c2', 'police-powers-policies-and-procedures', 'use-of-force'),
    allegation('c2', 'delivery-of-duties-and-service', 'decisions'),
    allegation('c3', 'discriminatory-behaviour', 'race'),
    allegation('c4', 'individual-behaviours', 'impolite-language-or-tone'),
    allegation('c5', 'honesty-and-integrity', 'honesty-and-integrity', 'standards-of-professional-behaviour'),
    allegation('c8', 'delivery-of-duties-and-service', 'general-level-of-service'),
    allegation('c8', 'delivery-of-duties-and-service', 'information'),
  ],
  schedule3Reasons: [
    { caseId: 'c2', reason: 'complainant-wishes' },
    { caseId: 'c2', reason: 'appropriate-authority-decides' },
    { caseId: 'c3', reason: 'dissatisfied-after-initial-handling' },
    { caseId: 'c6', reason: 'mandatory-referral' },
  ],
  suspensions: [{ caseId: 'c2', startedAt: t('2026-05-18T09:00:00Z'), endedAt: t('2026-06-01T09:00:00Z') }],
  reviews: [
    { caseId: 'c9', body: 'local-policing-body', appliedOn: '2026-04-10', outcome: 'upheld', decidedAt: t('2026-05-20T10:00:00Z') },
    { caseId: 'c10', body: 'iopc', appliedOn: '2026-03-25', outcome: 'not-upheld', decidedAt: t('2026-04-15T10:00:00Z') },
    { caseId: 'c11', body: 'local-policing-body', appliedOn: '2026-06-01', outcome: null, decidedAt: null },
  ],
  stageTimings: [
    { caseId: 'c1', stage: 'first-contact', enteredAt: t('2026-04-02T10:00:00Z'), leftAt: t('2026-04-08T10:00:00Z'), dueAt: t('2026-04-08T22:59:59.999Z'), breachedAt: null },
    { caseId: 'c2', stage: 'first-contact', enteredAt: t('2026-05-01T10:00:00Z'), leftAt: t('2026-05-05T10:00:00Z'), dueAt: t('2026-05-06T22:59:59.999Z'), breachedAt: null },
    { caseId: 'c3', stage: 'first-contact', enteredAt: t('2026-04-13T10:00:00Z'), leftAt: t('2026-04-20T10:00:00Z'), dueAt: t('2026-04-15T22:59:59.999Z'), breachedAt: t('2026-04-15T23:00:00Z') },
    { caseId: 'c1', stage: 'assessment', enteredAt: t('2026-04-08T10:00:00Z'), leftAt: t('2026-04-14T10:00:00Z'), dueAt: t('2026-04-22T22:59:59.999Z'), breachedAt: null },
    { caseId: 'c2', stage: 'assessment', enteredAt: t('2026-05-05T10:00:00Z'), leftAt: t('2026-05-11T10:00:00Z'), dueAt: t('2026-05-15T22:59:59.999Z'), breachedAt: null },
    { caseId: 'c5', stage: 'severity-assessment', enteredAt: t('2026-05-10T10:00:00Z'), leftAt: t('2026-05-12T10:00:00Z'), dueAt: null, breachedAt: null },
    // Left in July: the third quarter's.
    { caseId: 'c4', stage: 'first-contact', enteredAt: t('2026-06-30T22:00:00Z'), leftAt: t('2026-07-02T10:00:00Z'), dueAt: t('2026-07-02T22:59:59.999Z'), breachedAt: null },
    // Still open: no figure yet.
    { caseId: 'c3', stage: 'handling', enteredAt: t('2026-04-20T10:00:00Z'), leftAt: null, dueAt: null, breachedAt: null },
  ],
  tasks: [
    { caseId: 'c1', type: 'first-contact', createdAt: t('2026-04-02T10:00:00Z'), dueAt: t('2026-04-08T22:59:59.999Z'), completedAt: t('2026-04-08T10:00:00Z'), escalations: 0 },
    { caseId: 'c3', type: 'first-contact', createdAt: t('2026-04-13T10:00:00Z'), dueAt: t('2026-04-15T22:59:59.999Z'), completedAt: t('2026-04-20T10:00:00Z'), escalations: 2 },
    { caseId: 'c2', type: 'first-contact', createdAt: t('2026-05-01T10:00:00Z'), dueAt: t('2026-05-06T22:59:59.999Z'), completedAt: t('2026-05-05T10:00:00Z'), escalations: 0 },
    { caseId: 'c1', type: 'assessment', createdAt: t('2026-04-08T10:00:00Z'), dueAt: t('2026-04-22T22:59:59.999Z'), completedAt: t('2026-04-14T10:00:00Z'), escalations: 0 },
    { caseId: 'c3', type: 'handling', createdAt: t('2026-04-20T10:00:00Z'), dueAt: t('2027-04-13T22:59:59.999Z'), completedAt: null, escalations: 0 },
  ],
};
