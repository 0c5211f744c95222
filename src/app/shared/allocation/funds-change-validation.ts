import { formatUnits, parseAmount } from '../money/decimal-amount';
import { sameAddress } from '../money/address';
import { Allocation, AllocationAsset, AllocationDraft, allocationKey } from './allocation.types';

/** Money moving while a session stays open: into it (`deposit`) or back out (`withdraw`). */
export type FundsIntent = 'deposit' | 'withdraw';

export interface FundsChangeContext {
  readonly participants: readonly string[];
  /** The assets the new shares are given in (the session's, and any being added). */
  readonly assets: readonly AllocationAsset[];
  /** The shares as they stand. */
  readonly current: readonly Allocation[];
}

export interface FundsChangeValidation {
  readonly ok: boolean;
  /** The new shares to send, in participant-then-asset order; empty unless ok. */
  readonly allocations: readonly Allocation[];
  readonly rowErrors: Readonly<Record<string, string>>;
  readonly assetErrors: Readonly<Record<string, string>>;
  readonly reasons: readonly string[];
  /** Per asset: the new total minus the current one (decimal string, negative when money leaves). */
  readonly change: Readonly<Record<string, string>>;
  /** Per asset: the session's total after the change (decimal string). */
  readonly totals: Readonly<Record<string, string>>;
}

const DIRECTION: Record<FundsIntent, { readonly wrongWay: string; readonly nothing: string }> = {
  deposit: {
    wrongWay: 'A deposit can only add funds',
    nothing: 'Nothing is added: raise at least one share.',
  },
  withdraw: {
    wrongWay: 'Taking funds out can only lower shares',
    nothing: 'Nothing is taken out: lower at least one share.',
  },
};

/**
 * Checks new shares for a deposit or a withdrawal with the ClearNode's rules (every amount ≥ 0 and
 * for a participant; a deposit never lowers a share and raises at least one; a withdrawal never
 * raises one and lowers at least one) plus the app's own: each participant named exactly once per
 * asset, and no more decimals than the asset has. The node then moves exactly the difference
 * between the ledger and the session.
 */
export function validateFundsChange(
  intent: FundsIntent,
  context: FundsChangeContext,
  drafts: readonly AllocationDraft[],
): FundsChangeValidation {
  const rowErrors: Record<string, string> = {};
  const assetErrors: Record<string, string> = {};
  const reasons: string[] = [];
  const allocations: Allocation[] = [];
  const assetBySymbol = new Map(context.assets.map((asset) => [asset.symbol, asset]));
  const before = new Map<string, bigint>();
  const after = new Map<string, bigint>();
  const seen = new Set<string>();
  let moved = false;

  for (const asset of context.assets) {
    before.set(asset.symbol, currentTotal(context.current, asset));
    after.set(asset.symbol, 0n);
  }

  for (const draft of drafts) {
    const key = allocationKey(draft.participant, draft.asset);
    const asset = assetBySymbol.get(draft.asset);
    const error = rowError(intent, context, draft, asset, seen.has(key));
    seen.add(key);
    if (error || !asset) {
      rowErrors[key] = error ?? `${draft.asset} is not an asset of this change.`;
      reasons.push(`${draft.participant}, ${draft.asset}: ${rowErrors[key]}`);
      continue;
    }
    const units = unitsOf(draft.amountText, asset);
    const share = currentShare(context.current, draft.participant, asset);
    if (units !== share) moved = true;
    after.set(asset.symbol, (after.get(asset.symbol) ?? 0n) + units);
    allocations.push({
      participant: draft.participant,
      asset: asset.symbol,
      amount: formatUnits(units, asset.decimals),
    });
  }

  for (const asset of context.assets) {
    const missing = context.participants.filter(
      (participant) =>
        !drafts.some((draft) => draft.participant === participant && draft.asset === asset.symbol),
    );
    if (missing.length === 0) continue;
    assetErrors[asset.symbol] =
      `Every participant needs an amount of ${asset.symbol} (their current share if it stays); missing: ${missing.join(', ')}.`;
    reasons.push(assetErrors[asset.symbol]);
  }

  if (reasons.length === 0 && !moved) reasons.push(DIRECTION[intent].nothing);

  const change: Record<string, string> = {};
  const totals: Record<string, string> = {};
  for (const asset of context.assets) {
    const total = after.get(asset.symbol) ?? 0n;
    totals[asset.symbol] = formatUnits(total, asset.decimals);
    change[asset.symbol] = formatUnits(total - (before.get(asset.symbol) ?? 0n), asset.decimals);
  }
  const ok = reasons.length === 0;
  return {
    ok,
    allocations: ok ? allocations : [],
    rowErrors,
    assetErrors,
    reasons,
    change,
    totals,
  };
}

function rowError(
  intent: FundsIntent,
  context: FundsChangeContext,
  draft: AllocationDraft,
  asset: AllocationAsset | undefined,
  duplicate: boolean,
): string | null {
  if (!context.participants.some((participant) => participant === draft.participant)) {
    return context.participants.some((participant) => sameAddress(participant, draft.participant))
      ? 'Addresses must be written exactly as in the session (checksummed).'
      : 'Only participants of the session can hold a share.';
  }
  if (!asset) return `${draft.asset} is not an asset of this change.`;
  if (duplicate) return 'This participant already has an amount for this asset.';
  const parsed = parseAmount(draft.amountText, asset.decimals, asset.symbol);
  if (!parsed.ok) return parsed.error;
  if (parsed.units < 0n) return 'An amount cannot be negative.';
  const share = currentShare(context.current, draft.participant, asset);
  const wrongWay = intent === 'deposit' ? parsed.units < share : parsed.units > share;
  return wrongWay
    ? `${DIRECTION[intent].wrongWay}: this share is ${formatUnits(share, asset.decimals)} ${asset.symbol} now.`
    : null;
}

function unitsOf(text: string, asset: AllocationAsset): bigint {
  const parsed = parseAmount(text, asset.decimals, asset.symbol);
  return parsed.ok ? parsed.units : 0n;
}

function currentShare(current: readonly Allocation[], participant: string, asset: AllocationAsset) {
  const row = current.find(
    (share) => sameAddress(share.participant, participant) && share.asset === asset.symbol,
  );
  return row ? unitsOf(row.amount, asset) : 0n;
}

function currentTotal(current: readonly Allocation[], asset: AllocationAsset): bigint {
  return current
    .filter((share) => share.asset === asset.symbol)
    .reduce((sum, share) => sum + unitsOf(share.amount, asset), 0n);
}
