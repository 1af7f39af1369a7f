// Demo people, one or more for every role in DOMAIN.md. Used by the seed and by tests.
// Ids are stable so that `npm run token -- <id>` gives a token for any of them.
export interface DemoPerson {
  id: string;
  name: string;
  email: string;
  role: string;
  rank: string | null;
  grade: string | null;
  team: string;
  division: string;
  managerId: string | null;
}

const person = (p: Omit<DemoPerson, 'email' | 'grade'> & { grade?: string | null }): DemoPerson => ({
  ...p,
  grade: p.grade ?? null,
  email: `${p.id}@probity.local`,
});

export const DEMO_PEOPLE: DemoPerson[] = [
  person({ id: 'head-of-psd', name: 'Det Supt Alex Morgan', role: 'head-of-psd', rank: 'superintendent', team: 'psd', division: 'hq', managerId: null }),
  person({ id: 'psd-manager', name: 'Det Ch Insp Priya Shah', role: 'psd-manager', rank: 'chief-inspector', team: 'psd', division: 'hq', managerId: 'head-of-psd' }),
  person({ id: 'psd-handler-1', name: 'DS Jamie Clarke', role: 'psd-handler', rank: 'sergeant', team: 'psd', division: 'hq', managerId: 'psd-manager' }),
  person({ id: 'psd-handler-2', name: 'Sam Okafor', role: 'psd-handler', rank: null, grade: 'investigator', team: 'psd', division: 'hq', managerId: 'psd-manager' }),
  person({ id: 'psd-investigator', name: 'DI Chris Evans', role: 'psd-investigator', rank: 'inspector', team: 'psd', division: 'hq', managerId: 'psd-manager' }),
  // The counter-corruption unit within PSD: restricted cases (serious corruption) are theirs and the head of PSD's alone.
  person({ id: 'ccu-handler', name: 'DS Rowan Fisher', role: 'psd-handler', rank: 'sergeant', team: 'counter-corruption', division: 'hq', managerId: 'head-of-psd' }),
  person({ id: 'ccu-investigator', name: 'DI Sasha Bell', role: 'psd-investigator', rank: 'inspector', team: 'counter-corruption', division: 'hq', managerId: 'head-of-psd' }),
  person({ id: 'north-lead', name: 'Ch Insp Dana Hughes', role: 'divisional-lead', rank: 'chief-inspector', team: 'north-command', division: 'north', managerId: 'head-of-psd' }),
  person({ id: 'south-lead', name: 'Ch Insp Lee Roberts', role: 'divisional-lead', rank: 'chief-inspector', team: 'south-command', division: 'south', managerId: 'head-of-psd' }),
  person({ id: 'north-chief-inspector', name: 'Ch Insp Morgan Price', role: 'supervisor', rank: 'chief-inspector', team: 'north-response', division: 'north', managerId: 'north-lead' }),
  person({ id: 'north-inspector', name: 'Insp Ruth Davies', role: 'supervisor', rank: 'inspector', team: 'north-response', division: 'north', managerId: 'north-chief-inspector' }),
  person({ id: 'north-sergeant', name: 'PS Tom Jenkins', role: 'supervisor', rank: 'sergeant', team: 'north-response', division: 'north', managerId: 'north-inspector' }),
  person({ id: 'north-constable', name: 'PC Ellis Ward', role: 'front-line', rank: 'constable', team: 'north-response', division: 'north', managerId: 'north-sergeant' }),
  person({ id: 'south-constable', name: 'PC Kim Taylor', role: 'front-line', rank: 'constable', team: 'south-response', division: 'south', managerId: 'south-lead' }),
  person({ id: 'counter-staff', name: 'Jo Patel', role: 'front-line', rank: null, grade: 'enquiry-officer', team: 'front-counter', division: 'south', managerId: 'south-lead' }),
  person({ id: 'policy-owner', name: 'Supt Nia Williams', role: 'policy-owner', rank: 'superintendent', team: 'professional-standards-policy', division: 'hq', managerId: 'head-of-psd' }),
  // The chief officer a case is escalated to when even the head of PSD is conflicted.
  person({ id: 'deputy-chief-constable', name: 'DCC Hilary Stone', role: 'chief-officer', rank: 'deputy-chief-constable', team: 'chief-officers', division: 'hq', managerId: null }),
  // The relevant review bodies' reviewers (Sch 3 para 6A), from outside the force: the local policing
  // body (the PCC's office) and the IOPC.
  person({ id: 'pcc-review-officer', name: 'Robin Hale', role: 'lpb-review-officer', rank: null, grade: 'review-officer', team: 'opcc-reviews', division: 'opcc', managerId: null }),
  // The local policing body's complaint handler: the appropriate authority's people for a complaint about the chief constable (PRA 2002 s.29).
  person({ id: 'pcc-complaints-officer', name: 'Casey Lloyd', role: 'lpb-complaint-handler', rank: null, grade: 'complaints-officer', team: 'opcc-complaints', division: 'opcc', managerId: null }),
  person({ id: 'iopc-reviewer', name: 'Jordan Achebe', role: 'iopc-reviewer', rank: null, grade: 'casework-manager', team: 'iopc-reviews', division: 'iopc', managerId: null }),
  person({ id: 'ops', name: 'Platform Team', role: 'ops', rank: null, grade: 'platform-engineer', team: 'platform', division: 'hq', managerId: null }),
];
