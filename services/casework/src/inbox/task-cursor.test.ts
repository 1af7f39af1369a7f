import { describe, expect, it } from 'vitest';
import { decodeTaskCursor, encodeTaskCursor } from './task-cursor';

describe('the inbox page cursor', () => {
  it('names the place of the last task shown, and reads back as it', () => {
    const place = { dueAt: new Date('2026-03-02T23:59:59.999Z'), createdAt: new Date('2026-02-20T10:00:00Z'), id: 'complaint-CO-2026-000001:task:3' };
    const cursor = encodeTaskCursor(place);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeTaskCursor(cursor)).toEqual(place);
  });

  it('is refused when it is not one the inbox made', () => {
    for (const bad of ['', 'not-base64!', Buffer.from('[1,2,3]').toString('base64url'), Buffer.from('["x","2026-01-01T00:00:00Z","a"]').toString('base64url'), Buffer.from('["2026-01-01T00:00:00Z","2026-01-01T00:00:00Z",""]').toString('base64url')]) {
      expect(decodeTaskCursor(bad)).toBeNull();
    }
  });
});
