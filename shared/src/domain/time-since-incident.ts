/**
 * A complaint made more than 12 months after the incident it is about is not refused — the duty
 * to record has no time limit — but the delay is one of the things the handling decision weighs
 * (IOPC statutory guidance, 2020: a complaint made more than 12 months after the incident without
 * good reason for the delay). Probity flags it so the assessor must say how it was weighed.
 */
import { addMonths, type IsoDate } from './civil-date';
import { toLondonDate, type Anchor } from './london-time';

export const LATE_COMPLAINT_MONTHS = 12;

/** Whole months from the incident to receipt, when that is more than 12; undefined when not (or the date is unknown). */
export function lateComplaint(incidentOn: IsoDate | undefined, receivedAt: Anchor): { incidentOn: IsoDate; monthsAfter: number } | undefined {
  if (!incidentOn) return undefined;
  const receivedOn = toLondonDate(receivedAt);
  if (receivedOn <= addMonths(incidentOn, LATE_COMPLAINT_MONTHS)) return undefined;
  let months = LATE_COMPLAINT_MONTHS;
  while (addMonths(incidentOn, months + 1) < receivedOn) months += 1;
  return { incidentOn, monthsAfter: months };
}
