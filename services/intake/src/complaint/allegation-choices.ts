// What a member of the public can say their complaint is about, in their words, and the
// allegation category (IOPC-style, shared/src/domain/complaint-routing.ts) each stands for.
// Categories that need an assessor's judgement (serious assault, serious corruption, a relevant
// offence…) are not offered: PSD sets them at assessment. Death or serious injury is asked as a
// question of its own on the "what happened" page.
import type { AllegationCategory } from '@probity/shared/domain/index';

export interface AllegationChoice {
  value: AllegationCategory;
  text: string;
  hint?: string;
}

export const ALLEGATION_CHOICES: readonly AllegationChoice[] = [
  { value: 'individual-behaviour', text: 'How an officer or member of staff behaved', hint: 'For example, they were rude, unprofessional, intimidating or did not listen' },
  { value: 'delivery-of-duties', text: 'The service you got', hint: 'For example, nobody came or called back, you were not kept informed, or a crime was not investigated properly' },
  { value: 'police-powers', text: 'How police powers or procedures were used', hint: 'For example, a stop and search, an arrest, or a search of your home' },
  { value: 'use-of-force', text: 'Force used against you or someone else', hint: 'For example, being pushed, held down or handcuffed' },
  { value: 'detention-in-custody', text: 'How you were treated in police custody' },
  { value: 'handling-of-or-damage-to-property', text: 'Your property or home', hint: 'Damage to, loss of, or how your belongings were handled' },
  { value: 'use-of-police-vehicles', text: 'How a police vehicle was driven' },
  { value: 'access-and-or-disclosure-of-information', text: 'How your personal information was looked at or shared' },
  {
    value: 'discrimination',
    text: 'Being treated unfairly because of who you are',
    hint: 'For example, because of your race, sex, disability, religion, sexual orientation, gender identity or age',
  },
  { value: 'sexual-conduct', text: 'Sexual behaviour or comments' },
  { value: 'abuse-of-position-for-sexual-purpose', text: 'Using their position to start a sexual or emotional relationship' },
  { value: 'other-abuse-of-position-or-corruption', text: 'Corruption, or using their position for their own ends', hint: 'For example, asking for money or favours' },
  { value: 'criminal-offence', text: 'A crime committed by an officer or member of staff' },
  { value: 'other', text: 'Something else' },
];

/** The words a category is shown in to the complainant (check your answers). */
export function allegationChoiceText(category: string): string {
  return ALLEGATION_CHOICES.find((c) => c.value === category)?.text ?? 'Something else';
}
