import { describe, expect, it } from 'vitest';
import { lessonFormSchema, personalDataIn, personalDataRefusal } from './lessons';

const clean = 'Response officers were not briefed on the new body-worn video policy before it took effect; brief every shift when a policy changes.';

describe('lessons hold no personal data', () => {
  it('passes a lesson about the organisation', () => {
    expect(personalDataIn(clean, { caseNames: ['Casey Example'], workforceNames: ['PC Ellis Ward', 'Test counter'] })).toEqual([]);
    expect(lessonFormSchema.parse({ theme: 'policy-and-procedure', lesson: `  ${clean} ` }).lesson).toBe(clean);
  });
  it('finds any part of the name of someone in the case, and a member of the workforce’s full name, as whole words in any case', () => {
    expect(personalDataIn('casey was not called back.', { caseNames: ['Casey Example'] })).toEqual(["the name 'Casey'"]);
    expect(personalDataIn('Nobody told ellis  ward about it.', { workforceNames: ['PC Ellis Ward'] })).toEqual(["the name 'Ellis Ward'"]);
    // A workforce name's single word is an ordinary word (a 'Test counter' must not refuse 'counter').
    expect(personalDataIn('Ward rounds and the front counter were fine.', { workforceNames: ['PC Ellis Ward', 'Test counter'] })).toEqual([]);
    // Part of a longer word is not a name; a title is not a name.
    expect(personalDataIn('Caseys and the PC on duty.', { caseNames: ['PC Casey Example'] })).toEqual([]);
  });
  it('finds titles with names, contact details, identifiers and dates of birth', () => {
    const cases: [string, string][] = [
      ['Mr Smith was kept waiting.', 'a title with a name'],
      ['Sgt. Jones did not review it.', 'a title with a name'],
      ['Write to jo.bloggs@example.com for the notes.', 'an email address'],
      ['They called 07700 900123 twice.', 'a telephone number'],
      ['It happened near ME14 1XX.', 'a postcode'],
      ['Their NI number JT 12 34 56 C was read out.', 'a National Insurance number'],
      ['The car AB12 CDE was searched.', 'a vehicle registration'],
      ['The DOB was wrong on the form.', 'a date of birth'],
      ['Collar 4521 did not wear a camera.', 'a shoulder or collar number'],
    ];
    for (const [text, what] of cases) expect(personalDataIn(text), text).toContain(what);
  });
  it('says what to remove', () => {
    expect(personalDataRefusal(['an email address', "the name 'Ward'"])).toBe("A lesson is for the whole workforce and must not identify anyone: remove an email address, the name 'Ward'");
  });
  it('refuses a lesson without a theme or too short, naming the field', () => {
    const r = lessonFormSchema.safeParse({ theme: 'gossip', lesson: 'short' });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['theme', expect.stringMatching(/^theme must be one of: communication/)],
      ['lesson', 'Write the lesson for the organisation, in at least 20 characters'],
    ]);
  });
});
