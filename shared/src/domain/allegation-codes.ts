/**
 * The allegation code list (DOMAIN.md "What the record holds for the IOPC"): every allegation has
 * exactly one category and one sub-category from a versioned list, and optional factors.
 *
 * - `iopc-2021-01` is current: the categories of the IOPC's *Guidance on capturing data about
 *   police complaints* (published February 2020, updated January 2021), written here in our own
 *   words and slugs. New allegations are coded with it.
 * - `home-office-pre-2020` is the Home Office's single-level A–Y list used before the 2020
 *   reforms. It is kept so legacy data can be loaded and reported as it was coded; no new
 *   allegation may use it.
 * - Probity's own first list (before this one) is not a code list anyone reports in: existing
 *   rows were recoded by the migration, and old events are read through LEGACY_PROBITY_CATEGORIES.
 */
import { z } from 'zod';

export interface CodeListEntry {
  code: string;
  label: string;
}
export interface CodeListCategory extends CodeListEntry {
  subCategories: readonly CodeListEntry[];
}
export interface CodeList {
  version: string;
  title: string;
  /** True for the one list new allegations are coded with. */
  current: boolean;
  categories: readonly CodeListCategory[];
}

const only = (code: string, label: string): CodeListCategory => ({ code, label, subCategories: [{ code, label }] });

export const CURRENT_CODE_LIST_VERSION = 'iopc-2021-01';
export const LEGACY_CODE_LIST_VERSION = 'home-office-pre-2020';

/** The IOPC's current allegation categories and their sub-categories. */
export const IOPC_2021_CODE_LIST = {
  version: CURRENT_CODE_LIST_VERSION,
  title: 'IOPC allegation categories (Guidance on capturing data about police complaints, Feb 2020, updated Jan 2021)',
  current: true,
  categories: [
    {
      code: 'delivery-of-duties-and-service',
      label: 'Delivery of duties and service',
      subCategories: [
        { code: 'police-action-following-contact', label: 'Police action following contact' },
        { code: 'decisions', label: 'Decisions' },
        { code: 'information', label: 'Information' },
        { code: 'general-level-of-service', label: 'General level of service' },
      ],
    },
    {
      code: 'police-powers-policies-and-procedures',
      label: 'Police powers, policies and procedures',
      subCategories: [
        { code: 'arrest', label: 'Arrest' },
        { code: 'detention-in-police-custody', label: 'Detention in police custody' },
        { code: 'search-of-premises-and-seizure-of-property', label: 'Searching of premises and seizure of property' },
        { code: 'stop-and-search', label: 'Stop and search' },
        { code: 'use-of-force', label: 'Use of force' },
        { code: 'bail-identification-and-interview', label: 'Bail, identification and interview procedures' },
        { code: 'evidential-procedures', label: 'Evidential procedures' },
        { code: 'other-policies-and-procedures', label: 'Other policies and procedures' },
      ],
    },
    {
      code: 'individual-behaviours',
      label: 'Individual behaviours',
      subCategories: [
        { code: 'impolite-language-or-tone', label: 'Impolite language or tone' },
        { code: 'impolite-and-intolerant-actions', label: 'Impolite and intolerant actions' },
        { code: 'unprofessional-attitude-and-disrespect', label: 'Unprofessional attitude and disrespect' },
        { code: 'lack-of-fairness-and-impartiality', label: 'Lack of fairness and impartiality' },
        { code: 'overbearing-or-harassing-behaviours', label: 'Overbearing or harassing behaviours' },
      ],
    },
    {
      code: 'discriminatory-behaviour',
      label: 'Discriminatory behaviour',
      subCategories: [
        { code: 'race', label: 'Race' },
        { code: 'sex', label: 'Sex' },
        { code: 'religion-or-belief', label: 'Religion or belief' },
        { code: 'sexual-orientation', label: 'Sexual orientation' },
        { code: 'disability', label: 'Disability' },
        { code: 'age', label: 'Age' },
        { code: 'gender-reassignment', label: 'Gender reassignment' },
        { code: 'marriage-and-civil-partnership', label: 'Marriage and civil partnership' },
        { code: 'pregnancy-and-maternity', label: 'Pregnancy and maternity' },
        { code: 'other-discrimination', label: 'Other' },
      ],
    },
    {
      code: 'abuse-of-position-or-corruption',
      label: 'Abuse of position / corruption',
      subCategories: [
        { code: 'abuse-of-position-for-sexual-purpose', label: 'Abuse of position for a sexual purpose' },
        { code: 'abuse-of-position-for-emotional-relationship', label: 'Abuse of position to pursue an inappropriate emotional relationship' },
        { code: 'abuse-of-position-for-financial-purpose', label: 'Abuse of position for a financial purpose' },
        { code: 'other-abuse-of-position-or-corruption', label: 'Other abuse of position or corruption' },
      ],
    },
    {
      code: 'sexual-conduct',
      label: 'Sexual conduct',
      subCategories: [
        { code: 'sexual-assault', label: 'Sexual assault' },
        { code: 'sexual-harassment', label: 'Sexual harassment' },
        { code: 'other-sexual-conduct', label: 'Other sexual conduct' },
      ],
    },
    only('discreditable-conduct', 'Discreditable conduct'),
    only('handling-of-or-damage-to-property-or-premises', 'Handling of or damage to property or premises'),
    only('access-to-or-disclosure-of-information', 'Access to or disclosure of information'),
    only('use-of-police-vehicles', 'Use of police vehicles'),
    only('other', 'Other'),
  ],
} as const satisfies CodeList;

/** The Home Office's pre-2020 single-level codes (A–Y, no I or O), kept for legacy data only. */
export const HOME_OFFICE_PRE_2020_CODE_LIST: CodeList = {
  version: LEGACY_CODE_LIST_VERSION,
  title: 'Home Office allegation codes used before February 2020 (legacy data only)',
  current: false,
  categories: (
    [
      ['A', 'Serious non-sexual assault'],
      ['B', 'Sexual assault'],
      ['C', 'Other assault'],
      ['D', 'Oppressive conduct or harassment'],
      ['E', 'Unlawful or unnecessary arrest or detention'],
      ['F', 'Discriminatory behaviour'],
      ['G', 'Irregularity in relation to evidence or perjury'],
      ['H', 'Corrupt practice'],
      ['J', 'Mishandling of property'],
      ['K', 'Breach of PACE Code A (stop and search)'],
      ['L', 'Breach of PACE Code B (searches of premises and seizure)'],
      ['M', 'Breach of PACE Code C (detention, treatment and questioning)'],
      ['N', 'Breach of PACE Code D (identification)'],
      ['P', 'Breach of PACE Code E (tape recording)'],
      ['Q', 'Lack of fairness and impartiality'],
      ['R', 'Multiple or unspecified breaches of PACE'],
      ['S', 'Other neglect or failure in duty'],
      ['T', 'Other irregularity in procedure'],
      ['U', 'Incivility, impoliteness and intolerance'],
      ['V', 'Traffic irregularity'],
      ['W', 'Other'],
      ['X', 'Improper disclosure of information'],
      ['Y', 'Other sexual conduct'],
    ] as const
  ).map(([code, label]) => only(code, label)),
};

export const CODE_LISTS: Readonly<Record<string, CodeList>> = {
  [IOPC_2021_CODE_LIST.version]: IOPC_2021_CODE_LIST,
  [HOME_OFFICE_PRE_2020_CODE_LIST.version]: HOME_OFFICE_PRE_2020_CODE_LIST,
};

type CurrentCategory = (typeof IOPC_2021_CODE_LIST.categories)[number];
export type AllegationCategory = CurrentCategory['code'];
export type AllegationSubCategory = CurrentCategory['subCategories'][number]['code'];

export const ALLEGATION_CATEGORIES = IOPC_2021_CODE_LIST.categories.map((c) => c.code) as [AllegationCategory, ...AllegationCategory[]];
export const ALLEGATION_SUB_CATEGORIES = IOPC_2021_CODE_LIST.categories.flatMap((c) => c.subCategories.map((s) => s.code)) as [
  AllegationSubCategory,
  ...AllegationSubCategory[],
];
export const allegationCategorySchema = z.enum(ALLEGATION_CATEGORIES);
export const allegationSubCategorySchema = z.enum(ALLEGATION_SUB_CATEGORIES);

/** The sub-categories a current category allows. */
export function subCategoriesOf(category: AllegationCategory): readonly AllegationSubCategory[] {
  return IOPC_2021_CODE_LIST.categories.find((c) => c.code === category)!.subCategories.map((s) => s.code);
}

/** Whether (category, sub-category) is a pair in the given list version. */
export function isCodedAllegation(version: string, category: string, subCategory: string): boolean {
  const list = Object.hasOwn(CODE_LISTS, version) ? CODE_LISTS[version] : undefined;
  return list?.categories.some((c) => c.code === category && c.subCategories.some((s) => s.code === subCategory)) ?? false;
}

/** The category a sub-category of the current list belongs to (sub-category codes are unique in it). */
export function categoryOfSubCategory(sub: AllegationSubCategory): AllegationCategory {
  return IOPC_2021_CODE_LIST.categories.find((c) => (c.subCategories as readonly CodeListEntry[]).some((s) => s.code === sub))!.code;
}

/** A category with a single sub-category needs none given: it is that one. */
export function defaultSubCategory(category: AllegationCategory): AllegationSubCategory | undefined {
  const subs = subCategoriesOf(category);
  return subs.length === 1 ? subs[0] : undefined;
}

export function labelOf(version: string, code: string): string | undefined {
  for (const c of (Object.hasOwn(CODE_LISTS, version) ? CODE_LISTS[version]!.categories : [])) {
    if (c.code === code) return c.label;
    const s = c.subCategories.find((x) => x.code === code);
    if (s) return s.label;
  }
  return undefined;
}

/**
 * Optional factors recorded against an allegation (context the IOPC asks forces to capture,
 * beside the category): none, one or several. Ours to extend; the version keeps old data readable.
 */
export const ALLEGATION_FACTORS = [
  'covid-19',
  'domestic-abuse',
  'mental-health',
  'vulnerable-person',
  'child-or-young-person',
  'hate-crime',
  'protest',
  'custody',
  'road-traffic',
  'social-media',
  'alcohol-or-drugs',
  'death-or-serious-injury',
] as const;
export type AllegationFactor = (typeof ALLEGATION_FACTORS)[number];
export const allegationFactorSchema = z.enum(ALLEGATION_FACTORS);

/**
 * Probity's first category slugs (before the IOPC list), as they appear in old case.received
 * events and in captured workflow histories: the current code and the routing facts the old slug
 * implied (e.g. 'serious-assault' was a use-of-force allegation amounting to a serious assault).
 * The migration 20261202000000_the_record recodes stored rows with the same table.
 */
export const LEGACY_PROBITY_CATEGORIES: Readonly<
  Record<string, { category: AllegationCategory; subCategory: AllegationSubCategory; flags?: Record<string, true> }>
> = {
  'delivery-of-duties': { category: 'delivery-of-duties-and-service', subCategory: 'general-level-of-service' },
  'police-powers': { category: 'police-powers-policies-and-procedures', subCategory: 'other-policies-and-procedures' },
  'use-of-force': { category: 'police-powers-policies-and-procedures', subCategory: 'use-of-force' },
  'detention-in-custody': { category: 'police-powers-policies-and-procedures', subCategory: 'detention-in-police-custody' },
  'handling-of-or-damage-to-property': { category: 'handling-of-or-damage-to-property-or-premises', subCategory: 'handling-of-or-damage-to-property-or-premises' },
  'use-of-police-vehicles': { category: 'use-of-police-vehicles', subCategory: 'use-of-police-vehicles' },
  'access-and-or-disclosure-of-information': { category: 'access-to-or-disclosure-of-information', subCategory: 'access-to-or-disclosure-of-information' },
  'individual-behaviour': { category: 'individual-behaviours', subCategory: 'unprofessional-attitude-and-disrespect' },
  discrimination: { category: 'discriminatory-behaviour', subCategory: 'other-discrimination' },
  'sexual-conduct': { category: 'sexual-conduct', subCategory: 'other-sexual-conduct' },
  'abuse-of-position-for-sexual-purpose': { category: 'abuse-of-position-or-corruption', subCategory: 'abuse-of-position-for-sexual-purpose' },
  'abuse-of-position-for-emotional-relationship': { category: 'abuse-of-position-or-corruption', subCategory: 'abuse-of-position-for-emotional-relationship' },
  'abuse-of-position-for-financial-purpose': { category: 'abuse-of-position-or-corruption', subCategory: 'abuse-of-position-for-financial-purpose' },
  'other-abuse-of-position-or-corruption': { category: 'abuse-of-position-or-corruption', subCategory: 'other-abuse-of-position-or-corruption' },
  'serious-corruption': { category: 'abuse-of-position-or-corruption', subCategory: 'other-abuse-of-position-or-corruption', flags: { seriousCorruption: true } },
  'serious-assault': { category: 'police-powers-policies-and-procedures', subCategory: 'use-of-force', flags: { seriousAssault: true } },
  'serious-sexual-offence': { category: 'sexual-conduct', subCategory: 'sexual-assault', flags: { seriousSexualOffence: true } },
  'death-or-serious-injury': { category: 'other', subCategory: 'other', flags: { deathOrSeriousInjury: true } },
  'criminal-offence': { category: 'other', subCategory: 'other', flags: { possibleCriminalOffence: true } },
  'discreditable-conduct': { category: 'discreditable-conduct', subCategory: 'discreditable-conduct' },
  other: { category: 'other', subCategory: 'other' },
};

export interface ResolvedCode {
  category: AllegationCategory;
  subCategory?: AllegationSubCategory;
  /** Routing facts an old Probity slug implied (see LEGACY_PROBITY_CATEGORIES). */
  flags: Record<string, true>;
}

/**
 * A category (and sub-category) as received, in the current list: a current code as it is, an old
 * Probity slug through LEGACY_PROBITY_CATEGORIES; null when it is neither, or the pair does not fit.
 */
export function resolveAllegationCode(category: string, subCategory?: string): ResolvedCode | null {
  const current = allegationCategorySchema.safeParse(category);
  if (current.success) {
    const sub = subCategory ?? defaultSubCategory(current.data);
    if (sub === undefined) return { category: current.data, flags: {} };
    return isCodedAllegation(CURRENT_CODE_LIST_VERSION, current.data, sub)
      ? { category: current.data, subCategory: sub as AllegationSubCategory, flags: {} }
      : null;
  }
  const legacy = Object.hasOwn(LEGACY_PROBITY_CATEGORIES, category) ? LEGACY_PROBITY_CATEGORIES[category] : undefined;
  if (!legacy || (subCategory !== undefined && subCategory !== legacy.subCategory)) return null;
  return { category: legacy.category, subCategory: legacy.subCategory, flags: { ...legacy.flags } };
}
