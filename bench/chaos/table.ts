// The fault table, as Markdown (readable in a terminal, pasteable into BENCHMARKS.md).
import type { Row } from './checks';

const COLUMNS: { title: string; cell: (r: Row) => string }[] = [
  { title: 'fault (kill -9)', cell: (r) => r.fault },
  { title: 'cases', cell: (r) => String(r.cases) },
  { title: 'accepted', cell: (r) => String(r.accepted) },
  { title: 'lost', cell: (r) => String(r.lost) },
  { title: 'duplicated', cell: (r) => String(r.duplicated) },
  { title: 'seconds to recover', cell: (r) => (Number.isFinite(r.recoverSeconds) ? r.recoverSeconds.toFixed(1) : '—') },
];

export function faultTable(rows: Row[]): string {
  const total: Row = {
    fault: '**total**',
    cases: rows.reduce((s, r) => s + r.cases, 0),
    accepted: rows.reduce((s, r) => s + r.accepted, 0),
    lost: rows.reduce((s, r) => s + r.lost, 0),
    duplicated: rows.reduce((s, r) => s + r.duplicated, 0),
    recoverSeconds: NaN,
  };
  const body = [...rows, total].map((r) => COLUMNS.map((c) => c.cell(r)));
  const widths = COLUMNS.map((c, i) => Math.max(c.title.length, ...body.map((b) => b[i]!.length)));
  // Text left, numbers right (GitHub's alignment row says the same).
  const pad = (s: string, i: number) => (i === 0 ? s.padEnd(widths[i]!) : s.padStart(widths[i]!));
  const line = (cells: string[]) => `| ${cells.map(pad).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? ` ${'-'.repeat(w)} ` : ` ${'-'.repeat(w - 1)}: `)).join('|')}|`;
  return [line(COLUMNS.map((c) => c.title)), rule, ...body.map(line)].join('\n');
}
