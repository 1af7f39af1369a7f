import { createDb } from './client';
import { DEMO_PEOPLE } from './demo-people';

// Demo data for `npm start`: a person for every role in DOMAIN.md. Idempotent (upserts).
export async function seed(databaseUrl: string): Promise<number> {
  const db = createDb(databaseUrl);
  try {
    // Everyone first, then reporting lines, so a manager always exists before being pointed at.
    for (const { managerId: _m, ...p } of DEMO_PEOPLE) {
      await db.person.upsert({ where: { id: p.id }, create: p, update: p });
    }
    for (const p of DEMO_PEOPLE) {
      await db.person.update({ where: { id: p.id }, data: { managerId: p.managerId } });
    }
    return DEMO_PEOPLE.length;
  } finally {
    await db.$disconnect();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.env.DATABASE_URL ?? 'postgresql://probity:probity@127.0.0.1:5433/probity';
  seed(url).then(
    (n) => console.error(`[probity] seeded ${n} demo people`),
    (err: unknown) => {
      console.error(`[probity] seeding failed: ${(err as Error).message}`);
      process.exit(1);
    },
  );
}
