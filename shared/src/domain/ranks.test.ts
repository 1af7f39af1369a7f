import { describe, expect, it } from 'vitest';
import {
  CHIEF_OFFICER_RANKS,
  POLICE_RANKS,
  canRequestFormalAssessment,
  compareRank,
  isAtLeast,
  isChiefOfficerRank,
  personSchema,
  rankBelow,
  rankLabel,
  type PoliceRank,
} from './ranks';

describe('rank order', () => {
  it('runs constable < sergeant < inspector < chief inspector < superintendent < chief superintendent < chief officers', () => {
    expect(POLICE_RANKS).toEqual([
      'constable',
      'sergeant',
      'inspector',
      'chief-inspector',
      'superintendent',
      'chief-superintendent',
      'assistant-chief-constable',
      'deputy-chief-constable',
      'chief-constable',
    ]);
  });

  it('compareRank orders every pair consistently', () => {
    POLICE_RANKS.forEach((a, i) =>
      POLICE_RANKS.forEach((b, j) => {
        expect(Math.sign(compareRank(a, b))).toBe(Math.sign(i - j));
        expect(isAtLeast(a, b)).toBe(i >= j);
      }),
    );
  });

  it('sorts ranks', () => {
    const shuffled: PoliceRank[] = ['chief-constable', 'constable', 'chief-inspector', 'sergeant'];
    expect([...shuffled].sort(compareRank)).toEqual(['constable', 'sergeant', 'chief-inspector', 'chief-constable']);
  });

  it('knows the chief officer ranks', () => {
    expect(CHIEF_OFFICER_RANKS).toEqual(['assistant-chief-constable', 'deputy-chief-constable', 'chief-constable']);
    expect(isChiefOfficerRank('deputy-chief-constable')).toBe(true);
    expect(isChiefOfficerRank('chief-superintendent')).toBe(false);
    expect(isAtLeast('assistant-chief-constable', 'chief-superintendent')).toBe(true);
  });

  it('knows the rank below, and that a constable has none', () => {
    expect(rankBelow('sergeant')).toBe('constable');
    expect(rankBelow('chief-inspector')).toBe('inspector');
    expect(rankBelow('constable')).toBeNull();
  });

  it('labels ranks for sentences', () => {
    expect(rankLabel('chief-inspector')).toBe('chief inspector');
    expect(rankLabel('assistant-chief-constable')).toBe('assistant chief constable');
  });
});

describe('personSchema', () => {
  it('has officers with ranks and staff with grades', () => {
    expect(personSchema.parse({ kind: 'officer', rank: 'sergeant' })).toEqual({ kind: 'officer', rank: 'sergeant' });
    expect(personSchema.parse({ kind: 'staff', grade: 'SO2' })).toEqual({ kind: 'staff', grade: 'SO2' });
  });

  it('rejects staff with a rank and unknown ranks', () => {
    expect(personSchema.safeParse({ kind: 'staff', rank: 'inspector' }).success).toBe(false);
    expect(personSchema.safeParse({ kind: 'officer', rank: 'commander' }).success).toBe(false);
  });
});

describe('canRequestFormalAssessment (§3.3.5)', () => {
  it.each(['chief-inspector', 'superintendent', 'chief-superintendent', 'assistant-chief-constable', 'deputy-chief-constable', 'chief-constable'] as const)(
    'allows a %s',
    (rank) => {
      expect(canRequestFormalAssessment({ kind: 'officer', rank })).toEqual({ allowed: true });
    },
  );

  it.each([
    ['constable', 'A constable'],
    ['sergeant', 'A sergeant'],
    ['inspector', 'An inspector'],
  ] as const)('refuses a %s, naming the rank and the rule', (rank, opening) => {
    const result = canRequestFormalAssessment({ kind: 'officer', rank });
    expect(result.allowed).toBe(false);
    if (result.allowed) return;
    expect(result.reason.startsWith(`${opening} cannot request a formal PSD assessment of conduct`)).toBe(true);
    expect(result.reason).toContain('at least the rank of chief inspector');
    expect(result.reason).toContain('§3.3.5');
    expect(result.reason).toContain('Discuss the matter with your chief inspector');
  });

  it('gives the full refusal for a sergeant', () => {
    expect(canRequestFormalAssessment({ kind: 'officer', rank: 'sergeant' })).toEqual({
      allowed: false,
      reason:
        'A sergeant cannot request a formal PSD assessment of conduct: requests must come via an officer of at ' +
        'least the rank of chief inspector (§3.3.5). Discuss the matter with your chief inspector, who can make ' +
        'the request (§3.3.4).',
    });
  });

  it('refuses police staff of any grade: they have no rank', () => {
    const result = canRequestFormalAssessment({ kind: 'staff', grade: 'M5' });
    expect(result.allowed).toBe(false);
    if (result.allowed) return;
    expect(result.reason).toContain('Police staff (grade M5) cannot request');
    expect(result.reason).toContain('police officer of at least the rank of chief inspector (§3.3.5)');
  });
});
