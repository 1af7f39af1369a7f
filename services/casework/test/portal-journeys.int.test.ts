// The casework portal in a real browser (Debian's Chromium via playwright-core), against the real
// stack: Temporal (the real complaint and policy review workflows on a worker of this run),
// Postgres, Kafka and the tests' OpenID provider, whose own sign-in page every person goes through.
// axe-core checks every page visited; screenshots go to .data/screenshots/.
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { Worker } from '@temporalio/worker';
import type { Producer } from 'kafkajs';
import { demoPassword } from '@probity/shared/auth/local-provider-sign-in';
import { loadConfig } from '@probity/shared/config';
import { createDb } from '@probity/shared/db/client';
import { caseReceivedSchema } from '@probity/shared/events/schemas';
import { parseEvent } from '@probity/shared/events/envelope';
import { connectProducer, createKafka } from '@probity/shared/kafka';
import { createLogger } from '@probity/shared/log';
import { TokenSealer } from '@probity/shared/complaint/case-token';
import { complaintFormSchema } from '@probity/shared/complaint/complaint-form';
import { createIntakeStore } from '@probity/shared/complaint/complaint-store';
import { complaintWorkflows } from '@probity/shared/complaint/complaint-workflows';
import { connectTemporalClient, connectWorkerConnection } from '@probity/shared/temporal/connect';
import { dataConverter } from '@probity/shared/temporal/codec';
import { lazyTemporal } from '@probity/shared/temporal/workflow-calls';
import { closeChecker, openBrowser, screenshot, seriousViolations, type Person } from '@probity/shared/testing/browser';
import { testAuth } from '@probity/shared/testing/oidc';
import { uniqueId } from '@probity/shared/testing/temporal';
import { createActivities } from '@probity/activities/index';
import { buildComplaintInput, startComplaintWorkflow } from '@probity/allocation/case-start';
import { routeReceivedComplaint } from '@probity/allocation/routing';
import { policyReviewWorkflowId } from '@probity/workflows/policy/contract';
import { createCaseworkApp } from '../src/app';
import { conductWorkflows } from '../src/conduct/conduct-workflows';
import { loadPolicyConfig } from '../src/policy/policy-config';
import { policyWorkflows } from '../src/policy/policy-workflows';

const config = loadConfig();
const log = createLogger('portal-journeys', 'silent');
const db = createDb(config.DATABASE_URL);
const temporal = lazyTemporal(() => connectTemporalClient(config));
const run = uniqueId('web');
const taskQueue = `${run}-cases`;
const base = config.CASEWORK_URL;
const store = createIntakeStore(db, new TokenSealer(config.CASE_TOKEN_SEAL_SECRET));
const policies = policyWorkflows(temporal, { taskQueue, config: loadPolicyConfig({}) });
const policyRef = `PW-${run.slice(-6).toUpperCase()}`;

const person = (suffix: string, name: string, role: string, rank: string | null, team: string, managerId: string | null = null) => ({
  id: `${run}-${suffix}`,
  name,
  email: `${run}-${suffix}@probity.test`,
  role,
  rank,
  team,
  division: 'hq',
  managerId,
});
const people = {
  manager: person('manager', 'Det Ch Insp Test Manager', 'psd-manager', 'chief-inspector', 'psd-test'),
  handler: person('handler', 'DS Test Handler', 'psd-handler', 'sergeant', 'psd-test'),
  handler2: person('handler2', 'Test Second Handler', 'psd-handler', null, 'psd-test'),
  constable: person('constable', 'PC Test Constable', 'front-line', 'constable', 'north-response'),
  owner: person('owner', 'Supt Test Owner', 'policy-owner', 'superintendent', 'policy-test'),
};

let server: Server;
let worker: Worker;
let running: Promise<void>;
let producer: Producer;
const browsers: Person[] = [];

/** Records a complaint as the public form does and starts its real workflow with our handler as assessor. */
async function complaintFor(assessorId: string, opts: { receivedDaysAgo?: number } = {}): Promise<string> {
  const form = complaintFormSchema.parse({
    complainant: { name: 'Casey Example', email: 'casey@example.test', preferredContact: 'email' },
    incident: { what: 'The officer was rude and would not give their number.', when: '2026-01-10', where: 'High Street' },
    subjects: [{ description: 'officer on foot patrol', team: 'north-response', division: 'north' }],
    allegations: [{ category: 'individual-behaviours', description: 'rude and dismissive' }],
  });
  const result = await store.recordComplaint({ form });
  if (result.outcome !== 'created') throw new Error('not created');
  const { caseId, ref } = result.receipt;
  const outbox = await db.outboxEvent.findFirstOrThrow({ where: { key: caseId } });
  await db.outboxEvent.update({ where: { id: outbox.id }, data: { publishedAt: new Date() } }); // not for this run's allocation
  const received = parseEvent(outbox.payload, caseReceivedSchema).data;
  if (opts.receivedDaysAgo) {
    // Logged late: its clocks run from when it was received, so first contact is already overdue.
    const receivedAt = new Date(Date.now() - opts.receivedDaysAgo * 24 * 3600 * 1000);
    received.receivedAt = receivedAt.toISOString();
    await db.case.update({ where: { id: caseId }, data: { receivedAt } });
  }
  const input = buildComplaintInput(received, { route: routeReceivedComplaint(received), assessorId, complaintsTeamId: people.manager.id });
  await startComplaintWorkflow(await temporal.get(), taskQueue, input);
  return ref;
}

/** Checks the page with axe (no serious or critical violation) and saves its screenshot. */
async function look(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  expect(await seriousViolations(page), `${name}: ${page.url()}`).toEqual([]);
}

/** Signs in through the provider's own sign-in page, as a person with no demo account would. */
async function signIn(who: { id: string }, opts: { javaScript?: boolean; shot?: string } = {}): Promise<Page> {
  const browser = await openBrowser(opts);
  browsers.push(browser);
  const { page } = browser;
  await page.goto(`${base}/`);
  expect(new URL(page.url()).origin).toBe(config.OIDC_ISSUER);
  await page.locator('#personId').fill(who.id);
  await page.locator('#password').fill(demoPassword());
  if (opts.shot) await look(page, opts.shot);
  await page.locator('#sign-in-password').click();
  await page.waitForURL(`${base}/`);
  return page;
}

/** The element's text (waiting for it to be there) contains a string, or matches a pattern. */
async function containsText(locator: Locator, expected: string | RegExp): Promise<void> {
  await locator.first().waitFor();
  const text = await locator.first().innerText();
  if (typeof expected === 'string') expect(text).toContain(expected);
  else expect(text).toMatch(expected);
}
async function hasText(locator: Locator, expected: string): Promise<void> {
  await locator.first().waitFor();
  expect((await locator.first().innerText()).trim()).toBe(expected);
}

/** Reloads until the selector shows (the workflow moves on its own time). */
async function reloadUntil(page: Page, selector: string): Promise<void> {
  await vi.waitFor(
    async () => {
      await page.reload();
      expect(await page.locator(selector).count()).toBeGreaterThan(0);
    },
    { timeout: 60_000, interval: 1_000 },
  );
}

beforeAll(async () => {
  for (const { managerId: _m, ...p } of Object.values(people)) await db.person.upsert({ where: { id: p.id }, create: p, update: { ...p, active: true } });
  for (const p of [people.handler, people.handler2]) await db.person.update({ where: { id: p.id }, data: { managerId: people.manager.id } });
  producer = await connectProducer(createKafka(config.KAFKA_BROKERS, `${run}-producer`));
  worker = await Worker.create({
    connection: await connectWorkerConnection(config),
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue,
    workflowsPath: fileURLToPath(new URL('../../../workflows/src/index.ts', import.meta.url)),
    activities: createActivities({ db, producer, log }),
    dataConverter: dataConverter(config.PAYLOAD_KEY),
  });
  running = worker.run();
  const app = createCaseworkApp({
    db,
    log,
    auth: testAuth(db),
    caseTokenSealSecret: config.CASE_TOKEN_SEAL_SECRET,
    workflows: complaintWorkflows(temporal),
    conductWorkflows: conductWorkflows(temporal),
    policyWorkflows: policies,
    portal: config,
  });
  // The tests' provider knows the portal's sign-in callback on this port (CASEWORK_TEST_PORT).
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(config.CASEWORK_PORT, '127.0.0.1', () => resolve(s));
  });
}, 180_000);

afterAll(async () => {
  for (const b of browsers) await b.close().catch(() => undefined);
  await closeChecker();
  await new Promise((r) => server?.close(r));
  const client = await temporal.get();
  const open = await db.task.findMany({ where: { assigneeId: { startsWith: run } }, select: { workflowId: true } });
  for (const id of new Set([...open.map((t) => t.workflowId), policyReviewWorkflowId(policyRef)])) {
    await client.workflow.getHandle(id).terminate('test over').catch(() => undefined);
  }
  worker?.shutdown();
  await running;
  await producer?.disconnect();
  await db.person.updateMany({ where: { id: { startsWith: run } }, data: { active: false } });
  await temporal.close();
  await db.$disconnect();
});

describe('the casework portal in a browser', () => {
  it('a handler signs in, finds the task in the inbox, completes first contact and the assessment; a refused completion shows its reason (JavaScript off)', async () => {
    const ref = await complaintFor(people.handler.id);
    const page = await signIn(people.handler, { javaScript: false, shot: 'provider-sign-in' });
    await reloadUntil(page, `a[href="/cases/${ref}"]`);
    await containsText(page.locator('header'), people.handler.name);
    await look(page, 'handler-inbox');

    const firstContact = page.locator('tr', { has: page.locator(`a[href="/cases/${ref}"]`) }).getByRole('link', { name: 'First contact' });
    await firstContact.click();
    await hasText(page.locator('h1'), 'Make first contact with the complainant');
    // Nothing chosen: the schema's message, in the summary and beside the field.
    await page.locator('#complete-task').click();
    await containsText(page.locator('.govuk-error-summary'), 'Select was the complaint resolved at first contact');
    await page.locator('#resolved-error').waitFor({ state: 'visible' });
    await look(page, 'first-contact-errors');
    await page.locator('#resolved-2').check();
    await page.locator('#summary').fill('Called the complainant; they want it looked at.');
    await page.locator('#complete-task').click();
    await hasText(page.locator('h1'), ref);
    await containsText(page.locator('.govuk-notification-banner'), 'Task completed: First contact');

    await reloadUntil(page, `a[href^="/cases/${ref}/tasks/${ref}-assessment-"]`);
    await look(page, 'case-page');
    await page.locator(`a[href^="/cases/${ref}/tasks/${ref}-assessment-"]`).click();
    await hasText(page.locator('h1'), 'Assess the complaint');
    // Outside Schedule 3 but by investigation: the workflow's validator refuses, saying why.
    await page.locator('input[name="handling"][value="outside-schedule-3"]').check();
    await page.locator('input[name="handlingMode"][value="investigation"]').check();
    await page.locator('#referToIopc-2').check();
    await page.locator('input[name="allocateTo"][value="division"]').check();
    await page.locator('#rationale').fill('Low-level behaviour complaint.');
    await page.locator('#complete-task').click();
    const refusal = page.locator('.govuk-error-summary');
    await containsText(refusal, /Schedule 3/);
    expect(await page.title()).toMatch(/^Error: /);
    await look(page, 'assessment-refused');
    await page.locator('input[name="handling"][value="schedule-3"]').check();
    await page.locator('#complete-task').click();
    await containsText(page.locator('.govuk-notification-banner'), 'Task completed: Assessment');
    await vi.waitFor(async () => expect((await complaintWorkflows(temporal).state(ref)).handling).toBe('schedule-3'), { timeout: 30_000 });
  });

  it('a handler records the outcome of each allegation on the handling page; a missing one is named', async () => {
    const ref = await complaintFor(people.handler.id);
    const cases = complaintWorkflows(temporal);
    const as = { id: people.handler.id, role: people.handler.role, rank: people.handler.rank, team: people.handler.team, division: people.handler.division };
    const taskOf = async (type: string) => {
      let found: { id: string } | undefined;
      await vi.waitFor(async () => {
        found = (await cases.state(ref)).openTasks.find((t) => t.type === type);
        expect(found).toBeDefined();
      }, { timeout: 30_000, interval: 300 });
      return found!;
    };
    await cases.completeTask(ref, { taskId: (await taskOf('first-contact')).id, actor: as, payload: { resolved: false } });
    await cases.completeTask(ref, {
      taskId: (await taskOf('assessment')).id, actor: as,
      payload: { handling: 'schedule-3', handlingMode: 'investigation', referToIopc: false, allocateTo: 'psd-investigator', rationale: 'to investigate' },
    });
    await vi.waitFor(async () => expect((await cases.state(ref)).stage).toBe('allocation'), { timeout: 30_000 });
    await (await temporal.get()).workflow.getHandle(`complaint-${ref}`).signal('assigned', { assigneeId: people.handler.id, reason: 'journey' });
    const handling = await taskOf('handling');

    const page = await signIn(people.handler, { javaScript: false });
    await page.goto(`${base}/cases/${ref}/tasks/${handling.id}`);
    await hasText(page.locator('h1'), 'Record the outcome of handling');
    await containsText(page.locator('legend', { hasText: 'Allegation 1' }), 'Allegation 1');
    // The case's outcome in the 2020 wording only (C&M regs): no pre-2020 "upheld" to choose.
    expect(await page.locator('input[name="outcome"]').evaluateAll((els) => els.map((e) => e.getAttribute("value")))).toEqual(['resolved', 'service-acceptable', 'service-not-acceptable', 'no-further-action']);
    await page.locator('input[name="outcome"][value="service-not-acceptable"]').check();
    await page.locator('#summary').fill('The officer was rude; words of advice and learning.');
    await page.locator('#complete-task').click();
    // Nothing given for the allegation: named beside it.
    await containsText(page.locator('.govuk-error-summary'), 'Select the outcome for allegation 1');
    await containsText(page.locator('#allegationOutcomes-0-outcome-error'), 'Select the outcome for allegation 1');
    expect(await page.locator('.govuk-error-summary').innerText()).not.toMatch(/must be one of|must be a list/);
    await page.locator('#allegationOutcomes-0-outcome-error').waitFor({ state: 'visible' });
    await look(page, 'handling-allegation-errors');
    await page.locator('input[name="allegationOutcomes-0-outcome"][value="service-not-acceptable"]').check();
    await page.locator('#allegationOutcomes-0-caseToAnswer-2').check();
    await page.locator('input[name="allegationOutcomes-0-actions"][value="apology"]').check();
    await page.locator('input[name="allegationOutcomes-0-actions"][value="learning"]').check();
    await page.locator('#complete-task').click();
    await containsText(page.locator('.govuk-notification-banner'), 'Task completed: Handling');
    const caseRow = await db.case.findUniqueOrThrow({ where: { ref }, select: { id: true } });
    await vi.waitFor(async () => {
      const rows = await db.allegationOutcome.findMany({ where: { caseId: caseRow.id } });
      expect(rows.map((r) => [r.outcome, r.caseToAnswer, r.actions])).toEqual([['service-not-acceptable', false, ['apology', 'learning']]]);
    }, { timeout: 30_000 });
  });

  it('a manager suspends a complaint as sub judice from its case page and resumes it; a handler may not (JavaScript off)', async () => {
    const ref = await complaintFor(people.handler.id);
    const cases = complaintWorkflows(temporal);
    const as = { id: people.handler.id, role: people.handler.role, rank: people.handler.rank, team: people.handler.team, division: people.handler.division };
    let firstContact: { id: string } | undefined;
    await vi.waitFor(async () => {
      firstContact = (await cases.state(ref)).openTasks.find((t) => t.type === 'first-contact');
      expect(firstContact).toBeDefined();
    }, { timeout: 30_000, interval: 300 });
    await cases.completeTask(ref, { taskId: firstContact!.id, actor: as, payload: { resolved: false } });
    await vi.waitFor(async () => expect((await cases.state(ref)).stage).toBe('assessment'), { timeout: 30_000 });

    const manager = await signIn(people.manager, { javaScript: false });
    await manager.goto(`${base}/cases/${ref}`);
    await manager.getByRole('link', { name: 'Suspend this complaint' }).click();
    await hasText(manager.locator('h1'), `Suspend complaint ${ref}`);
    await manager.locator('#suspend-button').click();
    await containsText(manager.locator('.govuk-error-summary'), 'Select why the complaint is suspended');
    await look(manager, 'suspend-errors');
    await manager.getByLabel('Sub judice').check();
    await manager.locator('#suspend-button').click();
    await containsText(manager.locator('.govuk-notification-banner'), 'Complaint suspended');
    await containsText(manager.locator('.govuk-tag', { hasText: 'Suspended' }), 'Suspended');
    expect((await cases.state(ref)).suspended).toMatchObject({ reason: 'sub-judice' });
    await look(manager, 'case-suspended');

    // Suspending twice is refused by the workflow, with its reason.
    const again = await manager.request.post(`${base}/cases/${ref}/suspension`, { form: { _csrf: await manager.locator('input[name="_csrf"]').first().inputValue(), action: 'suspend', reason: 'sub-judice' } });
    expect(again.status()).toBe(409);
    expect(await again.text()).toContain('already suspended');

    await manager.getByRole('link', { name: 'Resume this complaint' }).click();
    await hasText(manager.locator('h1'), `Resume complaint ${ref}`);
    await containsText(manager.locator('.govuk-inset-text'), 'Sub judice');
    await look(manager, 'resume');
    await manager.locator('#resume-button').click();
    await containsText(manager.locator('.govuk-notification-banner'), 'Complaint resumed');
    expect((await cases.state(ref)).suspended).toBeUndefined();
    const caseRow = await db.case.findUniqueOrThrow({ where: { ref }, select: { id: true } });
    expect((await db.auditEntry.findMany({ where: { caseId: caseRow.id, action: { in: ['suspended', 'resumed'] } }, orderBy: { at: 'asc' } })).map((a) => [a.action, a.actorId])).toEqual([
      ['suspended', people.manager.id],
      ['resumed', people.manager.id],
    ]);

    const handler = await signIn(people.handler, { javaScript: false });
    await handler.goto(`${base}/cases/${ref}`);
    expect(await handler.getByRole('link', { name: 'Suspend this complaint' }).count()).toBe(0);
    const refused = await handler.goto(`${base}/cases/${ref}/suspension`);
    expect(refused?.status()).toBe(403);
    await containsText(handler.locator('main'), 'Only a PSD manager or the head of PSD');
  });

  it('C&M reg 38: the handler records a signed withdrawal from the case page; the handling ends and the withdrawal is in the audit trail (JavaScript off)', async () => {
    const ref = await complaintFor(people.handler.id);
    const cases = complaintWorkflows(temporal);
    const as = { id: people.handler.id, role: people.handler.role, rank: people.handler.rank, team: people.handler.team, division: people.handler.division };
    let firstContact: { id: string } | undefined;
    await vi.waitFor(async () => {
      firstContact = (await cases.state(ref)).openTasks.find((t) => t.type === 'first-contact');
      expect(firstContact).toBeDefined();
    }, { timeout: 30_000, interval: 300 });
    await cases.completeTask(ref, { taskId: firstContact!.id, actor: as, payload: { resolved: false } });
    await vi.waitFor(async () => expect((await cases.state(ref)).openTasks.map((t) => t.type)).toContain('assessment'), { timeout: 30_000 });

    const handler = await signIn(people.handler, { javaScript: false });
    await handler.goto(`${base}/cases/${ref}`);
    await handler.getByRole('link', { name: 'Record a withdrawal' }).click();
    await hasText(handler.locator('h1'), `Record a withdrawal of complaint ${ref}`);
    await look(handler, 'withdrawal');
    await handler.locator('#withdraw-button').click();
    await containsText(handler.locator('.govuk-error-summary'), 'Select what the notification says');
    await containsText(handler.locator('.govuk-error-summary'), 'Select who signed it');
    await look(handler, 'withdrawal-errors');

    const now = new Date();
    const [y, m, d] = [now.getUTCFullYear(), now.getUTCMonth() + 1, now.getUTCDate()].map(String);
    await handler.getByLabel('The complainant withdraws the complaint').check();
    await handler.getByLabel('The complainant', { exact: true }).check();
    await handler.locator('#receivedOn-day').fill(d!);
    await handler.locator('#receivedOn-month').fill(m!);
    await handler.locator('#receivedOn-year').fill(String(Number(y) + 1));
    await handler.getByLabel('By post').check();
    // The workflow's validator refuses a notification dated in the future, with its reason.
    await handler.locator('#withdraw-button').click();
    await containsText(handler.locator('.govuk-error-summary'), /receivedOn: .* is in the future/);
    await handler.locator('#receivedOn-year').fill(y!);
    // A public-interest decision without its reason is refused by the form.
    await handler.locator('#treatAsConductMatter-2').check();
    await handler.locator('#withdraw-button').click();
    await containsText(handler.locator('.govuk-error-summary'), 'Enter why');
    await handler.locator('#publicInterestReason').fill('No indication of misconduct; the complainant is satisfied with the explanation.');
    await handler.locator('#withdraw-button').click();
    await containsText(handler.locator('.govuk-notification-banner'), 'Withdrawal recorded');
    await containsText(handler.locator('body'), 'Withdrawn: complaint withdrawn'); // why its task closed, in words
    await look(handler, 'case-withdrawn');

    const caseRow = await db.case.findUniqueOrThrow({ where: { ref }, select: { id: true } });
    await vi.waitFor(async () => {
      const audit = await db.auditEntry.findMany({ where: { caseId: caseRow.id, action: 'complaint-withdrawn' } });
      expect(audit.map((a) => [a.actorId, (a.detail as Record<string, unknown>).treatAsConductMatter])).toEqual([[people.handler.id, false]]);
      expect(await db.task.count({ where: { caseId: caseRow.id, completedAt: null } })).toBe(0);
    }, { timeout: 30_000 });
    // Nothing left to withdraw: the page's link is gone.
    await handler.goto(`${base}/cases/${ref}`);
    expect(await handler.getByRole('link', { name: 'Record a withdrawal' }).count()).toBe(0);
  });

  it('C&M reg 39: the handler records an unsigned wish to withdraw (the letter goes out), then the reply that the complaint should go on (JavaScript off)', async () => {
    const ref = await complaintFor(people.handler.id);
    const cases = complaintWorkflows(temporal);
    await vi.waitFor(async () => expect((await cases.state(ref)).openTasks.map((t) => t.type)).toContain('first-contact'), { timeout: 30_000, interval: 300 });

    const handler = await signIn(people.handler, { javaScript: false });
    await handler.goto(`${base}/cases/${ref}/withdrawal`);
    await handler.getByRole('link', { name: 'Not signed? Record the wish to withdraw and send the letter' }).click();
    await hasText(handler.locator('h1'), `Record a wish to withdraw complaint ${ref}, not signed`);
    await handler.locator('#withdraw-button').click();
    await containsText(handler.locator('.govuk-error-summary'), 'Select what the complainant indicated');
    await containsText(handler.locator('.govuk-error-summary'), 'Select how they indicated it');

    const now = new Date();
    const [y, m, d] = [now.getUTCFullYear(), now.getUTCMonth() + 1, now.getUTCDate()].map(String);
    await handler.getByLabel('They wish no further steps to be taken').check();
    await handler.locator('#indicatedOn-day').fill(d!);
    await handler.locator('#indicatedOn-month').fill(m!);
    await handler.locator('#indicatedOn-year').fill(String(Number(y) + 1));
    await handler.getByLabel('By phone').check();
    // The workflow's validator refuses an indication dated in the future, with its reason.
    await handler.locator('#withdraw-button').click();
    await containsText(handler.locator('.govuk-error-summary'), /indicatedOn: .* is in the future/);
    await handler.locator('#indicatedOn-year').fill(y!);
    await handler.locator('#treatAsConductMatter-2').check();
    await handler.locator('#publicInterestReason').fill('No indication of misconduct.');
    await handler.locator('#withdraw-button').click();
    await containsText(handler.locator('.govuk-notification-banner'), 'the letter asking the complainant how they wish to proceed has been sent');
    await hasText(handler.locator('h1'), `Record the complainant's reply on complaint ${ref}`);
    await containsText(handler.locator('.govuk-inset-text'), 'regulation 39(4)(b)');
    await look(handler, 'unsigned-withdrawal-reply');

    await handler.getByLabel('They want the complaint to go on').check();
    await handler.locator('#receivedOn-day').fill(d!);
    await handler.locator('#receivedOn-month').fill(m!);
    await handler.locator('#receivedOn-year').fill(y!);
    await handler.getByLabel('By email').check();
    await handler.locator('#withdraw-button').click();
    await containsText(handler.locator('.govuk-notification-banner'), 'the complainant wants the complaint to go on');
    const state = await cases.state(ref);
    expect(state.withdrawal).toBeUndefined();
    expect(state.withdrawalIndication?.reply).toMatchObject({ answer: 'wishes-to-continue', recordedById: people.handler.id });
  });

  it('a manager sees a breached task and reallocates it; the new assignee sees it in their inbox', async () => {
    const ref = await complaintFor(people.handler.id, { receivedDaysAgo: 14 });
    await vi.waitFor(async () => expect((await db.task.findFirst({ where: { caseRef: ref, escalations: { gt: 0 } } }))?.type).toBe('first-contact'), { timeout: 60_000, interval: 500 });

    // As allocation records it: the case is the handler's (their workload, the case page).
    await db.case.update({ where: { ref }, data: { assigneeId: people.handler.id } });

    const manager = await signIn(people.manager);
    await manager.getByRole('link', { name: 'Oversight' }).click();
    const row = manager.locator('#breaches ~ table tr', { has: manager.locator(`a[href="/cases/${ref}"]`) });
    await containsText(row, people.handler.name);
    await containsText(row, 'Escalated');
    await containsText(row, /working days? \(due/);
    await look(manager, 'oversight');
    await row.getByRole('link', { name: /Reallocate/ }).click();
    await manager.locator('#to').selectOption(people.handler2.id);
    await manager.locator('#reason').fill(`${people.handler.name} is on leave`);
    await look(manager, 'reallocate');
    await manager.locator('#reallocate-button').click();
    await containsText(manager.locator('.govuk-notification-banner'), 'Work reallocated');

    const second = await signIn(people.handler2);
    await reloadUntil(second, `a[href="/cases/${ref}"]`);
    await containsText(second.locator('tr', { has: second.locator(`a[href="/cases/${ref}"]`) }), 'Breached');
    await look(second, 'reallocated-inbox');
    const task = await db.task.findFirstOrThrow({ where: { caseRef: ref, type: 'first-contact' } });
    expect(task.assigneeId).toBe(people.handler2.id);
    // The previous handler holds none of its open work now: the record's handler follows.
    expect((await db.case.findUniqueOrThrow({ where: { ref }, select: { assigneeId: true } })).assigneeId).toBe(people.handler2.id);
    const state = await complaintWorkflows(temporal).state(ref);
    expect(state.openTasks.find((t) => t.type === 'first-contact')).toMatchObject({ assigneeId: people.handler2.id, managerId: people.manager.id });
  });

  it('a policy owner records a review, and the next one is set two years on', async () => {
    const row = await db.policy.create({
      data: {
        id: `policy-${policyRef.toLowerCase()}`,
        ref: policyRef,
        title: 'Browser journey test policy',
        ownerId: people.owner.id,
        lastReviewedOn: new Date('2024-01-15T00:00:00Z'),
        lastReviewOutcome: 'no-amendments',
        version: '1.0',
        equalityImpact: 'No differential impact (§4.1).',
        riskRating: 'low',
        nextReviewDue: new Date('2026-01-15T00:00:00Z'),
      },
    });
    await policies.start(row);
    const page = await signIn(people.owner);
    await page.getByRole('link', { name: 'Policies' }).click();
    await look(page, 'policy-register');
    await page.getByRole('link', { name: new RegExp(policyRef) }).click();
    await page.locator('input[name="outcome"][value="no-amendments"]').check();
    await page.locator('#notes').fill('Read through with the PSD policy lead.');
    await page.locator('#record-review-button').click();
    await containsText(page.locator('.govuk-notification-banner'), 'Review recorded');
    await look(page, 'policy-reviewed');
    await vi.waitFor(async () => expect((await db.policy.findUniqueOrThrow({ where: { ref: policyRef } })).nextReviewDue.getUTCFullYear()).toBeGreaterThanOrEqual(2028), { timeout: 30_000 });
  });

  it('a constable who opens a PSD page gets the "not allowed" page; signing out ends the session here and at the provider', async () => {
    const { ref } = await (async () => {
      const r = await store.recordComplaint({ form: complaintFormSchema.parse({ complainant: { name: 'A N Other', phone: '07700 900123', preferredContact: 'phone' }, incident: { what: 'Something that happened on the street.', when: '2026-01-11', where: 'Market Square' }, allegations: [{ category: 'individual-behaviours', description: 'rude' }] }) });
      if (r.outcome !== 'created') throw new Error('not created');
      return r.receipt;
    })();
    const page = await signIn(people.constable);
    const res = await page.goto(`${base}/cases/${ref}`);
    expect(res?.status()).toBe(403);
    await hasText(page.locator('h1'), 'You are not allowed to see this page');
    await look(page, 'not-allowed');
    // Recording a complaint about their own team is refused on the page, with the rule's reason (conflict of interest).
    await page.goto(`${base}/complaints/new`);
    await page.check('input[name=channel][value=counter]');
    await page.fill('#complainant-name', 'A N Other');
    await page.fill('#complainant-phone', '07700 900123');
    await page.check('input[name=preferredContact][value=phone]');
    await page.fill('#incident-what', 'The sergeant on the front desk was rude to me.');
    await page.fill('#incident-when-day', '11');
    await page.fill('#incident-when-month', '1');
    await page.fill('#incident-when-year', '2026');
    await page.fill('#incident-where', 'Northtown station');
    await page.fill('#subject-team', people.constable.team);
    await page.selectOption('#allegations-0-category', 'individual-behaviours');
    await page.fill('#allegations-0-description', 'rude');
    await page.check('input[name=resolved][value=no]');
    const refused = page.waitForResponse((r) => r.url() === `${base}/complaints/new` && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Record the complaint' }).click();
    expect((await refused).status()).toBe(403);
    await containsText(page.locator('.govuk-error-summary'), 'nobody works on a case about themselves or their own team');
    await look(page, 'first-contact-conflict-refused');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((u) => u.origin === config.OIDC_ISSUER);
    await look(page, 'provider-sign-out');
    await page.locator('#confirm-sign-out').click();
    await page.waitForURL(`${base}/signed-out`);
    await hasText(page.locator('h1'), 'You have signed out');
    await look(page, 'signed-out');
    expect(await db.webSession.count({ where: { personId: people.constable.id } })).toBe(0);
    // Signed out at the provider too: the portal sends them to its sign-in page again.
    await page.goto(`${base}/`);
    expect(new URL(page.url()).origin).toBe(config.OIDC_ISSUER);
    await page.locator('#personId').waitFor({ state: 'visible' });
  });
});
