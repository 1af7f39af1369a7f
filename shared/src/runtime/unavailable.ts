// Is this error a dependency being away (the database restarting, Temporal or a broker not
// answering) rather than anything wrong with the work itself? A consumer waits for such a
// dependency however long it takes instead of counting the failure against the message: parking
// an event on the dead-letter topic because PostgreSQL was restarting would leave an accepted
// complaint without its workflow until someone replayed it by hand (npm run chaos found it).
// Narrow on purpose: only connection-level failures, so a poison message is still parked.

/** Prisma's codes for "could not talk to the database" (not query errors). */
const PRISMA_UNREACHABLE = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
/** Node's socket errors. */
const SOCKET = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTCONN']);
/** PostgreSQL's SQLSTATEs of a server going away or not yet ready (class 08, 57P01–57P03). */
const PG_STATES = new Set(['08000', '08001', '08003', '08004', '08006', '57P01', '57P02', '57P03']);
const MESSAGES = [
  /can't reach database server/i,
  /server has closed the connection/i,
  /connection terminated/i,
  /terminating connection due to (administrator command|unexpected postmaster exit)/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /timed out fetching a new connection from the connection pool/i,
];
/** gRPC UNAVAILABLE: the Temporal server is not answering. */
const GRPC_UNAVAILABLE = 14;

export function isDependencyUnavailable(err: unknown): boolean {
  const seen = new Set<unknown>();
  for (let e: unknown = err; e && typeof e === 'object' && !seen.has(e); e = (e as { cause?: unknown }).cause) {
    seen.add(e);
    const { code, name, message, retriable } = e as { code?: unknown; name?: unknown; message?: unknown; retriable?: unknown };
    if (typeof code === 'string' && (PRISMA_UNREACHABLE.has(code) || SOCKET.has(code) || PG_STATES.has(code))) return true;
    if (code === GRPC_UNAVAILABLE) return true;
    // kafkajs marks its broker-connection failures as retriable.
    if (typeof name === 'string' && /^KafkaJS(Connection|NumberOfRetriesExceeded|RequestTimeout)Error$/.test(name) && retriable !== false) return true;
    if (typeof message === 'string' && MESSAGES.some((m) => m.test(message))) return true;
  }
  return false;
}
