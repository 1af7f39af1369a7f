import { describe, expect, it } from 'vitest';
import { NoCandidateError, pickAssignee, toCandidates, type PersonRow } from './assignment';

const person = (id: string, team: string, division: string, role = 'psd-handler'): PersonRow => ({ id, role, team, division, active: true });

describe('toCandidates', () => {
  it('counts open tasks and open cases together as the open workload', () => {
    const people = [person('p1', 't1', 'd1'), person('p2', 't2', 'd2'), person('p3', 't3', 'd3')];
    const candidates = toCandidates(people, new Map([['p1', 2], ['p2', 1]]), new Map([['p1', 1], ['p3', 4]]));
    expect(candidates.map((c) => [c.id, c.openCaseCount])).toEqual([['p1', 3], ['p2', 1], ['p3', 4]]);
    expect(candidates[0]).toMatchObject({ role: 'psd-handler', team: 't1', division: 'd1', active: true });
  });
});

describe('pickAssignee', () => {
  const free = (id: string, team: string, division: string, role?: string) => toCandidates([person(id, team, division, role)], new Map(), new Map())[0]!;

  it('never picks someone in a subject officer’s team, even with the least work', () => {
    const choice = pickAssignee([free('a', 'response', 'north'), free('b', 'psd', 'hq')], 'psd-handler', { subjects: [{ team: 'response' }] });
    expect(choice.assignee.id).toBe('b');
    expect(choice.reason).toContain("in a subject officer's team");
  });

  it('keeps only the requested role', () => {
    const choice = pickAssignee(
      [free('a', 'psd', 'hq', 'psd-investigator'), free('b', 'south-command', 'south', 'divisional-lead')],
      'divisional-lead',
      { subjects: [] },
    );
    expect(choice.assignee.id).toBe('b');
  });

  it('excludes the subject officer’s division when asked to', () => {
    const leads = [free('north-lead', 'north-command', 'north', 'divisional-lead'), free('south-lead', 'south-command', 'south', 'divisional-lead')];
    const subjects = [{ team: 'north-response', division: 'north' }];
    expect(pickAssignee(leads, 'divisional-lead', { subjects, excludeSubjectDivisions: true }).assignee.id).toBe('south-lead');
    expect(pickAssignee(leads, 'divisional-lead', { subjects }).assignee.id).toBe('north-lead');
  });

  it('says clearly why nobody can take the case', () => {
    const call = () => pickAssignee([free('a', 'response', 'north')], 'psd-handler', { subjects: [{ team: 'response' }] });
    expect(call).toThrow(NoCandidateError);
    expect(call).toThrow(/no active psd-handler can take the case: No eligible candidate among 1: 1 in a subject officer's team/);
  });
});
