// Security headers for every page: a strict Content-Security-Policy (scripts only from our own
// origin, plus the one inline line GOV.UK Frontend's template needs, by nonce), no framing, no
// referrer leaking a case reference, and `Cache-Control: no-store` — pages show personal data.
import { randomBytes } from 'node:crypto';
import type { RequestHandler } from 'express';

export interface SecurityHeaderOptions {
  /** Other origins forms may post or redirect to (the OpenID provider for sign-in and sign-out). */
  formTargets?: string[];
  /** Send Strict-Transport-Security (when served over https). */
  hsts?: boolean;
}

export function securityHeaders(opts: SecurityHeaderOptions = {}): RequestHandler {
  const formAction = ["'self'", ...(opts.formTargets ?? [])].join(' ');
  return (_req, res, next) => {
    const nonce = randomBytes(16).toString('base64');
    res.locals.cspNonce = nonce;
    res.set({
      'Content-Security-Policy': [
        "default-src 'self'",
        `script-src 'self' 'nonce-${nonce}'`,
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        `form-action ${formAction}`,
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
      ].join('; '),
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
      'Cache-Control': 'no-store',
      ...(opts.hsts ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
    });
    next();
  };
}
