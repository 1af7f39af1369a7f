// The casework JSON API (under /api) against the real Postgres, Temporal and the tests' OpenID
// provider: complaints taken at first contact, the task inbox, case records, completing tasks.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Worker } from '@temporalio/worker';
import { loadConfig } from '@probity/shared/config';
import { createDb } from '@probity/shared/db/client';
import { parseEvent } from '@probity/shared/events/envelope';
import { caseReceivedSchema } from '@probity/shared/events/schemas';
import { createLogger } from '@probity/shared/log';
import { TokenSealer, hashCaseToken, newCaseToken } from '@probity/shared/complaint/case-token';
import { complaintFormSchema } from '@probity/shared/complaint/complaint-form';
import { createIntakeStore } from '@probity/shared/complaint/complaint-store';
import { complaintWorkflows } from '@probity/shared/complaint/complaint-workflows';
import { connectTemporalClient, connectWorkerConnection } from '@probity/shared/temporal/connect';
import { dataConverter } from '@probity/shared/temporal/codec';
import { lazyTemporal } from '@probity/shared/temporal/workflow-calls';
import { providerToken, testAuth } from '@probity/shared/testing/oidc';
import { uniqueId } from '@probity/shared/testing/temporal';
import { complaintWorkflowId, type ComplaintState, type Task } from '@probity/workflows/complaint/contract';
import { createCaseworkApp } from '../src/app';

const config = loadConfig();
const log = createLogger('casework-api-test', 'silent');
const db = createDb(config.DATABASE_URL);
const temporal = lazyTemporal(() => connectTemporalClient(config));
const run = uniqueId('cw');
const store = createIntakeStore(db, new TokenSealer(config.CASE_TOKEN_SEAL_SECRET));

let server: Server;
let base: string;

interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}
type Accepted = { ref: string; caseId: string; token: string; progressUrl: string };
type ErrorBody = { error: string; message: string; fields?: { field: string; message: string }[] };

async function call<T = Record<string, unknown>>(method: string, path: string, opts: { json?: unknown; headers?: Record<string, string> } = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.json !== undefined) headers['content-type'] ??= 'application/json';
  const res = await fetch(`${base}/api${path}`, { method, headers, body: opts.json === undefined ? undefined : JSON.stringify(opts.json) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : {}) as T };
}
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

function complaint(name = `Complainant ${randomUUID()}`) {
  return {
    complainant: { name, email: 'someone@example.org', phone: '07700 900123', preferredContact: 'email' },
    incident: { what: 'The officer shouted at me and pushed me in the street.', when: '2026-01-10', where: 'Market Square, Northtown' },
    subjects: [{ description: 'tall officer with a beard', team: 'south-response', division: 'south' }],
    allegations: [
      { category: 'individual-behaviours', description: 'shouted abuse at me' },
      { category: 'police-powers-policies-and-procedures', subCategory: 'use-of-force', description: 'pushed me against a wall' },
    ],
  };
}
/** A complaint from the public form, recorded as intake records it. */
const publicComplaint = async () => {
  const result = await store.recordComplaint({ form: complaintFormSchema.parse(complaint()) });
  if (result.outcome !== 'created') throw new Error('not created');
  return result.receipt;
};

// People, unique to this run: a constable (front-line), an ops engineer (no business recording
// complaints), a PSD handler, and a manager with a report.
const person = (suffix: string, role: string, rank: string | null, managerId: string | null = null) => ({
  id: `${run}-${suffix}`,
  name: `Test ${suffix}`,
  email: `${run}-${suffix}@probity.test`,
  role,
  rank,
  team: 'north-response',
  division: 'north',
  managerId,
});
const people = {
  constable: person('constable', 'front-line', 'constable'),
  ops: person('ops', 'ops', null),
  handler: person('handler', 'psd-handler', 'sergeant'),
  manager: person('manager', 'psd-manager', 'chief-inspector'),
};
const report = person('report', 'psd-handler', null, people.manager.id);
/** An officer in another team: a subject the constable may record a complaint about. */
const southOfficer = { ...person('south-officer', 'front-line', 'constable'), team: `${run}-south-response`, division: 'south' };
const tokens = {} as Record<keyof typeof people | 'report', string>;

beforeAll(async () => {
  for (const { managerId: _m, ...p } of [...Object.values(people), report, southOfficer]) await db.person.upsert({ where: { id: p.id }, create: p, update: p });
  await db.person.update({ where: { id: report.id }, data: { managerId: people.manager.id } });
  for (const [k, p] of Object.entries({ ...people, report })) tokens[k as keyof typeof tokens] = await providerToken(p.id);
  const app = createCaseworkApp({ db, log, auth: testAuth(db), caseTokenSealSecret: config.CASE_TOKEN_SEAL_SECRET, workflows: complaintWorkflows(temporal) });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await db.task.deleteMany({ where: { assigneeId: { startsWith: run } } });
  await db.person.updateMany({ where: { id: { startsWith: run } }, data: { managerId: null, active: false } });
  await temporal.close();
  await db.$disconnect();
});

describe('POST /api/complaints/first-contact (§3.2.2)', () => {
  const body = (resolved: boolean) => ({ ...complaint(), channel: 'counter', firstContact: { resolved, summary: 'explained the stop; complainant satisfied' } });

  it('refuses a deactivated person at once, whatever their token says', async () => {
    const before = await call<ErrorBody>('POST', '/complaints/first-contact', { json: body(false), headers: bearer(tokens.constable) });
    expect(before.status).toBe(202);
    await db.person.update({ where: { id: people.constable.id }, data: { active: false } });
    try {
      const after = await call<ErrorBody>('POST', '/complaints/first-contact', { json: body(false), headers: bearer(tokens.constable) });
      expect(after.status).toBe(401);
      expect(after.body.message).toContain('not an active member of staff');
    } finally {
      await db.person.update({ where: { id: people.constable.id }, data: { active: true } });
    }
  });

  it('needs a provider-issued bearer token, and a front-line, supervisor or PSD role', async () => {
    const anon = await call<ErrorBody>('POST', '/complaints/first-contact', { json: body(true) });
    expect(anon.status).toBe(401);
    expect(anon.body.error).toBe('unauthorized');
    // A real token whose claims were altered after signing: the signature no longer holds.
    const [h, p, sig] = tokens.constable.split('.');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown>;
    const altered = Buffer.from(JSON.stringify({ ...claims, sub: people.handler.id })).toString('base64url');
    const forged = await call<ErrorBody>('POST', '/complaints/first-contact', { json: body(true), headers: bearer(`${h}.${altered}.${sig}`) });
    expect(forged.status).toBe(401);
    const ops = await call<ErrorBody>('POST', '/complaints/first-contact', { json: body(true), headers: bearer(tokens.ops) });
    expect(ops.status).toBe(403);
    expect(ops.body).toMatchObject({ error: 'forbidden', message: expect.stringContaining('ops') });
  });

  it('closes a complaint resolved at first contact, and says so in the event it stores', async () => {
    const res = await call<Accepted>('POST', '/complaints/first-contact', { json: body(true), headers: bearer(tokens.constable) });
    expect(res.status).toBe(202);
    expect(res.body.progressUrl).toBe(`/complaints/${res.body.ref}/progress`);
    const row = await db.case.findUniqueOrThrow({ where: { id: res.body.caseId } });
    expect(row).toMatchObject({ stage: 'resolved-at-first-contact', resolvedAtFirstContact: true, recordedById: people.constable.id, channel: 'counter' });
    expect(row.closedAt).toBeInstanceOf(Date);
    const audit = await db.auditEntry.findFirstOrThrow({ where: { caseId: row.id } });
    expect(audit).toMatchObject({ actorId: people.constable.id, detail: { firstContact: { resolved: true } } });
    const outbox = await db.outboxEvent.findFirstOrThrow({ where: { key: row.id } });
    const event = parseEvent(outbox.payload, caseReceivedSchema);
    expect(event.data.firstContact).toEqual({ byId: people.constable.id, team: people.constable.team, at: row.firstContactAt!.toISOString(), resolved: true });
    expect(JSON.stringify(event)).not.toContain('complainant satisfied');
  });

  it('sends an unresolved one on to PSD assessment', async () => {
    const res = await call<Accepted>('POST', '/complaints/first-contact', { json: body(false), headers: bearer(tokens.constable) });
    expect(res.status).toBe(202);
    const row = await db.case.findUniqueOrThrow({ where: { id: res.body.caseId } });
    expect(row).toMatchObject({ stage: 'received', resolvedAtFirstContact: false, closedAt: null, recordedById: people.constable.id });
    const outbox = await db.outboxEvent.findFirstOrThrow({ where: { key: row.id } });
    expect(parseEvent(outbox.payload, caseReceivedSchema).data.firstContact).toMatchObject({ byId: people.constable.id, resolved: false });
  });

  it('refuses to let anyone record a complaint about themselves or their own team (conflict of interest)', async () => {
    const before = await db.case.count({ where: { recordedById: people.constable.id } });
    const aboutMe = await call<ErrorBody & { basis: string }>('POST', '/complaints/first-contact', {
      json: { ...body(true), subjects: [{ personId: people.constable.id }] },
      headers: bearer(tokens.constable),
    });
    expect(aboutMe.status).toBe(403);
    expect(aboutMe.body).toMatchObject({ error: 'conflict_of_interest', message: 'This case cannot be recorded by someone who is one of its subjects: nobody works on a case about themselves or their own team, PSD included (conflict of interest)' });
    const myTeam = await call<ErrorBody>('POST', '/complaints/first-contact', {
      json: { ...body(false), subjects: [{ description: 'my sergeant', team: 'north-response' }] },
      headers: bearer(tokens.constable),
    });
    expect(myTeam.status).toBe(403);
    expect(myTeam.body.message).toMatch(/is in the north response team, the team of one of its subjects/);
    expect(await db.case.count({ where: { recordedById: people.constable.id } })).toBe(before);
  });

  it('refuses to close at first contact a complaint the law requires to be recorded under Schedule 3, and records it unresolved', async () => {
    const sexual = { ...body(true), allegations: [{ category: 'abuse-of-position-or-corruption', subCategory: 'abuse-of-position-for-sexual-purpose', description: 'asked me out after taking my statement' }] };
    const refused = await call<ErrorBody & { field: string; basis: string }>('POST', '/complaints/first-contact', { json: sexual, headers: bearer(tokens.constable) });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ error: 'first_contact_not_allowed', field: 'firstContact.resolved', basis: 'Police Reform Act 2002 Sch 3' });
    expect(refused.body.message).toMatch(/cannot be resolved at first contact: it must be recorded under Schedule 3 because .*mandatory IOPC referral category \[allegations A1\]/);
    const wants = await call<ErrorBody>('POST', '/complaints/first-contact', { json: { ...body(true), flags: { complainantWantsSch3: true } }, headers: bearer(tokens.constable) });
    expect(wants.status).toBe(422);
    expect(wants.body.message).toMatch(/the complainant wants the complaint handled under Schedule 3/);

    // Recorded without resolving it, it goes to PSD — restricted, as serious corruption.
    const recorded = await call<Accepted>('POST', '/complaints/first-contact', { json: { ...sexual, firstContact: { resolved: false } }, headers: bearer(tokens.constable) });
    expect(recorded.status).toBe(202);
    const row = await db.case.findUniqueOrThrow({ where: { id: recorded.body.caseId }, include: { allegations: true } });
    expect(row).toMatchObject({ stage: 'received', restricted: true, restrictionReason: 'serious-corruption', resolvedAtFirstContact: false });
    expect(row.allegations[0]).toMatchObject({ category: 'abuse-of-position-or-corruption', subCategory: 'abuse-of-position-for-sexual-purpose', codeListVersion: 'iopc-2021-01' });
  });

  it('keeps the record the IOPC asks for: complainants with their roles, subjects with their kind, coded allegations with factors, and optional equality answers kept apart', async () => {
    const json = {
      ...body(false),
      complainant: { name: 'Dana Parent', email: 'dana@example.org', preferredContact: 'email', role: 'acting-on-behalf', onBehalfOf: 'Sam Child', writtenAuthority: true, equality: { ageBand: '35-44', ethnicity: 'prefer-not-to-say' } },
      otherComplainants: [{ name: 'Pat Witness', phone: '07700 900456', preferredContact: 'phone', role: 'witness' }],
      subjects: [{ personId: southOfficer.id }, { description: 'a community support officer', kind: 'staff' }, { description: 'someone on the desk' }],
      allegations: [
        { category: 'use-of-police-vehicles', description: 'drove onto the pavement', factors: ['road-traffic'] },
        { category: 'discriminatory-behaviour', subCategory: 'age', description: 'said I was too young to be listened to', factors: ['child-or-young-person'] },
      ],
    };
    const bad = await call<ErrorBody>('POST', '/complaints/first-contact', {
      json: { ...json, complainant: { ...json.complainant, writtenAuthority: false }, allegations: [{ category: 'other', subCategory: 'age', description: 'x' }] },
      headers: bearer(tokens.constable),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields!.map((f) => f.field).sort()).toEqual(['allegations.0.subCategory', 'complainant.writtenAuthority']);

    const res = await call<Accepted>('POST', '/complaints/first-contact', { json, headers: bearer(tokens.constable) });
    expect(res.status).toBe(202);
    const row = await db.case.findUniqueOrThrow({
      where: { id: res.body.caseId },
      include: { complainants: { orderBy: { seq: 'asc' }, include: { equality: true } }, caseSubjects: { orderBy: { seq: 'asc' } }, allegations: { orderBy: { seq: 'asc' } } },
    });
    expect(row.complainants.map((c) => [c.seq, c.role, c.name, c.onBehalfOf, c.writtenAuthority])).toEqual([
      [1, 'acting-on-behalf', 'Dana Parent', 'Sam Child', true],
      [2, 'witness', 'Pat Witness', null, null],
    ]);
    expect(row.complainants[0]!.equality).toMatchObject({ ageBand: '35-44', ethnicity: 'prefer-not-to-say', sex: null });
    expect(row.complainants[1]!.equality).toBeNull();
    // The register completes a subject named by id: an officer (a rank), with their team.
    expect(row.caseSubjects.map((x) => [x.kind, x.personId, x.team, x.rank])).toEqual([
      ['officer', southOfficer.id, southOfficer.team, 'constable'],
      ['staff', null, null, null],
      ['not-identified', null, null, null],
    ]);
    expect(row.allegations.map((a) => [a.category, a.subCategory, a.factors])).toEqual([
      ['use-of-police-vehicles', 'use-of-police-vehicles', ['road-traffic']],
      ['discriminatory-behaviour', 'age', ['child-or-young-person']],
    ]);
    // Equality answers never leave their table: not in the case's complainant, not in the event.
    expect(JSON.stringify(row.complainant)).not.toContain('35-44');
    const outbox = await db.outboxEvent.findFirstOrThrow({ where: { key: row.id } });
    expect(JSON.stringify(outbox.payload)).not.toMatch(/35-44|prefer-not-to-say|ageBand/);
    expect(parseEvent(outbox.payload, caseReceivedSchema).data.subjects).toEqual([{ personId: southOfficer.id, team: southOfficer.team, division: 'south' }]);
  });

  it('requires firstContact.resolved', async () => {
    const res = await call<ErrorBody>('POST', '/complaints/first-contact', { json: complaint(), headers: bearer(tokens.constable) });
    expect(res.status).toBe(400);
    expect(res.body.fields!.map((f) => f.field)).toEqual(['firstContact']);
  });

  it('a retry with the same Idempotency-Key answers the same and records one case', async () => {
    const key = randomUUID();
    const json = body(false);
    const first = await call<Accepted>('POST', '/complaints/first-contact', { json, headers: { ...bearer(tokens.constable), 'idempotency-key': key } });
    const again = await call<Accepted>('POST', '/complaints/first-contact', { json, headers: { ...bearer(tokens.constable), 'idempotency-key': key } });
    expect(again.status).toBe(202);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
  });
});

describe('casework API', () => {
  it('needs a bearer token', async () => {
    expect((await call('GET', '/me/tasks')).status).toBe(401);
    expect((await call('GET', '/cases/CO-2026-000001')).status).toBe(401);
    const res = await call<ErrorBody>('POST', '/cases/CO-2026-000001/tasks/t1/complete', { json: { payload: {} } });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('answers 404 for a task of a case with no workflow', async () => {
    const unknown = await call<ErrorBody>('POST', `/cases/CO-2026-9${Date.now()}/tasks/t1/complete`, { json: { payload: {} }, headers: bearer(tokens.handler) });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toBe('not_found');
    // A reference that cannot be one is refused by its documented pattern, naming the parameter.
    const notARef = await call<ErrorBody>('POST', '/cases/not-a-ref/tasks/t1/complete', { headers: bearer(tokens.handler) });
    expect(notARef.status).toBe(400);
    expect(notARef.body.fields?.map((f) => f.field)).toEqual(['ref']);
  });

  it('C&M reg 38: a withdrawal without a signature or with a bad date is refused naming the field; a case with no workflow is 404', async () => {
    const { ref } = await publicComplaint();
    const unsigned = await call<ErrorBody>('POST', `/cases/${ref}/withdraw`, { json: { kind: 'withdraws', receivedOn: '2026-02-30', receivedBy: 'post' }, headers: bearer(tokens.handler) });
    expect(unsigned.status).toBe(400);
    expect(unsigned.body.fields!.map((f) => f.field).sort()).toEqual(['receivedOn', 'signedBy']);
    expect(unsigned.body.fields!.find((f) => f.field === 'signedBy')!.message).toMatch(/reg 39 applies/);
    const none = await call<ErrorBody>('POST', `/cases/CO-2026-9${Date.now()}/withdraw`, { json: { kind: 'withdraws', signedBy: 'complainant', receivedOn: '2026-02-03', receivedBy: 'post' }, headers: bearer(tokens.handler) });
    expect(none.status).toBe(404);
  });

  it('C&M reg 39: an unsigned wish to withdraw and the reply are refused naming the field; a case with no workflow is 404', async () => {
    const { ref } = await publicComplaint();
    const bad = await call<ErrorBody>('POST', `/cases/${ref}/withdrawal-indication`, { json: { kind: 'withdraws', indicatedOn: '2026-02-30', indicatedBy: 'carrier-pigeon' }, headers: bearer(tokens.handler) });
    expect(bad.status).toBe(400);
    expect(bad.body.fields!.map((f) => f.field).sort()).toEqual(['indicatedBy', 'indicatedOn']);
    const badReply = await call<ErrorBody>('POST', `/cases/${ref}/withdrawal-reply`, { json: { answer: 'maybe', receivedOn: '2026-02-03', receivedBy: 'post' }, headers: bearer(tokens.handler) });
    expect(badReply.status).toBe(400);
    expect(badReply.body.fields!.map((f) => f.field)).toEqual(['answer']);
    expect(badReply.body.fields![0]!.message).toMatch(/reg 39\(4\)\(a\)/);
    const none = await call<ErrorBody>('POST', `/cases/CO-2026-9${Date.now()}/withdrawal-reply`, { json: { answer: 'confirms-withdrawal', receivedOn: '2026-02-03', receivedBy: 'post' }, headers: bearer(tokens.handler) });
    expect(none.status).toBe(404);
  });

  it('shows a case record to PSD, not to an unconnected constable', async () => {
    const { ref } = await publicComplaint();
    expect((await call('GET', `/cases/${ref}`, { headers: bearer(tokens.constable) })).status).toBe(403);
    const res = await call<{ case: Record<string, unknown>; state: unknown; workflow: string }>('GET', `/cases/${ref}`, { headers: bearer(tokens.handler) });
    expect(res.status).toBe(200);
    expect(res.body.case.ref).toBe(ref);
    expect(res.body.case).not.toHaveProperty('publicTokenHash');
    expect((res.body.case.allegations as unknown[]).length).toBe(2);
    expect(res.body).toMatchObject({ state: null, workflow: 'not-queried', progress: { stage: 'received', slaBreached: false, handlerId: null } });
    const live = await call<{ state: unknown; workflow: string }>('GET', `/cases/${ref}?live=true`, { headers: bearer(tokens.handler) });
    expect(live.body).toMatchObject({ state: null, workflow: 'not-started' });
    expect((await call('GET', '/cases/CO-1999-000001', { headers: bearer(tokens.handler) })).status).toBe(404);
  });

  it('lists my open tasks, and those of the people I manage', async () => {
    const task = (id: string, assigneeId: string, completedAt: Date | null = null) => ({
      id: `${run}-${id}`,
      caseId: 'case-x',
      // A reference no real case has: the inbox leaves out tasks of cases barred from the viewer, and
      // the shared test database may hold a real CO-2026-000001 that is.
      caseRef: 'CO-1999-000001',
      workflowId: 'complaint-CO-1999-000001',
      type: 'assessment',
      assigneeId,
      dueAt: new Date('2026-02-01T00:00:00Z'),
      createdAt: new Date('2026-01-20T00:00:00Z'),
      completedAt,
    });
    await db.task.createMany({
      data: [task('t-mgr', people.manager.id), task('t-rep', report.id), task('t-done', report.id, new Date()), task('t-other', people.handler.id)],
    });
    type TaskRow = { id: string; mine: boolean };
    const mgr = await call<{ tasks: TaskRow[] }>('GET', '/me/tasks', { headers: bearer(tokens.manager) });
    expect(mgr.status).toBe(200);
    expect(mgr.body.tasks.map((t) => [t.id, t.mine]).sort()).toEqual([
      [`${run}-t-mgr`, true],
      [`${run}-t-rep`, false],
    ]);
    const rep = await call<{ tasks: TaskRow[] }>('GET', '/me/tasks', { headers: bearer(tokens.report) });
    expect(rep.body.tasks.map((t) => t.id)).toEqual([`${run}-t-rep`]);
  });

  it('pages the inbox: a page at a time, earliest due first, with a cursor to the next; a bad page asked for is a 400 naming it', async () => {
    const assignee = report.id;
    await db.task.createMany({
      data: [1, 2, 3].map((n) => ({
        id: `${run}-page-${n}`, caseId: 'case-x', caseRef: 'CO-1999-000001', workflowId: 'complaint-CO-1999-000001', type: 'complainant-update',
        assigneeId: assignee, dueAt: new Date(`2026-03-0${n}T00:00:00Z`), createdAt: new Date('2026-01-20T00:00:00Z'),
      })),
    });
    type Page = { tasks: { id: string }[]; next?: string };
    const ids = async (query: string) => {
      const res = await call<Page>('GET', `/me/tasks?${query}`, { headers: bearer(tokens.report) });
      expect(res.status).toBe(200);
      return res.body;
    };
    const all = (await ids('limit=200')).tasks.map((t) => t.id).filter((id) => id.startsWith(`${run}-page-`));
    expect(all).toEqual([`${run}-page-1`, `${run}-page-2`, `${run}-page-3`]);
    // Walk the whole inbox two at a time: every task once, in order, then no further cursor.
    const walked: string[] = [];
    let page = await ids('limit=2');
    expect(page.tasks).toHaveLength(2);
    for (let guard = 0; page.next && guard < 20; guard++) {
      walked.push(...page.tasks.map((t) => t.id));
      page = await ids(`limit=2&after=${page.next}`);
    }
    walked.push(...page.tasks.map((t) => t.id));
    expect(page.next).toBeUndefined();
    expect(walked.filter((id) => id.startsWith(`${run}-page-`))).toEqual(all);
    expect(new Set(walked).size).toBe(walked.length);

    for (const [query, field] of [['limit=0', 'limit'], ['limit=201', 'limit'], ['limit=two', 'limit'], ['after=not-a-cursor', 'after']] as const) {
      const bad = await call<ErrorBody>('GET', `/me/tasks?${query}`, { headers: bearer(tokens.report) });
      expect(bad.status, query).toBe(400);
      expect(bad.body.fields?.map((f) => f.field), query).toEqual([field]);
    }
  });

  it('serves its own OpenAPI document, covering the staff API only', async () => {
    const res = await call<{ openapi: string; servers: { url: string }[]; paths: Record<string, unknown> }>('GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.servers).toEqual([{ url: '/api' }]);
    expect(res.body.paths).toHaveProperty(['/me/tasks']);
    expect(res.body.paths).not.toHaveProperty(['/complaints']);
    const doc = res.body as unknown as {
      paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, unknown> }>>;
      security: unknown[];
      components: { schemas: Record<string, { required?: string[]; properties?: Record<string, unknown> }> };
    };
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/cases/{ref}',
      '/cases/{ref}/lessons',
      '/cases/{ref}/publication/withdrawal',
      '/cases/{ref}/resume',
      '/cases/{ref}/suspend',
      '/cases/{ref}/tasks/{taskId}/complete',
      '/cases/{ref}/withdraw',
      '/cases/{ref}/withdrawal-indication',
      '/cases/{ref}/withdrawal-reply',
      '/complaints/first-contact',
      '/conduct-matters',
      '/conduct-matters/{ref}',
      '/conduct-matters/{ref}/appeal',
      '/conduct-matters/{ref}/formal-assessment-request',
      '/conduct-matters/{ref}/iopc-decision',
      '/conduct-matters/{ref}/officer-response',
      '/conduct-matters/{ref}/rprp',
      '/conduct-matters/{ref}/tasks/{taskId}/complete',
      '/conduct-matters/{ref}/window-extension',
      '/early-intervention/backtest',
      '/early-intervention/flags',
      '/early-intervention/flags/{flagId}',
      '/early-intervention/flags/{flagId}/mark',
      '/lessons',
      '/me/tasks',
      '/openapi.json',
      '/policies',
      '/policies/{policyRef}',
      '/policies/{policyRef}/owner',
      '/policies/{policyRef}/reviews',
      '/statistics',
      '/statistics.csv',
      '/statistics/cases',
    ]);
    // Behind a bearer token by default; every signed-in operation documents the 401.
    expect(doc.security).toEqual([{ bearerAuth: [] }]);
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) if (path !== '/openapi.json') expect(Object.keys(op.responses), `${method} ${path}`).toContain('401');
    }
    // The bodies are the validators' own schemas, and the answers the schemas the code answers with.
    const s = doc.components.schemas;
    expect(s.ConductMatterForm!.required).toEqual(expect.arrayContaining(['subject', 'standards', 'account', 'view']));
    expect(s.PolicyForm!.required).not.toContain('nextReviewDue');
    expect(s.FormalAssessmentRequestBody!.required).toEqual(['rationale']);
    expect(JSON.stringify(s.OfficerResponseBody!.properties!.window)).toContain('referral');
    expect(s.InboxTask!.required).toEqual(expect.arrayContaining(['caseRef', 'mine']));
    // The statistics query parameters come from their validators.
    const params = (doc.paths['/statistics/cases']!.get as unknown as { parameters: { name: string; required: boolean; schema: { enum?: string[] } }[] }).parameters;
    const figure = params.find((p) => p.name === 'figure')!;
    expect(figure.required).toBe(true);
    expect(figure.schema.enum).toContain('finalised-under-schedule-3');
    expect(params.map((p) => p.name)).toEqual(expect.arrayContaining(['from', 'to', 'reason', 'body', 'stage', 'task', 'breached']));
    expect(params.find((p) => p.name === 'breached')!.schema.enum).toEqual(['true', 'false']);
    expect(JSON.stringify(doc.paths['/conduct-matters/{ref}/rprp']!.get!.responses['403'])).toContain('§3.3.9');
  });

  it('answers 405 with Allow for a method a path does not have, and no-store everywhere', async () => {
    const wrong = await call<ErrorBody>('DELETE', '/policies', { headers: bearer(tokens.handler) });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET, HEAD, POST, OPTIONS');
    const missing = await call<ErrorBody>('GET', '/nowhere');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('cache-control')).toBe('no-store');
  });
});

describe('casework against a running workflow (contract stand-in on the real Temporal server)', () => {
  const ref = `CO-2026-7${Date.now()}`;
  let worker: Worker;
  let running: Promise<void>;

  beforeAll(async () => {
    await db.case.create({
      data: {
        id: randomUUID(),
        ref,
        kind: 'complaint',
        channel: 'web',
        stage: 'assessment',
        receivedAt: new Date('2026-01-05T09:00:00Z'),
        publicTokenHash: hashCaseToken(newCaseToken()),
        complainant: { name: 'Stand-in', email: 'stand-in@example.org', preferredContact: 'email' },
        incident: { what: 'stand-in case for the workflow contract', when: '2026-01-04', where: 'nowhere' },
        subjects: [],
      },
    });
    const taskQueue = uniqueId('casework-stand-in');
    worker = await Worker.create({
      connection: await connectWorkerConnection(config),
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue,
      workflowsPath: fileURLToPath(new URL('../../intake/test/fixtures/complaint-stand-in.ts', import.meta.url)),
      dataConverter: dataConverter(config.PAYLOAD_KEY),
    });
    running = worker.run();
    const client = await temporal.get();
    await client.workflow.start('complaint', { taskQueue, workflowId: complaintWorkflowId(ref), args: [ref, people.handler.id] });
  });

  afterAll(async () => {
    const client = await temporal.get();
    await client.workflow.getHandle(complaintWorkflowId(ref)).terminate('test over').catch(() => undefined);
    worker?.shutdown();
    await running;
  });

  it('GET /api/cases/:ref answers from the record; with ?live=true it carries the workflow state', async () => {
    const recorded = await call<{ state: ComplaintState | null; workflow: string; progress: { stage: string } }>('GET', `/cases/${ref}`, { headers: bearer(tokens.handler) });
    expect(recorded.status).toBe(200);
    expect(recorded.body).toMatchObject({ state: null, workflow: 'not-queried', progress: { stage: 'assessment' } });

    const res = await call<{ state: ComplaintState; workflow: string }>('GET', `/cases/${ref}?live=true`, { headers: bearer(tokens.handler) });
    expect(res.status).toBe(200);
    expect(res.body.workflow).toBe('running');
    expect(res.body.state.openTasks.map((t) => t.id)).toEqual(['assessment-1']);
  });

  it('a refused task completion is a 409 saying why; an accepted one returns the completed task', async () => {
    const url = `/cases/${ref}/tasks/assessment-1/complete`;
    const wrongActor = await call<ErrorBody>('POST', url, { json: { payload: { decision: 'schedule-3' } }, headers: bearer(tokens.manager) });
    expect(wrongActor.status).toBe(409);
    expect(wrongActor.body).toEqual({ error: 'task_refused', message: `task assessment-1 is assigned to ${people.handler.id}, not ${people.manager.id}` });

    const badPayload = await call<ErrorBody>('POST', url, { json: { payload: { decision: 'maybe' } }, headers: bearer(tokens.handler) });
    expect(badPayload.status).toBe(409);
    expect(badPayload.body.message).toMatch(/payload.decision/);

    const done = await call<{ task: Task }>('POST', url, { json: { payload: { decision: 'schedule-3' } }, headers: bearer(tokens.handler) });
    expect(done.status).toBe(200);
    expect(done.body.task).toMatchObject({ id: 'assessment-1', completedBy: people.handler.id });

    const again = await call<ErrorBody>('POST', url, { json: { payload: { decision: 'schedule-3' } }, headers: bearer(tokens.handler) });
    expect([404, 409]).toContain(again.status);
  });
});
