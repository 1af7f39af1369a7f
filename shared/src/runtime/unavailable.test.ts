import { describe, expect, it } from 'vitest';
import { isDependencyUnavailable } from './unavailable';

const withCode = (message: string, code: unknown, cause?: unknown) => Object.assign(new Error(message, { cause }), { code });

describe('isDependencyUnavailable: a dependency away, not a fault of the work', () => {
  it('knows a database that cannot be reached or is restarting, at any depth of causes', () => {
    expect(isDependencyUnavailable(withCode('Can\'t reach database server at 127.0.0.1:5433', 'P1001'))).toBe(true);
    expect(isDependencyUnavailable(new Error('query failed', { cause: withCode('connect ECONNREFUSED 127.0.0.1:5433', 'ECONNREFUSED') }))).toBe(true);
    expect(isDependencyUnavailable(withCode('the database system is starting up', '57P03'))).toBe(true);
    expect(isDependencyUnavailable(new Error('FATAL: terminating connection due to administrator command'))).toBe(true);
  });

  it('knows Temporal and Kafka not answering', () => {
    expect(isDependencyUnavailable(withCode('14 UNAVAILABLE: No connection established', 14))).toBe(true);
    expect(isDependencyUnavailable(Object.assign(new Error('Connection error: connect ECONNREFUSED'), { name: 'KafkaJSConnectionError', retriable: true }))).toBe(true);
  });

  it('leaves everything else to be counted, so a poison message is still parked', () => {
    expect(isDependencyUnavailable(withCode('Unique constraint failed on the fields: (`id`)', 'P2002'))).toBe(false);
    expect(isDependencyUnavailable(withCode('3 INVALID_ARGUMENT: bad request', 3))).toBe(false);
    expect(isDependencyUnavailable(new Error('not in the case record'))).toBe(false);
    expect(isDependencyUnavailable(undefined)).toBe(false);
    const loop: Error & { cause?: unknown } = new Error('loops');
    loop.cause = loop;
    expect(isDependencyUnavailable(loop)).toBe(false);
  });
});
