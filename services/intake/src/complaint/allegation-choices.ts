// What a member of the public can say their complaint is about, in their words, and the
// allegation code (the IOPC's current list, shared/src/domain/allegation-codes.ts) each stands
// for: a category, and a sub-category where the choice says it (stop and search is a police
// power; being handcuffed is a use of force). Where it does not, PSD codes the sub-category at
// assessment. Death or serious injury is asked as a question of its own on "what happened".
import type { AllegationCategory, AllegationSubCategory } from '@probity/shared/domain/index';

export interface AllegationChoice {
  /** The radio's value, kept in the session; never sent to the API. */
  id: string;
  text: string;
  hint?: string;
  category: AllegationCategory;
  subCategory?: AllegationSubCategory;
}

export const ALLEGATION_CHOICES: readonly AllegationChoice[] = [
  { id: 'behaviour', text: 'How an officer or member of staff behaved', hint: 'For example, they were rude, unprofessional, intimidating or did not listen', category: 'individual-behaviours' },
  { id: 'service', text: 'The service you got', hint: 'For example, nobody came or called back, you were not kept informed, or a crime was not investigated properly', category: 'delivery-of-duties-and-service' },
  { id: 'powers', text: 'How police powers or procedures were used', hint: 'For example, a stop and search, an arrest, or a search of your home', category: 'police-powers-policies-and-procedures' },
  { id: 'force', text: 'Force used against you or someone else', hint: 'For example, being pushed, held down or handcuffed', category: 'police-powers-policies-and-procedures', subCategory: 'use-of-force' },
  { id: 'custody', text: 'How you were treated in police custody', category: 'police-powers-policies-and-procedures', subCategory: 'detention-in-police-custody' },
  { id: 'property', text: 'Your property or home', hint: 'Damage to, loss of, or how your belongings or home were handled', category: 'handling-of-or-damage-to-property-or-premises' },
  { id: 'vehicle', text: 'How a police vehicle was driven or used', category: 'use-of-police-vehicles' },
  { id: 'information', text: 'How your personal information was looked at or shared', category: 'access-to-or-disclosure-of-information' },
  {
    id: 'discrimination',
    text: 'Being treated unfairly because of who you are',
    hint: 'For example, because of your race, sex, disability, religion, sexual orientation, gender identity or age',
    category: 'discriminatory-behaviour',
  },
  { id: 'sexual', text: 'Sexual behaviour or comments', category: 'sexual-conduct' },
  // Both are serious corruption (PEEL; complaint-routing.ts): the sub-category is what routes them so.
  { id: 'sexual-relationship', text: 'Using their position to pursue a sexual relationship', category: 'abuse-of-position-or-corruption', subCategory: 'abuse-of-position-for-sexual-purpose' },
  {
    id: 'emotional-relationship',
    text: 'Using their position to pursue an emotional relationship',
    hint: 'For example, contacting you again and again after dealing with you',
    category: 'abuse-of-position-or-corruption',
    subCategory: 'abuse-of-position-for-emotional-relationship',
  },
  { id: 'corruption', text: 'Corruption, or using their position for their own ends', hint: 'For example, asking for money or favours', category: 'abuse-of-position-or-corruption' },
  { id: 'discreditable', text: 'Behaviour that damages trust in the police, on or off duty', category: 'discreditable-conduct' },
  { id: 'other', text: 'Something else', category: 'other' },
];

const byId = new Map(ALLEGATION_CHOICES.map((c) => [c.id, c]));

export const allegationChoice = (id: string | undefined): AllegationChoice | undefined => (id === undefined ? undefined : byId.get(id));

/** The words a choice is shown in to the complainant (check your answers). */
export function allegationChoiceText(id: string): string {
  return byId.get(id)?.text ?? 'Something else';
}
