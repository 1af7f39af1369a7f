import { describe, expect, it } from 'vitest';
import { allocateInTiers, COUNTER_CORRUPTION_TEAM } from '@probity/shared/domain/index';
import { POOLS, poolTiers, toCandidates, type PersonRow } from './assignment';

const person = (id: string, team: string, division: string, role = 'psd-handler'): PersonRow => ({ id, role, team, division, active: true });
const free = (id: string, team: string, division: string, role?: string) => toCandidates([person(id, team, division, role)], new Map(), new Map())[0]!;

describe('toCandidates', () => {
  it('counts open tasks and open cases together as the open workload', () => {
    const people = [person('p1', 't1', 'd1'), person('p2', 't2', 'd2'), person('p3', 't3', 'd3')];
    const candidates = toCandidates(people, new Map([['p1', 2], ['p2', 1]]), new Map([['p1', 1], ['p3', 4]]));
    expect(candidates.map((c) => [c.id, c.openCaseCount])).toEqual([['p1', 3], ['p2', 1], ['p3', 4]]);
    expect(candidates[0]).toMatchObject({ role: 'psd-handler', team: 't1', division: 'd1', active: true });
  });
});

describe('the pools each purpose allocates from', () => {
  const handlers = [free('a-psd', 'psd', 'hq'), free('b-ccu', COUNTER_CORRUPTION_TEAM, 'hq')];
  const investigators = [free('i-psd', 'psd', 'hq', 'psd-investigator'), free('i-ccu', COUNTER_CORRUPTION_TEAM, 'hq', 'psd-investigator')];
  const leads = [free('north-lead', 'north-command', 'north', 'divisional-lead'), free('south-lead', 'south-command', 'south', 'divisional-lead')];
  const byRole = new Map([['psd-handler', handlers], ['psd-investigator', investigators], ['divisional-lead', leads]]);
  const head = free('head-of-psd', 'psd', 'hq', 'head-of-psd');
  const pick = (pools: ReturnType<typeof POOLS.assessment>, subjects: { personId?: string; team?: string; division?: string }[]) =>
    allocateInTiers(poolTiers(pools, byRole), { subjects }, [head]);

  it('gives an ordinary complaint to the PSD handlers, not the counter-corruption unit', () => {
    expect(pick(POOLS.assessment(false), [{ team: 'north-response' }])).toMatchObject({ ok: true, assignee: { id: 'a-psd' }, escalated: false });
  });

  it('gives a restricted complaint to the counter-corruption unit only', () => {
    expect(pick(POOLS.assessment(true), [{ team: 'north-response' }])).toMatchObject({ ok: true, assignee: { id: 'b-ccu' } });
    expect(pick(POOLS.investigation(true), [{ team: 'north-response' }])).toMatchObject({ ok: true, assignee: { id: 'i-ccu' } });
    expect(pick(POOLS.division(true), [{ team: 'north-response' }])).toMatchObject({ ok: true, assignee: { id: 'i-ccu' } });
  });

  it('gives a complaint about someone in team psd to the counter-corruption unit, not the dead-letter topic', () => {
    const r = pick(POOLS.assessment(false), [{ personId: 'x', team: 'psd' }]);
    expect(r).toMatchObject({ ok: true, assignee: { id: 'b-ccu' }, escalated: false });
    expect(r.ok && r.reason).toMatch(/^Counter-corruption unit \(everyone else conflicted\)/);
  });

  it('escalates to the head of PSD when the unit is conflicted too', () => {
    expect(pick(POOLS.assessment(true), [{ team: COUNTER_CORRUPTION_TEAM }])).toMatchObject({ ok: true, assignee: { id: 'head-of-psd' }, escalated: true });
  });

  it('allocates to a division outside the subjects’ divisions (§3.2.4), escalating when there is none', () => {
    expect(pick(POOLS.division(false), [{ team: 'north-response', division: 'north' }])).toMatchObject({ ok: true, assignee: { id: 'south-lead' } });
    expect(pick(POOLS.division(false), [{ division: 'north' }, { division: 'south' }])).toMatchObject({ ok: true, assignee: { id: 'head-of-psd' }, escalated: true });
  });
});
