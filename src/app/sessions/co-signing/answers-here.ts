/**
 * What this person answered in this browser, per operation: the content hash approved (what may be
 * signed without a prompt) or declined, and per version slot the content hash signed. Tabs and
 * storage hold copies; these merge them.
 */
export interface AnswersHere {
  readonly approvedHere: Readonly<Record<string, string>>;
  readonly declinedHere: Readonly<Record<string, string>>;
  readonly signedVersions: Readonly<Record<string, string>>;
}

/**
 * Mine, with what the other copy adds. A decline in either copy takes the approval back, even
 * one given here: refusing to sign is the safe side of two answers. Returns `mine` itself when
 * the other copy adds nothing, so that state that did not change keeps its object.
 */
export function mergeAnswers(mine: AnswersHere, theirs: AnswersHere): AnswersHere {
  const adds = (own: Readonly<Record<string, string>>, other: Readonly<Record<string, string>>) =>
    Object.keys(other).some((key) => !(key in own));
  if (
    !adds(mine.approvedHere, theirs.approvedHere) &&
    !adds(mine.declinedHere, theirs.declinedHere) &&
    !adds(mine.signedVersions, theirs.signedVersions)
  )
    return mine;
  const declinedHere = { ...theirs.declinedHere, ...mine.declinedHere };
  const approvedHere = Object.fromEntries(
    Object.entries({ ...theirs.approvedHere, ...mine.approvedHere }).filter(
      ([id]) => !(id in declinedHere),
    ),
  );
  return {
    approvedHere,
    declinedHere,
    signedVersions: { ...theirs.signedVersions, ...mine.signedVersions },
  };
}
