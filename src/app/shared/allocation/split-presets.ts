import { formatUnits, parseAmount } from '../money/decimal-amount';
import { Allocation, AllocationAsset, AllocationDraft } from './allocation.types';
import { SplitContext } from './split-validation';

/**
 * Each asset divided evenly; the indivisible remainder (in base units) goes one unit at a time to
 * the first participants in session order, so the same session always gets the same split.
 */
export function evenSplit(context: SplitContext): AllocationDraft[] {
  const count = BigInt(context.participants.length);
  return context.assets.flatMap((asset) => {
    const total = totalUnits(context, asset);
    const share = count === 0n ? 0n : total / count;
    const remainder = count === 0n ? 0n : total % count;
    return context.participants.map((participant, index) => ({
      participant,
      asset: asset.symbol,
      amountText: formatUnits(share + (BigInt(index) < remainder ? 1n : 0n), asset.decimals),
    }));
  });
}

/** Everything of every asset to one participant. */
export function allToOne(context: SplitContext, recipient: string): AllocationDraft[] {
  return context.assets.flatMap((asset) =>
    context.participants.map((participant) => ({
      participant,
      asset: asset.symbol,
      amountText:
        participant === recipient ? formatUnits(totalUnits(context, asset), asset.decimals) : '0',
    })),
  );
}

/** Back to a known split (the opening one, or the current state); participants it omits get 0. */
export function fromAllocations(
  context: SplitContext,
  allocations: readonly Allocation[],
): AllocationDraft[] {
  return context.assets.flatMap((asset) =>
    context.participants.map((participant) => {
      const found = allocations.find(
        (allocation) => allocation.participant === participant && allocation.asset === asset.symbol,
      );
      const parsed = found ? parseAmount(found.amount, asset.decimals) : null;
      return {
        participant,
        asset: asset.symbol,
        amountText: parsed?.ok ? formatUnits(parsed.units, asset.decimals) : '0',
      };
    }),
  );
}

function totalUnits(context: SplitContext, asset: AllocationAsset): bigint {
  const parsed = parseAmount(context.totals[asset.symbol] ?? '0', asset.decimals);
  return parsed.ok ? parsed.units : 0n;
}
