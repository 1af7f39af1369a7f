import { describe, expect, it } from 'vitest';
import { mayReadCase, type CaseAccessFacts, type CaseViewer } from './case-access';

const who = (id: string, role: string, team: string, division: string): CaseViewer => ({ id, role, team, division });
const PEOPLE = {
  handler: who('psd-handler-1', 'psd-handler', 'psd', 'hq'),
  manager: who('psd-manager', 'psd-manager', 'psd', 'hq'),
  head: who('head-of-psd', 'head-of-psd', 'psd', 'hq'),
  ccu: who('ccu-handler', 'psd-handler', 'counter-corruption', 'hq'),
  northLead: who('north-lead', 'divisional-lead', 'north-command', 'north'),
  southLead: who('south-lead', 'divisional-lead', 'south-command', 'south'),
  constable: who('north-constable', 'front-line', 'north-response', 'north'),
  counter: who('counter-staff', 'front-line', 'front-counter', 'south'),
  pcc: who('pcc-review-officer', 'lpb-review-officer', 'opcc', 'opcc'),
  iopc: who('iopc-reviewer', 'iopc-reviewer', 'iopc', 'iopc'),
};
const complaint = (over: Partial<CaseAccessFacts> = {}): CaseAccessFacts => ({
  kind: 'complaint', restricted: false, subjects: [{ team: 'north-response', division: 'north' }], ...over,
});

describe('may this person read this case?', () => {
  it('PSD read an ordinary complaint; an unconnected constable does not', () => {
    expect(mayReadCase(PEOPLE.handler, complaint())).toMatchObject({ allowed: true, basis: 'PSD', audit: false });
    expect(mayReadCase(PEOPLE.counter, complaint())).toMatchObject({ allowed: false, status: 403 });
  });

  it('nobody reads a complaint about themselves or their team, PSD included', () => {
    expect(mayReadCase(PEOPLE.handler, complaint({ subjects: [{ personId: 'psd-handler-1', team: 'psd' }] }))).toMatchObject({ allowed: false, status: 403, reason: expect.stringMatching(/conflict of interest/) });
    expect(mayReadCase(PEOPLE.manager, complaint({ subjects: [{ team: 'psd' }] }))).toMatchObject({ allowed: false, status: 403 });
    expect(mayReadCase(PEOPLE.constable, complaint({ recordedById: 'north-constable' }))).toMatchObject({ allowed: false, status: 403 });
  });

  it('a divisional lead reads the cases allocated to their division, and only those', () => {
    const north = complaint({ subjects: [{ team: 'south-response' }], allocatedDivision: 'north' });
    expect(mayReadCase(PEOPLE.northLead, north)).toMatchObject({ allowed: true });
    expect(mayReadCase(PEOPLE.southLead, north)).toMatchObject({ allowed: false, status: 403 });
    expect(mayReadCase(PEOPLE.northLead, complaint({ subjects: [{ team: 'south-response' }] }))).toMatchObject({ allowed: false });
  });

  it('a restricted case is "not found" to all but the counter-corruption unit, the head of PSD and its assignee, and every read is audited', () => {
    const restricted = complaint({ restricted: true, allocatedDivision: 'north' });
    expect(mayReadCase(PEOPLE.ccu, restricted)).toMatchObject({ allowed: true, audit: true });
    expect(mayReadCase(PEOPLE.head, restricted)).toMatchObject({ allowed: true, audit: true });
    for (const p of [PEOPLE.handler, PEOPLE.manager, PEOPLE.northLead, PEOPLE.constable]) {
      expect(mayReadCase(p, restricted), p.id).toEqual({ allowed: false, status: 404, reason: 'no such case', audit: true, refusal: 'restricted' });
    }
    expect(mayReadCase(PEOPLE.manager, { ...restricted, assigneeId: 'psd-manager' })).toMatchObject({ allowed: true });
    expect(mayReadCase(PEOPLE.ccu, { ...restricted, subjects: [{ team: 'counter-corruption' }] })).toMatchObject({ allowed: false, status: 404, refusal: 'conflict' });
  });

  it('says which refusals bar a person from the case altogether (restricted, conflict) and which only from its record (need to know)', () => {
    expect(mayReadCase(PEOPLE.handler, complaint({ subjects: [{ team: 'psd' }] }))).toMatchObject({ allowed: false, refusal: 'conflict' });
    expect(mayReadCase(PEOPLE.counter, complaint())).toMatchObject({ allowed: false, status: 403, refusal: 'need-to-know' });
    expect(mayReadCase(PEOPLE.constable, complaint())).toMatchObject({ allowed: false, status: 403, refusal: 'conflict' });
    expect(mayReadCase(PEOPLE.manager, complaint({ restricted: true }))).toMatchObject({ allowed: false, status: 404, refusal: 'restricted' });
  });

  it('people working on it, and the one who recorded it, read it', () => {
    expect(mayReadCase(PEOPLE.southLead, complaint({ taskAssigneeIds: ['south-lead'] }))).toMatchObject({ allowed: true, basis: 'works on the case' });
    expect(mayReadCase(PEOPLE.counter, complaint({ recordedById: 'counter-staff' }))).toMatchObject({ allowed: true, basis: 'recorded it' });
  });

  it('the review body’s reviewers read a case their body reviews', () => {
    expect(mayReadCase(PEOPLE.pcc, complaint({ reviewBody: 'local-policing-body' }))).toMatchObject({ allowed: true });
    expect(mayReadCase(PEOPLE.iopc, complaint({ reviewBody: 'local-policing-body' }))).toMatchObject({ allowed: false });
  });

  it('a conduct matter is read by its raiser and line management, never by its subject', () => {
    const matter: CaseAccessFacts = { kind: 'conduct', restricted: false, subjects: [{ personId: 'north-constable', team: 'north-response' }], raisedById: 'north-sergeant', taskAssigneeIds: ['north-chief-inspector', 'north-constable'] };
    expect(mayReadCase(who('north-sergeant', 'supervisor', 'north-response', 'north'), matter)).toMatchObject({ allowed: true, basis: 'raised it' });
    expect(mayReadCase(who('north-chief-inspector', 'supervisor', 'north-response', 'north'), matter)).toMatchObject({ allowed: true });
    expect(mayReadCase(PEOPLE.constable, matter)).toMatchObject({ allowed: false, status: 403 });
    expect(mayReadCase(who('north-inspector', 'supervisor', 'north-response', 'north'), matter)).toMatchObject({ allowed: false, status: 403 });
  });
});
