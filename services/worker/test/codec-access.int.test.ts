// Who may read decoded payloads through the worker's codec endpoint (as the Temporal UI calls it):
// PSD and ops, with a provider-issued bearer token or the casework portal's session cookie (the
// UI sends it with "Include cross-origin credentials"). Real provider, real portal sign-in.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPayloadConverter } from '@temporalio/common';
import { demoPassword, walkSignIn } from '@probity/shared/auth/local-provider-sign-in';
import { loadConfig } from '@probity/shared/config';
import { createDb } from '@probity/shared/db/client';
import { createLogger } from '@probity/shared/log';
import { complaintWorkflows } from '@probity/shared/complaint/complaint-workflows';
import { EncryptionCodec } from '@probity/shared/temporal/codec';
import { codecCaller } from '@probity/shared/temporal/codec-caller';
import { codecCaseAccess } from '@probity/shared/temporal/codec-case-access';
import { codecRouter } from '@probity/shared/temporal/codec-server';
import { connectTemporalClient } from '@probity/shared/temporal/connect';
import { lazyTemporal } from '@probity/shared/temporal/workflow-calls';
import { providerToken, testAuth } from '@probity/shared/testing/oidc';
import { uniqueId } from '@probity/shared/testing/temporal';
import { CASEWORK_SESSION_COOKIE, caseworkSessions } from '@probity/shared/web/casework-sessions';
import { createCaseworkApp } from '@probity/casework/app';

const config = loadConfig();
const db = createDb(config.DATABASE_URL);
const temporal = lazyTemporal(() => connectTemporalClient(config));
const run = uniqueId('codec');
const UI = 'http://127.0.0.1:8999';
const person = (suffix: string, role: string) => ({ id: `${run}-${suffix}`, name: `Test ${suffix}`, email: `${run}-${suffix}@probity.test`, role, rank: null, team: 't', division: 'hq' });
const people = { handler: person('handler', 'psd-handler'), ops: person('ops', 'ops'), constable: person('constable', 'front-line'), ccu: { ...person('ccu', 'psd-handler'), team: 'counter-corruption' } };
const digits = String(Date.now()).slice(-9);
const restricted = { id: `${run}-restricted`, ref: `CO-2026-${digits}` };
const open = { id: `${run}-open`, ref: `CO-2025-${digits}` };

let codec: Server;
let portal: Server;
let codecBase = '';

async function payload(value: unknown = { complainant: 'Casey Example' }) {
  const [p] = await new EncryptionCodec(config.PAYLOAD_KEY).encode([defaultPayloadConverter.toPayload(value)]);
  return { metadata: Object.fromEntries(Object.entries(p!.metadata!).map(([k, v]) => [k, Buffer.from(v).toString('base64')])), data: Buffer.from(p!.data!).toString('base64') };
}
const decode = async (headers: Record<string, string> = {}, value?: unknown) =>
  fetch(`${codecBase}/codec/decode`, { method: 'POST', headers: { 'content-type': 'application/json', origin: UI, ...headers }, body: JSON.stringify({ payloads: [await payload(value)] }) });

/** Signs in to the portal through the provider's page; returns the browser's cookie jar. */
const signedIn = async (personId: string) =>
  (await walkSignIn({ start: `${config.CASEWORK_URL}/sign-in`, until: (u) => u.origin === config.CASEWORK_URL && u.pathname === '/', personId, password: demoPassword() })).jar;

beforeAll(async () => {
  for (const p of Object.values(people)) await db.person.upsert({ where: { id: p.id }, create: p, update: { ...p, active: true } });
  for (const c of [restricted, open]) {
    await db.case.create({
      data: {
        ...c, kind: 'complaint', channel: 'web', stage: 'handling', receivedAt: new Date(), publicTokenHash: 'not-a-real-hash', complainant: {}, incident: {}, subjects: [],
        ...(c === restricted ? { restricted: true, restrictionReason: 'serious-corruption' } : {}),
      },
    });
  }
  const log = createLogger('codec-test', 'silent');
  const portalApp = createCaseworkApp({ db, log, auth: testAuth(db), caseTokenSealSecret: config.CASE_TOKEN_SEAL_SECRET, workflows: complaintWorkflows(temporal), portal: config });
  portal = await new Promise<Server>((resolve) => {
    const s = portalApp.listen(config.CASEWORK_PORT, '127.0.0.1', () => resolve(s));
  });
  const app = express();
  app.use('/codec', codecRouter({ payloadKey: config.PAYLOAD_KEY, allowedOrigins: [UI], requireAuth: true, caller: codecCaller(testAuth(db), caseworkSessions(db, config)), caseAccess: codecCaseAccess(db) }));
  codec = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  codecBase = `http://127.0.0.1:${(codec.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => codec?.close(r));
  await new Promise((r) => portal?.close(r));
  await db.person.updateMany({ where: { id: { startsWith: run } }, data: { active: false } });
  await db.auditEntry.deleteMany({ where: { caseId: { in: [restricted.id, open.id] } } });
  await db.case.deleteMany({ where: { id: { in: [restricted.id, open.id] } } });
  await temporal.close();
  await db.$disconnect();
});

describe('the codec endpoint (on by default)', () => {
  it('is on unless turned off', () => {
    expect(loadConfig({}).CODEC_REQUIRE_AUTH).toBe(true);
  });

  it('refuses a caller without credentials, and answers the UI\'s preflight allowing credentials', async () => {
    expect((await decode()).status).toBe(401);
    const pre = await fetch(`${codecBase}/codec/decode`, { method: 'OPTIONS', headers: { origin: UI, 'access-control-request-method': 'POST' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(UI);
    expect(pre.headers.get('access-control-allow-credentials')).toBe('true');
  });

  it('decodes for PSD and ops with a provider-issued bearer token, not for a constable', async () => {
    const ok = await decode({ authorization: `Bearer ${await providerToken(people.handler.id)}` });
    expect(ok.status).toBe(200);
    const [out] = ((await ok.json()) as { payloads: { data: string }[] }).payloads;
    expect(JSON.parse(Buffer.from(out!.data, 'base64').toString())).toEqual({ complainant: 'Casey Example' });
    expect((await decode({ authorization: `Bearer ${await providerToken(people.ops.id)}` })).status).toBe(200);
    expect((await decode({ authorization: `Bearer ${await providerToken(people.constable.id)}` })).status).toBe(403);
  });

  it('decodes for a person signed in to the portal, by their session cookie, until they sign out', async () => {
    const handler = await signedIn(people.handler.id);
    expect(handler.get(CASEWORK_SESSION_COOKIE)).toBeDefined();
    expect((await decode({ cookie: handler.header() })).status).toBe(200);
    expect((await decode({ cookie: (await signedIn(people.constable.id)).header() })).status).toBe(403);

    // A deactivated person's session opens nothing.
    await db.person.update({ where: { id: people.handler.id }, data: { active: false } });
    expect((await decode({ cookie: handler.header() })).status).toBe(401);
    await db.person.update({ where: { id: people.handler.id }, data: { active: true } });

    // Sign-out (with the session's CSRF token, from a page's form) ends it for the codec too.
    const page = await (await handler.fetch(`${config.CASEWORK_URL}/`)).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
    const out = await handler.fetch(`${config.CASEWORK_URL}/sign-out`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: csrf }) });
    expect(out.status).toBe(303);
    expect((await decode({ cookie: `${CASEWORK_SESSION_COOKIE}=${handler.get(CASEWORK_SESSION_COOKIE) ?? 'gone'}` })).status).toBe(401);
  });

  it('refuses a forged session cookie', async () => {
    expect((await decode({ cookie: `${CASEWORK_SESSION_COOKIE}=not-a-session.signature` })).status).toBe(401);
  });
});

describe('the codec endpoint and restricted cases', () => {
  const bearer = async (id: string) => ({ authorization: `Bearer ${await providerToken(id)}` });
  // What a restricted case's history holds: its workflow input names it by reference.
  const input = (ref: string) => ({ ref, complainant: { name: 'Sam Sealed' }, allegations: [{ id: 'a1', subCategory: 'abuse-of-position-sexual' }] });
  const audits = (actorId: string) => db.auditEntry.findMany({ where: { caseId: restricted.id, actorId }, orderBy: { at: 'asc' } });

  it('decodes a restricted case\'s payloads for the counter-corruption unit only; other PSD staff and ops get 403; each decode audited', async () => {
    const refused = await decode(await bearer(people.handler.id), input(restricted.ref));
    expect(refused.status).toBe(403);
    const body = (await refused.json()) as { error: string; message: string };
    expect(body.error).toBe('forbidden');
    expect(JSON.stringify(body)).not.toContain('Sam Sealed');
    expect((await decode(await bearer(people.ops.id), input(restricted.ref))).status).toBe(403);
    expect((await audits(people.handler.id)).map((a) => [a.action, (a.detail as { what?: string }).what])).toEqual([['restricted-case-read-refused', 'temporal-payloads']]);

    const ok = await decode(await bearer(people.ccu.id), input(restricted.ref));
    expect(ok.status).toBe(200);
    const [out] = ((await ok.json()) as { payloads: { data: string }[] }).payloads;
    expect(JSON.parse(Buffer.from(out!.data, 'base64').toString())).toMatchObject({ ref: restricted.ref });
    expect((await audits(people.ccu.id)).map((a) => a.action)).toEqual(['restricted-case-read']);
  });

  it('a payload that names no case is refused when the request names a restricted workflow; an unrestricted case decodes for PSD', async () => {
    const header = { 'x-probity-workflow-id': `complaint-${restricted.ref}` };
    expect((await decode({ ...(await bearer(people.handler.id)), ...header })).status).toBe(403);
    expect((await decode({ ...(await bearer(people.ccu.id)), ...header })).status).toBe(200);
    expect((await decode(await bearer(people.handler.id), input(open.ref))).status).toBe(200);
  });

  it('an activity payload that names the case by its id only (an audit entry) is refused as the case is', async () => {
    const auditEntry = { id: 'complaint-x:audit:3', caseId: restricted.id, actorId: 'system', action: 'stage-changed', detail: { to: 'handling' } };
    expect((await decode(await bearer(people.handler.id), auditEntry)).status).toBe(403);
    expect((await decode(await bearer(people.ccu.id), auditEntry)).status).toBe(200);
    expect((await decode(await bearer(people.handler.id), { ...auditEntry, caseId: open.id })).status).toBe(200);
  });
});
