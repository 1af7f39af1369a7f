// The public rate limits on the real Postgres: counted in one table, so replicas share a limit;
// the client is the socket's address unless a trusted proxy says otherwise.
import { randomUUID } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import type { Server } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@probity/shared/config';
import { createDb } from '@probity/shared/db/client';
import { createLogger } from '@probity/shared/log';
import { addressHasher, PostgresRateLimitStore } from '@probity/shared/http/rate-limit-store';
import { complaintWorkflows } from '@probity/shared/complaint/complaint-workflows';
import { lazyTemporal } from '@probity/shared/temporal/workflow-calls';
import { connectTemporalClient } from '@probity/shared/temporal/connect';
import { createIntakeApp, type IntakeAppDeps } from '@probity/intake/app';

const config = loadConfig();
const log = createLogger('rate-limit-test', 'silent');
const db = createDb(config.DATABASE_URL);
// Never called: every request here is refused (400 or 429) before a workflow is involved.
const temporal = lazyTemporal(() => connectTemporalClient(config));
const workflows = complaintWorkflows(temporal);
const servers: Server[] = [];
const others: { $disconnect(): Promise<void> }[] = [];

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  await Promise.all([db, ...others].map((d) => d.$disconnect()));
});

async function intake(deps: Partial<IntakeAppDeps> & Pick<IntakeAppDeps, 'rateLimitKey' | 'publicRateLimit'>): Promise<string> {
  const app = createIntakeApp({ db, log, caseTokenSealSecret: config.CASE_TOKEN_SEAL_SECRET, workflows, ...deps });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** An empty complaint: refused with 400 by validation, but counted by the limiter in front of it. */
const post = (base: string, headers: Record<string, string> = {}) =>
  fetch(`${base}/complaints`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });

async function statuses(calls: (() => Promise<Response>)[]): Promise<number[]> {
  const out: number[] = [];
  for (const c of calls) out.push((await c()).status); // one after another: the order is the point
  return out;
}

describe('public rate limits in Postgres', () => {
  it('two intake instances on one database share one limit, and answer 429 with the standard headers and a JSON body', async () => {
    const key = randomUUID();
    const [a, b] = [await intake({ publicRateLimit: 3, rateLimitKey: key }), await intake({ publicRateLimit: 3, rateLimitKey: key })];
    expect(await statuses([() => post(a), () => post(b), () => post(a)])).toEqual([400, 400, 400]);

    // Both instances are now at the limit, whichever counted the hits.
    for (const base of [b, a]) {
      const res = await post(base);
      expect(res.status).toBe(429);
      expect(res.headers.get('ratelimit')).toMatch(/r=0/);
      expect(res.headers.get('ratelimit-policy')).toMatch(/q=3/);
      const retryAfter = Number(res.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
      const body = (await res.json()) as { error: string; message: string; retryAfterSeconds: number };
      expect(body).toMatchObject({ error: 'rate_limited', message: expect.stringContaining('3 a minute') });
      expect(Math.abs(body.retryAfterSeconds - retryAfter)).toBeLessThanOrEqual(1);
    }

    // An instance with another key (another deployment's secret, or another test) counts apart.
    expect((await post(await intake({ publicRateLimit: 3, rateLimitKey: randomUUID() }))).status).toBe(400);
  });

  it('stores a keyed hash of the address, never the address', async () => {
    const key = randomUUID();
    await post(await intake({ publicRateLimit: 5, rateLimitKey: key }));
    const expected = `public-complaints:${addressHasher(key)('127.0.0.1')}`;
    const row = await db.rateLimitHit.findUnique({ where: { key: expected } });
    expect(row).toMatchObject({ hits: 1 });
    expect(row!.resetAt.getTime()).toBeGreaterThan(Date.now());
    expect(await db.rateLimitHit.count({ where: { key: { contains: '127.0.0.1' } } })).toBe(0);
    // Another secret, another hash: a stolen table cannot be matched to addresses without the key.
    expect(addressHasher(randomUUID())('127.0.0.1')).not.toBe(addressHasher(key)('127.0.0.1'));
  });

  it('honours X-Forwarded-For only from a trusted proxy', async () => {
    const xff = (ip: string) => ({ 'x-forwarded-for': ip });

    // No proxy trusted: the header is the client's say-so; every request counts as the socket's address.
    const direct = await intake({ publicRateLimit: 2, rateLimitKey: randomUUID() });
    expect(await statuses([() => post(direct, xff('198.51.100.1')), () => post(direct, xff('198.51.100.2')), () => post(direct, xff('198.51.100.3'))])).toEqual([400, 400, 429]);

    // A proxy is trusted, but not this one (the test connects from loopback): still ignored.
    const elsewhere = await intake({ publicRateLimit: 2, rateLimitKey: randomUUID(), trustProxy: ['10.0.0.0/8'] });
    expect(await statuses([() => post(elsewhere, xff('198.51.100.1')), () => post(elsewhere, xff('198.51.100.2')), () => post(elsewhere, xff('198.51.100.3'))])).toEqual([400, 400, 429]);

    // Behind the trusted proxy (loopback here): each client it names has a limit of its own…
    const proxied = await intake({ publicRateLimit: 2, rateLimitKey: randomUUID(), trustProxy: ['loopback'] });
    expect(await statuses([() => post(proxied, xff('198.51.100.1')), () => post(proxied, xff('198.51.100.2')), () => post(proxied, xff('198.51.100.3'))])).toEqual([400, 400, 400]);
    // …and one client is limited whatever it puts in front of the proxy's own entry.
    expect(await statuses([() => post(proxied, xff('198.51.100.1')), () => post(proxied, xff('203.0.113.9, 198.51.100.1'))])).toEqual([400, 429]);
  });

  it('starts a new window once the old one has ended, and sweeps ended windows', async () => {
    const name = `sweep-${randomUUID()}`;
    const store = new PostgresRateLimitStore(db, name);
    store.init({ windowMs: 60_000 } as Parameters<PostgresRateLimitStore['init']>[0]);
    try {
      expect((await store.increment('client')).totalHits).toBe(1);
      expect((await store.increment('client')).totalHits).toBe(2);
      await store.decrement('client');
      expect((await store.get('client'))?.totalHits).toBe(1);

      // End the window (as a minute passing would).
      await db.rateLimitHit.update({ where: { key: `${name}:client` }, data: { resetAt: new Date(Date.now() - 1000) } });
      expect(await store.get('client')).toBeUndefined();
      await db.rateLimitHit.create({ data: { key: `${name}:gone`, hits: 7, resetAt: new Date(Date.now() - 1000) } });
      const fresh = await store.increment('client');
      expect(fresh.totalHits).toBe(1);
      expect(fresh.resetTime!.getTime()).toBeGreaterThan(Date.now() + 55_000);

      expect(await store.sweep()).toBe(1);
      expect(await db.rateLimitHit.findMany({ where: { key: { startsWith: `${name}:` } }, select: { key: true } })).toEqual([{ key: `${name}:client` }]);
    } finally {
      store.shutdown();
      await db.rateLimitHit.deleteMany({ where: { key: { startsWith: `${name}:` } } });
    }
  });

  it('answers 503 with Retry-After and a JSON body (the page: a 503 page), and logs a warning, when Postgres does not answer', async () => {
    // A real Postgres client pointed at a port nothing listens on: what intake sees while its database is down.
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const url = new URL(config.DATABASE_URL);
    url.hostname = '127.0.0.1';
    url.port = String(port);
    const down = createDb(url.toString());
    others.push(down);
    const lines: string[] = [];
    const captured = pino({ level: 'info' }, new Writable({ write: (chunk: Buffer, _e, done) => done(void lines.push(chunk.toString('utf8'))) }));
    const base = await intake({
      db: down, log: captured, publicRateLimit: 3, rateLimitKey: randomUUID(),
      pages: { forceName: 'Kent Police', url: 'http://127.0.0.1', sessionSecret: config.SESSION_SECRET, exitUrl: 'https://www.bbc.co.uk/weather' },
    });

    const res = await post(base);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('30');
    expect(await res.json()).toEqual({ error: 'unavailable', message: expect.stringContaining('try again'), retryAfterSeconds: 30 });

    const page = await fetch(`${base}/complaint/your-details`);
    expect(page.status).toBe(503);
    expect(page.headers.get('retry-after')).toBe('30');
    expect(await page.text()).toContain('the service is unavailable');

    const warnings = lines.map((l) => JSON.parse(l) as { level: number; msg: string; limiter?: string }).filter((l) => l.msg.startsWith('rate limit count unavailable'));
    expect(warnings.map((w) => [w.level, w.limiter])).toEqual([[40, 'public-complaints'], [40, 'public-pages']]);
  });
});
