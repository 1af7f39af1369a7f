import { describe, expect, it } from 'vitest';
import { CURRENT_CODE_LIST_VERSION, isCodedAllegation, SERIOUS_CORRUPTION_SUB_CATEGORIES, subCategoriesOf } from '@probity/shared/domain/index';
import { allegationSchema } from '@probity/shared/complaint/complaint-form';
import { ALLEGATION_CHOICES, allegationChoice, allegationChoiceText } from './allegation-choices';

describe('what a member of the public can say their complaint is about', () => {
  it('each choice is a code of the current IOPC list the API takes, offered once', () => {
    expect(new Set(ALLEGATION_CHOICES.map((c) => c.id)).size).toBe(ALLEGATION_CHOICES.length);
    for (const c of ALLEGATION_CHOICES) {
      if (c.subCategory) expect(isCodedAllegation(CURRENT_CODE_LIST_VERSION, c.category, c.subCategory), c.id).toBe(true);
      else expect(subCategoriesOf(c.category).length, c.id).toBeGreaterThan(0);
      expect(allegationSchema.safeParse({ category: c.category, subCategory: c.subCategory, description: 'x' }).success, c.id).toBe(true);
    }
  });

  it('abuse of position for a sexual or emotional relationship is coded so it routes as serious corruption', () => {
    for (const id of ['sexual-relationship', 'emotional-relationship']) {
      expect(SERIOUS_CORRUPTION_SUB_CATEGORIES).toContain(allegationChoice(id)!.subCategory);
    }
  });

  it('shows a choice in the complainant’s words', () => {
    expect(allegationChoice('force')).toMatchObject({ category: 'police-powers-policies-and-procedures', subCategory: 'use-of-force' });
    expect(allegationChoiceText('force')).toBe('Force used against you or someone else');
    expect(allegationChoice('no-such-choice')).toBeUndefined();
  });
});
