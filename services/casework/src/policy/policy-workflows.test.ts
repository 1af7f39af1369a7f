import { describe, expect, it } from 'vitest';
import { DEFAULT_SLA_POLICY } from '@probity/shared/domain/index';
import { AssignedTo, NextDeadline, PolicyRef, SlaBreached, Stage } from '@probity/shared/temporal/search-attributes';
import { loadPolicyConfig } from './policy-config';
import { policyReviewInput, startSearchAttributes } from './policy-workflows';

const p02 = { id: 'policy-p02', ref: 'P02', ownerId: 'policy-owner', version: '1.0', nextReviewDue: new Date('2024-07-01T00:00:00Z') };

describe('the review workflow input', () => {
  it('is built from the register row with the lead times and holidays, no personal data', () => {
    const input = policyReviewInput(p02, { sla: DEFAULT_SLA_POLICY, remindBefore: [{ months: 3 }], holidays: ['2024-12-25'] });
    expect(input).toEqual({
      policyId: 'policy-p02',
      ref: 'P02',
      ownerId: 'policy-owner',
      version: '1.0',
      nextReviewDue: '2024-07-01',
      sla: DEFAULT_SLA_POLICY,
      remindBefore: [{ months: 3 }],
      holidays: ['2024-12-25'],
    });
    expect(policyReviewInput({ id: 'x', ref: 'X', ownerId: 'o', version: '1', nextReviewDue: new Date('2030-01-01T00:00:00Z') }, { sla: DEFAULT_SLA_POLICY }).holidays.length).toBeGreaterThan(50);
  });
});

describe('the search attributes a review workflow starts with', () => {
  const sla = loadPolicyConfig({}).sla;
  const at = (date: string) => Date.parse(`${date}T12:00:00Z`);
  const attrs = (nextReviewDue: string, today: string) =>
    Object.fromEntries(startSearchAttributes({ ...p02, nextReviewDue: new Date(`${nextReviewDue}T00:00:00Z`) }, sla, at(today)).map((a) => [a.key.name, a.value]));

  it('show P02 as overdue and breached from the start, before any worker has run it', () => {
    expect(attrs('2024-07-01', '2026-11-23')).toEqual({
      [PolicyRef.name]: 'P02',
      [Stage.name]: 'overdue',
      [SlaBreached.name]: true,
      [NextDeadline.name]: new Date('2024-07-01T22:59:59.999Z'),
      [AssignedTo.name]: 'policy-owner',
    });
  });

  it('show due soon within the first lead time, in date before it', () => {
    expect(attrs('2027-01-11', '2026-11-23')[Stage.name]).toBe('due-soon');
    expect(attrs('2027-06-01', '2026-11-23')).toMatchObject({ [Stage.name]: 'in-date', [SlaBreached.name]: false });
  });
});
