import { createDb, type Db } from './client';
import { londonDateOf } from '../domain/index';
import { DEMO_PEOPLE } from './demo-people';
import { seedDemoRecord } from './demo-record';
import { seedDemoFlags } from '../early-intervention/demo-flags';
import { seedDemoPublications } from '../publication/demo-publications';

// Demo data for `npm start`: a person for every role in DOMAIN.md, the policy register, and about
// two years of past complaints for the statistics (demo-record.ts). Idempotent.
export async function seed(databaseUrl: string): Promise<number> {
  const db = createDb(databaseUrl);
  try {
    await seedPeople(db);
    await seedPolicies(db);
    // Written once: the demo's dates are fixed by the first start, so its figures stay put.
    if (!(await db.case.findFirst({ where: { id: { startsWith: 'demo-case-' } }, select: { id: true } }))) {
      await seedDemoRecord(db, { today: londonDateOf(Date.now()) });
      await seedDemoFlags(db);
    }
    await seedDemoPublications(db, londonDateOf(Date.now()));
    return DEMO_PEOPLE.length;
  } finally {
    await db.$disconnect();
  }
}

/**
 * The demo workforce in the Person register: everyone first, then reporting lines, so a manager
 * always exists before being pointed at. `reactivate` signs a deactivated demo person back in
 * (the tests' register, where some tests deactivate people); the demo keeps a leaver a leaver.
 */
export async function seedPeople(db: Db, opts: { reactivate?: boolean } = {}): Promise<number> {
  for (const { managerId: _m, ...p } of DEMO_PEOPLE) {
    const update = opts.reactivate ? { ...p, active: true } : p;
    await db.person.upsert({ where: { id: p.id }, create: p, update });
  }
  for (const p of DEMO_PEOPLE) {
    await db.person.update({ where: { id: p.id }, data: { managerId: p.managerId } });
  }
  return DEMO_PEOPLE.length;
}

/**
 * The policy register's demo entry: P02 as the seed document states it — reviewed July 2022 with
 * no amendments, next review July 2024 (§7.1), so it is overdue today. Created once and never
 * overwritten: after that its review workflow keeps it (intake starts the workflow at start-up).
 */
export async function seedPolicies(db: Db): Promise<void> {
  const p02 = {
    id: 'policy-p02',
    ref: 'P02',
    title: 'Standards of professional behaviour',
    ownerId: 'policy-owner',
    lastReviewedOn: new Date('2022-07-01T00:00:00.000Z'),
    lastReviewOutcome: 'no-amendments',
    version: '1.0',
    equalityImpact:
      'No potential or actual differential impact on grounds of race, ethnicity, nationality, gender, transgender, disability, age, religion or belief or sexual orientation (§4.1).',
    riskRating: 'medium',
    nextReviewDue: new Date('2024-07-01T00:00:00.000Z'),
  };
  await db.policy.upsert({ where: { ref: p02.ref }, create: p02, update: {} });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.env.DATABASE_URL ?? 'postgresql://probity:probity@127.0.0.1:5433/probity';
  // `--people`: only the workforce (the tests' database: its provider signs the demo people in).
  const people = process.argv.includes('--people');
  const run = people
    ? (async () => {
        const db = createDb(url);
        try {
          return await seedPeople(db, { reactivate: true });
        } finally {
          await db.$disconnect();
        }
      })()
    : seed(url);
  run.then(
    (n) => console.error(`[probity] seeded ${n} demo people`),
    (err: unknown) => {
      console.error(`[probity] seeding failed: ${(err as Error).message}`);
      process.exit(1);
    },
  );
}
