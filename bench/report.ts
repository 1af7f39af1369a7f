// One table for every figure: Probity's, its limit, and the raw infrastructure figure measured in
// the same run, with their ratio. Benchmarks print; they never fail a build.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Figure {
  item: string;
  what: string;
  probity: number;
  raw?: number;
  unit: string;
  /** The target, as words ("≥ 0.8× raw", "< 200 ms"). */
  limit: string;
  /** How to read the ratio: higher is better (rates) or lower is better (times, memory). */
  better: 'higher' | 'lower';
  note?: string;
}

const figures: Figure[] = [];

const fmt = (n: number | undefined, unit: string) =>
  n === undefined || Number.isNaN(n) ? '—' : `${n >= 100 ? Math.round(n).toLocaleString('en-GB') : n.toFixed(n >= 10 ? 1 : 2)} ${unit}`;

export function ratio(f: Figure): string {
  if (f.raw === undefined || f.raw === 0 || Number.isNaN(f.raw)) return '—';
  return `${(f.probity / f.raw).toFixed(2)}×`;
}

export function record(f: Figure): void {
  figures.push(f);
  console.log(`  ${f.what.padEnd(58)} ${fmt(f.probity, f.unit).padStart(14)}  raw ${fmt(f.raw, f.unit).padStart(14)}  ${ratio(f).padStart(7)}  limit ${f.limit}${f.note ? `  (${f.note})` : ''}`);
}

export function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()}, node ${process.version}`;
}

/** The whole run as Markdown rows (for BENCHMARKS.md) and JSON, under .data/bench/. */
export function writeReport(root: string, startedAt: Date, seconds: number): string {
  const dir = join(root, '.data/bench');
  mkdirSync(dir, { recursive: true });
  const rows = figures.map((f) => `| ${f.item} | ${f.what} | ${fmt(f.probity, f.unit)} | ${fmt(f.raw, f.unit)} | ${ratio(f)} | ${f.limit} |`);
  const md = [
    `Run ${startedAt.toISOString()} on ${machine()}, ${Math.round(seconds)} s in all.`,
    '',
    '| # | figure | Probity | raw | ratio | limit |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
  writeFileSync(join(dir, 'last.md'), md);
  writeFileSync(join(dir, 'last.json'), JSON.stringify({ startedAt, seconds, machine: machine(), figures }, null, 1));
  return join(dir, 'last.md');
}

/** Milliseconds each of `times` sequential calls of fn took. */
export async function timed(times: number, fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < times; i++) {
    const s = performance.now();
    await fn();
    out.push(performance.now() - s);
  }
  return out;
}

/** p-quantile of unsorted numbers (nearest rank). */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

/** Runs fn over items with at most `concurrency` at once. */
export async function pool<T>(items: readonly T[], concurrency: number, fn: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i]!, i);
      }
    }),
  );
}
