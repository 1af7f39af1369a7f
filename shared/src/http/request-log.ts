import type { RequestHandler } from 'express';
import type { Logger } from '../log';

/** Logs one line per request: method, route, status, duration. Never the query string (tokens). */
export function requestLog(log: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : '(unmatched)';
      log.info(
        { method: req.method, route, status: res.statusCode, ms: Number((process.hrtime.bigint() - started) / 1_000_000n) },
        'request',
      );
    });
    next();
  };
}
