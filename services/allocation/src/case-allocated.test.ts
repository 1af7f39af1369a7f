import { describe, expect, it } from 'vitest';
import { EnvelopeSchema } from '@probity/shared/events/envelope';
import { assessmentAllocatedId, caseAllocatedEvent, handlingAllocatedId } from './case-allocated';
import { deterministicUuid } from './signal-once';

describe('case.allocated', () => {
  it('has ids derived from the case and the request, so repeats are recognisable', () => {
    expect(assessmentAllocatedId('c1')).toBe('case.allocated:c1:assessment');
    expect(handlingAllocatedId('c1', 'ev-9')).toBe('case.allocated:c1:handling:ev-9');
  });

  it('builds the same envelope for the same decision', () => {
    const at = new Date('2026-03-02T10:00:00.000Z');
    const data = { caseId: 'c1', ref: 'CO-1', purpose: 'assessment' as const, assigneeId: 'h1', reason: 'least work' };
    const a = caseAllocatedEvent(assessmentAllocatedId('c1'), data, at);
    expect(a).toEqual(caseAllocatedEvent(assessmentAllocatedId('c1'), data, at));
    expect(EnvelopeSchema.parse(a)).toEqual(a);
    expect(a).toMatchObject({ type: 'case.allocated', subject: 'c1', time: '2026-03-02T10:00:00.000Z', source: 'probity/allocation' });
  });

  it('refuses data outside its schema', () => {
    expect(() => caseAllocatedEvent('x', { caseId: 'c1', ref: 'r', purpose: 'assessment', assigneeId: '', reason: '' }, new Date())).toThrow();
  });
});

describe('deterministicUuid', () => {
  it('gives the same UUID for the same key and different ones for different keys', () => {
    const a = deterministicUuid('allocation:c1:handling:ev-1');
    expect(a).toBe(deterministicUuid('allocation:c1:handling:ev-1'));
    expect(a).not.toBe(deterministicUuid('allocation:c1:handling:ev-2'));
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
