// The authorisation matrix: every endpoint of every service × every caller → the status it must
// answer, from ONE table (MATRIX below) a reader can check against DOMAIN.md ("People and what they
// may do", "Access, conflicts and the complaint's route"). The services are built as their main.ts
// builds them (runtime routes first, then the app), on the real Postgres, Temporal (a complaint
// workflow on a worker of this run), Kafka and the tests' OpenID provider: real access tokens, real
// portal sessions from its sign-in page, an expired token signed with the provider's own key, and
// a token from another issuer. The routes are read from the express routers themselves, so a new
// route without a row here fails the test.
import { createHash, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import express, { type Express, type Router } from 'express';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Worker } from '@temporalio/worker';
import type { Producer } from 'kafkajs';
import type { CookieJar } from '@probity/shared/auth/cookie-jar';
import { loadConfig } from '@probity/shared/config';
import { createDb } from '@probity/shared/db/client';
import { seedPeople, seedPolicies } from '@probity/shared/db/seed';
import { caseReceivedSchema } from '@probity/shared/events/schemas';
import { parseEvent } from '@probity/shared/events/envelope';
import { connectProducer, createKafka } from '@probity/shared/kafka';
import { createLogger } from '@probity/shared/log';
import { TokenSealer } from '@probity/shared/complaint/case-token';
import { complaintFormSchema } from '@probity/shared/complaint/complaint-form';
import { createIntakeStore } from '@probity/shared/complaint/complaint-store';
import { complaintWorkflows } from '@probity/shared/complaint/complaint-workflows';
import { createServiceRuntime } from '@probity/shared/runtime/service';
import { codecCaller } from '@probity/shared/temporal/codec-caller';
import { codecCaseAccess } from '@probity/shared/temporal/codec-case-access';
import { codecRouter } from '@probity/shared/temporal/codec-server';
import { connectTemporalClient, connectWorkerConnection } from '@probity/shared/temporal/connect';
import { dataConverter } from '@probity/shared/temporal/codec';
import { lazyTemporal } from '@probity/shared/temporal/workflow-calls';
import { caseworkSessions } from '@probity/shared/web/casework-sessions';
import { eventually } from '@probity/shared/testing/eventually';
import { providerToken, testAuth } from '@probity/shared/testing/oidc';
import { portalSession } from '@probity/shared/testing/portal-session';
import { uniqueId } from '@probity/shared/testing/temporal';
import { createActivities } from '@probity/activities/index';
import { recordProceedingsRole } from '@probity/activities/conduct';
import { rprpActivities } from '@probity/activities/rprp';
import { decideOnce } from '@probity/allocation/decision';
import { buildComplaintInput, startComplaintWorkflow } from '@probity/allocation/case-start';
import { routeReceivedComplaint } from '@probity/allocation/routing';
import { createCaseworkApp } from '@probity/casework/app';
import { conductWorkflows } from '@probity/casework/conduct/conduct-workflows';
import { policyWorkflows } from '@probity/casework/policy/policy-workflows';
import { loadPolicyConfig } from '@probity/casework/policy/policy-config';
import { createIntakeApp } from '@probity/intake/app';
import { createNotificationRouter } from '@probity/notification/api';

// ── The callers: no credentials, two bad tokens, and one demo person per role ──────────────────
// (shared/src/db/demo-people.ts). The fixtures below are about team north-response (division
// north), so its sergeant, chief inspector and constable are the conflicted ones.
const PEOPLE = {
  handler: 'psd-handler-1', // PSD case handler; assessor of the complaint
  investigator: 'psd-investigator',
  manager: 'psd-manager', // PSD manager; the conduct matter's appropriate authority (§3.3.9)
  head: 'head-of-psd',
  ccu: 'ccu-handler', // counter-corruption unit
  lead: 'north-lead', // divisional lead of north, where the complaint is allocated
  chiefInsp: 'north-chief-inspector', // supervisor, chief inspector, team north-response
  sergeant: 'north-sergeant', // supervisor in north-response; raised the conduct matter, its RPRP reviewer
  constable: 'north-constable', // front-line in north-response; the conduct matter's subject
  staff: 'counter-staff', // front-line police staff, south
  owner: 'policy-owner',
  ops: 'ops',
  lpb: 'pcc-review-officer', // local policing body's review officer
  iopc: 'iopc-reviewer',
  chiefOfficer: 'deputy-chief-constable',
} as const;
type Role = keyof typeof PEOPLE;
type Caller = 'none' | 'expired' | 'foreign' | Role;
const ROLES = Object.keys(PEOPLE) as Role[];
const CALLERS: Caller[] = ['none', 'expired', 'foreign', ...ROLES];
const PSD: Role[] = ['handler', 'investigator', 'manager', 'head', 'ccu'];

/**
 * One row's expectation: `anon` for no token, an expired token and another issuer's token; `all`
 * for every person, unless the role (or a group) is named. Groups: psd = PSD roles.
 */
type Expect = { anon: number; all: number } & Partial<Record<Role | 'psd', number>>;
const statusFor = (e: Expect, c: Caller): number => {
  if (c === 'none' || c === 'expired' || c === 'foreign') return e.anon;
  return e[c] ?? (PSD.includes(c) && e.psd !== undefined ? e.psd : e.all);
};

interface Fixtures {
  complaint: string;
  taskId: string;
  conduct: string;
  policy: string;
  flag: string;
}
interface Row {
  expect: Expect;
  path?: (f: Fixtures) => string;
  /** JSON body (API), or form fields (pages, sent with the session's CSRF token). */
  body?: (f: Fixtures) => Record<string, unknown>;
  /** Asked without the caller's portal session. */
  sessionless?: boolean;
}

const pub = (status = 200): Expect => ({ anon: status, all: status });
const runtimeRows = (service: string): Record<string, Row> => ({
  [`${service} GET /healthz`]: { expect: pub() },
  [`${service} GET /readyz`]: { expect: pub() },
  [`${service} GET /metrics`]: { expect: pub() },
});
/** A portal page: no session → 303 to sign-in, whatever bearer token is sent. */
const page = (e: Omit<Expect, 'anon'>): Expect => ({ anon: 303, ...e });
/** An API route: no valid token → 401. */
const api = (e: Omit<Expect, 'anon'>): Expect => ({ anon: 401, ...e });
// Who may read the complaint: PSD, the lead of the division it is allocated to; never north-response (its subject's team).
const COMPLAINT_READ = { psd: 200, lead: 200, all: 403 };
// Who may read the conduct matter: PSD and its raiser; never its subject nor the rest of their team.
const CONDUCT_READ = { psd: 200, sergeant: 200, all: 403 };
// Officers of sergeant rank and above, and PSD (conduct-form.ts mayRaiseConductMatter).
const RAISERS = (status: number) => ({ psd: status, lead: status, chiefInsp: status, sergeant: status, owner: status, chiefOfficer: status, all: 403 });
// Line managers in the register (demo-people.ts managerId), PSD managers and the head of PSD: the early-intervention readers.
const FLAG_READERS = (status: number) => ({ manager: status, head: status, lead: status, chiefInsp: status, sergeant: status, all: 403 });
// Who sees the fixture's flag: PSD managers and the constable's line manager.
const FLAG_OF_SERGEANT = (status: number) => ({ manager: status, head: status, sergeant: status });
// Barred from both fixtures altogether (conflict of interest): the subjects' team.
const BARRED = { chiefInsp: 403, sergeant: 403, constable: 403 } as const;

// ── THE TABLE ─────────────────────────────────────────────────────────────────────────────────
const MATRIX: Record<string, Row> = {
  // intake: public, no sign-in; the case token (X-Case-Token) is the complainant's key.
  ...runtimeRows('intake'),
  'intake GET /openapi.json': { expect: pub() },
  'intake POST /complaints': { expect: pub(400), body: () => ({}) },
  // Without the case token a case is "not found": staff tokens are no key to the complainant's pages.
  'intake GET /complaints/:ref/progress': { expect: pub(404), path: (f) => `/complaints/${f.complaint}/progress` },
  'intake POST /complaints/:ref/review': { expect: pub(404), path: (f) => `/complaints/${f.complaint}/review`, body: () => ({}) },

  // intake's public pages: the same for everyone — no sign-in, and a staff token changes nothing. A form
  // sent without its session's CSRF token is refused (400); a step not yet reached sends you back (303).
  'intake GET /assets/^\\/images\\/(icon-[a-z-]+\\.svg)$/': { expect: pub(404), path: () => '/assets/images/icon-none.svg' },
  'intake GET /assets/govuk/govuk-frontend.min.css': { expect: pub(200) },
  'intake GET /assets/govuk/govuk-frontend.min.js': { expect: pub(200) },
  'intake GET /assets/moj/moj-frontend.min.css': { expect: pub(200) },
  'intake GET /assets/moj/moj-frontend.min.js': { expect: pub(200) },
  'intake GET /': { expect: pub(200) },
  'intake GET /exit': { expect: pub(303) },
  'intake GET /complaint/your-details': { expect: pub(200) },
  'intake POST /complaint/your-details': { expect: pub(400), body: () => ({}) },
  'intake GET /complaint/what-happened': { expect: pub(200) },
  'intake POST /complaint/what-happened': { expect: pub(400), body: () => ({}) },
  'intake GET /complaint/allegations': { expect: pub(303) },
  'intake POST /complaint/allegations': { expect: pub(400), body: () => ({}) },
  'intake GET /complaint/allegations/new': { expect: pub(200) },
  'intake POST /complaint/allegations/new': { expect: pub(400), body: () => ({}) },
  'intake GET /complaint/allegations/:n': { expect: pub(404), path: () => '/complaint/allegations/1' },
  'intake POST /complaint/allegations/:n': { expect: pub(400), path: () => '/complaint/allegations/1', body: () => ({}) },
  'intake GET /complaint/allegations/:n/remove': { expect: pub(404), path: () => '/complaint/allegations/1/remove' },
  'intake POST /complaint/allegations/:n/remove': { expect: pub(400), path: () => '/complaint/allegations/1/remove', body: () => ({}) },
  'intake GET /complaint/people': { expect: pub(200) },
  'intake POST /complaint/people': { expect: pub(400), body: () => ({}) },
  'intake GET /complaint/people/new': { expect: pub(200) },
  'intake POST /complaint/people/new': { expect: pub(400), body: () => ({}) },
  'intake GET /complaint/people/:n': { expect: pub(404), path: () => '/complaint/people/1' },
  'intake POST /complaint/people/:n': { expect: pub(400), path: () => '/complaint/people/1', body: () => ({}) },
  'intake GET /complaint/people/:n/remove': { expect: pub(404), path: () => '/complaint/people/1/remove' },
  'intake POST /complaint/people/:n/remove': { expect: pub(400), path: () => '/complaint/people/1/remove', body: () => ({}) },
  'intake GET /complaint/what-you-want': { expect: pub(200) },
  'intake POST /complaint/what-you-want': { expect: pub(400), body: () => ({}) },
  // Equality monitoring (every question optional): the same for everyone, like the other question pages.
  'intake GET /complaint/about-you': { expect: pub(200) },
  'intake POST /complaint/about-you': { expect: pub(400), body: () => ({}) },
  'intake GET /complaint/check-answers': { expect: pub(200) },
  'intake POST /complaint/check-answers': { expect: pub(400), body: () => ({}) },
  'intake GET /complaint/sent': { expect: pub(303) },
  'intake GET /misconduct-hearings': { expect: pub(200) },
  'intake GET /progress/': { expect: pub(200) },
  'intake POST /progress/': { expect: pub(400), body: () => ({}) },
  'intake GET /your-complaint/': { expect: pub(303) },
  'intake GET /your-complaint/review': { expect: pub(303) },
  'intake POST /your-complaint/review': { expect: pub(400), body: () => ({}) },

  // allocation, notification and the worker: health for ops (no personal data), the in-app list for its owner, the codec for PSD and ops.
  ...runtimeRows('allocation'),
  ...runtimeRows('notification'),
  'notification GET /openapi.json': { expect: pub() },
  'notification GET /notifications': { expect: api({ all: 200 }) },
  'notification POST /notifications/:id/read': { expect: api({ all: 404 }), path: () => '/notifications/no-such-notification/read' },
  ...runtimeRows('worker'),
  'worker GET /codec/openapi.json': { expect: pub() },
  'worker POST /codec/encode': { expect: api({ psd: 200, ops: 200, all: 403 }), body: () => ({ payloads: [] }) },
  'worker POST /codec/decode': { expect: api({ psd: 200, ops: 200, all: 403 }), body: () => ({ payloads: [] }) },

  // casework JSON API (bearer tokens).
  ...runtimeRows('casework'),
  'casework GET /api/openapi.json': { expect: pub() },
  'casework GET /api/me/tasks': { expect: api({ all: 200 }) },
  'casework GET /api/cases/:ref': { expect: api(COMPLAINT_READ) },
  // The workflow judges a completion once access allows it: an empty first-contact payload is refused (409).
  'casework POST /api/cases/:ref/tasks/:taskId/complete': { expect: api({ ...BARRED, all: 409 }), body: () => ({ payload: {} }) },
  // C&M regs 40–41: the appropriate authority's roles (the workflow refuses at first contact: 409); the subject's team is barred.
  'casework POST /api/cases/:ref/suspend': { expect: api({ manager: 409, head: 409, ...BARRED, all: 403 }), body: () => ({ reason: 'sub-judice' }) },
  'casework POST /api/cases/:ref/resume': { expect: api({ manager: 409, head: 409, ...BARRED, all: 403 }) },
  // C&M reg 38: the body is checked first (a real withdrawal would end the fixture); who may record
  // one is the pages' row below and casework-api.int.test.ts.
  'casework POST /api/cases/:ref/withdraw': { expect: api({ all: 400 }), body: () => ({}) },
  // C&M reg 39: likewise for the unsigned wish to withdraw and the reply to the letter.
  'casework POST /api/cases/:ref/withdrawal-indication': { expect: api({ all: 400 }), body: () => ({}) },
  'casework POST /api/cases/:ref/withdrawal-reply': { expect: api({ all: 400 }), body: () => ({}) },
  // §3.2.2: front-line, supervisors and PSD record complaints at first contact (an empty one is invalid: 400).
  'casework POST /api/complaints/first-contact': { expect: api({ psd: 400, chiefInsp: 400, sergeant: 400, constable: 400, staff: 400, all: 403 }), body: () => ({}) },
  // §3.3: supervisors — officers of sergeant rank and above — and PSD raise conduct matters.
  'casework POST /api/conduct-matters': { expect: api(RAISERS(400)), body: () => ({}) },
  'casework GET /api/conduct-matters/:ref': { expect: api(CONDUCT_READ) },
  // No conduct workflow runs for the fixture: whoever passes the access rule meets "no open workflow" (404).
  'casework POST /api/conduct-matters/:ref/tasks/:taskId/complete': { expect: api({ chiefInsp: 403, constable: 403, all: 404 }), body: () => ({ payload: {} }) },
  // §3.3.5: chief inspector or above (no workflow runs for the fixture: 404 once allowed); the subject's team is barred.
  'casework POST /api/conduct-matters/:ref/formal-assessment-request': { expect: api({ manager: 404, head: 404, lead: 404, owner: 404, chiefOfficer: 404, all: 403 }), body: () => ({ rationale: 'needs PSD' }) },
  // Conduct regs 18/31/45: the officer concerned (the subject) or PSD; not their teammates.
  'casework POST /api/conduct-matters/:ref/officer-response': { expect: api({ chiefInsp: 403, all: 404 }), body: () => ({ window: 'notice' }) },
  'casework POST /api/conduct-matters/:ref/appeal': { expect: api({ chiefInsp: 403, all: 404 }), body: () => ({}) },
  // Conduct regs 45(3)(a) / 31(1)(b): whoever may act on the matter meets "no open workflow" (404).
  'casework POST /api/conduct-matters/:ref/window-extension': { expect: api({ chiefInsp: 403, constable: 403, all: 404 }), body: () => ({ window: 'appeal', closesOn: '2027-01-15', reason: 'the officer was in hospital' }) },
  // Sch 3 paras 14–15 (C&M reg 7): whoever may act on the matter meets "no open workflow" (404); the workflow refuses all but PSD.
  'casework POST /api/conduct-matters/:ref/iopc-decision': { expect: api({ chiefInsp: 403, constable: 403, all: 404 }), body: () => ({ decision: 'independent', iopcReference: 'IOPC-2026-0042' }) },
  // §3.3.9: the officer, the reviewer, PSD — never anyone on the proceedings (the manager, appropriate authority).
  'casework GET /api/conduct-matters/:ref/rprp': { expect: api({ psd: 200, manager: 403, sergeant: 200, constable: 200, all: 403 }) },
  'casework GET /api/policies': { expect: api({ all: 200 }) },
  'casework GET /api/policies/:policyRef': { expect: api({ all: 200 }), path: (f) => `/api/policies/${f.policy}` },
  // The register's keepers (PSD managers, head of PSD) add policies; the owner records reviews; keepers change owners.
  'casework POST /api/policies': { expect: api({ manager: 400, head: 400, all: 403 }), body: () => ({}) },
  'casework POST /api/policies/:policyRef/reviews': { expect: api({ all: 400 }), path: (f) => `/api/policies/${f.policy}/reviews`, body: () => ({}) },
  'casework PUT /api/policies/:policyRef/owner': { expect: api({ all: 400 }), path: (f) => `/api/policies/${f.policy}/owner`, body: () => ({}) },
  // The IOPC's statistics: PSD managers and the head of PSD (auth/roles.ts mayOversee).
  'casework GET /api/statistics': { expect: api({ manager: 200, head: 200, all: 403 }) },
  'casework GET /api/statistics.csv': { expect: api({ manager: 200, head: 200, all: 403 }) },
  'casework GET /api/statistics/cases': { expect: api({ manager: 200, head: 200, all: 403 }), path: () => '/api/statistics/cases?figure=logged' },
  // Early intervention: PSD managers, the head of PSD and line managers (anyone who manages someone);
  // a flag is seen by PSD managers and the flagged officer's line manager (the sergeant), and is
  // "not found" to other line managers. The backtest is for PSD managers.
  'casework GET /api/early-intervention/flags': { expect: api(FLAG_READERS(200)) },
  'casework GET /api/early-intervention/flags/:flagId': { expect: api({ ...FLAG_READERS(404), ...FLAG_OF_SERGEANT(200) }), path: (f) => `/api/early-intervention/flags/${f.flag}` },
  'casework POST /api/early-intervention/flags/:flagId/mark': { expect: api(FLAG_READERS(400)), path: (f) => `/api/early-intervention/flags/${f.flag}/mark`, body: () => ({}) },
  'casework GET /api/early-intervention/backtest': { expect: api({ manager: 200, head: 200, all: 403 }) },
  // Lessons learnt: the workforce's list is for everyone signed in; a well-formed lesson for the fixture
  // complaint is refused to all, as on the page (not finalised; barred people on the access rule).
  'casework GET /api/lessons': { expect: api({ all: 200 }) },
  'casework POST /api/cases/:ref/lessons': { expect: api({ all: 403 }), body: () => ({ theme: 'communication', lesson: 'Write back to the complainant within five working days.' }) },
  // Early withdrawal of a published hearing outcome: the fixture complaint has none (404); barred people never learn more.
  'casework POST /api/cases/:ref/publication/withdrawal': { expect: api({ ...BARRED, all: 404 }), body: () => ({ reason: 'The police appeals tribunal allowed the appeal.' }) },

  // casework portal (sessions; every POST carries the session's CSRF token).
  'casework GET /assets/govuk/govuk-frontend.min.css': { expect: pub() },
  'casework GET /assets/govuk/govuk-frontend.min.js': { expect: pub() },
  'casework GET /assets/moj/moj-frontend.min.css': { expect: pub() },
  'casework GET /assets/moj/moj-frontend.min.js': { expect: pub() },
  'casework GET /assets/^\\/images\\/(icon-[a-z-]+\\.svg)$/': { expect: pub(404), path: () => '/assets/images/icon-none.svg' },
  // Signing in and out: the same for everyone (asked without the role's session, which they would replace).
  'casework GET /sign-in': { expect: pub(303), sessionless: true },
  'casework GET /auth/callback': { expect: pub(303), sessionless: true },
  'casework GET /signed-out': { expect: pub(), sessionless: true },
  'casework GET /': { expect: page({ all: 200 }) },
  'casework GET /complaints/new': { expect: page({ psd: 200, chiefInsp: 200, sergeant: 200, constable: 200, staff: 200, all: 403 }) },
  'casework POST /complaints/new': { expect: page({ psd: 400, chiefInsp: 400, sergeant: 400, constable: 400, staff: 400, all: 403 }), body: () => ({}) },
  'casework GET /cases/:ref': { expect: page(COMPLAINT_READ) },
  // The task's page: its assignee (the handler), a PSD manager; barred: the subject's team.
  'casework GET /cases/:ref/tasks/:taskId': { expect: page({ handler: 200, manager: 200, head: 200, ...BARRED, all: 403 }) },
  'casework POST /cases/:ref/tasks/:taskId': { expect: page({ ...BARRED, all: 400 }), body: () => ({}) },
  'casework GET /cases/:ref/suspension': { expect: page({ manager: 200, head: 200, ...BARRED, all: 403 }) },
  'casework POST /cases/:ref/suspension': { expect: page({ manager: 400, head: 400, ...BARRED, all: 403 }), body: () => ({}) },
  // C&M reg 38: PSD or the complaint's handler record a signed withdrawal; an empty form is a 400.
  'casework GET /cases/:ref/withdrawal': { expect: page({ psd: 200, ...BARRED, all: 403 }) },
  'casework POST /cases/:ref/withdrawal': { expect: page({ psd: 400, ...BARRED, all: 403 }), body: () => ({}) },
  // C&M reg 39: the same people record an unsigned wish to withdraw and the complainant's reply.
  'casework GET /cases/:ref/unsigned-withdrawal': { expect: page({ psd: 200, ...BARRED, all: 403 }) },
  'casework POST /cases/:ref/unsigned-withdrawal': { expect: page({ psd: 400, ...BARRED, all: 403 }), body: () => ({}) },
  'casework POST /cases/:ref/unsigned-withdrawal/reply': { expect: page({ psd: 400, ...BARRED, all: 403 }), body: () => ({}) },
  'casework GET /conduct-matters/new': { expect: page(RAISERS(200)) },
  'casework POST /conduct-matters/new': { expect: page(RAISERS(400)), body: () => ({}) },
  'casework GET /conduct-matters/:ref': { expect: page(CONDUCT_READ) },
  'casework GET /conduct-matters/:ref/reflective-practice': { expect: page({ psd: 200, manager: 403, sergeant: 200, constable: 200, all: 403 }) },
  'casework GET /conduct-matters/:ref/tasks/:taskId': { expect: page({ all: 404 }), path: (f) => `/conduct-matters/${f.conduct}/tasks/no-such-task` },
  'casework POST /conduct-matters/:ref/tasks/:taskId': { expect: page({ all: 404 }), path: (f) => `/conduct-matters/${f.conduct}/tasks/no-such-task`, body: () => ({}) },
  // The page leaves the rank rule to the workflow, which is not running for the fixture (404).
  'casework POST /conduct-matters/:ref/formal-assessment-request': { expect: page({ chiefInsp: 403, constable: 403, all: 404 }), body: () => ({ rationale: 'needs PSD' }) },
  'casework POST /conduct-matters/:ref/officer-response': { expect: page({ chiefInsp: 403, all: 404 }), body: () => ({ window: 'notice' }) },
  'casework POST /conduct-matters/:ref/appeal': { expect: page({ chiefInsp: 403, all: 404 }), body: () => ({}) },
  'casework POST /conduct-matters/:ref/iopc-decision': { expect: page({ chiefInsp: 403, constable: 403, all: 404 }), body: () => ({ decision: 'independent', iopcReference: 'IOPC-2026-0042' }) },
  'casework GET /oversight': { expect: page({ manager: 200, head: 200, all: 403 }) },
  'casework GET /statistics': { expect: page({ manager: 200, head: 200, all: 403 }) },
  'casework GET /statistics.csv': { expect: page({ manager: 200, head: 200, all: 403 }) },
  'casework GET /statistics/cases': { expect: page({ manager: 200, head: 200, all: 403 }), path: () => '/statistics/cases?figure=logged' },
  'casework GET /early-intervention': { expect: page(FLAG_READERS(200)) },
  'casework GET /early-intervention/flags/:flagId': { expect: page({ ...FLAG_READERS(404), ...FLAG_OF_SERGEANT(200) }), path: (f) => `/early-intervention/flags/${f.flag}` },
  'casework POST /early-intervention/flags/:flagId': { expect: page({ ...FLAG_READERS(404), ...FLAG_OF_SERGEANT(400) }), path: (f) => `/early-intervention/flags/${f.flag}`, body: () => ({}) },
  'casework GET /early-intervention/backtest': { expect: page({ manager: 200, head: 200, all: 403 }) },
  'casework GET /oversight/reallocate': { expect: page({ manager: 200, head: 200, ...BARRED, all: 403 }), path: (f) => `/oversight/reallocate?ref=${f.complaint}` },
  'casework POST /oversight/reallocate': { expect: page({ manager: 400, head: 400, ...BARRED, all: 403 }), body: (f) => ({ ref: f.complaint }) },
  'casework GET /policies': { expect: page({ all: 200 }) },
  'casework GET /policies/:ref': { expect: page({ all: 200 }), path: (f) => `/policies/${f.policy}` },
  'casework POST /policies/:ref/reviews': { expect: page({ all: 400 }), path: (f) => `/policies/${f.policy}/reviews`, body: () => ({}) },
  'casework POST /policies/:ref/owner': { expect: page({ all: 400 }), path: (f) => `/policies/${f.policy}/owner`, body: () => ({}) },
  'casework GET /workforce/hearing-outcomes': { expect: page({ all: 200 }) },
  'casework GET /workforce/lessons': { expect: page({ all: 200 }) },
  // The fixture complaint is not finalised: nobody may record its lessons yet (403, the reason); barred people never learn more.
  'casework GET /cases/:ref/lessons': { expect: page({ all: 403 }) },
  'casework POST /cases/:ref/lessons': { expect: page({ all: 403 }), body: () => ({}) },
  // Only a PSD manager or the head of PSD may withdraw a publication early; the fixture complaint has none (404).
  'casework GET /cases/:ref/publication/withdraw': { expect: page({ manager: 404, head: 404, ...BARRED, all: 403 }) },
  'casework POST /cases/:ref/publication/withdraw': { expect: page({ manager: 404, head: 404, ...BARRED, all: 403 }), body: () => ({}) },
  'casework GET /notifications': { expect: page({ all: 200 }) },
  'casework POST /notifications/:id/read': { expect: page({ all: 404 }), path: () => '/notifications/no-such-notification/read', body: () => ({}) },
  'casework POST /notifications/read-all': { expect: page({ all: 303 }), body: () => ({}) },
  // Last: it ends the session. Without one there is no CSRF token to match: "your form could not be sent" (400).
  'casework POST /sign-out': { expect: { anon: 400, all: 303 }, body: () => ({}) },
};

// ── The services, as their main.ts compose them ─────────────────────────────────────────────────
const config = loadConfig();
const log = createLogger('authorisation-matrix', 'silent');
const db = createDb(config.DATABASE_URL);
const temporal = lazyTemporal(() => connectTemporalClient(config));
const run = uniqueId('matrix');
const taskQueue = `${run}-cases`;

interface Service {
  name: string;
  url: string;
  /** Where its routes are read from: the runtime's root and the app behind it. */
  routers: Router[];
  server: Server;
}
const services: Service[] = [];
let worker: Worker;
let running: Promise<void>;
let producer: Producer;
let fixtures: Fixtures;
const tokens = new Map<Caller, string | undefined>();
const sessions = new Map<Role, CookieJar>();

/** Every "METHOD path" an express router answers, mounted routers included (HEAD and OPTIONS are express's own). */
function routesOf(router: Router, prefix = ''): string[] {
  const out: string[] = [];
  for (const r of (router as unknown as { listRoutes(): { path: string | RegExp; methods?: string[]; router?: Router }[] }).listRoutes()) {
    const path = String(r.path);
    if (r.router) out.push(...routesOf(r.router, prefix + (path === '/' ? '' : path)));
    else for (const m of r.methods ?? []) if (!['HEAD', 'OPTIONS'].includes(m.toUpperCase())) out.push(`${m.toUpperCase()} ${prefix}${path}`);
  }
  return out;
}

async function serve(name: string, root: Express, app: Express | Router | undefined, port = 0): Promise<void> {
  createServiceRuntime({ service: name, port, log, app: root, readiness: [] });
  if (app) root.use(app);
  const server = await new Promise<Server>((resolve) => {
    const s = root.listen(port, '127.0.0.1', () => resolve(s));
  });
  const url = port ? config.CASEWORK_URL : `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  services.push({ name, url, server, routers: [root.router as unknown as Router, ...(app ? [(app as Express).router ?? app] : [])] as Router[] });
}

async function expiredToken(): Promise<string> {
  // Signed with the tests' provider's own key, for our audience, expired an hour ago.
  const keys = JSON.parse(await readFile(`${process.env.PROBITY_DATA_DIR ?? '.data'}/test/oidc/signing-keys.json`, 'utf8')) as { keys: JWK[] };
  const jwk = keys.keys[0]!;
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ scope: 'openid casework' }).setProtectedHeader({ alg: 'RS256', kid: jwk.kid! }).setSubject(PEOPLE.head).setIssuer(config.OIDC_ISSUER)
    .setAudience(config.OIDC_AUDIENCE).setIssuedAt(now - 7200).setExpirationTime(now - 3600).sign(await importJWK(jwk, 'RS256'));
}

async function foreignToken(): Promise<string> {
  // Another issuer's key and name, claiming the head of PSD.
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const kid = (await exportJWK(publicKey)).n!.slice(0, 16);
  return new SignJWT({ scope: 'openid casework' }).setProtectedHeader({ alg: 'RS256', kid }).setSubject(PEOPLE.head).setIssuer('https://login.another-force.example')
    .setAudience(config.OIDC_AUDIENCE).setIssuedAt().setExpirationTime('10m').sign(privateKey);
}

async function makeFixtures(): Promise<Fixtures> {
  const store = createIntakeStore(db, new TokenSealer(config.CASE_TOKEN_SEAL_SECRET));
  // A complaint about north-response, allocated to division north, with a real workflow whose first-contact task is the handler's.
  const form = complaintFormSchema.parse({
    complainant: { name: 'Matrix Complainant', email: 'matrix@example.test', preferredContact: 'email' },
    incident: { what: 'The officer was rude.', when: '2026-01-10', where: 'High Street' },
    subjects: [{ team: 'north-response', division: 'north' }],
    allegations: [{ category: 'individual-behaviours', description: 'rude' }],
  });
  const recorded = await store.recordComplaint({ form });
  if (recorded.outcome !== 'created') throw new Error('not created');
  const { caseId, ref } = recorded.receipt;
  const outbox = await db.outboxEvent.findFirstOrThrow({ where: { key: caseId } });
  await db.outboxEvent.update({ where: { id: outbox.id }, data: { publishedAt: new Date() } });
  const received = parseEvent(outbox.payload, caseReceivedSchema).data;
  await startComplaintWorkflow(await temporal.get(), taskQueue, buildComplaintInput(received, { route: routeReceivedComplaint(received), assessorId: PEOPLE.handler, complaintsTeamId: PEOPLE.manager }));
  const task = await eventually('the first-contact task', () => db.task.findFirst({ where: { caseRef: ref, completedAt: null } }));
  await decideOnce(db, { id: `allocation:${caseId}:handling:${run}`, caseId, action: 'handler-chosen', choose: async () => ({ purpose: 'handling', assigneeId: PEOPLE.lead, division: 'north', reason: 'matrix fixture', eventId: run }) });

  // A conduct matter the sergeant raised about the constable, with its reflective practice record; the manager is on its proceedings.
  const raised = await fetch(`${services.find((s) => s.name === 'casework')!.url}/api/conduct-matters`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await providerToken(PEOPLE.sergeant)}`, 'content-type': 'application/json' },
    body: JSON.stringify({ subject: { personId: PEOPLE.constable, team: 'north-response' }, standards: ['authority-respect-and-courtesy'], account: { what: 'Swore at a motorist.', when: '2026-11-01', where: 'London Road' }, view: 'on-the-cusp' }),
  });
  const matter = (await raised.json()) as { ref: string; caseId: string };
  await rprpActivities(db).openRprpRecord({ caseId: matter.caseId, ref: matter.ref, participantId: PEOPLE.constable, reviewerId: PEOPLE.sergeant, directedBy: 'proceedings', reviewDueOn: '2027-01-31' });
  await recordProceedingsRole(db, { caseId: matter.caseId, personId: PEOPLE.manager, role: 'appropriate-authority', at: new Date() });

  await seedPolicies(db);
  // An early-intervention flag on the constable: their line manager is the sergeant.
  const flag = `EI-${createHash('sha256').update(run).digest('hex').slice(0, 12)}`;
  await db.earlyInterventionFlag.create({
    data: { id: flag, ruleId: 'three-complaints-in-12-months', ruleVersion: '2026-12-01', subjectKind: 'officer', subjectKey: PEOPLE.constable, managerId: PEOPLE.sergeant, reason: '3 complaints in 12 months', caseIds: [caseId], windowFrom: '2025-12-02', windowTo: '2026-12-01' },
  });
  return { complaint: ref, taskId: task.id, conduct: matter.ref, policy: 'P02', flag };
}

/** The concrete request of a row: its path with the fixtures' refs for the route's parameters. */
function pathOf(route: string, row: Row): string {
  if (row.path) return row.path(fixtures);
  return route
    .replace(':ref/tasks/:taskId', route.includes('/conduct-matters/') ? `${fixtures.conduct}/tasks/no-such-task` : `${fixtures.complaint}/tasks/${fixtures.taskId}`)
    .replace('/cases/:ref', `/cases/${fixtures.complaint}`)
    .replace('/conduct-matters/:ref', `/conduct-matters/${fixtures.conduct}`);
}

async function ask(key: string, row: Row, caller: Caller): Promise<number> {
  const [serviceName, method, route] = key.split(' ') as [string, string, string];
  const service = services.find((s) => s.name === serviceName)!;
  const url = new URL(pathOf(route, row), service.url);
  const isPage = serviceName === 'casework' && !route.startsWith('/api') && !['/healthz', '/readyz', '/metrics'].includes(route);
  const headers: Record<string, string> = {};
  const token = tokens.get(caller);
  if (token) headers.authorization = `Bearer ${token}`;
  const jar = caller === 'none' || caller === 'expired' || caller === 'foreign' || row.sessionless ? undefined : sessions.get(caller);
  let body: string | undefined;
  if (row.body && isPage) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams({ ...(row.body(fixtures) as Record<string, string>), _csrf: jar ? await csrfOf(jar, service.url) : '' }).toString();
  } else if (row.body) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(row.body(fixtures));
  }
  if (isPage && jar) {
    delete headers.authorization;
    const res = await jar.fetch(url, { method, headers, body });
    await res.arrayBuffer();
    return res.status;
  }
  const res = await fetch(url, { method, headers, body, redirect: 'manual' });
  await res.arrayBuffer();
  return res.status;
}

const csrf = new Map<CookieJar, string>();
async function csrfOf(jar: CookieJar, base: string): Promise<string> {
  if (!csrf.has(jar)) {
    const html = await (await jar.fetch(new URL('/', base))).text();
    csrf.set(jar, /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '');
  }
  return csrf.get(jar)!;
}

beforeAll(async () => {
  producer = await connectProducer(createKafka(config.KAFKA_BROKERS, `${run}-producer`));
  worker = await Worker.create({
    connection: await connectWorkerConnection(config),
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue,
    workflowsPath: fileURLToPath(new URL('../../workflows/src/index.ts', import.meta.url)),
    activities: createActivities({ db, producer, log }),
    dataConverter: dataConverter(config.PAYLOAD_KEY),
  });
  running = worker.run();
  const auth = testAuth(db);
  const complaints = complaintWorkflows(temporal);
  await serve('intake', express(), createIntakeApp({
    db, log, caseTokenSealSecret: config.CASE_TOKEN_SEAL_SECRET, workflows: complaints, publicRateLimit: 10_000, rateLimitKey: randomUUID(),
    pages: { forceName: config.FORCE_NAME, url: 'http://127.0.0.1', sessionSecret: config.SESSION_SECRET, exitUrl: 'https://www.bbc.co.uk/weather' },
  }));
  await serve('allocation', express(), undefined);
  // Behind the runtime's routes, as main.ts mounts it: its router answers its own 404s.
  await serve('notification', express(), createNotificationRouter({ db, auth, log }));
  const workerApp = express();
  workerApp.use('/codec', codecRouter({ payloadKey: config.PAYLOAD_KEY, allowedOrigins: config.TEMPORAL_UI_ORIGINS, requireAuth: true, caller: codecCaller(auth, caseworkSessions(db, config)), caseAccess: codecCaseAccess(db) }));
  await serve('worker', workerApp, undefined);
  // Casework on its test port: the tests' provider knows the portal's sign-in callback there.
  const casework = createCaseworkApp({
    db, log, auth, caseTokenSealSecret: config.CASE_TOKEN_SEAL_SECRET, workflows: complaints,
    conductWorkflows: conductWorkflows(temporal),
    policyWorkflows: policyWorkflows(temporal, { taskQueue, config: loadPolicyConfig({}) }),
    portal: config,
  });
  await serve('casework', express(), casework, config.CASEWORK_PORT);

  // The callers are demo people with their demo reporting lines (FLAG_READERS): register them, as
  // the test environment does, in case an earlier file moved a line or deactivated one.
  await seedPeople(db, { reactivate: true });
  tokens.set('none', undefined);
  tokens.set('expired', await expiredToken());
  tokens.set('foreign', await foreignToken());
  for (const role of ROLES) {
    tokens.set(role, await providerToken(PEOPLE[role]));
    sessions.set(role, await portalSession(config.CASEWORK_URL, PEOPLE[role]));
  }
  fixtures = await makeFixtures();
}, 240_000);

afterAll(async () => {
  for (const s of services) await new Promise((r) => s.server.close(r));
  if (fixtures) await (await temporal.get()).workflow.getHandle(`complaint-${fixtures.complaint}`).terminate('test over').catch(() => undefined);
  worker?.shutdown();
  await running;
  await producer?.disconnect();
  await temporal.close();
  await db.$disconnect();
});

describe('the authorisation matrix', () => {
  it('has a row for every route of every service, and no row for a route that does not exist', () => {
    const routes = services.flatMap((s) => s.routers.flatMap((r) => routesOf(r)).map((r) => `${s.name} ${r}`));
    expect([...new Set(routes)].sort()).toEqual(Object.keys(MATRIX).sort());
  });

  it('answers every caller of every route as the table says', async () => {
    const wrong: string[] = [];
    for (const [key, row] of Object.entries(MATRIX)) {
      for (const caller of CALLERS) {
        const expected = statusFor(row.expect, caller);
        const actual = await ask(key, row, caller);
        if (actual !== expected) wrong.push(`${key} as ${caller}: expected ${expected}, got ${actual}`);
      }
    }
    expect(wrong).toEqual([]);
    // Every route times every caller, one at a time (about 2,200 requests): longer than the default.
  }, 600_000);
});
