// The demo's published misconduct hearing outcomes (`npm start`), so the public page and the
// workforce page show something: written as the recording activity writes them, 'scheduled'; the
// worker starts their publication workflows at start-up, which publish them at once (their first
// day has passed) and withdraw them when their 28 days are over. Written once, never rewritten.
import type { Db } from '../db/client';
import { addCalendarDays, DEFAULT_PUBLICATION_PERIOD_DAYS, publicationPeriod, type IsoDate } from '../domain/index';

const asDate = (d: IsoDate) => new Date(`${d}T00:00:00.000Z`);

export async function seedDemoPublications(db: Pick<Db, 'publication'>, today: IsoDate): Promise<void> {
  const year = today.slice(0, 4);
  const demo = [
    {
      caseId: 'demo-publication-1', ref: `CM-${year}-900001`, daysAgo: 3, officerName: 'PC Alex Morgan', nameWithheldBecause: null, subjectRank: 'constable',
      form: 'misconduct-hearing', finding: 'gross-misconduct', sanction: 'dismissal-without-notice', standards: ['honesty-and-integrity', 'discreditable-conduct'],
    },
    {
      caseId: 'demo-publication-2', ref: `CM-${year}-900002`, daysAgo: 10, officerName: null, subjectRank: 'sergeant',
      nameWithheldBecause: 'Naming the officer would identify a vulnerable witness (the presiding officer’s direction).',
      form: 'accelerated-hearing', finding: 'gross-misconduct', sanction: 'dismissal-without-notice', standards: ['authority-respect-and-courtesy'],
    },
  ];
  for (const { daysAgo, ...d } of demo) {
    const outcomeOn = addCalendarDays(today, -daysAgo);
    const { publishFrom, withdrawOn } = publicationPeriod(outcomeOn, DEFAULT_PUBLICATION_PERIOD_DAYS);
    await db.publication.upsert({
      where: { caseId: d.caseId },
      create: { ...d, subjectKind: 'officer', outcomeOn: asDate(outcomeOn), publishFrom: asDate(publishFrom), withdrawOn: asDate(withdrawOn) },
      update: {},
    });
  }
}
