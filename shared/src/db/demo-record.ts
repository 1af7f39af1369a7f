// Demo data for the statistics (`npm start`): about two years of past complaint cases written
// straight into the record the IOPC's figures are counted from — spread over channels, categories,
// divisions, officers, outside and under Schedule 3, some investigated, some suspended, some
// reviewed — so last quarter and the same quarter a year before both show something. These are
// history: no workflow runs for them (their case pages show the record alone). Deterministic (a
// seeded generator), with references from CO-<year>-900001 so they never meet real ones.
import { ENGLAND_AND_WALES, IOPC_2021_CODE_LIST, addCalendarDays, iopcSchedule3Reason, londonDateOf, startOfLondonDayMs, type IsoDate, type Schedule3Code } from '../domain/index';
import type { Db } from './client';

const cal = ENGLAND_AND_WALES;
const HANDLERS = ['psd-handler-1', 'psd-handler-2', 'psd-investigator'];
const OFFICERS = [
  { personId: 'north-constable', team: 'north-response', division: 'north', rank: 'constable' },
  { personId: 'north-sergeant', team: 'north-response', division: 'north', rank: 'sergeant' },
  { personId: 'south-constable', team: 'south-response', division: 'south', rank: 'constable' },
  { personId: null, team: 'south-response', division: 'south', rank: null },
];
const CHANNELS = ['web', 'phone', 'email', 'front-counter'];
/** Roughly the national mix: most allegations are about service and behaviour. */
const CATEGORY_WEIGHTS: Record<string, number> = {
  'delivery-of-duties-and-service': 40,
  'police-powers-policies-and-procedures': 20,
  'individual-behaviours': 18,
  'discriminatory-behaviour': 4,
  'access-to-or-disclosure-of-information': 4,
  'handling-of-or-damage-to-property-or-premises': 4,
  'use-of-police-vehicles': 2,
  'discreditable-conduct': 3,
  'sexual-conduct': 1,
  other: 4,
};

/** mulberry32: a small seeded generator, so every start writes the same demo. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p: number) => next() < p,
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!,
    weighted: (w: Record<string, number>) => {
      const total = Object.values(w).reduce((s, v) => s + v, 0);
      let r = next() * total;
      for (const [k, v] of Object.entries(w)) if ((r -= v) < 0) return k;
      return Object.keys(w)[0]!;
    },
  };
}

const at = (date: IsoDate, hour: number) => new Date(startOfLondonDayMs(date) + hour * 3_600_000);

export interface DemoRecordOptions {
  /** London date the demo runs up to (today) */
  today: IsoDate;
  months?: number;
  casesPerMonth?: number;
}

/** Writes the demo record once (skips rows already there); returns the number of demo cases. */
export async function seedDemoRecord(db: Db, opts: DemoRecordOptions): Promise<number> {
  const rng = generator(20261201);
  const months = opts.months ?? 24;
  const perMonth = opts.casesPerMonth ?? 45;
  const total = months * perMonth;
  const nowMs = startOfLondonDayMs(opts.today);
  const past = (d: Date | null) => (d && d.getTime() < nowMs ? d : null);
  const start = addCalendarDays(opts.today, -Math.round(months * 30.4));
  const span = Math.round(months * 30.4) - 1;
  const counters = new Map<number, number>();

  const cases = [];
  const allegations = [];
  const subjects = [];
  const reasons = [];
  const suspensions = [];
  const reviews = [];
  const timings = [];
  const tasks = [];
  for (let i = 0; i < total; i++) {
    const id = `demo-case-${i + 1}`;
    const receivedOn = cal.workingDayOnOrAfter(addCalendarDays(start, Math.floor((i / total) * span)));
    const year = Number(receivedOn.slice(0, 4));
    const nth = (counters.get(year) ?? 900_000) + 1;
    counters.set(year, nth);
    const ref = `CO-${year}-${String(nth).padStart(6, '0')}`;
    const receivedAt = at(receivedOn, rng.int(8, 16));
    const loggedAt = at(cal.addWorkingDays(receivedOn, rng.pick([0, 0, 0, 1, 1, 2, 3])), 17);
    const contactOn = cal.addWorkingDays(receivedOn, rng.pick([1, 1, 1, 2, 2, 2, 2, 3, 5, 8]));
    const firstContactAt = past(at(contactOn, 11));
    const schedule3 = rng.chance(0.35);
    const investigated = schedule3 && rng.chance(0.3);
    const mode = !investigated ? 'otherwise-than-by-investigation' : rng.chance(0.85) ? 'local-investigation' : 'directed-investigation';
    const assessedOn = cal.addWorkingDays(contactOn, rng.int(1, 10));
    const schedule3At = schedule3 ? past(at(assessedOn, 15)) : null;
    const handling = !firstContactAt ? null : schedule3 ? (schedule3At ? 'schedule-3' : null) : 'outside-schedule-3';
    const suspended = investigated && rng.chance(0.25);
    const suspendedFrom = cal.addWorkingDays(assessedOn, rng.int(10, 40));
    const suspendedDays = rng.int(10, 45);
    const handlingDays = investigated ? rng.int(60, 320) : schedule3 ? rng.int(20, 90) : rng.int(3, 35);
    const finalisedOn = cal.addWorkingDays(schedule3 ? assessedOn : londonDateOf(loggedAt.getTime()), handlingDays + (suspended ? suspendedDays : 0));
    const finalisedAt = handling ? past(at(finalisedOn, 14)) : null;
    const officer = rng.pick(OFFICERS);
    const restricted = false;
    cases.push({
      id, ref, kind: 'complaint', channel: rng.pick(CHANNELS), stage: finalisedAt ? 'closed' : firstContactAt ? 'handling' : 'first-contact',
      receivedAt, loggedAt, firstContactAt, closedAt: finalisedAt, handling, schedule3At, handlingMode: handling ? mode : null,
      suspended: suspended && !!past(at(suspendedFrom, 9)) && !past(at(cal.addWorkingDays(suspendedFrom, suspendedDays), 9)),
      finalisedAt, division: officer.division, assigneeId: rng.pick(HANDLERS), restricted, publicTokenHash: 'demo',
      complainant: { name: `Demo complainant ${i + 1}`, email: `demo-${i + 1}@example.test`, preferredContact: 'email' },
      incident: { what: 'Demo case for the statistics.', when: receivedOn, where: 'Demo' },
      subjects: [{ team: officer.team, division: officer.division }],
    });
    subjects.push({ id: `${id}:s1`, caseId: id, seq: 1, kind: officer.personId ? 'officer' : 'not-identified', personId: officer.personId, team: officer.team, division: officer.division, rank: officer.rank });
    for (let a = 0, n = rng.pick([1, 1, 1, 2, 2, 3]); a < n; a++) {
      const code = rng.weighted(CATEGORY_WEIGHTS);
      const category = IOPC_2021_CODE_LIST.categories.find((c) => c.code === code)!;
      allegations.push({
        id: `${id}:a${a + 1}`, caseId: id, seq: a + 1, category: category.code, subCategory: rng.pick(category.subCategories).code, description: 'Demo allegation',
        ...(finalisedAt ? { outcome: rng.pick(['service-acceptable', 'service-acceptable', 'service-not-acceptable', 'unable-to-determine']), actions: ['explanation'], finalisedAt } : {}),
      });
    }
    if (schedule3At) {
      const grounds: Schedule3Code[] = [
        investigated && rng.chance(0.3) ? 'mandatory-referral' : rng.chance(0.1) ? 'dissatisfied-after-initial-handling' : rng.pick(['possible-disciplinary-proceedings', 'possible-criminal-offence', 'psd-decision'] as const),
        ...(rng.chance(0.4) ? (['complainant-wants-schedule-3'] as const) : []),
      ];
      for (const ground of grounds) reasons.push({ caseId: id, ground, reason: iopcSchedule3Reason(ground), allegationIds: [], recordedAt: schedule3At });
    }
    if (suspended && past(at(suspendedFrom, 9))) {
      suspensions.push({ id: `${id}:susp1`, caseId: id, reason: 'sub-judice', startedAt: at(suspendedFrom, 9), startedById: 'psd-manager', endedAt: past(at(cal.addWorkingDays(suspendedFrom, suspendedDays), 9)), endedById: 'psd-manager' });
    }
    if (schedule3 && finalisedAt && rng.chance(0.15)) {
      const appliedOn = addCalendarDays(londonDateOf(finalisedAt.getTime()), rng.int(3, 27));
      const decidedAt = past(at(cal.addWorkingDays(appliedOn, rng.int(15, 50)), 12));
      if (past(at(appliedOn, 12))) {
        const body = investigated && rng.chance(0.5) ? 'iopc' : 'local-policing-body';
        reviews.push({
          id: `${id}:1`, caseId: id, n: 1, body, bodyReason: 'demo', appliedOn: new Date(`${appliedOn}T00:00:00.000Z`),
          reviewerId: body === 'iopc' ? 'iopc-reviewer' : 'pcc-review-officer', outcome: decidedAt ? (rng.chance(0.2) ? 'upheld' : 'not-upheld') : null, decidedAt,
        });
      }
    }
    // Timeliness: first contact (2 working days), assessment (10 working days from receipt).
    const fcDue = new Date(startOfLondonDayMs(addCalendarDays(cal.addWorkingDays(receivedOn, 2), 1)) - 1);
    const asDue = new Date(startOfLondonDayMs(addCalendarDays(cal.addWorkingDays(receivedOn, 10), 1)) - 1);
    const assessedAt = past(at(assessedOn, 15));
    const handler = HANDLERS[i % 2]!;
    for (const [stage, enteredAt, leftAt, dueAt] of [
      ['first-contact', receivedAt, firstContactAt, fcDue],
      ['assessment', firstContactAt, assessedAt, asDue],
    ] as const) {
      if (!enteredAt) continue;
      const late = (leftAt ?? new Date(nowMs)).getTime() > dueAt.getTime();
      const breachedAt = late && dueAt.getTime() < nowMs ? new Date(dueAt.getTime() + 1) : null;
      timings.push({ id: `${id}:${stage}`, caseId: id, stage, enteredAt, leftAt, dueAt, breachedAt });
      if (leftAt) tasks.push({ id: `${id}:task:${stage}`, caseId: id, caseRef: ref, workflowId: `complaint-${ref}`, type: stage, assigneeId: handler, dueAt, createdAt: enteredAt, completedAt: leftAt, completedBy: handler, escalations: late ? 1 : 0 });
    }
  }
  await db.case.createMany({ data: cases, skipDuplicates: true });
  await db.caseSubject.createMany({ data: subjects, skipDuplicates: true });
  await db.allegation.createMany({ data: allegations, skipDuplicates: true });
  await db.schedule3Reason.createMany({ data: reasons, skipDuplicates: true });
  await db.suspensionPeriod.createMany({ data: suspensions, skipDuplicates: true });
  await db.complaintReview.createMany({ data: reviews, skipDuplicates: true });
  await db.stageTiming.createMany({ data: timings, skipDuplicates: true });
  await db.task.createMany({ data: tasks, skipDuplicates: true });
  return total;
}
