import { formatUnits, parseAmount, sumUnits } from '../money/decimal-amount';
import { sameAddress } from '../money/address';
import { Allocation, AllocationAsset, AllocationDraft, allocationKey } from './allocation.types';

/** A session's money as it stands: who takes part, which assets it holds and how much of each. */
export interface SplitContext {
  readonly participants: readonly string[];
  readonly assets: readonly AllocationAsset[];
  /** Session total per asset symbol, as decimal strings. */
  readonly totals: Readonly<Record<string, string>>;
}

export interface SplitValidation {
  readonly ok: boolean;
  /** The split to send, in participant-then-asset order; empty unless ok. */
  readonly allocations: readonly Allocation[];
  /** Per row (see allocationKey): why this amount cannot be sent. */
  readonly rowErrors: Readonly<Record<string, string>>;
  /** Per asset: why the amounts of this asset do not add up. */
  readonly assetErrors: Readonly<Record<string, string>>;
  /** Every reason, in reading order, for a summary next to the disabled button. */
  readonly reasons: readonly string[];
  /** Per asset: total minus what the valid rows already assign (decimal string; negative = over). */
  readonly remaining: Readonly<Record<string, string>>;
}

/**
 * Checks a split with the ClearNode's rules for operate and close, plus the ones that keep money
 * from being created or destroyed where the node does not check (each participant named exactly
 * once per asset of the session) and no more decimals than the asset has: every amount ≥ 0, only
 * participants, only assets of the session, and each asset summing exactly to the session total.
 * A split this accepts is one the node accepts, and one that moves no money in or out.
 */
export function validateSplit(
  context: SplitContext,
  drafts: readonly AllocationDraft[],
): SplitValidation {
  const rowErrors: Record<string, string> = {};
  const assetErrors: Record<string, string> = {};
  const reasons: string[] = [];
  const remaining: Record<string, string> = {};
  const allocations: Allocation[] = [];
  const assetBySymbol = new Map(context.assets.map((asset) => [asset.symbol, asset]));
  const sums = new Map<string, bigint>();
  const seen = new Set<string>();

  for (const draft of drafts) {
    const key = allocationKey(draft.participant, draft.asset);
    const asset = assetBySymbol.get(draft.asset);
    const error = rowError(context, draft, asset, seen.has(key));
    seen.add(key);
    if (error || !asset) {
      rowErrors[key] = error ?? `${draft.asset} is not held by this session.`;
      reasons.push(`${draft.participant}, ${draft.asset}: ${rowErrors[key]}`);
      continue;
    }
    const units = (parseAmount(draft.amountText, asset.decimals, asset.symbol) as { units: bigint })
      .units;
    sums.set(asset.symbol, (sums.get(asset.symbol) ?? 0n) + units);
    allocations.push({
      participant: draft.participant,
      asset: asset.symbol,
      amount: formatUnits(units, asset.decimals),
    });
  }

  // A participant left out keeps their old share beside the new split: the node would then hold more
  // than the session's total (or strand it at close). Everyone is named, 0 included.
  for (const asset of context.assets) {
    const missing = context.participants.filter(
      (participant) =>
        !drafts.some((draft) => draft.participant === participant && draft.asset === asset.symbol),
    );
    if (missing.length === 0) continue;
    assetErrors[asset.symbol] =
      `Every participant needs an amount of ${asset.symbol} (0 if nothing); missing: ${missing.join(', ')}.`;
    reasons.push(assetErrors[asset.symbol]);
  }

  for (const asset of context.assets) {
    if (assetErrors[asset.symbol]) continue;
    const total = parseAmount(context.totals[asset.symbol] ?? '0', asset.decimals);
    const totalUnits = total.ok ? total.units : 0n;
    const assigned = sums.get(asset.symbol) ?? 0n;
    const left = totalUnits - assigned;
    remaining[asset.symbol] = formatUnits(left, asset.decimals);
    const rowsOfAsset = drafts.filter((draft) => draft.asset === asset.symbol);
    const allRowsValid = rowsOfAsset.every(
      (draft) => !rowErrors[allocationKey(draft.participant, draft.asset)],
    );
    if (!allRowsValid || left === 0n) continue;
    const total$ = `${formatUnits(totalUnits, asset.decimals)} ${asset.symbol}`;
    assetErrors[asset.symbol] =
      left > 0n
        ? `${formatUnits(left, asset.decimals)} ${asset.symbol} left to assign: the amounts must add up to ${total$}.`
        : `${formatUnits(-left, asset.decimals)} ${asset.symbol} too much: the amounts must add up to ${total$}.`;
    reasons.push(assetErrors[asset.symbol]);
  }

  const ok = reasons.length === 0;
  return { ok, allocations: ok ? allocations : [], rowErrors, assetErrors, reasons, remaining };
}

function rowError(
  context: SplitContext,
  draft: AllocationDraft,
  asset: AllocationAsset | undefined,
  duplicate: boolean,
): string | null {
  if (!context.participants.some((participant) => participant === draft.participant)) {
    const differsByCase = context.participants.some((participant) =>
      sameAddress(participant, draft.participant),
    );
    return differsByCase
      ? 'Addresses must be written exactly as in the session (checksummed).'
      : 'Only participants of the session can receive an allocation.';
  }
  if (!asset) return `${draft.asset} is not held by this session.`;
  if (duplicate) return 'This participant already has an amount for this asset.';
  const parsed = parseAmount(draft.amountText, asset.decimals, asset.symbol);
  if (!parsed.ok) return parsed.error;
  if (parsed.units < 0n) return 'An amount cannot be negative.';
  return null;
}

/** Sum of a list of node allocations per asset, as decimal strings (the session totals). */
export function totalsOf(
  allocations: readonly Allocation[],
  assets: readonly AllocationAsset[],
): Record<string, string> {
  const totals: Record<string, string> = {};
  for (const asset of assets) {
    const units = allocations
      .filter((allocation) => allocation.asset === asset.symbol)
      .map((allocation) => {
        const parsed = parseAmount(allocation.amount, asset.decimals);
        return parsed.ok ? parsed.units : 0n;
      });
    totals[asset.symbol] = formatUnits(sumUnits(units), asset.decimals);
  }
  return totals;
}
