// How dates and codes read on a page: London time, GOV.UK style ("3 March 2026", "3 March 2026 at 2:05pm").
// The hour runs 1–12 (h12): en-GB's own 12-hour clock (h11) would write 12:46pm as "0:46pm".
const LONDON = 'Europe/London';

const toDate = (v: Date | string | number | null | undefined): Date | undefined => {
  if (v === null || v === undefined || v === '') return undefined;
  const d = v instanceof Date ? v : new Date(typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T12:00:00Z` : v);
  return Number.isNaN(d.getTime()) ? undefined : d;
};

export function formatDate(v: Date | string | number | null | undefined): string {
  const d = toDate(v);
  return d ? new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, day: 'numeric', month: 'long', year: 'numeric' }).format(d) : '';
}

export function formatDateTime(v: Date | string | number | null | undefined): string {
  const d = toDate(v);
  if (!d) return '';
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, hour: 'numeric', minute: '2-digit', hourCycle: 'h12' })
    .format(d)
    .replace(' ', '')
    .toLowerCase();
  return `${formatDate(d)} at ${time}`;
}

/** 'first-contact' → 'First contact'; 'psd-handler' → 'PSD handler'. */
export function humanise(code: string | null | undefined): string {
  if (!code) return '';
  const [head, ...rest] = String(code).split(':');
  if (rest.length) return `${humanise(head)}: ${humanise(rest.join(':')).toLowerCase()}`;
  const words = String(code)
    .split(/[-_]/)
    .filter(Boolean)
    .map((w) => (['psd', 'iopc', 'rprp', 'sla', 'cm', 'co', 'hq'].includes(w.toLowerCase()) ? w.toUpperCase() : w.toLowerCase()));
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
