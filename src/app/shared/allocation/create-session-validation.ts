import { formatUnits, parseAmount } from '../money/decimal-amount';
import { parseAddress, sameAddress } from '../money/address';
import { Allocation, AllocationAsset } from './allocation.types';
import { canReachQuorumAlone, isQuorumReachable } from './quorum';
import { SESSION_PROTOCOL, SessionDefinition } from './session-definition';

/** What the create form holds, as typed. Amounts are per participant index and asset symbol. */
export interface CreateSessionDraft {
  readonly me: string | null;
  readonly application: string;
  readonly protocol: string;
  readonly participantTexts: readonly string[];
  readonly weightTexts: readonly string[];
  readonly quorumText: string;
  readonly challenge: number;
  readonly nonce: number;
  readonly assets: readonly AllocationAsset[];
  readonly amountTexts: readonly Readonly<Record<string, string>>[];
  /** My unified balance per asset (decimal strings); a missing asset means 0. */
  readonly myBalances: Readonly<Record<string, string>>;
  /** What my session key may still spend per asset; null when the node did not say. */
  readonly myAllowances: Readonly<Record<string, string>> | null;
  /** Participants whose signatures are already at hand besides mine (co-signing). */
  readonly signaturesFrom?: readonly string[];
  /**
   * Whether this app can gather the other participants' signatures for later updates and the
   * close. Without that, money I put in comes back only on my own signature.
   */
  readonly canCollectSignatures: boolean;
}

export interface SignerNeed {
  readonly participant: string;
  readonly reason: string;
}

export interface CreateSessionValidation {
  /** The definition and allocations are valid (signatures aside). */
  readonly valid: boolean;
  /** Valid and every required signature is at hand: Create can go. */
  readonly ok: boolean;
  readonly participantErrors: readonly (string | null)[];
  readonly weightErrors: readonly (string | null)[];
  readonly quorumError: string | null;
  /** Why the funds I put in could be locked (my weight alone does not reach the quorum). */
  readonly fundingError: string | null;
  readonly generalErrors: readonly string[];
  /** Keyed `${participantIndex}|${asset}`. */
  readonly amountErrors: Readonly<Record<string, string>>;
  readonly reasons: readonly string[];
  readonly requiredSigners: readonly SignerNeed[];
  readonly missingSignatures: readonly SignerNeed[];
  /**
   * Others fund it too, and their signatures can be gathered: the session opens empty and the
   * opening split goes to the funders as one deposit they each approve and sign.
   */
  readonly fundedByOthers: boolean;
  readonly canDecideAlone: boolean;
  readonly definition: SessionDefinition | null;
  readonly allocations: readonly Allocation[];
}

export function amountCellKey(participantIndex: number, asset: string): string {
  return `${participantIndex}|${asset}`;
}

const INTEGER = /^\d+$/;

/**
 * Applies the node's create checks in its order (protocol, ≥ 2 participants, one weight each,
 * nonce ≠ 0, no negative weight, quorum ≤ Σweights), plus the ones it would only find later or
 * on-ledger: checksummed unique participants, decimals, my balance and session-key allowance, and
 * which funded participants still have to sign. And two it does not make at all, that keep money
 * safe: quorum ≥ 1, and no money of mine in a session I cannot update or close alone unless the
 * other participants' signatures can be collected.
 */
export function validateCreateSession(draft: CreateSessionDraft): CreateSessionValidation {
  const generalErrors: string[] = [];
  const reasons: string[] = [];

  if (draft.protocol !== SESSION_PROTOCOL)
    generalErrors.push(`Protocol must be ${SESSION_PROTOCOL}.`);
  if (!draft.application.trim()) generalErrors.push('Give the application a name.');
  if (!draft.me) generalErrors.push('Connect a wallet and sign in first.');
  if (draft.participantTexts.length < 2)
    generalErrors.push('A session needs at least 2 participants.');
  if (draft.weightTexts.length !== draft.participantTexts.length) {
    generalErrors.push('Each participant needs exactly one weight.');
  }
  if (!Number.isSafeInteger(draft.nonce) || draft.nonce <= 0)
    generalErrors.push('The nonce must be a positive number.');

  const participants: (string | null)[] = [];
  const participantErrors = draft.participantTexts.map((text, index) => {
    const parsed = parseAddress(text);
    if (!parsed.ok) {
      participants.push(null);
      return parsed.error;
    }
    participants.push(parsed.address);
    const earlier = participants
      .slice(0, index)
      .findIndex((other) => other !== null && sameAddress(other, parsed.address));
    return earlier >= 0 ? `Already listed as participant ${earlier + 1}.` : null;
  });
  if (
    draft.me &&
    !participants.some((participant) => participant !== null && sameAddress(participant, draft.me!))
  ) {
    generalErrors.push('Your own address must be one of the participants.');
  }

  const weights: number[] = [];
  const weightErrors = draft.weightTexts.map((text) => {
    const trimmed = text.trim();
    if (trimmed.startsWith('-')) return 'A weight cannot be negative.';
    if (!INTEGER.test(trimmed)) return 'A weight is a whole number.';
    const weight = Number(trimmed);
    if (!Number.isSafeInteger(weight)) return 'This weight is too large.';
    weights.push(weight);
    return null;
  });
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);

  let quorumError: string | null = null;
  const quorumTrimmed = draft.quorumText.trim();
  const quorum = INTEGER.test(quorumTrimmed) ? Number(quorumTrimmed) : NaN;
  if (!Number.isSafeInteger(quorum)) quorumError = 'The quorum is a whole number, 1 or more.';
  // The node takes 0, and then a session's money moves on no signature at all.
  else if (quorum === 0)
    quorumError =
      'The quorum must be at least 1: with 0, no signature at all would be needed to move the funds.';
  else if (weightErrors.every((error) => error === null) && quorum > weightSum) {
    quorumError = `The quorum (${quorum}) cannot be greater than the sum of the weights (${weightSum}).`;
  }

  const amountErrors: Record<string, string> = {};
  const allocations: Allocation[] = [];
  const funded = new Set<number>();
  const myIndex = draft.me
    ? participants.findIndex((p) => p !== null && sameAddress(p, draft.me!))
    : -1;
  for (const asset of draft.assets) {
    participants.forEach((participant, index) => {
      const text = draft.amountTexts[index]?.[asset.symbol] ?? '';
      const parsed = parseAmount(text.trim() === '' ? '0' : text, asset.decimals, asset.symbol);
      const key = amountCellKey(index, asset.symbol);
      if (!parsed.ok) amountErrors[key] = parsed.error;
      else if (parsed.units < 0n) amountErrors[key] = 'An amount cannot be negative.';
      else {
        if (parsed.units > 0n) funded.add(index);
        if (index === myIndex) {
          const limit = myLimitError(draft, asset, parsed.units);
          if (limit) amountErrors[key] = limit;
        }
        if (participant)
          allocations.push({
            participant,
            asset: asset.symbol,
            amount: formatUnits(parsed.units, asset.decimals),
          });
      }
    });
  }

  // The node does not check this: money I put in must come back on what this app can gather.
  const myWeight = myIndex >= 0 ? weights[myIndex] : undefined;
  const fundingError =
    funded.has(myIndex) &&
    !draft.canCollectSignatures &&
    !quorumError &&
    myWeight !== undefined &&
    weights.length === participants.length &&
    myWeight < quorum
      ? `You put funds in, but your weight (${myWeight}) does not reach the quorum (${quorum}): updating or closing this session would need the other participants’ signatures, and they cannot be collected here: this ClearNode does not relay messages between participants. Put in nothing, or choose weights where yours alone reaches the quorum.`
      : null;

  participantErrors.forEach(
    (error, index) => error && reasons.push(`Participant ${index + 1}: ${error}`),
  );
  weightErrors.forEach(
    (error, index) => error && reasons.push(`Weight of participant ${index + 1}: ${error}`),
  );
  if (quorumError) reasons.push(quorumError);
  if (fundingError) reasons.push(fundingError);
  reasons.push(...generalErrors);
  Object.entries(amountErrors).forEach(([key, error]) => {
    const [index, asset] = key.split('|');
    reasons.push(`Participant ${Number(index) + 1}, ${asset}: ${error}`);
  });

  const valid = reasons.length === 0;
  const definition: SessionDefinition | null = valid
    ? {
        application: draft.application.trim(),
        protocol: draft.protocol,
        participants: participants as string[],
        weights,
        quorum,
        challenge: draft.challenge,
        nonce: draft.nonce,
      }
    : null;

  const requiredSigners: SignerNeed[] = [...funded]
    .filter((index) => participants[index])
    .map((index) => ({
      participant: participants[index]!,
      reason:
        index === myIndex
          ? 'You fund the session.'
          : draft.canCollectSignatures
            ? 'Funds the session: approves and signs the opening deposit in their own app.'
            : 'Funds the session: the node requires their signature.',
    }));
  const present = [draft.me ?? '', ...(draft.signaturesFrom ?? [])];
  const others = requiredSigners.filter(
    (need) => !present.some((who) => who && sameAddress(who, need.participant)),
  );
  const fundedByOthers = others.length > 0 && draft.canCollectSignatures;
  const missingSignatures = fundedByOthers ? [] : others;
  const canDecideAlone =
    !!definition && isQuorumReachable(definition) && canReachQuorumAlone(definition, draft.me);

  return {
    valid,
    ok: valid && missingSignatures.length === 0,
    participantErrors,
    weightErrors,
    quorumError,
    fundingError,
    generalErrors,
    amountErrors,
    reasons,
    requiredSigners,
    missingSignatures,
    fundedByOthers,
    canDecideAlone,
    definition,
    allocations: valid ? allocations : [],
  };
}

function myLimitError(
  draft: CreateSessionDraft,
  asset: AllocationAsset,
  units: bigint,
): string | null {
  if (units === 0n) return null;
  const balance = parseAmount(draft.myBalances[asset.symbol] ?? '0', asset.decimals);
  const balanceUnits = balance.ok ? balance.units : 0n;
  if (units > balanceUnits) {
    return `More than your unified balance (${formatUnits(balanceUnits, asset.decimals)} ${asset.symbol}).`;
  }
  if (draft.myAllowances) {
    const allowance = parseAmount(draft.myAllowances[asset.symbol] ?? '0', asset.decimals);
    const allowanceUnits = allowance.ok ? allowance.units : 0n;
    if (units > allowanceUnits) {
      return `More than your session key may still spend (${formatUnits(allowanceUnits, asset.decimals)} ${asset.symbol}).`;
    }
  }
  return null;
}
