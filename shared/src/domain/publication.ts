/**
 * Publication of misconduct hearing outcomes (DOMAIN.md "Access, conflicts…" → Publication; PEEL:
 * "publishes full details of misconduct cases"): a hearing's outcome — the officer's name and rank
 * unless an exception is recorded with its reason, the finding, the sanction, the date — is shown
 * on the force's public site and the intranet for a period (default 28 days), then withdrawn.
 * Meetings, reflective practice and anything sealed (§3.3.9) are never published.
 */
import { addCalendarDays, type IsoDate } from './civil-date';

/** Default publication period in calendar days (DOMAIN.md: *default* 28 days). */
export const DEFAULT_PUBLICATION_PERIOD_DAYS = 28;

/** The forms of proceedings whose outcome is published: hearings only, never a meeting. */
export const PUBLISHED_FORMS = ['misconduct-hearing', 'accelerated-hearing'] as const;

export interface OutcomeToPublish {
  /** 'misconduct-meeting' | 'misconduct-hearing' | 'accelerated-hearing' */
  form: string;
  /** 'misconduct' | 'gross-misconduct' | anything else (not-proven, practice-requiring-improvement…) */
  finding: string;
  /** The appropriate authority's decision on the outcome task. */
  publish: boolean;
  /** Conduct reg 45 appeal result, where there was one. */
  appealResult?: string | null;
}

export type PublicationDecision = { publish: true } | { publish: false; because: string };

/** Whether a proceedings outcome is published, and if not, why not (the reason cites the rule). */
export function publicationDecision(o: OutcomeToPublish): PublicationDecision {
  if (!(PUBLISHED_FORMS as readonly string[]).includes(o.form)) {
    return { publish: false, because: `the outcome of a ${o.form.replaceAll('-', ' ')} is not published: only misconduct hearings are (DOMAIN.md "Publication")` };
  }
  if (o.finding !== 'misconduct' && o.finding !== 'gross-misconduct') {
    return { publish: false, because: `a finding of ${o.finding.replaceAll('-', ' ')} is not published: only misconduct and gross misconduct are (reflective practice never is, §3.3.9)` };
  }
  if (o.appealResult === 'finding-overturned') return { publish: false, because: 'the finding was overturned on appeal' };
  if (!o.publish) return { publish: false, because: 'the appropriate authority decided that the outcome is not to be published' };
  return { publish: true };
}

export interface PublicationPeriod {
  /** The first day it is shown. */
  publishFrom: IsoDate;
  /** The day it is withdrawn (at 00:00 London time): shown on `periodDays` days, publishFrom included. */
  withdrawOn: IsoDate;
}

/** The days an outcome is shown: from publishFrom for periodDays calendar days. */
export function publicationPeriod(publishFrom: IsoDate, periodDays: number): PublicationPeriod {
  if (!Number.isInteger(periodDays) || periodDays < 1) throw new RangeError(`a publication period is a whole number of days, at least 1 (got ${periodDays})`);
  return { publishFrom, withdrawOn: addCalendarDays(publishFrom, periodDays) };
}

/** Whether a publication is shown on a day (London date). */
export function isShownOn(p: PublicationPeriod, day: IsoDate): boolean {
  return day >= p.publishFrom && day < p.withdrawOn;
}
