import { describe, expect, it } from 'vitest';
import { routeComplaint } from '@probity/shared/domain/index';
import { TaskRefusal } from '../casework/task-rules';
import { checkLongRunningReport, checkUpdateMethod, handlingModeAfterIopc, referableOnItsFace } from './regulation-rules';

describe('the complaint workflow’s regulation rules', () => {
  it('C&M reg 4: a complaint in a mandatory referral category as received is referable on its face', () => {
    expect(referableOnItsFace(routeComplaint({ allegations: [{ id: 'a1', category: 'abuse-of-position-or-corruption', subCategory: 'abuse-of-position-for-sexual-purpose' }] }))).toBe(true);
    expect(referableOnItsFace(routeComplaint({ allegations: [{ id: 'a1', category: 'individual-behaviours' }] }))).toBe(false);
  });
  it('C&M reg 34(3) and reg 13 refusals are TaskRefusals naming the field', () => {
    expect(() => checkUpdateMethod('phone', { channel: 'web', handling: 'schedule-3' })).toThrow(TaskRefusal);
    expect(() => checkUpdateMethod('letter', { channel: 'web', handling: 'schedule-3' })).not.toThrow();
    expect(() => checkLongRunningReport({ sentToIopc: false, sentToLocalPolicingBody: true })).toThrow(/sentToIopc/);
  });
  it('Sch 3 para 5: the IOPC’s mode decision makes it an investigation unless returned to the force', () => {
    expect(handlingModeAfterIopc('local', 'reasonable-and-proportionate')).toBe('investigation');
    expect(handlingModeAfterIopc('directed', 'reasonable-and-proportionate')).toBe('investigation');
    expect(handlingModeAfterIopc('independent', undefined)).toBe('investigation');
    expect(handlingModeAfterIopc('return-to-force', 'reasonable-and-proportionate')).toBe('reasonable-and-proportionate');
  });
});
