// The run's findings in words: the table, the global checks, and each complaint that failed one.
import { cpus } from 'node:os';
import type { ChaosResult } from './fault';
import { faultTable } from './table';

export function report(r: ChaosResult, run: { complaints: number; startedAt: Date; seconds: number }): string {
  const failed = r.verdicts.filter((v) => v.lost.length || v.duplicated.length);
  return [
    `Fault injection, ${run.startedAt.toISOString()}: ${run.complaints} complaints on ${cpus().length} cores, ${Math.round(run.seconds)} s in all.`,
    '',
    faultTable(r.rows),
    '',
    `Outbox rows left unpublished: ${r.unpublishedOutbox}. Events on the dead-letter topic: ${r.parked.length}.`,
    ...r.parked.slice(0, 20).map((p) => `  parked: ${p.originalTopic} ${p.eventId ?? '?'} by ${p.consumerGroup}: ${p.reason}`),
    ...failed.slice(0, 50).map((v) => `  complaint ${v.n}: ${[...v.lost.map((l) => `lost: ${l}`), ...v.duplicated.map((d) => `duplicated: ${d}`)].join('; ')}`),
  ].join('\n');
}
