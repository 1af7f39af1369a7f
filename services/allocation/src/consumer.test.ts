import { describe, expect, it } from 'vitest';
import { envelope } from '@probity/shared/events/envelope';
import { caseReceivedSchema } from '@probity/shared/events/schemas';
import { PermanentError } from '@probity/shared/kafka';
import { parseOrPark } from './consumer';

const data = {
  caseId: 'c1',
  ref: 'CO-1',
  kind: 'complaint',
  channel: 'web',
  receivedAt: '2026-03-02T09:30:00.000Z',
  allegations: [{ id: 'a1', category: 'other' }],
  subjects: [],
};

describe('parseOrPark', () => {
  it('returns a valid event with its data parsed (defaults applied)', () => {
    const event = parseOrPark(envelope({ id: 'e1', type: 'case.received', source: 'probity/intake', subject: 'c1', data }), caseReceivedSchema, 'case.received');
    expect(event.data.flags).toEqual({});
    expect(event.id).toBe('e1');
  });

  it('parks what can never become valid: no envelope, bad data, the wrong type', () => {
    expect(() => parseOrPark({ hello: 'world' }, caseReceivedSchema, 'case.received')).toThrow(PermanentError);
    const bad = envelope({ id: 'e2', type: 'case.received', source: 's', subject: 'c1', data: { ...data, allegations: [] } });
    expect(() => parseOrPark(bad, caseReceivedSchema, 'case.received')).toThrow(/invalid data for event type case.received/);
    const wrongType = envelope({ id: 'e3', type: 'case.outcome', source: 's', subject: 'c1', data });
    expect(() => parseOrPark(wrongType, caseReceivedSchema, 'case.received')).toThrow(PermanentError);
  });
});
