import { describe, expect, it } from 'vitest';
import { safeErrorFields } from './errors';

describe('safeErrorFields', () => {
  it('keeps only the class, code and model of a Prisma error (its message quotes the data)', () => {
    const err = Object.assign(new Error('Invalid `tx.case.create()` invocation: { complainant: { name: "Jane Doe" } }'), {
      name: 'PrismaClientKnownRequestError',
      code: 'P2002',
      meta: { modelName: 'Case' },
    });
    const fields = safeErrorFields(err);
    expect(fields).toEqual({ errName: 'PrismaClientKnownRequestError', code: 'P2002', model: 'Case' });
    expect(JSON.stringify(fields)).not.toContain('Jane');
  });
  it('keeps message and stack of other errors', () => {
    const fields = safeErrorFields(new TypeError('x is undefined'));
    expect(fields).toMatchObject({ errName: 'TypeError', err: 'x is undefined' });
    expect(fields.stack).toContain('TypeError');
  });
});
