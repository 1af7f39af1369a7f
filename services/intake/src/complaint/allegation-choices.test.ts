import { describe, expect, it } from 'vitest';
import { ALLEGATION_CATEGORIES, SERIOUS_CORRUPTION_CATEGORIES } from '@probity/shared/domain/index';
import { ALLEGATION_CHOICES, allegationChoiceText } from './allegation-choices';

describe('what a member of the public can say their complaint is about', () => {
  it('each choice is one of the API’s allegation categories, offered once', () => {
    const values = ALLEGATION_CHOICES.map((c) => c.value);
    for (const v of values) expect(ALLEGATION_CATEGORIES).toContain(v);
    expect(new Set(values).size).toBe(values.length);
  });

  it('offers abuse of position for a sexual or emotional relationship, which routes as serious corruption', () => {
    expect(ALLEGATION_CHOICES.some((c) => SERIOUS_CORRUPTION_CATEGORIES.includes(c.value))).toBe(true);
  });

  it('leaves the assessor’s categories to PSD', () => {
    for (const v of ['serious-assault', 'serious-corruption', 'serious-sexual-offence', 'death-or-serious-injury']) {
      expect(ALLEGATION_CHOICES.map((c) => c.value)).not.toContain(v);
    }
  });

  it('shows a category in the complainant’s words', () => {
    expect(allegationChoiceText('use-of-force')).toBe('Force used against you or someone else');
  });
});
