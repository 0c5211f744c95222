import { AllocationDraft, allocationKey } from './allocation.types';
import { isZeroAmount } from '../money/decimal-amount';

const keyOf = (row: AllocationDraft) => allocationKey(row.participant, row.asset);

/** The split being typed, carried over to a new starting split, and whether it was kept over a change. */
export interface RebasedDraft {
  readonly rows: AllocationDraft[];
  /** A share moved under amounts the person had typed, which were kept: they must be told. */
  readonly keptOverChange: boolean;
}

/** Whether money moved between two starting splits (assets held at 0 coming or going do not count). */
export function sharesMoved(
  previousStart: readonly AllocationDraft[],
  nextStart: readonly AllocationDraft[],
): boolean {
  const before = new Map(previousStart.map((row) => [keyOf(row), row.amountText]));
  const after = new Map(nextStart.map((row) => [keyOf(row), row.amountText]));
  return (
    [...after].some(([key, amount]) =>
      before.has(key) ? before.get(key) !== amount : !isZeroAmount(amount),
    ) || [...before].some(([key, amount]) => !after.has(key) && !isZeroAmount(amount))
  );
}

/** The new rows, each with the amount typed for it where one was. */
function withTyped(edited: readonly AllocationDraft[], nextStart: readonly AllocationDraft[]) {
  const typed = new Map(edited.map((row) => [keyOf(row), row.amountText]));
  return nextStart.map((row) => {
    const text = typed.get(keyOf(row));
    return text === undefined || text === row.amountText ? row : { ...row, amountText: text };
  });
}

/**
 * The split being typed, carried over to a new starting split of the same session. Amounts typed
 * for rows still there are kept, also when a share moved underneath (another tab, device or
 * participant wrote): a person's draft is never replaced without their say, and the editor says
 * what happened. Rows nobody typed in follow the new split.
 */
export function rebaseDrafts(
  previousStart: readonly AllocationDraft[],
  edited: readonly AllocationDraft[],
  nextStart: readonly AllocationDraft[],
): RebasedDraft {
  if (!sharesMoved(previousStart, nextStart))
    return { rows: withTyped(edited, nextStart), keptOverChange: false };
  const started = new Map(previousStart.map((row) => [keyOf(row), row.amountText]));
  const touched = edited.filter((row) => started.get(keyOf(row)) !== row.amountText);
  if (touched.length === 0) return { rows: [...nextStart], keptOverChange: false };
  // Every amount as the person sees it stays, untouched ones too: the draft is one whole.
  return { rows: withTyped(edited, nextStart), keptOverChange: true };
}
