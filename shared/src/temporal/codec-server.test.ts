import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPayloadConverter } from '@temporalio/common';
import { EncryptionCodec } from './codec';
import { codecRouter } from './codec-server';

const KEY = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';
let base = '';
let close: () => void;

beforeAll(async () => {
  const app = express();
  app.use('/open', codecRouter({ payloadKey: KEY, allowedOrigins: ['http://ui.test'], requireAuth: false }));
  // Who may decode is tested against the real provider and sessions in services/worker/test.
  app.use('/closed', codecRouter({ payloadKey: KEY, allowedOrigins: [], requireAuth: true }));
  // After a rotation: a new current key, the old one kept to decode what it wrote.
  app.use('/rotated', codecRouter({ payloadKey: { current: { id: 'probity-2', hexKey: 'ff'.repeat(32) }, previous: [{ id: 'probity-1', hexKey: KEY }] }, allowedOrigins: [], requireAuth: false }));
  app.use('/forgot', codecRouter({ payloadKey: { current: { id: 'probity-2', hexKey: 'ff'.repeat(32) } }, allowedOrigins: [], requireAuth: false }));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => close());

async function encrypted(value: unknown) {
  const [p] = await new EncryptionCodec(KEY).encode([defaultPayloadConverter.toPayload(value)]);
  return {
    metadata: Object.fromEntries(Object.entries(p!.metadata!).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
    data: Buffer.from(p!.data!).toString('base64'),
  };
}

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('codec endpoint for the Temporal UI', () => {
  it('keeps personal data out of the encoded payload and gives it back on decode', async () => {
    const payload = await encrypted({ complainant: 'Casey Example' });
    expect(Buffer.from(payload.data, 'base64').toString('latin1')).not.toContain('Casey');
    const res = await post('/open/decode', { payloads: [payload] }, { origin: 'http://ui.test' });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://ui.test');
    const [out] = ((await res.json()) as { payloads: { data: string }[] }).payloads;
    expect(JSON.parse(Buffer.from(out!.data, 'base64').toString())).toEqual({ complainant: 'Casey Example' });
  });

  it('refuses a caller it cannot identify when authorisation is on', async () => {
    const payload = await encrypted({ x: 1 });
    const res = await post('/closed/decode', { payloads: [payload] }, { authorization: 'Bearer not-a-token' });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'unauthenticated' });
  });

  it('decodes payloads of a previous key after a rotation, and names a key it does not have', async () => {
    const payload = await encrypted({ complainant: 'Casey Example' });
    const ok = await post('/rotated/decode', { payloads: [payload] });
    expect(ok.status).toBe(200);
    const [out] = ((await ok.json()) as { payloads: { data: string }[] }).payloads;
    expect(JSON.parse(Buffer.from(out!.data, 'base64').toString())).toEqual({ complainant: 'Casey Example' });
    const missing = await post('/forgot/decode', { payloads: [payload] });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ error: 'codec_failed', message: expect.stringMatching(/key 'probity-1', which is not configured \(known: probity-2\)/) });
  });

  it('names the bad field', async () => {
    const res = await post('/open/decode', { nope: true });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ fields: [{ field: 'payloads' }] });
  });
});
