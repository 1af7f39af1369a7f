import { describe, expect, it } from 'vitest';
import { asPerson, chiefInspectorInChain, reflectiveReviewer, type ChainPerson } from './conduct-people';

const p = (id: string, rank: string | null, managerId: string | null, active = true): ChainPerson => ({ id, rank, grade: rank ? null : 'band-5', role: 'supervisor', managerId, active });
const chain = (...people: ChainPerson[]) => new Map(people.map((x) => [x.id, x]));

describe('§3.3.4: the supervisor’s chief inspector', () => {
  const people = chain(
    p('pc', 'constable', 'ps'),
    p('ps', 'sergeant', 'insp'),
    p('insp', 'inspector', 'ci'),
    p('ci', 'chief-inspector', 'supt'),
    p('supt', 'superintendent', null),
  );

  it('is the first officer of chief inspector rank or above up the raiser’s chain', () => {
    expect(chiefInspectorInChain(people, 'ps')).toBe('ci');
    expect(chiefInspectorInChain(people, 'insp')).toBe('ci');
    // A chief inspector raising a matter discusses it with the next one up.
    expect(chiefInspectorInChain(people, 'ci')).toBe('supt');
  });

  it('skips a subject of the matter, an inactive person and police staff', () => {
    expect(chiefInspectorInChain(people, 'ps', ['ci'])).toBe('supt');
    const others = chain(p('ps', 'sergeant', 'staff'), p('staff', null, 'old-ci'), p('old-ci', 'chief-inspector', 'supt', false), p('supt', 'superintendent', null));
    expect(chiefInspectorInChain(others, 'ps')).toBe('supt');
  });

  it('is null when there is none, and survives a loop in the data', () => {
    expect(chiefInspectorInChain(chain(p('ps', 'sergeant', 'insp'), p('insp', 'inspector', null)), 'ps')).toBeNull();
    expect(chiefInspectorInChain(chain(p('a', 'sergeant', 'b'), p('b', 'inspector', 'a')), 'a')).toBeNull();
    expect(chiefInspectorInChain(chain(p('ps', 'sergeant', 'missing')), 'ps')).toBeNull();
  });
});

describe('reflective practice reviewer and person kinds', () => {
  it('is the subject’s line manager, or the raiser when there is none', () => {
    const people = chain(p('pc', 'constable', 'ps'), p('ps', 'sergeant', null), p('gone', 'sergeant', null, false));
    expect(reflectiveReviewer(people.get('pc')!, 'insp', people)).toBe('ps');
    expect(reflectiveReviewer({ id: 'x', managerId: null }, 'insp', people)).toBe('insp');
    expect(reflectiveReviewer({ id: 'x', managerId: 'gone' }, 'insp', people)).toBe('insp');
  });

  it('reads officers by rank and staff by grade', () => {
    expect(asPerson({ rank: 'sergeant', grade: null, role: 'supervisor' })).toEqual({ kind: 'officer', rank: 'sergeant' });
    expect(asPerson({ rank: null, grade: 'investigator', role: 'psd-handler' })).toEqual({ kind: 'staff', grade: 'investigator' });
    expect(asPerson({ rank: null, grade: null, role: 'ops' })).toEqual({ kind: 'staff', grade: 'ops' });
  });
});
