import { describe, expect, it } from 'vitest';
import { HolidayCalendar, ENGLAND_AND_WALES } from './calendar';
import { DEFAULT_SLA_POLICY } from './deadlines';
import { complainantUpdateDue, forceOwesLongRunningReports, longRunningReportRefusal, updateMethodRefusal } from './keeping-informed';

const cal = new HolidayCalendar(ENGLAND_AND_WALES.holidays().map((h) => h.date));

describe('C&M reg 34(2)(a): the next progress update', () => {
  it('is due four weeks from the start of handling when nothing has been notified yet', () => {
    expect(complainantUpdateDue({ handlingStartedOn: '2027-01-04' }, cal, DEFAULT_SLA_POLICY).dueOn).toBe('2027-02-01');
  });
  it('is due four weeks after the previous notification otherwise, not on a grid from the start', () => {
    expect(complainantUpdateDue({ handlingStartedOn: '2027-01-04', previousNotificationOn: '2027-01-20' }, cal, DEFAULT_SLA_POLICY).dueOn).toBe('2027-02-17');
  });
});

describe('C&M reg 34(3): in writing unless made otherwise than in writing and handled outside Schedule 3', () => {
  it('accepts email and letter always', () => {
    expect(updateMethodRefusal('email', { channel: 'web', handling: 'schedule-3' })).toBeUndefined();
    expect(updateMethodRefusal('letter', { channel: 'phone', handling: 'schedule-3' })).toBeUndefined();
  });
  it('accepts a phone update only for a spoken complaint handled outside Schedule 3', () => {
    expect(updateMethodRefusal('phone', { channel: 'phone', handling: 'outside-schedule-3' })).toBeUndefined();
    expect(updateMethodRefusal('in-person', { channel: 'counter', handling: 'outside-schedule-3' })).toBeUndefined();
    expect(updateMethodRefusal('phone', { channel: 'phone', handling: 'schedule-3' })).toMatch(/handled under Schedule 3.*C&M reg 34\(3\)/);
    expect(updateMethodRefusal('phone', { channel: 'web', handling: 'outside-schedule-3' })).toMatch(/made in writing \(web\)/);
  });
});

describe('C&M reg 13: long-running reports', () => {
  it('must go to the IOPC', () => {
    expect(longRunningReportRefusal({ sentToIopc: false, sentToLocalPolicingBody: true })).toMatch(/sentToIopc/);
  });
  it('may leave out the local policing body only with the prejudice reason', () => {
    expect(longRunningReportRefusal({ sentToIopc: true, sentToLocalPolicingBody: false })).toMatch(/localPolicingBodyWithheldBecause/);
    expect(longRunningReportRefusal({ sentToIopc: true, sentToLocalPolicingBody: false, localPolicingBodyWithheldBecause: '  ' })).toMatch(/localPolicingBodyWithheldBecause/);
    expect(longRunningReportRefusal({ sentToIopc: true, sentToLocalPolicingBody: false, localPolicingBodyWithheldBecause: 'a witness sits on it' })).toBeUndefined();
    expect(longRunningReportRefusal({ sentToIopc: true, sentToLocalPolicingBody: true })).toBeUndefined();
  });
  it('are the force’s unless the IOPC directs or investigates independently', () => {
    expect([undefined, 'return-to-force', 'local', 'directed', 'independent'].map((d) => forceOwesLongRunningReports(d as never))).toEqual([true, true, true, false, false]);
  });
});
