import express, { type Router } from 'express';
import type { Payload } from '@temporalio/common';
import { z } from 'zod';
import { Api, operation, reply } from '../http/api';
import { errorHandler, notFound } from '../http/errors';
import { BAD_INPUT_CODES, BEARER, COMMON_ERRORS, bearerAuthScheme, errors, serveOpenApi } from '../http/openapi';
import { createLogger, type Logger } from '../log';
import { EncryptionCodec, UnknownPayloadKeyError, type PayloadKeyring } from './codec';
import { isOps, isPsd, type Actor } from '../auth';
import { casesNamed, WORKFLOW_ID_HEADER, type CodecCaseAccess } from './codec-case-access';

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
  /** Whether the caller may see the cases decoded payloads name (codecCaseAccess(db)); needed when requireAuth. */
  caseAccess?: CodecCaseAccess;
}

// Base64 text, unpatterned: a pattern is too much for schemathesis's generator, and text that is
// not base64 decodes to bytes that do not decrypt, which is a 400 codec_failed.
const base64 = z.string().describe('base64');
const payloadSchema = z
  .object({
    metadata: z.record(z.string(), base64).optional().describe('Each value base64'),
    data: base64.optional(),
  })
  .describe('A Temporal payload, as the UI sends it');
// Inline, not a named component: as input and as output zod writes it differently.
const payloadsSchema = z.object({ payloads: z.array(payloadSchema).max(1000) });

const codecOperation = (op: 'encode' | 'decode') =>
  operation({
    method: 'post',
    path: `/${op}`,
    operationId: `${op}Payloads`,
    summary: op === 'decode' ? 'Decrypt payloads for the Temporal UI (PSD and ops only)' : 'Encrypt payloads (PSD and ops only)',
    body: payloadsSchema,
    bodyLimit: '4mb',
    responses: {
      200: { description: `The ${op}d payloads, in order`, schema: payloadsSchema },
      400: errors(`Validation failed, malformed JSON, or payloads that do not ${op}`, [...BAD_INPUT_CODES, 'codec_failed']),
      401: errors('No valid credentials (bearer token or casework session)', ['unauthenticated']),
      403: errors(op === 'decode' ? 'Not PSD or ops, or the payloads belong to a case the caller may not see' : 'Not PSD or ops', ['forbidden']),
      503: COMMON_ERRORS[503],
    },
  });

export function codecRouter(opts: CodecServerOptions & { log?: Logger }): Router {
  const codec = new EncryptionCodec(opts.payloadKey);
  const log = opts.log ?? createLogger('codec');
  const router = express.Router();
  router.use((req, res, next) => {
    const origin = req.headers.origin;
    if (origin && opts.allowedOrigins.includes(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', `content-type, x-namespace, authorization, ${WORKFLOW_ID_HEADER}`);
      res.setHeader('Vary', 'Origin');
    }
    if (req.method === 'OPTIONS') return void res.sendStatus(204);
    next();
  });
  const authorised: express.RequestHandler = async (req, res, next) => {
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
    res.locals.codecActor = actor;
    next();
  };
  const api = new Api({ onResponseDrift: (o, status, problem) => log.error({ operationId: o.operationId, status, problem }, 'answer outside its documented schema') });
  for (const op of ['encode', 'decode'] as const) {
    api.route(codecOperation(op), authorised, async ({ body }, req, res) => {
      let out: Payload[];
      try {
        out = await codec[op](body.payloads.map(toPayload));
      } catch (err) {
        // An unknown key id is worth saying (it names no secret); other failures are not detailed.
        const message = err instanceof UnknownPayloadKeyError ? err.message : `could not ${op} the payloads`;
        return reply(400, { error: 'codec_failed', message } as const);
      }
      const actor = res.locals.codecActor as Actor | undefined;
      if (op === 'decode' && opts.requireAuth && actor) {
        if (!opts.caseAccess) throw new Error('codec: requireAuth needs caseAccess');
        const decision = await opts.caseAccess(actor, casesNamed(req.get(WORKFLOW_ID_HEADER), out));
        if (!decision.allowed) return reply(403, { error: 'forbidden', message: decision.message } as const);
      }
      return reply(200, { payloads: out.map(toJson) });
    });
  }
  serveOpenApi(api, {
    title: 'Probity codec server',
    version: '1.0.0',
    description: "The Temporal UI's remote codec endpoint: decrypts workflow payloads for people allowed to see them. Credentials: a casework session cookie or a bearer token.",
    serverUrl: '/codec',
    securitySchemes: { bearerAuth: bearerAuthScheme },
    security: [...BEARER, {}],
  });
  router.use(api.router());
  router.use(notFound);
  router.use(errorHandler(log));
  return router;
}
