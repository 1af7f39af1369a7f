import express, { type Router } from 'express';
import type { Payload } from '@temporalio/common';
import { EncryptionCodec, UnknownPayloadKeyError, type PayloadKeyring } from './codec';
import { isOps, isPsd, type Actor } from '../auth';

// The remote codec endpoint the Temporal Web UI calls to show decrypted payloads to people allowed
// to see them (the UI's "codec endpoint" setting). Histories stay encrypted at rest and on the
// wire; without this endpoint the UI shows only ciphertext.
interface JsonPayload {
  metadata?: Record<string, string>;
  data?: string;
}

const toPayload = (p: JsonPayload): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: p.data === undefined ? undefined : Buffer.from(p.data, 'base64'),
});

const toJson = (p: Payload): JsonPayload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
  ...(p.data ? { data: Buffer.from(p.data).toString('base64') } : {}),
});

/** Who is calling, from the request's credentials; undefined when it carries none that are valid. */
export type CodecCaller = (req: express.Request) => Promise<Actor | undefined>;

export interface CodecServerOptions {
  /** The keyring (payloadKeyring(config)), or one key under the default id. */
  payloadKey: string | PayloadKeyring;
  /** The Temporal UI's origin(s), allowed by CORS (with credentials). */
  allowedOrigins: string[];
  /** When true (the default everywhere but a deliberate local opt-out), only PSD and ops may decode. */
  requireAuth: boolean;
  /** Identifies the caller (bearer access token, staff session cookie); needed when requireAuth. */
  caller?: CodecCaller;
}

export function codecRouter(opts: CodecServerOptions): Router {
  const codec = new EncryptionCodec(opts.payloadKey);
  const router = express.Router();
  router.use((req, res, next) => {
    const origin = req.headers.origin;
    if (origin && opts.allowedOrigins.includes(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', 'content-type, x-namespace, authorization');
      res.setHeader('Vary', 'Origin');
    }
    if (req.method === 'OPTIONS') return void res.sendStatus(204);
    next();
  });
  router.use(express.json({ limit: '4mb' }));
  router.use(async (req, res, next) => {
    if (!opts.requireAuth) return next();
    let actor: Actor | undefined;
    try {
      actor = await opts.caller?.(req);
    } catch {
      return void res.status(503).json({ error: 'unavailable', message: 'sign-in cannot be checked just now; try again shortly' });
    }
    if (!actor) {
      return void res.status(401).json({
        error: 'unauthenticated',
        message: 'sign in to the casework portal first (the Temporal UI then sends its cookie: "Include cross-origin credentials"), or send a bearer token',
      });
    }
    if (!isPsd(actor) && !isOps(actor)) return void res.status(403).json({ error: 'forbidden', message: 'only PSD staff and ops may decode case payloads' });
    next();
  });
  const handle = (op: 'encode' | 'decode') => async (req: express.Request, res: express.Response) => {
    const payloads = (req.body as { payloads?: JsonPayload[] } | undefined)?.payloads;
    if (!Array.isArray(payloads)) return void res.status(400).json({ error: 'validation_failed', fields: [{ field: 'payloads', message: 'expected an array' }] });
    try {
      const out = await codec[op](payloads.map(toPayload));
      res.json({ payloads: out.map(toJson) });
    } catch (err) {
      // An unknown key id is worth saying (it names no secret); other failures are not detailed.
      const message = err instanceof UnknownPayloadKeyError ? err.message : `could not ${op} the payloads`;
      res.status(400).json({ error: 'codec_failed', message });
    }
  };
  router.post('/encode', handle('encode'));
  router.post('/decode', handle('decode'));
  return router;
}
