import { describe, expect, it } from 'vitest';
import {
  ALLEGATION_CATEGORIES,
  ALLEGATION_SUB_CATEGORIES,
  CODE_LISTS,
  CURRENT_CODE_LIST_VERSION,
  HOME_OFFICE_PRE_2020_CODE_LIST,
  IOPC_2021_CODE_LIST,
  LEGACY_CODE_LIST_VERSION,
  LEGACY_PROBITY_CATEGORIES,
  categoryOfSubCategory,
  defaultSubCategory,
  isCodedAllegation,
  labelOf,
  resolveAllegationCode,
  subCategoriesOf,
} from './allegation-codes';

describe('the allegation code list', () => {
  it('has the IOPC’s current categories, named as DOMAIN.md lists them', () => {
    expect(IOPC_2021_CODE_LIST.categories.map((c) => c.label)).toEqual([
      'Delivery of duties and service',
      'Police powers, policies and procedures',
      'Individual behaviours',
      'Discriminatory behaviour',
      'Abuse of position / corruption',
      'Sexual conduct',
      'Discreditable conduct',
      'Handling of or damage to property or premises',
      'Access to or disclosure of information',
      'Use of police vehicles',
      'Other',
    ]);
    expect(CURRENT_CODE_LIST_VERSION).toBe('iopc-2021-01');
    expect(CODE_LISTS[CURRENT_CODE_LIST_VERSION]!.current).toBe(true);
  });

  it('gives every category at least one sub-category, and no sub-category code twice', () => {
    for (const c of ALLEGATION_CATEGORIES) expect(subCategoriesOf(c).length).toBeGreaterThan(0);
    expect(new Set(ALLEGATION_SUB_CATEGORIES).size).toBe(ALLEGATION_SUB_CATEGORIES.length);
    for (const s of ALLEGATION_SUB_CATEGORIES) expect(subCategoriesOf(categoryOfSubCategory(s))).toContain(s);
  });

  it('puts abuse of position for a sexual purpose under abuse of position / corruption', () => {
    expect(isCodedAllegation(CURRENT_CODE_LIST_VERSION, 'abuse-of-position-or-corruption', 'abuse-of-position-for-sexual-purpose')).toBe(true);
    expect(isCodedAllegation(CURRENT_CODE_LIST_VERSION, 'sexual-conduct', 'abuse-of-position-for-sexual-purpose')).toBe(false);
  });

  it('keeps the pre-2020 Home Office codes A–Y for legacy data, not as the current list', () => {
    const codes = HOME_OFFICE_PRE_2020_CODE_LIST.categories.map((c) => c.code);
    expect(codes).toHaveLength(23);
    expect(codes).not.toContain('I');
    expect(codes).not.toContain('O');
    expect(labelOf(LEGACY_CODE_LIST_VERSION, 'U')).toBe('Incivility, impoliteness and intolerance');
    expect(isCodedAllegation(LEGACY_CODE_LIST_VERSION, 'H', 'H')).toBe(true);
    expect(HOME_OFFICE_PRE_2020_CODE_LIST.current).toBe(false);
    expect(isCodedAllegation('no-such-list', 'H', 'H')).toBe(false);
    expect(isCodedAllegation('constructor', 'H', 'H')).toBe(false);
  });

  it('needs no sub-category where a category has only one', () => {
    expect(defaultSubCategory('use-of-police-vehicles')).toBe('use-of-police-vehicles');
    expect(defaultSubCategory('individual-behaviours')).toBeUndefined();
  });
});

describe('resolveAllegationCode', () => {
  it('takes a current pair as it is, and fills in a single sub-category', () => {
    expect(resolveAllegationCode('individual-behaviours', 'impolite-language-or-tone')).toEqual({ category: 'individual-behaviours', subCategory: 'impolite-language-or-tone', flags: {} });
    expect(resolveAllegationCode('other')).toEqual({ category: 'other', subCategory: 'other', flags: {} });
    expect(resolveAllegationCode('individual-behaviours')).toEqual({ category: 'individual-behaviours', flags: {} });
  });

  it('refuses a pair that does not fit, and anything unknown', () => {
    expect(resolveAllegationCode('individual-behaviours', 'use-of-force')).toBeNull();
    expect(resolveAllegationCode('rudeness')).toBeNull();
    expect(resolveAllegationCode('constructor')).toBeNull();
  });

  it('reads Probity’s first slugs into the current list, with the routing facts they implied', () => {
    expect(resolveAllegationCode('abuse-of-position-for-sexual-purpose')).toEqual({
      category: 'abuse-of-position-or-corruption',
      subCategory: 'abuse-of-position-for-sexual-purpose',
      flags: {},
    });
    expect(resolveAllegationCode('serious-assault')).toEqual({ category: 'police-powers-policies-and-procedures', subCategory: 'use-of-force', flags: { seriousAssault: true } });
    for (const [slug, code] of Object.entries(LEGACY_PROBITY_CATEGORIES)) {
      expect(isCodedAllegation(CURRENT_CODE_LIST_VERSION, code.category, code.subCategory), slug).toBe(true);
    }
  });
});
