// Per-client rate limits for the public, unauthenticated endpoints and pages, counted in Postgres
// so they hold across replicas. The client is req.ip: the socket's address, or the one the trusted
// proxy (INTAKE_TRUST_PROXY, express 'trust proxy') put in X-Forwarded-For — never a header an
// untrusted client sent. Standard RateLimit headers (IETF draft 8) on every answer; at the limit a
// 429 with Retry-After: JSON naming when to retry for the API, or the page `onLimited` renders.
//
// When the count cannot be had (Postgres down), the answer is 503 with Retry-After — JSON
// `unavailable` for the API, the page `onUnavailable` renders — and a logged warning; never a
// 500, and never failing open: accepting a complaint, its session and its progress all need
// Postgres anyway, so letting the request past the limiter would only fail it later, uncounted.
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { RequestHandler, Response } from 'express';
import { z } from 'zod';
import type { Db } from '@probity/shared/db/client';
import type { Logger } from '@probity/shared/log';
import { safeErrorFields } from '@probity/shared/http/errors';
import { errors } from '@probity/shared/http/openapi';
import { addressHasher, PostgresRateLimitStore } from '@probity/shared/http/rate-limit-store';

const WINDOW_MS = 60_000;
/** How long a client is asked to wait when the count is unavailable: Postgres back from a restart. */
export const UNAVAILABLE_RETRY_SECONDS = 30;

/** The pages' answers: at the limit (429), and when the count is unavailable (503). */
export interface LimitPages {
  onLimited: (res: Response) => void;
  onUnavailable: (res: Response) => void;
}

/** Makes a named per-minute limiter; limiters from one factory (one secret, one database) share counts across instances. */
export type PerMinuteLimit = (name: string, limit: number, pages?: LimitPages) => RequestHandler;

export function perMinuteLimits(db: Db, secret: string, log: Logger): PerMinuteLimit {
  const hash = addressHasher(secret);
  return (name, limit, pages) => {
    const limiter = rateLimitOf(name, limit, pages?.onLimited);
    // express-rate-limit hands a store's error to next(); it is answered here, not by the 500 handler.
    return (req, res, next) =>
      void limiter(req, res, (err?: unknown) => {
        if (err === undefined || err === 'route' || err === 'router') return next(err as undefined);
        log.warn({ limiter: name, ...safeErrorFields(err) }, 'rate limit count unavailable; answered 503');
        res.status(503).set('Retry-After', String(UNAVAILABLE_RETRY_SECONDS));
        if (pages) return pages.onUnavailable(res);
        res.json({ error: 'unavailable', message: 'the service cannot take requests just now; try again shortly', retryAfterSeconds: UNAVAILABLE_RETRY_SECONDS });
      });
  };

  function rateLimitOf(name: string, limit: number, onLimited?: (res: Response) => void): RequestHandler {
    return rateLimit({
      windowMs: WINDOW_MS,
      limit,
      identifier: name,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      store: new PostgresRateLimitStore(db, name),
      // IPv6 clients are counted by /56 (one household or host gets many addresses), then hashed.
      keyGenerator: (req) => hash(ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? 'unknown')),
      // An X-Forwarded-For from a client that is not a trusted proxy is ignored, by design (see
      // intake-config.ts): not a misconfiguration for the library to report on every start.
      validate: { xForwardedForHeader: false },
      handler: (req, res, _next, options) => {
        res.status(options.statusCode);
        if (onLimited) return onLimited(res);
        const resetTime = (req as typeof req & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
        const retryAfterSeconds = resetTime ? Math.max(0, Math.ceil((resetTime.getTime() - Date.now()) / 1000)) : WINDOW_MS / 1000;
        res.json({ error: 'rate_limited', message: `too many requests: at most ${limit} a minute; try again later`, retryAfterSeconds });
      },
    });
  }
}

/** The headers every rate-limited answer carries, for the OpenAPI document. */
export const rateLimitHeaders = {
  RateLimit: { description: 'IETF draft-8 RateLimit header: remaining quota and reset', schema: { type: 'string' } },
  'RateLimit-Policy': { description: 'IETF draft-8 RateLimit-Policy header', schema: { type: 'string' } },
};

/** A 429's headers: the above and Retry-After, in seconds. */
export const limitedHeaders = {
  ...rateLimitHeaders,
  'Retry-After': { description: 'Seconds until the limit resets', schema: { type: 'integer' } },
};

/** A rate-limited route's 503: the count (Postgres) did not answer. */
export const unavailableAnswer = {
  ...errors('The service could not count the request (its database did not answer); try again after Retry-After', ['unavailable'], {
    retryAfterSeconds: z.number().int().min(0).describe('Seconds to wait before trying again (as Retry-After)'),
  }),
  headers: { 'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer' } } },
};
