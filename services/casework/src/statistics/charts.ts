// Charts drawn on the server as SVG (no JavaScript needed): horizontal bars, this period beside
// the same period last year. Each chart is an image with a text alternative and always sits next
// to the table of its numbers (the table is the accessible form; the chart is for looking).
// Presentation attributes only — the pages' CSP allows no inline style.

export interface Bar {
  label: string;
  value: number | null;
  /** The same period last year, drawn as a thinner grey bar under it */
  lastYear?: number | null;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const fmt = (v: number | null) => (v === null ? 'none' : String(v));

const BLUE = '#1d70b8';
const GREY = '#b1b4b6';
const TEXT = '#0b0c0c';

/** A horizontal bar chart; `id` names its title for aria-labelledby. */
export function barChart(opts: { id: string; title: string; bars: readonly Bar[]; unit?: string; thisLabel?: string; lastYearLabel?: string }): string {
  const withLastYear = opts.bars.some((b) => b.lastYear !== undefined);
  const labelWidth = 300;
  const barArea = 340;
  const rowHeight = withLastYear ? 40 : 26;
  const top = withLastYear ? 28 : 8;
  const height = top + opts.bars.length * rowHeight + 8;
  const width = labelWidth + barArea + 70;
  const max = Math.max(1, ...opts.bars.flatMap((b) => [b.value ?? 0, b.lastYear ?? 0]));
  const scale = (v: number | null) => Math.round(((v ?? 0) / max) * barArea);
  const unit = opts.unit ? ` ${opts.unit}` : '';
  const desc = opts.bars.map((b) => `${b.label}: ${fmt(b.value)}${unit}${withLastYear ? ` (last year ${fmt(b.lastYear ?? null)})` : ''}`).join('; ');
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="app-chart" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="${opts.id}-title ${opts.id}-desc" focusable="false">`,
    `<title id="${opts.id}-title">${esc(opts.title)}</title>`,
    `<desc id="${opts.id}-desc">${esc(desc)}</desc>`,
  ];
  if (withLastYear) {
    parts.push(
      `<rect x="${labelWidth}" y="6" width="14" height="14" fill="${BLUE}"/><text x="${labelWidth + 20}" y="18" font-size="14" fill="${TEXT}">${esc(opts.thisLabel ?? 'This period')}</text>`,
      `<rect x="${labelWidth + 160}" y="6" width="14" height="14" fill="${GREY}"/><text x="${labelWidth + 180}" y="18" font-size="14" fill="${TEXT}">${esc(opts.lastYearLabel ?? 'Same period last year')}</text>`,
    );
  }
  opts.bars.forEach((b, i) => {
    const y = top + i * rowHeight;
    parts.push(`<text x="${labelWidth - 8}" y="${y + 15}" font-size="14" text-anchor="end" fill="${TEXT}">${esc(b.label)}</text>`);
    parts.push(`<rect x="${labelWidth}" y="${y + 2}" width="${scale(b.value)}" height="18" fill="${BLUE}"/>`);
    parts.push(`<text x="${labelWidth + scale(b.value) + 6}" y="${y + 16}" font-size="14" fill="${TEXT}">${esc(fmt(b.value))}</text>`);
    if (withLastYear) {
      parts.push(`<rect x="${labelWidth}" y="${y + 23}" width="${scale(b.lastYear ?? null)}" height="10" fill="${GREY}"/>`);
      parts.push(`<text x="${labelWidth + scale(b.lastYear ?? null) + 6}" y="${y + 33}" font-size="12" fill="${TEXT}">${esc(fmt(b.lastYear ?? null))}</text>`);
    }
  });
  parts.push('</svg>');
  return parts.join('');
}
