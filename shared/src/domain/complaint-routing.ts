/**
 * Complaint routing (DOMAIN.md "routing" and "IOPC referral check"): must the complaint be
 * recorded under Schedule 3, and must it be referred to the IOPC? Each answer carries its
 * reasons so a case handler (and an auditor) can see why.
 */
import { z } from 'zod';
import { allegationCategorySchema, allegationSubCategorySchema, type AllegationSubCategory } from './allegation-codes';

/**
 * Abuse of position for a sexual purpose (or to pursue an improper emotional relationship)
 * is serious corruption in IOPC guidance, and PEEL expects the force to treat it so.
 */
export const SERIOUS_CORRUPTION_SUB_CATEGORIES: readonly AllegationSubCategory[] = [
  'abuse-of-position-for-sexual-purpose',
  'abuse-of-position-for-emotional-relationship',
];

/**
 * One allegation as assessed. The flags are the assessor's judgement ("appears to …") and
 * may raise an allegation whose category alone would not, e.g. a use-of-force allegation
 * that amounts to a serious assault. Absent flags mean false.
 */
export const allegationForRoutingSchema = z.object({
  id: z.string().min(1),
  category: allegationCategorySchema,
  /** Absent until the allegation is coded to a sub-category (the public may give only a category). */
  subCategory: allegationSubCategorySchema.optional(),
  deathOrSeriousInjury: z.boolean().optional(),
  possibleCriminalOffence: z.boolean().optional(),
  /** Conduct that would justify disciplinary proceedings (the §3.3.1 misconduct threshold). */
  justifiesDisciplinaryProceedings: z.boolean().optional(),
  /** Infringement of ECHR article 2 (life) or 3 (inhuman or degrading treatment). */
  infringesEchrArticle2or3: z.boolean().optional(),
  seriousAssault: z.boolean().optional(),
  seriousSexualOffence: z.boolean().optional(),
  seriousCorruption: z.boolean().optional(),
  /** Aggravated by discriminatory behaviour on the grounds of a protected characteristic. */
  aggravatedByDiscrimination: z.boolean().optional(),
  /** An offence with a sentence fixed by law or of 7 years' imprisonment or more. */
  relevantOffence: z.boolean().optional(),
});
export type AllegationForRouting = z.infer<typeof allegationForRoutingSchema>;

export const complaintForRoutingSchema = z.object({
  allegations: z.array(allegationForRoutingSchema).min(1),
  /** The complainant wants it handled under Schedule 3 — that alone requires recording. */
  complainantWantsSch3: z.boolean().optional(),
  /** Arises from the same incident as conduct that must be referred (e.g. another complaint). */
  sameIncidentAsReferableConduct: z.boolean().optional(),
  /** PSD chose to record under Schedule 3 although nothing required it. */
  psdChoosesSch3: z.boolean().optional(),
});
export type ComplaintForRouting = z.infer<typeof complaintForRoutingSchema>;

export const MANDATORY_REFERRAL_REASONS = [
  'death-or-serious-injury',
  'serious-assault',
  'serious-sexual-offence',
  'serious-corruption',
  'discrimination-aggravated',
  'relevant-offence',
  'same-incident',
] as const;
export type MandatoryReferralCode = (typeof MANDATORY_REFERRAL_REASONS)[number];

export const SCHEDULE_3_REASONS = [
  'complainant-wants-schedule-3',
  'death-or-serious-injury',
  'possible-criminal-offence',
  'possible-disciplinary-proceedings',
  'echr-article-2-or-3',
  'mandatory-referral',
  'psd-decision',
  /** Handled outside Schedule 3 ("initial handling") and the complainant was not satisfied. */
  'dissatisfied-after-initial-handling',
] as const;
export type Schedule3Code = (typeof SCHEDULE_3_REASONS)[number];

/**
 * Why a complaint was logged under Schedule 3, as the IOPC's data asks for it (DOMAIN.md "What
 * the record holds"): each of our grounds counts under one of these. Criminal or disciplinary
 * conduct, death or serious injury and ECHR art 2/3 are grounds on which the appropriate authority
 * decides to record it.
 */
export const IOPC_SCHEDULE_3_REASONS = [
  'complainant-wishes',
  'dissatisfied-after-initial-handling',
  'appropriate-authority-decides',
  'mandatory-referral',
] as const;
export type IopcSchedule3Reason = (typeof IOPC_SCHEDULE_3_REASONS)[number];

const IOPC_REASON_OF: Record<Schedule3Code, IopcSchedule3Reason> = {
  'complainant-wants-schedule-3': 'complainant-wishes',
  'dissatisfied-after-initial-handling': 'dissatisfied-after-initial-handling',
  'mandatory-referral': 'mandatory-referral',
  'death-or-serious-injury': 'appropriate-authority-decides',
  'possible-criminal-offence': 'appropriate-authority-decides',
  'possible-disciplinary-proceedings': 'appropriate-authority-decides',
  'echr-article-2-or-3': 'appropriate-authority-decides',
  'psd-decision': 'appropriate-authority-decides',
};

export function iopcSchedule3Reason(code: Schedule3Code): IopcSchedule3Reason {
  return IOPC_REASON_OF[code];
}

export interface RoutingReason<C extends string> {
  code: C;
  /** Allegations that gave rise to it (empty when it comes from the complaint as a whole). */
  allegationIds: string[];
  text: string;
}

const REFERRAL_TEXT: Record<MandatoryReferralCode, string> = {
  'death-or-serious-injury': 'conduct alleged to have resulted in death or serious injury (PRA 2002 Sch 3 para 4)',
  'serious-assault': 'serious assault (C&M reg 4)',
  'serious-sexual-offence': 'serious sexual offence (C&M reg 4)',
  'serious-corruption':
    'serious corruption, including abuse of position for a sexual purpose, which the force treats as serious corruption (C&M reg 4; PEEL)',
  'discrimination-aggravated':
    'a criminal offence or behaviour liable to lead to disciplinary proceedings, aggravated by discriminatory behaviour (C&M reg 4)',
  'relevant-offence': 'a relevant offence (C&M reg 4)',
  'same-incident': 'arises from the same incident as conduct that must be referred (C&M reg 4)',
};

const SCHEDULE_3_TEXT: Record<Schedule3Code, string> = {
  'complainant-wants-schedule-3': 'the complainant wants the complaint handled under Schedule 3',
  'death-or-serious-injury': 'alleged conduct resulted in death or serious injury',
  'possible-criminal-offence': 'the conduct, if proved, may be a criminal offence',
  'possible-disciplinary-proceedings': 'the conduct, if proved, would justify disciplinary proceedings',
  'echr-article-2-or-3': 'the complaint engages ECHR article 2 or 3',
  'mandatory-referral': 'the complaint falls in a mandatory IOPC referral category',
  'psd-decision': 'PSD decided to record it under Schedule 3',
  'dissatisfied-after-initial-handling':
    'it was handled outside Schedule 3 and the complainant is dissatisfied with the outcome, so it is recorded under Schedule 3 (not reviewed)',
};

/** The Schedule 3 reason for a complainant left dissatisfied by initial handling (DOMAIN.md "Access, conflicts and the complaint's route"). */
export function dissatisfiedAfterInitialHandling(): RoutingReason<Schedule3Code> {
  return { code: 'dissatisfied-after-initial-handling', allegationIds: [], text: SCHEDULE_3_TEXT['dissatisfied-after-initial-handling'] };
}

/** The Schedule 3 reason when PSD records a complaint under Schedule 3 though nothing required it (the appropriate authority decides). */
export function appropriateAuthorityDecision(): RoutingReason<Schedule3Code> {
  return { code: 'psd-decision', allegationIds: [], text: SCHEDULE_3_TEXT['psd-decision'] };
}

const isSub = (a: AllegationForRouting, subs: readonly AllegationSubCategory[]): boolean =>
  a.subCategory !== undefined && subs.includes(a.subCategory);

const isDeathOrSeriousInjury = (a: AllegationForRouting) => a.deathOrSeriousInjury === true;
const isSeriousAssault = (a: AllegationForRouting) => a.seriousAssault === true;
/** A sexual assault by someone serving with the police is treated as a serious sexual offence (C&M reg 4). */
const isSeriousSexualOffence = (a: AllegationForRouting) => a.seriousSexualOffence === true || isSub(a, ['sexual-assault']);
export const isSeriousCorruption = (a: Pick<AllegationForRouting, 'subCategory' | 'seriousCorruption'>) =>
  a.seriousCorruption === true || (a.subCategory !== undefined && SERIOUS_CORRUPTION_SUB_CATEGORIES.includes(a.subCategory));
const isPossibleCrime = (a: AllegationForRouting) =>
  a.possibleCriminalOffence === true || a.relevantOffence === true || isSeriousAssault(a) || isSeriousSexualOffence(a);
/** Corruption and sexual harassment would, if proved, justify disciplinary proceedings (§3.3.1 threshold). */
const isPossiblyDisciplinary = (a: AllegationForRouting) =>
  a.justifiesDisciplinaryProceedings === true ||
  isSeriousCorruption(a) ||
  a.category === 'abuse-of-position-or-corruption' ||
  isSub(a, ['sexual-harassment']);
const isDiscriminationAggravated = (a: AllegationForRouting) =>
  (a.aggravatedByDiscrimination === true || a.category === 'discriminatory-behaviour') && (isPossibleCrime(a) || isPossiblyDisciplinary(a));

const REFERRAL_TESTS: [MandatoryReferralCode, (a: AllegationForRouting) => boolean][] = [
  ['death-or-serious-injury', isDeathOrSeriousInjury],
  ['serious-assault', isSeriousAssault],
  ['serious-sexual-offence', isSeriousSexualOffence],
  ['serious-corruption', isSeriousCorruption],
  ['discrimination-aggravated', isDiscriminationAggravated],
  ['relevant-offence', (a) => a.relevantOffence === true],
];

function collect<C extends string>(
  complaint: ComplaintForRouting,
  tests: [C, (a: AllegationForRouting) => boolean][],
  text: Record<C, string>,
): RoutingReason<C>[] {
  const reasons: RoutingReason<C>[] = [];
  for (const [code, test] of tests) {
    const allegationIds = complaint.allegations.filter(test).map((a) => a.id);
    if (allegationIds.length > 0) reasons.push({ code, allegationIds, text: text[code] });
  }
  return reasons;
}

/** C&M reg 4 (and Sch 3 para 4): why the complaint must be referred to the IOPC; empty if it need not. */
export function mandatoryReferralReasons(complaint: ComplaintForRouting): RoutingReason<MandatoryReferralCode>[] {
  const reasons = collect(complaint, REFERRAL_TESTS, REFERRAL_TEXT);
  if (complaint.sameIncidentAsReferableConduct === true) {
    reasons.push({ code: 'same-incident', allegationIds: [], text: REFERRAL_TEXT['same-incident'] });
  }
  return reasons;
}

/** Why the complaint must be recorded and handled under Schedule 3; empty if it need not be. */
export function mustBeRecordedUnderSchedule3(complaint: ComplaintForRouting): RoutingReason<Schedule3Code>[] {
  const reasons: RoutingReason<Schedule3Code>[] = [];
  if (complaint.complainantWantsSch3 === true) {
    reasons.push({ code: 'complainant-wants-schedule-3', allegationIds: [], text: SCHEDULE_3_TEXT['complainant-wants-schedule-3'] });
  }
  reasons.push(
    ...collect<Schedule3Code>(
      complaint,
      [
        ['death-or-serious-injury', isDeathOrSeriousInjury],
        ['possible-criminal-offence', isPossibleCrime],
        ['possible-disciplinary-proceedings', isPossiblyDisciplinary],
        ['echr-article-2-or-3', (a) => a.infringesEchrArticle2or3 === true],
      ],
      SCHEDULE_3_TEXT,
    ),
  );
  const referral = mandatoryReferralReasons(complaint);
  if (referral.length > 0) {
    const ids = [...new Set(referral.flatMap((r) => r.allegationIds))];
    reasons.push({ code: 'mandatory-referral', allegationIds: ids, text: SCHEDULE_3_TEXT['mandatory-referral'] });
  }
  if (complaint.psdChoosesSch3 === true) reasons.push(appropriateAuthorityDecision());
  return reasons;
}

export type ComplaintHandling = 'outside-schedule-3' | 'schedule-3';

export interface ComplaintRoute {
  handling: ComplaintHandling;
  referToIopc: boolean;
  /** Human-readable, one per reason, citing allegations and the rule. */
  reasons: string[];
  schedule3Reasons: RoutingReason<Schedule3Code>[];
  referralReasons: RoutingReason<MandatoryReferralCode>[];
}

/**
 * Outside Schedule 3 (resolve to the complainant's satisfaction) unless something requires
 * recording; referral to the IOPC whenever a mandatory category applies.
 */
export function routeComplaint(complaint: ComplaintForRouting): ComplaintRoute {
  const schedule3Reasons = mustBeRecordedUnderSchedule3(complaint);
  const referralReasons = mandatoryReferralReasons(complaint);
  const describe = (r: RoutingReason<string>, prefix: string) =>
    `${prefix}: ${r.text}${r.allegationIds.length > 0 ? ` [allegations ${r.allegationIds.join(', ')}]` : ''}`;
  const reasons = [
    ...schedule3Reasons.map((r) => describe(r, 'Schedule 3')),
    ...referralReasons.map((r) => describe(r, 'IOPC referral')),
  ];
  if (schedule3Reasons.length === 0) {
    reasons.push('Outside Schedule 3: nothing requires recording; resolve to the complainant’s satisfaction');
  }
  return {
    handling: schedule3Reasons.length > 0 ? 'schedule-3' : 'outside-schedule-3',
    referToIopc: referralReasons.length > 0,
    reasons,
    schedule3Reasons,
    referralReasons,
  };
}

function unionReasons<C extends string>(a: readonly RoutingReason<C>[], b: readonly RoutingReason<C>[]): RoutingReason<C>[] {
  const out = new Map<C, RoutingReason<C>>();
  for (const r of [...a, ...b]) {
    const seen = out.get(r.code);
    out.set(r.code, seen ? { ...seen, allegationIds: [...new Set([...seen.allegationIds, ...r.allegationIds])] } : { ...r, allegationIds: [...r.allegationIds] });
  }
  return [...out.values()];
}

/**
 * The stricter of two routes of one complaint — e.g. allocation's first look and PSD's assessment
 * of the same allegations: an assessment may add grounds for recording or referral, never take
 * away one the complaint already had (DOMAIN.md "PSD assessment confirms or changes it" upwards).
 */
export function strictestRoute(a: ComplaintRoute, b: ComplaintRoute): ComplaintRoute {
  const schedule3Reasons = unionReasons(a.schedule3Reasons, b.schedule3Reasons);
  const referralReasons = unionReasons(a.referralReasons, b.referralReasons);
  const handling: ComplaintHandling = schedule3Reasons.length > 0 || a.handling === 'schedule-3' || b.handling === 'schedule-3' ? 'schedule-3' : 'outside-schedule-3';
  const reasons = [...new Set([...a.reasons, ...b.reasons])].filter((r) => handling === 'outside-schedule-3' || !r.startsWith('Outside Schedule 3'));
  return { handling, referToIopc: referralReasons.length > 0 || a.referToIopc || b.referToIopc, reasons, schedule3Reasons, referralReasons };
}
