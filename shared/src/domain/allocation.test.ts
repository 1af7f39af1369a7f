import { describe, expect, it } from 'vitest';
import { allocate, allocateInTiers, allocationCandidateSchema, compareForAllocation, exclusionOf, type AllocationCandidate } from './allocation';

const person = (id: string, over: Partial<AllocationCandidate> = {}): AllocationCandidate => ({
  id,
  team: `team-${id}`,
  division: 'north',
  role: 'psd-investigator',
  openCaseCount: 3,
  active: true,
  ...over,
});

const assigneeOf = (r: ReturnType<typeof allocate>) => (r.ok ? r.assignee.id : null);

describe('allocate', () => {
  it('chooses the eligible candidate with the least open workload', () => {
    const result = allocate([person('a', { openCaseCount: 5 }), person('b', { openCaseCount: 2 }), person('c', { openCaseCount: 4 })], {
      subjects: [],
    });
    expect(result).toEqual({
      ok: true,
      assignee: person('b', { openCaseCount: 2 }),
      reason: 'Least open workload (2 open cases) among 3 eligible',
    });
  });

  it('breaks ties by id, whatever order candidates arrive in', () => {
    const candidates = [person('inv-7', { openCaseCount: 1 }), person('inv-3', { openCaseCount: 1 }), person('inv-5', { openCaseCount: 1 })];
    const orders = [candidates, [...candidates].reverse(), [candidates[1]!, candidates[2]!, candidates[0]!]];
    for (const order of orders) {
      const result = allocate(order, { subjects: [] });
      expect(assigneeOf(result)).toBe('inv-3');
      expect(result.reason).toContain('tie broken by id');
    }
  });

  it('compares ids by code unit, not locale, so the tie-break is the same on every machine', () => {
    expect(assigneeOf(allocate([person('b'), person('B'), person('a')], { subjects: [] }))).toBe('B');
    expect(assigneeOf(allocate([person('inv-9'), person('inv-10')], { subjects: [] }))).toBe('inv-10');
  });

  it('never allocates to someone in a subject officer’s team, however light their workload', () => {
    const result = allocate([person('a', { team: 'response-3', openCaseCount: 0 }), person('b', { team: 'psd-1', openCaseCount: 9 })], {
      subjects: [{ team: 'response-3', division: 'north' }],
    });
    expect(assigneeOf(result)).toBe('b');
    expect(result.reason).toContain("excluded: 1 in a subject officer's team (conflict of interest)");
  });

  it('checks every subject officer’s team', () => {
    const result = allocate([person('a', { team: 't1' }), person('b', { team: 't2' }), person('c', { team: 't3', openCaseCount: 8 })], {
      subjects: [{ team: 't1' }, { team: 't2' }],
    });
    expect(assigneeOf(result)).toBe('c');
  });

  it('§3.2.4: with the conflict flag set, never the subject officer’s own division', () => {
    const leads = [
      person('lead-north', { role: 'divisional-lead', division: 'north', team: 'north-lead', openCaseCount: 1 }),
      person('lead-east', { role: 'divisional-lead', division: 'east', team: 'east-lead', openCaseCount: 6 }),
    ];
    const subjects = [{ team: 'north-response-2', division: 'north' }];
    const flagged = allocate(leads, { subjects, roles: ['divisional-lead'], excludeSubjectDivisions: true });
    expect(assigneeOf(flagged)).toBe('lead-east');
    expect(flagged.reason).toContain("1 in a subject officer's division (conflict of interest, §3.2.4)");
    // Without the flag the subject's own division may resolve it (§3.2.4 "allocate to division").
    expect(assigneeOf(allocate(leads, { subjects, roles: ['divisional-lead'] }))).toBe('lead-north');
  });

  it('skips inactive candidates, those at capacity and those in other roles', () => {
    const result = allocate(
      [
        person('a', { active: false, openCaseCount: 0 }),
        person('b', { capacity: 4, openCaseCount: 4 }),
        person('c', { role: 'divisional-lead', openCaseCount: 0 }),
        person('d', { capacity: 10, openCaseCount: 7 }),
      ],
      { subjects: [], roles: ['psd-investigator'] },
    );
    expect(assigneeOf(result)).toBe('d');
    expect(result.reason).toBe(
      'Least open workload (7 open cases) among 1 eligible; excluded: 1 inactive, 1 at capacity, 1 not in an eligible role',
    );
  });

  it('treats a missing capacity as no cap', () => {
    expect(assigneeOf(allocate([person('a', { openCaseCount: 500 })], { subjects: [] }))).toBe('a');
  });

  it('ignores subject officers whose team or division is unknown', () => {
    expect(assigneeOf(allocate([person('a')], { subjects: [{}], excludeSubjectDivisions: true }))).toBe('a');
  });

  it('explains why nobody could be allocated', () => {
    expect(
      allocate([person('a', { active: false }), person('b', { team: 'x' }), person('c', { team: 'x' })], {
        subjects: [{ team: 'x' }],
      }),
    ).toEqual({
      ok: false,
      reason: "No eligible candidate among 3: 1 inactive, 2 in a subject officer's team (conflict of interest)",
    });
    expect(allocate([], { subjects: [] })).toEqual({ ok: false, reason: 'No eligible candidate: no candidates were offered' });
  });

  it('does not reorder or change the caller’s array', () => {
    const candidates = [person('b', { openCaseCount: 2 }), person('a', { openCaseCount: 1 })];
    const copy = structuredClone(candidates);
    allocate(candidates, { subjects: [] });
    expect(candidates).toEqual(copy);
  });
});

describe('exclusionOf and compareForAllocation', () => {
  it('give the first reason a candidate is excluded', () => {
    expect(exclusionOf(person('a', { active: false, team: 'x' }), { subjects: [{ team: 'x' }] })).toBe('inactive');
    expect(exclusionOf(person('a', { team: 'x' }), { subjects: [{ team: 'x' }] })).toBe('same-team');
    expect(exclusionOf(person('a'), { subjects: [] })).toBeNull();
  });

  it('order by workload then id', () => {
    expect(compareForAllocation(person('z', { openCaseCount: 1 }), person('a', { openCaseCount: 2 }))).toBeLessThan(0);
    expect(compareForAllocation(person('a'), person('b'))).toBeLessThan(0);
    expect(compareForAllocation(person('a'), person('a'))).toBe(0);
  });
});

describe('allocationCandidateSchema', () => {
  it('validates candidates from the database or an event', () => {
    expect(allocationCandidateSchema.parse(person('a', { capacity: 5 }))).toEqual(person('a', { capacity: 5 }));
    expect(allocationCandidateSchema.safeParse(person('a', { openCaseCount: -1 })).success).toBe(false);
  });
});

describe('allocateInTiers: nobody works on their own case, and no case is left unallocated', () => {
  const head = person('head-of-psd', { team: 'psd', role: 'head-of-psd', openCaseCount: 40 });
  const dcc = person('deputy-chief-constable', { team: 'chief-officers', role: 'chief-officer', openCaseCount: 0 });

  it('excludes the subject by id, as well as anyone in their team', () => {
    expect(exclusionOf(person('x'), { subjects: [{ personId: 'x' }] })).toBe('is-subject');
  });

  it('takes the first tier with someone free of the conflict', () => {
    const r = allocateInTiers(
      [
        { label: 'PSD handlers', candidates: [person('h1', { team: 'psd' }), person('h2', { team: 'psd' })] },
        { label: 'the rest of PSD', candidates: [person('ccu-1', { team: 'counter-corruption' })] },
      ],
      { subjects: [{ team: 'psd' }] },
      [head],
    );
    expect(r).toMatchObject({ ok: true, escalated: false, assignee: { id: 'ccu-1' } });
    expect(r.ok && r.reason).toMatch(/^the rest of PSD: Least open workload/);
  });

  it('escalates to the head of PSD when every candidate is conflicted, saying why', () => {
    const r = allocateInTiers([{ label: 'PSD handlers', candidates: [person('h1', { team: 'north-response' })] }], { subjects: [{ team: 'north-response' }] }, [head, dcc]);
    expect(r).toMatchObject({ ok: true, escalated: true, assignee: { id: 'head-of-psd' } });
    expect(r.ok && r.reason).toMatch(/Escalated to head-of-psd \(head-of-psd\): nobody else may take it \(PSD handlers: No eligible candidate among 1: 1 in a subject officer's team/);
  });

  it('goes past a head of PSD who is conflicted too, up their line management', () => {
    const r = allocateInTiers([{ label: 'PSD handlers', candidates: [person('h1', { team: 'psd' })] }], { subjects: [{ team: 'psd' }] }, [head, dcc]);
    expect(r).toMatchObject({ ok: true, escalated: true, assignee: { id: 'deputy-chief-constable' } });
  });

  it('fails only when nobody at all is free of the conflict', () => {
    expect(allocateInTiers([], { subjects: [{ team: 'psd' }] }, [head])).toMatchObject({ ok: false, reason: expect.stringMatching(/not even by escalation/) });
  });
});
