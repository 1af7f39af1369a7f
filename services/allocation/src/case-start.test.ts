import { describe, expect, it } from 'vitest';
import { DEFAULT_SLA_POLICY } from '@probity/shared/domain/index';
import type { CaseReceived } from '@probity/shared/events/schemas';
import { buildComplaintInput, holidayDates } from './case-start';
import { routeReceivedComplaint } from './routing';

const received: CaseReceived = {
  caseId: 'case-1',
  ref: 'CO-2026-000001',
  kind: 'complaint',
  channel: 'web',
  receivedAt: '2026-03-02T09:30:00.000Z',
  allegations: [{ id: 'a1', category: 'police-powers-policies-and-procedures', subCategory: 'use-of-force' }],
  subjects: [{ personId: 'north-constable', team: 'north-response', division: 'north' }],
  flags: { deathOrSeriousInjury: true },
};

describe('holidayDates', () => {
  it('lists the England and Wales bank holidays as YYYY-MM-DD strings', () => {
    const dates = holidayDates();
    expect(dates.length).toBeGreaterThan(50);
    for (const d of dates) expect(d).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(dates).toContain('2026-12-25');
    expect(dates).toContain('2026-05-25'); // spring bank holiday
    expect(dates).not.toContain('2026-03-02');
  });
});

describe('buildComplaintInput', () => {
  const route = routeReceivedComplaint(received);

  it('carries the case facts, the route, the people chosen and the current SLA policy', () => {
    const input = buildComplaintInput(received, { route, assessorId: 'psd-handler-1', complaintsTeamId: 'psd-manager' });
    expect(input).toEqual({
      caseId: 'case-1',
      ref: 'CO-2026-000001',
      channel: 'web',
      receivedAt: '2026-03-02T09:30:00.000Z',
      allegations: [{ id: 'a1', category: 'police-powers-policies-and-procedures', subCategory: 'use-of-force' }],
      subjects: [{ personId: 'north-constable', team: 'north-response', division: 'north' }],
      route,
      assessorId: 'psd-handler-1',
      complaintsTeamId: 'psd-manager',
      sla: DEFAULT_SLA_POLICY,
      holidays: holidayDates(),
    });
    expect(input.route.referToIopc).toBe(true);
    expect('firstContact' in input).toBe(false);
  });

  it('gives each subject the rank the record holds, so rank-based rules (the review body, Sch 3 para 6A) have it', () => {
    const input = buildComplaintInput(received, { route, assessorId: 'h', complaintsTeamId: 'm', subjectRanks: ['assistant-chief-constable'] });
    expect(input.subjects).toEqual([{ personId: 'north-constable', team: 'north-response', division: 'north', rank: 'assistant-chief-constable' }]);
    expect(buildComplaintInput(received, { route, assessorId: 'h', complaintsTeamId: 'm', subjectRanks: [null] }).subjects[0]).not.toHaveProperty('rank');
  });

  it('passes the front-line first contact through', () => {
    const firstContact = { byId: 'north-constable', at: '2026-03-02T09:00:00.000Z', resolved: false };
    const input = buildComplaintInput({ ...received, firstContact }, { route, assessorId: 'h', complaintsTeamId: 'm', holidays: [] });
    expect(input.firstContact).toEqual(firstContact);
    expect(input.holidays).toEqual([]);
  });
});
