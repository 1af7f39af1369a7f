// Item 2 — deadline storm: N open cases whose task deadlines are due at the same instant, until
// every escalation is emitted and every manager notification sent; against N bare workflows
// sleeping to the same instant on the same server.
//
// Probity's deadlines are whole London days (they fall due at midnight), so a bench cannot set
// one a minute ahead. Instead each case is received on the last working day with a short SLA
// policy (PSD assessment due the same day, so already past), and its workflow is started with
// Temporal's start delay to wake at the instant: it opens the assessment task, finds it overdue
// and escalates to the manager at once — more work per case than a deadline alone (the task is
// opened too), on the server's own timer.
import { randomUUID } from 'node:crypto';
import { Worker } from '@temporalio/worker';
import { DEFAULT_SLA_POLICY, ENGLAND_AND_WALES, addCalendarDays, routeComplaint, toLondonDate } from '../shared/src/domain/index';
import { buildComplaintInput } from '../services/allocation/src/case-start';
import { COMPLAINT_WORKFLOW, complaintWorkflowId } from '../workflows/src/complaint/contract';
import { CaseKind, CaseRef, Stage } from '../shared/src/temporal/search-attributes';
import { dataConverter } from '../shared/src/temporal/codec';
import { pool, quantile, record } from './report';
import { cpuSeconds, rssMiB, sleep, type BenchStack } from './stack';

const SHORT_SLA = { ...DEFAULT_SLA_POLICY, version: 'bench-short', complaint: { ...DEFAULT_SLA_POLICY.complaint, psdAssessment: { workingDays: 0 } } };

/** The last working day before today (London): a case received then is overdue today. */
function lastWorkingDay(): string {
  let d = addCalendarDays(toLondonDate(Date.now()), -1);
  while (!ENGLAND_AND_WALES.isWorkingDay(d)) d = addCalendarDays(d, -1);
  return d;
}

async function bareTimers(stack: BenchStack, n: number, startRate: number) {
  const taskQueue = `bench-bare-${n}-${Date.now()}`;
  const worker = await Worker.create({
    connection: stack.nativeConnection, namespace: stack.namespace, taskQueue,
    workflowsPath: new URL('./workflows.ts', import.meta.url).pathname,
    dataConverter: dataConverter(stack.config.PAYLOAD_KEY),
  });
  const running = worker.run();
  const at = Date.now() + Math.ceil((n / startRate) * 1000 * 1.5) + 15_000;
  await pool(Array.from({ length: n }, (_, i) => i), 20, async (i) => {
    await stack.client.workflow.start('benchSleepUntil', { taskQueue, workflowId: `${taskQueue}-${i}`, args: [at] });
  });
  const startedBy = Date.now();
  const lateness: number[] = [];
  const until = at + 300_000;
  while (Date.now() < until) {
    const done = (await stack.client.workflow.count(`TaskQueue = "${taskQueue}" AND ExecutionStatus = "Completed"`)).count;
    if (done >= n) break;
    await sleep(1000);
  }
  for await (const wf of stack.client.workflow.list({ query: `TaskQueue = "${taskQueue}" AND ExecutionStatus = "Completed"` })) {
    if (wf.closeTime) lateness.push(wf.closeTime.getTime() - at);
  }
  worker.shutdown();
  await running;
  return { lateness, startedEarly: startedBy <= at };
}

async function probityStorm(stack: BenchStack, n: number, startRate: number) {
  const receivedOn = lastWorkingDay();
  const receivedAt = `${receivedOn}T12:00:00.000Z`;
  const tag = Date.now().toString(36).toUpperCase();
  const cases = Array.from({ length: n }, (_, i) => ({ caseId: randomUUID(), ref: `CO-STORM-${tag}-${String(i).padStart(6, '0')}` }));
  // The case rows, as intake would have stored them (one statement per 1,000).
  for (let i = 0; i < n; i += 1000) {
    const slice = cases.slice(i, i + 1000);
    await stack.db.case.createMany({
      data: slice.map((c) => ({
        id: c.caseId, ref: c.ref, kind: 'complaint', channel: 'web', stage: 'received', receivedAt: new Date(receivedAt),
        publicTokenHash: 'bench', complainant: { name: 'Bench', email: 'bench@example.test', preferredContact: 'email' }, incident: {}, subjects: [],
      })),
    });
  }
  const at = Date.now() + Math.ceil((n / startRate) * 1000 * 1.5) + 15_000;
  await pool(cases, 20, async (c, i) => {
    const input = buildComplaintInput(
      {
        caseId: c.caseId, ref: c.ref, kind: 'complaint', channel: 'web', receivedAt, flags: {},
        allegations: [{ id: `${c.caseId}:1`, category: 'delivery-of-duties-and-service' }],
        subjects: [{ team: 'north-response', division: 'north' }],
        firstContact: { byId: 'north-constable', at: receivedAt, resolved: false },
      },
      { route: routeComplaint({ allegations: [{ id: `${c.caseId}:1`, category: 'delivery-of-duties-and-service' }] }), assessorId: i % 2 ? 'psd-handler-1' : 'psd-handler-2', complaintsTeamId: 'psd-manager', sla: SHORT_SLA },
    );
    await stack.client.workflow.start(COMPLAINT_WORKFLOW, {
      taskQueue: stack.taskQueue, workflowId: complaintWorkflowId(c.ref), args: [input],
      startDelay: Math.max(at - Date.now(), 1),
      typedSearchAttributes: [{ key: CaseRef, value: c.ref }, { key: CaseKind, value: 'complaint' }, { key: Stage, value: 'received' }],
    });
  });
  const startedBy = Date.now();
  const ids = cases.map((c) => c.caseId);
  // Every escalation emitted (the breach recorded on the case's timing) and every manager told.
  const until = at + 900_000;
  let breaches = 0;
  let told = 0;
  while (Date.now() < until) {
    breaches = await stack.db.auditEntry.count({ where: { caseId: { in: ids }, action: 'sla-breached' } });
    told = await stack.db.notification.count({ where: { caseRef: { startsWith: `CO-STORM-${tag}-` }, eventId: { contains: ':case.sla-breached:' }, sentAt: { not: null } } });
    if (breaches >= n && told >= n) break;
    await sleep(2000);
  }
  const rows = await stack.db.notification.findMany({
    where: { caseRef: { startsWith: `CO-STORM-${tag}-` }, eventId: { contains: ':case.sla-breached:' }, sentAt: { not: null } },
    select: { sentAt: true },
  });
  return { lateness: rows.map((r) => r.sentAt!.getTime() - at), breaches, told, startedEarly: startedBy <= at, refs: cases.map((c) => c.ref) };
}

export async function deadlineStorm(stack: BenchStack, n: number, startRate: number) {
  console.log(`\n2. Deadline storm: ${n.toLocaleString('en-GB')} cases due at one instant`);
  const bare = await bareTimers(stack, n, startRate);
  const workerCpu0 = cpuSeconds(stack.pids.worker!);
  const probity = await probityStorm(stack, n, startRate);
  const workerCpu = ((cpuSeconds(stack.pids.worker!) - workerCpu0) / n) * 1000;
  const note = `${probity.breaches}/${n} escalated, ${probity.told}/${n} managers told; ${bare.lateness.length}/${n} bare fired`;
  record({ item: '2', what: `storm ${n}: lateness p50`, probity: quantile(probity.lateness, 0.5) / 1000, raw: quantile(bare.lateness, 0.5) / 1000, unit: 's', limit: 'beside raw', better: 'lower' });
  record({ item: '2', what: `storm ${n}: lateness p99`, probity: quantile(probity.lateness, 0.99) / 1000, raw: quantile(bare.lateness, 0.99) / 1000, unit: 's', limit: '≤ 1.2× raw', better: 'lower' });
  record({ item: '2', what: `storm ${n}: lateness of the last`, probity: Math.max(...probity.lateness) / 1000, raw: Math.max(...bare.lateness) / 1000, unit: 's', limit: '≤ 1.2× raw', better: 'lower', note });
  console.log(`  worker CPU per case in the storm: ${workerCpu.toFixed(1)} ms; worker resident ${rssMiB(stack.pids.worker!).toFixed(0)} MiB`);
  if (!probity.startedEarly || !bare.startedEarly) console.log('  (starting took longer than planned: some cases began after the instant)');
  return { refs: probity.refs };
}
