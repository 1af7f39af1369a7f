/**
 * Complaints about the force's chief officer (PRA 2002 s.29: for a chief officer the appropriate
 * authority is the local policing body, not the chief officer) and the referral category of C&M
 * reg 4(1)(c): "any complaint not falling within sub-paragraph (a) or (b) … (i) that relates to the
 * conduct of a chief officer …, and (ii) in relation to which the appropriate authority is unable to
 * satisfy itself, from the complaint alone, that the conduct complained of" (if proved) would not
 * justify criminal or disciplinary proceedings. Senior officers (above chief superintendent) are
 * reviewed by the IOPC: `isSeniorOfficer` (review-body.ts).
 */
import type { PoliceRank } from './ranks';

/** The chief officer of police: the chief constable (PRA 2002 s.101). */
export const isChiefOfficer = (rank: PoliceRank | null | undefined) => rank === 'chief-constable';

export type AppropriateAuthority = 'chief-officer' | 'local-policing-body';

/** Who the appropriate authority is for a complaint about these officers. */
export const appropriateAuthorityOf = (subjectRanks: readonly (PoliceRank | null | undefined)[]): AppropriateAuthority =>
  subjectRanks.some(isChiefOfficer) ? 'local-policing-body' : 'chief-officer';

/**
 * C&M reg 4(1)(c): a complaint about a chief officer not referred to the IOPC is refused unless the
 * assessment found, for every allegation, that the conduct would justify neither criminal nor
 * disciplinary proceedings (the appropriate authority satisfied itself from the complaint alone).
 */
export function chiefOfficerReferralRefusal(
  subjectRanks: readonly (PoliceRank | null | undefined)[],
  a: { referToIopc: boolean; allegations?: readonly { possibleCriminalOffence?: boolean; justifiesDisciplinaryProceedings?: boolean }[] },
): string | undefined {
  if (!subjectRanks.some(isChiefOfficer) || a.referToIopc) return undefined;
  const satisfied = a.allegations !== undefined && a.allegations.length > 0 && a.allegations.every((x) => x.possibleCriminalOffence === false && x.justifiesDisciplinaryProceedings === false);
  if (satisfied) return undefined;
  return 'referToIopc: a complaint about the chief officer must be referred to the IOPC unless the assessment finds, for every allegation, that it would justify neither criminal nor disciplinary proceedings (possibleCriminalOffence: false, justifiesDisciplinaryProceedings: false) (C&M reg 4(1)(c))';
}
