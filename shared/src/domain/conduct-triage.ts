/**
 * Conduct matters (DOMAIN.md table 2): where a supervisor's concern goes (§3.3.4–§3.3.7),
 * what PSD's severity assessment can conclude (§3.3.1–§3.3.2, §3.3.8), and which
 * proceedings, sanctions and appeals follow (Conduct regs).
 */
import { z } from 'zod';
import { canRequestFormalAssessment, rankBelow, type Person } from './ranks';

// ── Supervisor's initial view ─────────────────────────────────────────────────────────────

export const SUPERVISOR_VIEWS = ['clearly-not-misconduct', 'on-the-cusp', 'possible-misconduct'] as const;
export const supervisorViewSchema = z.enum(SUPERVISOR_VIEWS);
export type SupervisorView = z.infer<typeof supervisorViewSchema>;

export interface ConductConcern {
  view: SupervisorView;
  /** For 'on-the-cusp': has the supervisor already discussed it with their chief inspector? */
  discussedWithChiefInspector?: boolean;
  /** For 'possible-misconduct': who is asking PSD for a formal assessment. */
  requester?: Person;
  /**
   * PSD, acting for the appropriate authority, raised it with its source (issue 13): §3.3.5's
   * "should come via" a chief inspector is the routing for supervisors, not a bar on PSD.
   */
  openedByPsd?: boolean;
}

export type TriageRoute =
  | { route: 'local-reflective-practice'; psdContact: false; basis: '§3.3.7'; explanation: string }
  | { route: 'discuss-with-chief-inspector'; psdContact: false; basis: '§3.3.4'; explanation: string }
  | { route: 'seek-psd-advice'; psdContact: true; basis: '§3.3.4'; explanation: string }
  | { route: 'request-formal-assessment'; psdContact: true; basis: '§3.3.5'; explanation: string }
  | { route: 'formal-assessment-refused'; psdContact: false; basis: '§3.3.5'; explanation: string };

/**
 * Clearly not misconduct → reflective practice locally, no PSD (§3.3.7). On the cusp → the
 * chief inspector first; if it is still uncertain after that, PSD advice (§3.3.4). Possible
 * misconduct → a formal assessment request, accepted only via a chief inspector or above (§3.3.5).
 */
export function triageConductConcern(concern: ConductConcern): TriageRoute {
  switch (concern.view) {
    case 'clearly-not-misconduct':
      return {
        route: 'local-reflective-practice',
        psdContact: false,
        basis: '§3.3.7',
        explanation: 'Substandard conduct that is clearly not misconduct is dealt with locally as reflective practice, without contacting PSD.',
      };
    case 'on-the-cusp':
      return concern.discussedWithChiefInspector === true
        ? {
            route: 'seek-psd-advice',
            psdContact: true,
            basis: '§3.3.4',
            explanation: 'Still uncertain after discussion with the chief inspector: seek advice from PSD.',
          }
        : {
            route: 'discuss-with-chief-inspector',
            psdContact: false,
            basis: '§3.3.4',
            explanation: 'On the cusp of misconduct: discuss it with your chief inspector first.',
          };
    case 'possible-misconduct': {
      if (concern.openedByPsd === true) {
        return {
          route: 'request-formal-assessment',
          psdContact: true,
          basis: '§3.3.5',
          explanation:
            'PSD, acting for the appropriate authority, opens the severity assessment; requests from supervisors should come via a chief inspector or above (§3.3.5), which is force policy, not a bar on PSD.',
        };
      }
      if (!concern.requester) {
        return {
          route: 'formal-assessment-refused',
          psdContact: false,
          basis: '§3.3.5',
          explanation: 'A formal assessment request must name the requesting officer (chief inspector or above, §3.3.5).',
        };
      }
      const permission = canRequestFormalAssessment(concern.requester);
      return permission.allowed
        ? {
            route: 'request-formal-assessment',
            psdContact: true,
            basis: '§3.3.5',
            explanation: 'Request PSD to assess the conduct formally.',
          }
        : { route: 'formal-assessment-refused', psdContact: false, basis: '§3.3.5', explanation: permission.reason };
    }
  }
}

// ── PSD severity assessment ───────────────────────────────────────────────────────────────

export const SEVERITY_OUTCOMES = [
  'no-further-action',
  /** PRI: reflective practice review process (RPRP) directed by PSD with instructions, §3.3.8. */
  'practice-requiring-improvement',
  /** §3.3.1: a breach so serious as to justify disciplinary proceedings. */
  'misconduct',
  'gross-misconduct',
] as const;

export const MANAGEMENT_ADVICE_REMOVED =
  "'management-advice' no longer exists: it was removed from the outcomes available (§3.3.2). " +
  "Use 'practice-requiring-improvement' for reflective practice, or 'no-further-action'.";

export const severityOutcomeSchema = z.enum(SEVERITY_OUTCOMES, {
  error: (issue) => (issue.input === 'management-advice' ? MANAGEMENT_ADVICE_REMOVED : undefined),
});
export type SeverityOutcome = z.infer<typeof severityOutcomeSchema>;

/** What follows each severity outcome. */
export function severityConsequence(outcome: SeverityOutcome): {
  disciplinaryProceedings: boolean;
  next: 'close' | 'reflective-practice-review' | 'investigation';
  explanation: string;
} {
  switch (outcome) {
    case 'no-further-action':
      return { disciplinaryProceedings: false, next: 'close', explanation: 'No further action.' };
    case 'practice-requiring-improvement':
      return {
        disciplinaryProceedings: false,
        next: 'reflective-practice-review',
        explanation:
          'Reflective practice review process with PSD instructions (§3.3.8); not a disciplinary outcome and no bar to promotion (§3.3.9).',
      };
    case 'misconduct':
    case 'gross-misconduct':
      return {
        disciplinaryProceedings: true,
        next: 'investigation',
        explanation: 'Investigate; the officer is given notice and may respond (Conduct reg 18).',
      };
  }
}

// ── Proceedings, sanctions, appeal ────────────────────────────────────────────────────────

export const PROCEEDINGS_FORMS = ['misconduct-meeting', 'misconduct-hearing', 'accelerated-hearing'] as const;
export const proceedingsFormSchema = z.enum(PROCEEDINGS_FORMS);
export type ProceedingsForm = z.infer<typeof proceedingsFormSchema>;

/**
 * The form of proceedings after a case to answer: a meeting for misconduct; a hearing for
 * gross misconduct, or for misconduct by an officer already on a live final written warning;
 * an accelerated hearing when the special conditions are met (gross misconduct only).
 */
export function proceedingsFormFor(finding: {
  severity: 'misconduct' | 'gross-misconduct';
  liveFinalWrittenWarning?: boolean;
  specialConditionsMet?: boolean;
}): ProceedingsForm {
  if (finding.severity === 'gross-misconduct') {
    return finding.specialConditionsMet === true ? 'accelerated-hearing' : 'misconduct-hearing';
  }
  return finding.liveFinalWrittenWarning === true ? 'misconduct-hearing' : 'misconduct-meeting';
}

export const SANCTIONS = ['written-warning', 'final-written-warning', 'reduction-in-rank', 'dismissal-without-notice'] as const;
export type Sanction = (typeof SANCTIONS)[number];

const SANCTIONS_BY_FORM: Record<ProceedingsForm, readonly Sanction[]> = {
  // Management advice is gone (§3.3.2): a meeting starts at a written warning.
  'misconduct-meeting': ['written-warning', 'final-written-warning'],
  'misconduct-hearing': ['written-warning', 'final-written-warning', 'reduction-in-rank', 'dismissal-without-notice'],
  // Accelerated hearings are for gross misconduct only, where a written warning is not open (Conduct reg 42).
  'accelerated-hearing': ['final-written-warning', 'reduction-in-rank', 'dismissal-without-notice'],
};

export interface SanctionContext {
  /** Who is before the proceedings: reduction in rank needs an officer above constable. */
  subject?: Person;
  /** A hearing's finding: for gross misconduct a written warning is not available (Conduct reg 42). */
  finding?: 'misconduct' | 'gross-misconduct';
}

/**
 * Disciplinary sanctions a form of proceedings may impose (meeting: written warning, final
 * written warning; hearing adds reduction in rank and dismissal without notice). Reduction in
 * rank is dropped for police staff (no rank) and for a constable (no rank below).
 */
export function sanctionsAvailable(form: ProceedingsForm, context: SanctionContext = {}): Sanction[] {
  const { subject, finding } = context;
  return SANCTIONS_BY_FORM[form].filter((s) => {
    if (s === 'reduction-in-rank' && subject !== undefined) {
      return subject.kind === 'officer' && rankBelow(subject.rank) !== null;
    }
    if (s === 'written-warning' && finding === 'gross-misconduct') return false;
    return true;
  });
}

export type AppealRoute =
  | { available: true; basis: 'Conduct reg 45'; notice: string }
  | { available: false; reason: string };

/**
 * Conduct reg 45 internal appeal: only from a misconduct meeting, by written notice within the
 * policy's appeal-notice period (7 working days) of the outcome report — see appealNoticeDue.
 */
export function appealAvailable(form: ProceedingsForm): AppealRoute {
  if (form === 'misconduct-meeting') {
    return {
      available: true,
      basis: 'Conduct reg 45',
      notice: 'Written notice of appeal within 7 working days of receiving the outcome report.',
    };
  }
  return {
    available: false,
    reason: `There is no internal appeal from a ${form.replaceAll('-', ' ')} under Conduct reg 45; an appeal lies to the Police Appeals Tribunal.`,
  };
}
