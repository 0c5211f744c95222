/** An asset as far as splitting money is concerned: its ledger symbol and its decimals. */
export interface AllocationAsset {
  readonly symbol: string;
  readonly decimals: number;
}

/** One participant's share of one asset, as the ClearNode sends and receives it (decimal string). */
export interface Allocation {
  readonly participant: string;
  readonly asset: string;
  readonly amount: string;
}

/** What a person typed for one participant and one asset. */
export interface AllocationDraft {
  readonly participant: string;
  readonly asset: string;
  readonly amountText: string;
}

/** Rows are addressed by participant and asset; the key is stable across edits. */
export function allocationKey(participant: string, asset: string): string {
  return `${participant.toLowerCase()}|${asset}`;
}
