// Reviews received by review body and % upheld (DOMAIN.md "Statistics and their counting rules";
// "Relevant review body"). Received: applications made (appliedOn) in the period. Upheld: of the
// reviews the body decided in the period, those upheld (the outcome was not reasonable and
// proportionate) — a % of decisions, since an undecided review is neither.
import { REVIEW_BODIES } from '@probity/shared/domain/index';
import { percent } from '@probity/shared/domain/measures';
import { dateInPeriod, inPeriod, type Period } from './period';
import type { StatisticsRecord } from './record';

export interface ReviewFigures {
  body: string;
  received: number;
  decided: number;
  upheld: number;
  percentUpheld: number | null;
}

/** One line per review body (both listed, zeros too). */
export function reviewsByBody(r: StatisticsRecord, p: Period): ReviewFigures[] {
  return REVIEW_BODIES.map((body) => {
    const mine = r.reviews.filter((v) => v.body === body);
    const decided = mine.filter((v) => v.outcome !== null && inPeriod(v.decidedAt, p));
    const upheld = decided.filter((v) => v.outcome === 'upheld').length;
    return { body, received: mine.filter((v) => dateInPeriod(v.appliedOn, p)).length, decided: decided.length, upheld, percentUpheld: percent(upheld, decided.length) };
  });
}
