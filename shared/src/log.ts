import { pino, type Logger } from 'pino';

// Structured JSON logs, one line per event. Personal data must never reach a log line: the
// paths below are censored wherever they appear, as a safety net behind careful call sites.
const REDACT = [
  'complainant', '*.complainant', 'email', '*.email', 'phone', '*.phone', 'address', '*.address',
  'name', '*.name', 'password', 'token', '*.token', 'authorization', '*.authorization',
  'req.headers.authorization', 'headers.authorization', 'account', '*.account', 'description', '*.description',
];

export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    level,
    base: { service },
    redact: { paths: REDACT, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}

export type { Logger };
