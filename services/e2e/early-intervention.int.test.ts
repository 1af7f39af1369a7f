// Early intervention across the services: complaints naming the same officer are filed over HTTP,
// go through the outbox, Kafka, allocation and their workflows; as each arrives the worker's
// recordStage activity looks at the rules again, raises the flags (once), and the notification
// service emails the officer's line manager and PSD through the SMTP sink. The line manager then
// marks the flag through the casework API, and someone else may not see it.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseFlags } from '@probity/shared/early-intervention/flag-store';
import { TOPICS } from '@probity/shared/events/topics';
import { eventually, mailFor, startStack, type Stack } from './stack';

let s: Stack;
const run = randomUUID().slice(0, 8);
const officer = `ei-officer-${run}`;
const manager = `ei-sergeant-${run}`;
const team = `ei-team-${run}`;
const DAY = 24 * 3600 * 1000;

beforeAll(async () => {
  s = await startStack();
  await s.db.person.createMany({
    data: [
      { id: manager, name: `Sgt Early ${run}`, email: `${manager}@example.test`, role: 'supervisor', rank: 'sergeant', team, division: 'north', managerId: 'north-lead' },
      { id: officer, name: `PC Pattern ${run}`, email: `${officer}@example.test`, role: 'front-line', rank: 'constable', team, division: 'north', managerId: manager },
    ],
  });
});
afterAll(async () => {
  await s?.stop();
});

async function call(method: string, path: string, as: string | null, body?: unknown) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (as) headers.authorization = `Bearer ${await s.tokenFor(as)}`;
  const res = await fetch(`${path.startsWith('/api/') ? s.caseworkUrl : s.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> };
}

const fileComplaint = (n: number) =>
  fetch(`${s.baseUrl}/complaints`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'Idempotency-Key': `ei-${run}-${n}` },
    body: JSON.stringify({
      complainant: { name: `Complainant ${n}`, email: `ei-${run}-${n}@example.test`, preferredContact: 'email' },
      incident: { what: `Complaint ${n}: the officer was rude to me in the street.`, when: new Date(Date.now() - 2 * DAY).toISOString(), where: 'Market Square' },
      subjects: [{ kind: 'officer', personId: officer }],
      channel: 'web',
      allegations: [{ category: 'individual-behaviours', subCategory: 'impolite-language-or-tone', description: 'rude' }],
    }),
  }).then(async (r) => ({ status: r.status, body: (await r.json()) as { ref: string } }));

describe('early intervention, end to end', () => {
  it('flags an officer named in 3 complaints, tells the line manager and PSD once, and the manager marks the flag', async () => {
    for (const n of [1, 2, 3]) expect((await fileComplaint(n)).status).toBe(202);

    // The three officer rules each raise one flag (the team has only these complaints: no team flag).
    const flags = await eventually(
      "the officer's three flags",
      async () => {
        const found = await s.db.earlyInterventionFlag.findMany({ where: { subjectKey: officer }, orderBy: { ruleId: 'asc' } });
        return found.length >= 3 && found.every((f) => f.caseIds.length === 3) ? found : undefined;
      },
      60_000,
    );
    expect(flags.map((f) => f.ruleId)).toEqual(['same-category-twice-in-12-months', 'three-allegations-in-12-months', 'three-complaints-in-12-months']);
    const flag = flags[2]!;
    expect(flag).toMatchObject({ subjectKind: 'officer', managerId: manager, state: 'new', reason: '3 complaints in 12 months', ruleVersion: '2026-12-01' });
    expect(await s.db.earlyInterventionFlag.count({ where: { subjectKey: team } })).toBe(0);

    const mail = await eventually('flag email to the line manager', async () => (await mailFor(`${manager}@example.test`, flag.id))[0]);
    expect(mail.subject).toBe(`[${flag.id}] Early intervention: 3 complaints in 12 months`);
    expect(mail.text).not.toContain(`PC Pattern`); // no names in the message
    const psd = await s.db.person.findUniqueOrThrow({ where: { id: 'psd-manager' } });
    await eventually('flag email to PSD', async () => (await mailFor(psd.email, flag.id))[0]);

    // Raising again (a repeated activity) raises nothing and announces nothing twice.
    expect((await raiseFlags(s.db, { caseId: flag.caseIds[0]! })).raised).toEqual([]);
    expect(await s.db.outboxEvent.count({ where: { topic: TOPICS.earlyInterventionFlagged, key: flag.id } })).toBe(1);

    // The line manager sees it; the officer and an unrelated constable do not.
    const listed = await call('GET', '/api/early-intervention/flags', manager);
    expect(listed.status).toBe(200);
    expect((listed.body.flags as { id: string }[]).map((f) => f.id)).toContain(flag.id);
    expect((await call('GET', `/api/early-intervention/flags/${flag.id}`, officer)).status).toBe(403);
    expect((await call('GET', `/api/early-intervention/flags/${flag.id}`, 'south-constable')).status).toBe(403);
    expect((await call('GET', `/api/early-intervention/flags/${flag.id}`, null)).status).toBe(401);
    // The manager is in the officer's team, so the cases themselves (about their own team) are not listed to them.
    const seen = await call('GET', `/api/early-intervention/flags/${flag.id}`, manager);
    expect(seen.body).toMatchObject({ id: flag.id, state: 'new', casesNotListed: 3, caseRefs: [] });
    const byPsd = await call('GET', `/api/early-intervention/flags/${flag.id}`, 'psd-manager');
    expect(byPsd.body.caseRefs).toHaveLength(3);

    // Marking: the form names a missing field; a closed flag stays closed.
    const missing = await call('POST', `/api/early-intervention/flags/${flag.id}/mark`, manager, { to: 'action-taken' });
    expect(missing.status).toBe(400);
    expect(missing.body.fields).toEqual([{ field: 'action', message: 'say what action was taken' }]);
    expect((await call('POST', `/api/early-intervention/flags/${flag.id}/mark`, manager, { to: 'acknowledged' })).status).toBe(200);
    const again = await call('POST', `/api/early-intervention/flags/${flag.id}/mark`, manager, { to: 'acknowledged' });
    expect(again).toMatchObject({ status: 409, body: { error: 'flag_refused' } });
    const done = await call('POST', `/api/early-intervention/flags/${flag.id}/mark`, manager, { to: 'action-taken', action: 'Development plan agreed' });
    expect(done.body).toMatchObject({ state: 'action-taken', action: 'Development plan agreed' });

    const fp = await s.db.earlyInterventionFlag.findFirstOrThrow({ where: { subjectKey: officer, ruleId: 'same-category-twice-in-12-months' } });
    expect((await call('POST', `/api/early-intervention/flags/${fp.id}/mark`, manager, { to: 'false-positive', why: 'Same incident, three complainants' })).status).toBe(200);
    const rates = (await call('GET', '/api/early-intervention/flags', manager)).body.rates as { ruleId: string; closed: number; falsePositives: number }[];
    expect(rates.find((r) => r.ruleId === 'same-category-twice-in-12-months')).toMatchObject({ closed: 1, falsePositives: 1 });

    // The backtest over the record finds the officer too (PSD managers only).
    expect((await call('GET', '/api/early-intervention/backtest', manager)).status).toBe(403);
    const today = new Date().toISOString().slice(0, 10);
    const bt = await call('GET', `/api/early-intervention/backtest?from=${today.slice(0, 4)}-01-01&to=${today}`, 'psd-manager');
    expect(bt.status).toBe(200);
    expect((bt.body.hits as { subject: string; ruleId: string }[]).filter((h) => h.subject === `PC Pattern ${run}`).map((h) => h.ruleId).sort()).toEqual([
      'same-category-twice-in-12-months',
      'three-allegations-in-12-months',
      'three-complaints-in-12-months',
    ]);
  }, 180_000);
});
