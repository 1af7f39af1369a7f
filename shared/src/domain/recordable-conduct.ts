/**
 * Recordable conduct matters (PRA 2002 Sch 3 Part 2, paras 10–13; C&M reg 7). A conduct matter
 * raised internally is recorded, and some must be referred to the IOPC, whose mode decision then
 * says who investigates (Sch 3 para 15). Pure rules; the conduct workflow applies them.
 *
 * The text, as stored (legislation.gov.uk uksi/2020/2/regulation/7): "7.—(1) The descriptions of
 * conduct specified for the purposes of paragraph 11(2)(c) of Schedule 3 (recording etc. of conduct
 * matters in other cases) are— (a) a serious assault …; (b) a serious sexual offence …; (c) serious
 * corruption, including abuse of position for a sexual purpose or the purpose of pursuing an
 * improper emotional relationship …; (d) a criminal offence or behaviour which is liable to lead to
 * disciplinary proceedings and which, in either case, was aggravated by discriminatory behaviour on
 * the grounds of a person's race, sex, religion or other status …; (e) a relevant offence; (f)
 * conduct whose gravity or other exceptional circumstances make it appropriate to record the matter
 * …; (g) conduct of a chief officer or the Deputy Commissioner of Police of the Metropolis; (h)
 * conduct which is alleged to have taken place in the same incident as one in which conduct within
 * sub-paragraphs (a) to (e) is alleged."
 *
 * Sch 3 para 13(1) (ukpga/2002/30/schedule/3/paragraph/13): the appropriate authority must refer a
 * recordable conduct matter where "(a) that matter relates to any incident or circumstances in or in
 * consequence of which any person has died or suffered serious injury; (b) that matter is of a
 * description specified for the purposes of this sub-paragraph in regulations …"; para 13(2) lets it
 * refer others "by reason of (a) the gravity of the matter; or (b) any exceptional circumstances";
 * para 13(4): "it must be so referred within such period as may be provided for by regulations".
 *
 * The paragraph of reg 7 naming the para 13(1)(b) descriptions and the period was not in the stored
 * copy. We follow its predecessor's pattern (SI 2004/643 reg 5(2): the recording descriptions other
 * than gravity or exceptional circumstances; reg 5(3)(a): "not later than the end of the working day
 * following the day on which it first becomes clear to the appropriate authority" that it must be
 * referred): every reg 7(1) description but (f) must be referred, (f) is recorded and may be
 * referred (para 13(2)); the period is the SLA policy's IOPC referral period (default: one working day).
 */
import { z } from 'zod';
import type { IopcModeDecision } from './keeping-informed';

export const REG7_DESCRIPTIONS = [
  'serious-assault',
  'serious-sexual-offence',
  'serious-corruption',
  'discrimination-aggravated',
  'relevant-offence',
  'gravity-or-exceptional-circumstances',
  'chief-officer',
  'same-incident',
] as const;
export type Reg7Description = (typeof REG7_DESCRIPTIONS)[number];

const REG7_TEXT: Record<Reg7Description, string> = {
  'serious-assault': 'a serious assault (C&M reg 7(1)(a))',
  'serious-sexual-offence': 'a serious sexual offence (C&M reg 7(1)(b))',
  'serious-corruption': 'serious corruption, including abuse of position for a sexual purpose or to pursue an improper emotional relationship (C&M reg 7(1)(c))',
  'discrimination-aggravated': "a criminal offence or behaviour liable to lead to disciplinary proceedings, aggravated by discriminatory behaviour on the grounds of a person's race, sex, religion or other status (C&M reg 7(1)(d))",
  'relevant-offence': 'a relevant offence (C&M reg 7(1)(e))',
  'gravity-or-exceptional-circumstances': 'conduct whose gravity or other exceptional circumstances make it appropriate to record the matter (C&M reg 7(1)(f))',
  'chief-officer': 'conduct of a chief officer or the Deputy Commissioner of Police of the Metropolis (C&M reg 7(1)(g))',
  'same-incident': 'conduct alleged in the same incident as conduct within reg 7(1)(a) to (e) (C&M reg 7(1)(h))',
};

/** Short labels for forms. */
export const REG7_LABELS: Record<Reg7Description, string> = {
  'serious-assault': '(a) A serious assault',
  'serious-sexual-offence': '(b) A serious sexual offence',
  'serious-corruption': '(c) Serious corruption, including abuse of position for a sexual purpose or an improper emotional relationship',
  'discrimination-aggravated': '(d) An offence or behaviour aggravated by discrimination',
  'relevant-offence': '(e) A relevant offence',
  'gravity-or-exceptional-circumstances': '(f) Gravity or other exceptional circumstances',
  'chief-officer': '(g) Conduct of a chief officer',
  'same-incident': '(h) The same incident as conduct in (a) to (e)',
};

/** The assessor's findings on a conduct matter's face: what it "appears" to involve. Absent means no. */
export const conductMatterGroundsSchema = z.object({
  /** Sch 3 para 13(1)(a): an incident in or in consequence of which someone died or was seriously injured. */
  deathOrSeriousInjury: z.boolean({ error: 'deathOrSeriousInjury must be true or false' }).optional(),
  reg7: z
    .array(z.enum(REG7_DESCRIPTIONS, { error: `each description must be one of C&M reg 7(1)'s: ${REG7_DESCRIPTIONS.join(', ')}` }), { error: 'reg7 must be a list of C&M reg 7(1) descriptions' })
    .max(REG7_DESCRIPTIONS.length)
    .optional(),
});
export type ConductMatterGrounds = z.infer<typeof conductMatterGroundsSchema>;

export interface ConductReferralReason {
  code: Reg7Description | 'death-or-serious-injury';
  text: string;
}

export interface ConductReferral {
  /** Recordable (Sch 3 para 11(2)): to be recorded as a conduct matter under Schedule 3. */
  record: boolean;
  /** Must be referred to the IOPC (Sch 3 para 13(1)). */
  refer: boolean;
  reasons: ConductReferralReason[];
  /** In words, for the audit and the page. */
  explanation: string;
}

/** Recorded and referred? From the grounds the assessor found (C&M reg 7; Sch 3 paras 11, 13). */
export function mustReferConductMatter(grounds: ConductMatterGrounds | undefined): ConductReferral {
  const descriptions = [...new Set(grounds?.reg7 ?? [])];
  const reasons: ConductReferralReason[] = [
    ...(grounds?.deathOrSeriousInjury ? [{ code: 'death-or-serious-injury' as const, text: 'an incident in which someone died or was seriously injured (PRA 2002 Sch 3 para 13(1)(a))' }] : []),
    ...REG7_DESCRIPTIONS.filter((d) => descriptions.includes(d)).map((code) => ({ code, text: REG7_TEXT[code] })),
  ];
  const record = reasons.length > 0;
  const refer = reasons.some((r) => r.code !== 'gravity-or-exceptional-circumstances');
  const explanation = !record
    ? 'Not recordable: no ground of Sch 3 para 11(2) or C&M reg 7(1) was found; the matter stays under the Police (Conduct) Regulations 2020.'
    : refer
      ? `Recordable and to be referred to the IOPC (Sch 3 para 13(1)): ${reasons.filter((r) => r.code !== 'gravity-or-exceptional-circumstances').map((r) => r.text).join('; ')}.`
      : 'Recordable (C&M reg 7(1)(f)); referral to the IOPC is the appropriate authority’s choice (Sch 3 para 13(2)).';
  return { record, refer, reasons, explanation };
}

/** The IOPC's decisions on a referred conduct matter (Sch 3 para 14, 15). */
export const CONDUCT_IOPC_DECISIONS = ['return-to-force', 'local', 'directed', 'independent'] as const satisfies readonly IopcModeDecision[];

/** Who investigates after the IOPC's decision (Sch 3 para 15): the IOPC itself only for an independent investigation. */
export function conductInvestigatorAfterIopc(decision: IopcModeDecision): { investigatedBy: 'iopc' | 'force'; mustInvestigate: boolean; explanation: string } {
  switch (decision) {
    case 'independent':
      return { investigatedBy: 'iopc', mustInvestigate: true, explanation: 'The IOPC investigates the matter itself (Sch 3 para 19); the force records the outcome it reports.' };
    case 'directed':
      return { investigatedBy: 'force', mustInvestigate: true, explanation: 'The force investigates under the direction and control of the IOPC (Sch 3 para 18).' };
    case 'local':
      return { investigatedBy: 'force', mustInvestigate: true, explanation: 'The force investigates it on its own behalf (Sch 3 para 16).' };
    case 'return-to-force':
      return { investigatedBy: 'force', mustInvestigate: false, explanation: 'Returned to the force to deal with as it sees fit (Sch 3 para 14).' };
  }
}
