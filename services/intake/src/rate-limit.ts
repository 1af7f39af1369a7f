// Per-client rate limits for the public, unauthenticated endpoints and pages, counted in Postgres
// so they hold across replicas. The client is req.ip: the socket's address, or the one the trusted
// proxy (INTAKE_TRUST_PROXY, express 'trust proxy') put in X-Forwarded-For — never a header an
// untrusted client sent. Standard RateLimit headers (IETF draft 8) on every answer; at the limit a
// 429 with Retry-After: JSON naming when to retry for the API, or the page `onLimited` renders.
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { RequestHandler, Response } from 'express';
import type { Db } from '@probity/shared/db/client';
import { addressHasher, PostgresRateLimitStore } from '@probity/shared/http/rate-limit-store';

const WINDOW_MS = 60_000;

/** Makes a named per-minute limiter; limiters from one factory (one secret, one database) share counts across instances. */
export type PerMinuteLimit = (name: string, limit: number, onLimited?: (res: Response) => void) => RequestHandler;

export function perMinuteLimits(db: Db, secret: string): PerMinuteLimit {
  const hash = addressHasher(secret);
  return (name, limit, onLimited) =>
    rateLimit({
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
