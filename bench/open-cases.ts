// Item 3 — open cases: the case record holds N open cases (each with an open task), spread over
// 100 PSD handlers under 10 managers; then the handler's inbox, a case page and a manager's view
// of their team's tasks (the breach list's source until the casework pages land), allocation's
// decision, and each service's resident memory. Raw: the same query straight on Postgres, the
// Temporal query straight to the server, a bare Node process.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { tokenFromLocalProvider } from '../shared/src/auth/local-provider-sign-in';
import { chooseFromPools, POOLS } from '../services/allocation/src/assignment';
import { stateQuery } from '../workflows/src/complaint/contract';
import { quantile, record, timed } from './report';
import { rssMiB, sleep, SERVICES, type BenchStack } from './stack';

const HANDLERS = 100;
const MANAGERS = 10;

/** Resident memory of a bare Node process (the floor for any Node service), in MiB. */
async function bareNodeMiB(): Promise<number> {
  const child = spawn('node', ['-e', 'require("node:http").createServer().listen(0); setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  await sleep(1500);
  const rss = rssMiB(child.pid!);
  child.kill('SIGKILL');
  return rss;
}

export async function openCases(stack: BenchStack, n: number, workflowRefs: string[]) {
  console.log(`\n3. Open cases: ${n.toLocaleString('en-GB')} in the case record`);
  const sql = new pg.Client({ connectionString: stack.config.DATABASE_URL });
  await sql.connect();
  try {
    const t0 = performance.now();
    // People: 10 managers, each over 10 handlers.
    await sql.query(`
      INSERT INTO "Person" (id, name, email, role, team, division, "managerId", active)
      SELECT 'bench-manager-' || m, 'Bench manager ' || m, 'bench-manager-' || m || '@bench.test', 'psd-manager', 'psd-' || m, 'hq', 'head-of-psd', true
      FROM generate_series(1, ${MANAGERS}) m ON CONFLICT DO NOTHING`);
    await sql.query(`
      INSERT INTO "Person" (id, name, email, role, team, division, "managerId", active)
      SELECT 'bench-handler-' || h, 'Bench handler ' || h, 'bench-handler-' || h || '@bench.test', 'psd-handler', 'psd-' || (1 + h % ${MANAGERS}), 'hq',
             'bench-manager-' || (1 + h % ${MANAGERS}), true
      FROM generate_series(1, ${HANDLERS}) h ON CONFLICT DO NOTHING`);
    const existing = Number((await sql.query(`SELECT count(*) FROM "Case" WHERE "closedAt" IS NULL`)).rows[0].count);
    const add = Math.max(0, n - existing);
    await sql.query(`
      INSERT INTO "Case" (id, ref, kind, channel, stage, "receivedAt", "publicTokenHash", complainant, incident, subjects, "assigneeId", "updatedAt")
      SELECT 'bench-case-' || i, 'CO-BENCH-' || lpad(i::text, 7, '0'), 'complaint', 'web', 'handling', now() - (i % 900) * interval '1 day', 'bench',
             '{"name":"Bench","email":"bench@example.test","preferredContact":"email"}', '{}', '[]', 'bench-handler-' || (1 + i % ${HANDLERS}), now()
      FROM generate_series(1, ${add}) i`);
    await sql.query(`
      INSERT INTO "Task" (id, "caseId", "caseRef", "workflowId", type, "assigneeId", "dueAt", "createdAt")
      SELECT 'bench-task-' || i, 'bench-case-' || i, 'CO-BENCH-' || lpad(i::text, 7, '0'), 'complaint-CO-BENCH-' || lpad(i::text, 7, '0'),
             'complainant-update', 'bench-handler-' || (1 + i % ${HANDLERS}), now() + (i % 60 - 20) * interval '1 day', now()
      FROM generate_series(1, ${add}) i`);
    await sql.query('ANALYZE');
    const open = Number((await sql.query(`SELECT count(*) FROM "Case" WHERE "closedAt" IS NULL`)).rows[0].count);
    console.log(`  ${open.toLocaleString('en-GB')} open cases in Postgres (${add.toLocaleString('en-GB')} added in ${((performance.now() - t0) / 1000).toFixed(0)} s); ${workflowRefs.length.toLocaleString('en-GB')} of them with running workflows`);

    const person = async (id: string) => (await tokenFromLocalProvider({ issuer: stack.issuer, personId: id })).accessToken;
    const handler = await person('bench-handler-1');
    const manager = await person('bench-manager-2');
    const get = async (path: string, token: string) => {
      const res = await fetch(stack.url('casework', `/api${path}`), { headers: { authorization: `Bearer ${token}` } });
      if (res.status !== 200) throw new Error(`GET ${path}: ${res.status}`);
      return res.json();
    };
    // The inbox answers a page at a time (50 tasks, and one more to know if another page follows).
    const inboxSql = `SELECT * FROM "Task" WHERE "completedAt" IS NULL AND "assigneeId" = ANY($1) ORDER BY "dueAt", "createdAt", "id" LIMIT 51`;
    const openTasksOf = async (ids: string[]) => Number((await sql.query(`SELECT count(*) FROM "Task" WHERE "completedAt" IS NULL AND "assigneeId" = ANY($1)`, [ids])).rows[0].count);
    const reportsOf = async (id: string) => [id, ...(await sql.query(`SELECT id FROM "Person" WHERE "managerId" = $1`, [id])).rows.map((r: { id: string }) => r.id)];

    await get('/me/tasks', handler); // warm
    const inbox = await timed(30, () => get('/me/tasks', handler));
    const inboxRaw = await timed(30, async () => sql.query(inboxSql, [await reportsOf('bench-handler-1')]));
    const rows = await openTasksOf(await reportsOf('bench-handler-1'));
    record({ item: '3', what: `handler's inbox GET /me/tasks, first page (${rows.toLocaleString('en-GB')} open tasks), p95`, probity: quantile(inbox, 0.95), raw: quantile(inboxRaw, 0.95), unit: 'ms', limit: '< 200 ms', better: 'lower' });

    const teamRows = await openTasksOf(await reportsOf('bench-manager-2'));
    const breach = await timed(15, () => get('/me/tasks', manager));
    const breachRaw = await timed(15, async () => sql.query(inboxSql, [await reportsOf('bench-manager-2')]));
    record({ item: '3', what: `manager's team tasks GET /me/tasks, first page (${teamRows.toLocaleString('en-GB')} tasks), p95`, probity: quantile(breach, 0.95), raw: quantile(breachRaw, 0.95), unit: 'ms', limit: '< 200 ms', better: 'lower', note: 'the breach list\'s source until the casework pages land' });

    if (workflowRefs.length) {
      const psd = await person('psd-handler-1');
      const sample = Array.from({ length: 50 }, (_, i) => workflowRefs[(i * 7919) % workflowRefs.length]!);
      let i = 0;
      const page = await timed(50, () => get(`/cases/${sample[i++ % sample.length]}`, psd));
      let j = 0;
      // The page answers from the record alone (the workflow's state only with ?live=true): raw is the case row with its tasks.
      const pageRaw = await timed(50, () =>
        sql.query(`SELECT c.*, (SELECT count(*) FROM "Task" t WHERE t."caseRef" = c.ref) AS tasks FROM "Case" c WHERE c.ref = $1`, [sample[j++ % sample.length]]));
      let k = 0;
      // A query no worker takes up in time fails (DEADLINE_EXCEEDED): counted, its time kept, never the end of the run.
      let unanswered = 0;
      const query = await timed(20, () =>
        stack.client.workflow.getHandle(`complaint-${sample[k++ % sample.length]}`).query(stateQuery).catch(() => void unanswered++));
      record({ item: '3', what: 'case page GET /api/cases/:ref (the record), p95', probity: quantile(page, 0.95), raw: quantile(pageRaw, 0.95), unit: 'ms', limit: '< 200 ms', better: 'lower',
        note: 'raw: the case row and its tasks in one SQL query' });
      record({ item: '3', what: "the workflow's state query alone (?live=true asks it), p95", probity: quantile(query, 0.95), unit: 'ms', limit: 'beside raw', better: 'lower',
        ...(unanswered ? { note: `${unanswered} of 20 not answered before the deadline` } : {}) });
    }

    const decide = await timed(20, () => chooseFromPools(stack.db, POOLS.assessment(false), { subjects: [{ team: 'north-response', division: 'north' }] }));
    const decideRaw = await timed(20, () => sql.query(`SELECT "assigneeId", count(*) FROM "Case" WHERE "closedAt" IS NULL GROUP BY "assigneeId"`));
    record({ item: '3', what: `allocation's decision (least workload over ${HANDLERS + 2} handlers), p95`, probity: quantile(decide, 0.95), raw: quantile(decideRaw, 0.95), unit: 'ms', limit: 'beside raw', better: 'lower', note: 'raw: one GROUP BY of open cases' });

    const floor = await bareNodeMiB();
    for (const s of SERVICES) {
      record({ item: '3', what: `${s} resident memory`, probity: rssMiB(stack.pids[s]!), raw: floor, unit: 'MiB', limit: s === 'worker' ? '< 1 GiB' : '< 150 MB', better: 'lower', note: 'raw: a bare Node process' });
    }
  } finally {
    await sql.end();
  }
}
