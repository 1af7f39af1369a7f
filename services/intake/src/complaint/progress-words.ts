// Where a complaint stands, in the complainant's words: each stage of the complaint workflow
// (DOMAIN.md "Complaint") as a status and what happens next. The clocks quoted are the law's
// (C&M regs 29 and 34), not the force's internal targets.

export interface StageWords {
  /** A short status, e.g. "Being assessed". */
  status: string;
  /** What is happening now. */
  now: string;
  /** What happens next. */
  next: string;
  /** The complaint is finished with (closed, or resolved at first contact). */
  finished: boolean;
}

const REVIEW_RIGHT = 'If you are not satisfied with the outcome, you can ask for a review within 28 days of the day after we tell you the outcome.';

const STAGES: Record<string, StageWords> = {
  received: {
    status: 'Received',
    now: 'We have your complaint. It is being passed to the Professional Standards Department.',
    next: 'Someone from the Professional Standards Department will contact you to talk about your complaint.',
    finished: false,
  },
  'first-contact': {
    status: 'We are contacting you',
    now: 'Someone from the Professional Standards Department is getting in touch with you, in the way you asked us to.',
    next: 'They will talk to you about your complaint. It may be possible to put things right straight away.',
    finished: false,
  },
  'resolved-at-first-contact': {
    status: 'Resolved',
    now: 'Your complaint was resolved when we first talked to you about it.',
    next: 'Nothing more will happen unless you tell us you are not satisfied. Contact us and give your reference if you are not.',
    finished: true,
  },
  assessment: {
    status: 'Being assessed',
    now: 'The Professional Standards Department is deciding how your complaint should be handled.',
    next: 'We will tell you how your complaint will be handled and who will deal with it.',
    finished: false,
  },
  'iopc-referral': {
    status: 'Being considered for referral to the IOPC',
    now: 'We are deciding with the Independent Office for Police Conduct (IOPC) whether it should oversee or investigate your complaint.',
    next: 'We will tell you what has been decided and who will deal with your complaint.',
    finished: false,
  },
  allocation: {
    status: 'Being passed to the person who will deal with it',
    now: 'We are choosing who will deal with your complaint.',
    next: 'They will contact you. While they deal with your complaint, they will update you at least every 4 weeks.',
    finished: false,
  },
  handling: {
    status: 'Being dealt with',
    now: 'Someone is dealing with your complaint.',
    next: 'They will update you at least every 4 weeks until they have finished, and then tell you the outcome.',
    finished: false,
  },
  outcome: {
    status: 'Outcome being sent to you',
    now: 'A decision has been made about your complaint.',
    next: `We will write to you with the outcome. ${REVIEW_RIGHT}`,
    finished: false,
  },
  'review-window': {
    status: 'Outcome sent',
    now: 'We have told you the outcome of your complaint.',
    next: 'If you are not satisfied with the outcome, you can ask for a review. If you do not, your complaint will then be closed.',
    finished: false,
  },
  closed: { status: 'Closed', now: 'Your complaint has been closed.', next: 'Nothing more will happen.', finished: true },
};

/** Kept for the records retention period, then disposed of: to the complainant, closed. */
const AFTER_CLOSING = new Set(['retained', 'disposed']);

export function stageWords(stage: string): StageWords {
  if (AFTER_CLOSING.has(stage)) return STAGES.closed!;
  return (
    STAGES[stage] ?? {
      status: 'In progress',
      now: 'Your complaint is being dealt with.',
      next: 'We will contact you when there is news.',
      finished: false,
    }
  );
}

/** True while a review may still be asked for, as far as the page can tell (the workflow decides). */
export function reviewWindowOpen(stage: string, closesOn: string | undefined, today: string): boolean {
  return stage === 'review-window' && closesOn !== undefined && today <= closesOn;
}

/** A workflow's reason as a sentence on a page: a capital first letter, a full stop at the end. */
/**
 * A workflow's refusal of a review, for the complainant: the "not yet" refusal names an internal
 * stage ("is at stage first-contact"), so it is said in the stage's words; others as given.
 */
export function reviewRefusalInWords(reason: string): string {
  const notYet = /^no review can be requested while case (\S+) is at stage ([a-z-]+)$/.exec(reason.trim());
  const words = notYet ? STAGES[notYet[2]!] : undefined;
  if (!notYet || !words) return sentence(reason);
  return `You cannot ask for a review of complaint ${notYet[1]} yet: a review can be asked for only after we have told you the outcome. Where it stands now: ${words.status}.`;
}

export function sentence(text: string): string {
  const t = text.trim();
  return `${t.charAt(0).toUpperCase()}${t.slice(1)}${/[.!?]$/.test(t) ? '' : '.'}`;
}
