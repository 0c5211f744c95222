import { AllocationDraft, allocationKey } from './allocation.types';
import { isZeroAmount } from '../money/decimal-amount';

const keyOf = (row: AllocationDraft) => allocationKey(row.participant, row.asset);

/**
 * The split being typed, carried over to a new starting split of the same session. When no share
 * moved (the same money, perhaps with assets held at 0 added or dropped), every amount typed for a
 * row that is still there is kept. When a share did move (another participant's update landed),
 * the edit no longer describes the session: it starts again from the new split.
 */
export function rebaseDrafts(
  previousStart: readonly AllocationDraft[],
  edited: readonly AllocationDraft[],
  nextStart: readonly AllocationDraft[],
): AllocationDraft[] {
  const before = new Map(previousStart.map((row) => [keyOf(row), row.amountText]));
  const after = new Map(nextStart.map((row) => [keyOf(row), row.amountText]));
  const moved =
    [...after].some(([key, amount]) =>
      before.has(key) ? before.get(key) !== amount : !isZeroAmount(amount),
    ) || [...before].some(([key, amount]) => !after.has(key) && !isZeroAmount(amount));
  if (moved) return [...nextStart];
  const typed = new Map(edited.map((row) => [keyOf(row), row.amountText]));
  return nextStart.map((row) => {
    const text = typed.get(keyOf(row));
    return text === undefined || text === row.amountText ? row : { ...row, amountText: text };
  });
}
