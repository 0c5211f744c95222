import { AllocationDraft } from './allocation.types';
import { rebaseDrafts, sharesMoved } from './rebase-drafts';

const A = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const B = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';

const rows = (...cells: [string, string, string][]): AllocationDraft[] =>
  cells.map(([participant, asset, amountText]) => ({ participant, asset, amountText }));

describe('rebaseDrafts', () => {
  const start = rows([A, 'usdc', '10'], [B, 'usdc', '0'], [A, 'eth', '0'], [B, 'eth', '0']);
  const typed = rows([A, 'usdc', '7.'], [B, 'usdc', '3'], [A, 'eth', '0'], [B, 'eth', '0']);

  it('keeps every typed amount when the same split comes again in new objects', () => {
    expect(rebaseDrafts(start, typed, structuredClone(start))).toEqual({
      rows: typed,
      keptOverChange: false,
    });
  });

  it('keeps them when an asset held at 0 is dropped or added', () => {
    const usdcOnly = rows([A, 'usdc', '10'], [B, 'usdc', '0']);
    expect(rebaseDrafts(start, typed, usdcOnly).rows).toEqual(
      rows([A, 'usdc', '7.'], [B, 'usdc', '3']),
    );
    expect(rebaseDrafts(usdcOnly, typed.slice(0, 2), start).rows).toEqual(typed);
    expect(sharesMoved(start, usdcOnly)).toBeFalse();
  });

  it('keeps a typed draft when a share moved underneath, and says so', () => {
    const moved = rows([A, 'usdc', '4'], [B, 'usdc', '6'], [A, 'eth', '0'], [B, 'eth', '0']);
    expect(sharesMoved(start, moved)).toBeTrue();
    expect(rebaseDrafts(start, typed, moved)).toEqual({ rows: typed, keptOverChange: true });
    // Only A's amount was typed; B's row still shows what the person saw, as one draft.
    const onlyA = rows([A, 'usdc', '7'], [B, 'usdc', '0'], [A, 'eth', '0'], [B, 'eth', '0']);
    expect(rebaseDrafts(start, onlyA, moved)).toEqual({ rows: onlyA, keptOverChange: true });
  });

  it('follows the new split when nothing was typed, or an asset with money came or went', () => {
    const moved = rows([A, 'usdc', '4'], [B, 'usdc', '6'], [A, 'eth', '0'], [B, 'eth', '0']);
    expect(rebaseDrafts(start, start, moved)).toEqual({ rows: moved, keptOverChange: false });
    const withMoney = rows([A, 'usdc', '10'], [B, 'usdc', '0'], [A, 'eth', '1'], [B, 'eth', '0']);
    expect(sharesMoved(start, withMoney)).toBeTrue();
    const usdcOnly = rows([A, 'usdc', '10'], [B, 'usdc', '0']);
    expect(sharesMoved(withMoney, usdcOnly)).toBeTrue();
    expect(rebaseDrafts(withMoney, withMoney, usdcOnly).rows).toEqual(usdcOnly);
  });
});
