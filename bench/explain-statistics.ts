// The time of every SQL statement one statistics answer runs (the period, the same period last year
// and the trend), one after another on the bench's database, then the whole answer as the API runs
// it; --plans prints each EXPLAIN (ANALYZE, BUFFERS): `DATABASE_URL=…/probity_bench npx tsx bench/explain-statistics.ts [from to] [--plans]`.
import { performance } from 'node:perf_hooks';
import { createDb, Prisma, type Db } from '../shared/src/db/client';
import { londonDateOf } from '../shared/src/domain/index';
import { statisticsReport } from '../services/casework/src/statistics/report';
import { lastQuarter } from '../services/casework/src/statistics/period';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const plans = process.argv.includes('--plans');
const period = args.length === 2 ? { from: args[0]!, to: args[1]! } : lastQuarter(londonDateOf(Date.now()));
const db = createDb(process.env.DATABASE_URL!);
const timings: { ms: number; head: string }[] = [];
let chain = Promise.resolve();
const explaining = new Proxy(db, {
  get(target, prop, receiver) {
    if (prop !== '$queryRaw') return Reflect.get(target, prop, receiver);
    return (strings: TemplateStringsArray, ...values: unknown[]) => {
      const q = Prisma.sql(strings, ...values);
      const run = chain.then(async () => {
        if (plans) {
          const rows = await target.$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(`EXPLAIN (ANALYZE, BUFFERS) ${q.text}`, ...q.values);
          console.log(`\n── ${q.text.replace(/\s+/g, ' ').slice(0, 200)}\n${rows.map((r) => r['QUERY PLAN']).join('\n')}`);
        }
        // Timed without EXPLAIN, whose per-row clock reads distort a plan this heavy in expressions.
        const t0 = performance.now();
        const result = await target.$queryRawUnsafe(q.text, ...q.values);
        timings.push({ ms: performance.now() - t0, head: q.text.replace(/\s+/g, ' ').slice(0, 110) });
        return result;
      });
      chain = run.then(() => undefined, () => undefined);
      return run;
    };
  },
}) as Db;
await statisticsReport(explaining, period);
// The answer as the API computes it (its statements at once on the pool), best of five.
const whole: number[] = [];
for (let i = 0; i < 5; i++) {
  const t0 = performance.now();
  await statisticsReport(db, period);
  whole.push(performance.now() - t0);
}
for (const t of timings) console.log(`${t.ms.toFixed(1).padStart(8)} ms  ${t.head}`);
console.log(`${timings.reduce((s, t) => s + t.ms, 0).toFixed(1).padStart(8)} ms  in all, ${timings.length} statements one after another, ${period.from} to ${period.to}`);
console.log(`${Math.min(...whole).toFixed(1).padStart(8)} ms  the whole answer, statements at once (best of 5; median ${[...whole].sort((a, b) => a - b)[2]!.toFixed(1)} ms)`);
await db.$disconnect();
