// Per-IP rate limits for the public, unauthenticated endpoints and pages. Standard RateLimit
// headers (IETF draft 8) on every answer; at the limit a 429 with Retry-After: JSON for the API,
// or the page `onLimited` renders.
import { rateLimit } from 'express-rate-limit';
import type { RequestHandler, Response } from 'express';

export function perMinuteLimit(name: string, limit: number, onLimited?: (res: Response) => void): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit,
    identifier: name,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, res, _next, options) => {
      res.status(options.statusCode);
      if (onLimited) return onLimited(res);
      res.json({ error: 'rate_limited', message: `too many requests: at most ${limit} a minute; try again later` });
    },
  });
}

/** The headers every rate-limited answer carries, for the OpenAPI document. */
export const rateLimitHeaders = {
  RateLimit: { description: 'IETF draft-8 RateLimit header: remaining quota and reset', schema: { type: 'string' } },
  'RateLimit-Policy': { description: 'IETF draft-8 RateLimit-Policy header', schema: { type: 'string' } },
};
