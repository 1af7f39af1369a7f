import { describe, expect, it } from 'vitest';
import { PermanentError } from '@probity/shared/kafka';
import {
  channelFor,
  complainantEmail,
  complainantIsTold,
  complainantRecipient,
  dedupeRecipients,
  staffRecipient,
  type ResolvedRecipient,
} from './recipients';
import { parseNotifyingEvent } from './events';
import { CASE_ID, outcome, policyReviewDue, reviewWindow, slaBreached, taskAssigned, updateDue } from '../test/fixtures';

const staff: ResolvedRecipient = { kind: 'staff', recipientId: 'manager-1', email: 'm@probity.local', name: 'M' };
const emailable = complainantRecipient(CASE_ID, { name: 'A', email: 'a@example.org', preferredContact: 'email' });
const byPhone = complainantRecipient(CASE_ID, { name: 'A', phone: '01234 567890', preferredContact: 'phone' });

describe('dedupeRecipients', () => {
  it('tells each reader once, keeping the order', () => {
    expect(
      dedupeRecipients([{ personId: 'a' }, { complainant: true }, { personId: 'b' }, { personId: 'a' }, { complainant: true }]),
    ).toEqual([{ personId: 'a' }, { complainant: true }, { personId: 'b' }]);
  });
});

describe('staffRecipient', () => {
  it('an unknown person is a permanent error naming the id', () => {
    const err = (() => {
      try {
        staffRecipient('ghost-7', null);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(PermanentError);
    expect((err as Error).message).toContain('ghost-7');
  });

  it('an inactive person is a permanent error too', () => {
    expect(() => staffRecipient('left-1', { id: 'left-1', name: 'L', email: 'l@x.org', active: false })).toThrow(PermanentError);
  });

  it('an active person resolves to their address', () => {
    expect(staffRecipient('p1', { id: 'p1', name: 'P', email: 'p@x.org', active: true })).toEqual({
      kind: 'staff',
      recipientId: 'p1',
      email: 'p@x.org',
      name: 'P',
    });
  });
});

describe('complainantEmail', () => {
  it('uses the email the complainant gave', () => {
    expect(complainantEmail({ name: 'A', email: ' a@example.org ', preferredContact: 'email' })).toBe('a@example.org');
    expect(complainantEmail({ name: 'A', email: 'a@example.org' })).toBe('a@example.org');
  });

  it('no email, a malformed one, or a phone/post preference: no email', () => {
    expect(complainantEmail({ name: 'A', phone: '0123', preferredContact: 'phone' })).toBeNull();
    expect(complainantEmail({ name: 'A', email: 'a@example.org', preferredContact: 'phone' })).toBeNull();
    expect(complainantEmail({ name: 'A', email: 'a@example.org', preferredContact: 'post' })).toBeNull();
    expect(complainantEmail({ name: 'A', email: 'not an email', preferredContact: 'email' })).toBeNull();
    expect(complainantEmail({ name: 'A', email: '' })).toBeNull();
    expect(complainantEmail(null)).toBeNull();
    expect(complainantEmail('a@example.org')).toBeNull();
  });

  it('names the complainant by case, not by anything personal', () => {
    expect(emailable.recipientId).toBe(`complainant:${CASE_ID}`);
  });
});

describe('channelFor', () => {
  it('staff are emailed (and see it in-app)', () => {
    for (const ev of [taskAssigned(), slaBreached(1), updateDue(), outcome(), reviewWindow('opened'), policyReviewDue()]) {
      expect(channelFor(ev, staff)).toBe('email');
    }
  });

  it('a complainant with an email is emailed the outcome and review-window news', () => {
    expect(channelFor(outcome(), emailable)).toBe('email');
    expect(channelFor(reviewWindow('opened'), emailable)).toBe('email');
    expect(channelFor(reviewWindow('review-accepted'), emailable)).toBe('email');
  });

  it('a complainant without an email gets a letter-or-phone record, never an email', () => {
    expect(channelFor(outcome(), byPhone)).toBe('letter-or-phone');
    expect(channelFor(reviewWindow('opened'), byPhone)).toBe('letter-or-phone');
  });

  it('review window closed: nothing to the complainant, in-app only for staff', () => {
    expect(channelFor(reviewWindow('closed'), emailable)).toBeNull();
    expect(channelFor(reviewWindow('closed'), byPhone)).toBeNull();
    expect(channelFor(reviewWindow('closed'), staff)).toBe('in-app');
  });

  it('a complainant is never told about internal casework', () => {
    expect(complainantIsTold(slaBreached(1))).toBe(false);
    expect(channelFor(slaBreached(1), emailable)).toBeNull();
    expect(channelFor(taskAssigned(), emailable)).toBeNull();
    expect(complainantIsTold(outcome())).toBe(true);
  });
});

describe('parseNotifyingEvent', () => {
  const good = { specversion: '1.0', id: 'e1', type: 'case.outcome', source: 's', time: '2026-11-24T10:00:00Z', subject: 'c1', datacontenttype: 'application/json' };
  const data = { caseId: 'c1', ref: 'CO-1', outcome: 'resolved', resolution: 'finalised', notify: [{ complainant: true }] };

  it('accepts a valid event of the topic\'s type', () => {
    expect(parseNotifyingEvent('case.outcome', { ...good, data }).envelope.data).toEqual(data);
  });

  it('rejects invalid data, a type that does not match the topic, and other topics — permanently', () => {
    expect(() => parseNotifyingEvent('case.outcome', { ...good, data: { ...data, notify: [{ email: 'x@y.z' }] } })).toThrow(PermanentError);
    expect(() => parseNotifyingEvent('case.outcome', { ...good, type: 'case.update-due', data })).toThrow(/arrived on topic/);
    expect(() => parseNotifyingEvent('case.received', { ...good, type: 'case.received', data })).toThrow(PermanentError);
    expect(() => parseNotifyingEvent('case.outcome', 'hello')).toThrow(PermanentError);
  });
});
