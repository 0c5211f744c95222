import * as fc from 'fast-check';
import { getAddress, hexlify } from 'ethers';
import { formatUnits } from '../money/decimal-amount';
import { AllocationDraft, allocationKey } from './allocation.types';
import { FundsChangeContext, FundsIntent, validateFundsChange } from './funds-change-validation';
import { nodeAcceptsFundsChange } from './node-funds-model.spec-helper';

const ALICE = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const BOB = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const USD = { symbol: 'ytest.usd', decimals: 6 };
const context: FundsChangeContext = {
  participants: [ALICE, BOB],
  assets: [USD],
  current: [
    { participant: ALICE, asset: USD.symbol, amount: '10' },
    { participant: BOB, asset: USD.symbol, amount: '0' },
  ],
};

function rows(amounts: Record<string, string>, asset = USD.symbol): AllocationDraft[] {
  return Object.entries(amounts).map(([participant, amountText]) => ({
    participant,
    asset,
    amountText,
  }));
}

describe('funds change validation', () => {
  it('a deposit raises shares: the new shares, the change and the new total', () => {
    const result = validateFundsChange('deposit', context, rows({ [ALICE]: '10', [BOB]: '5.50' }));
    expect(result.reasons).toEqual([]);
    expect(result.allocations).toEqual([
      { participant: ALICE, asset: USD.symbol, amount: '10' },
      { participant: BOB, asset: USD.symbol, amount: '5.5' },
    ]);
    expect(result.change).toEqual({ [USD.symbol]: '5.5' });
    expect(result.totals).toEqual({ [USD.symbol]: '15.5' });
  });

  it('a deposit never lowers a share, and must raise one', () => {
    const lowered = validateFundsChange('deposit', context, rows({ [ALICE]: '9', [BOB]: '5' }));
    expect(lowered.ok).toBeFalse();
    expect(lowered.rowErrors[allocationKey(ALICE, USD.symbol)]).toBe(
      'A deposit can only add funds: this share is 10 ytest.usd now.',
    );
    const same = validateFundsChange('deposit', context, rows({ [ALICE]: '10', [BOB]: '0' }));
    expect(same.reasons).toEqual(['Nothing is added: raise at least one share.']);
  });

  it('a withdrawal lowers shares, never raises one, and must lower one', () => {
    const out = validateFundsChange('withdraw', context, rows({ [ALICE]: '8', [BOB]: '0' }));
    expect(out.ok).toBeTrue();
    expect(out.change).toEqual({ [USD.symbol]: '-2' });
    const raised = validateFundsChange('withdraw', context, rows({ [ALICE]: '8', [BOB]: '1' }));
    expect(raised.rowErrors[allocationKey(BOB, USD.symbol)]).toBe(
      'Taking funds out can only lower shares: this share is 0 ytest.usd now.',
    );
    expect(
      validateFundsChange('withdraw', context, rows({ [ALICE]: '10', [BOB]: '0' })).reasons,
    ).toEqual(['Nothing is taken out: lower at least one share.']);
  });

  it('names every participant once, checksummed, with amounts the asset can hold', () => {
    const omitted = validateFundsChange('deposit', context, rows({ [BOB]: '5' }));
    expect(omitted.assetErrors[USD.symbol]).toContain(`missing: ${ALICE}`);
    const lower = validateFundsChange(
      'deposit',
      context,
      rows({ [ALICE]: '10', [BOB.toLowerCase()]: '5' }),
    );
    expect(Object.values(lower.rowErrors)).toContain(
      'Addresses must be written exactly as in the session (checksummed).',
    );
    const precise = validateFundsChange(
      'deposit',
      context,
      rows({ [ALICE]: '10', [BOB]: '0.0000001' }),
    );
    expect(precise.ok).toBeFalse();
    const negative = validateFundsChange('withdraw', context, rows({ [ALICE]: '-1', [BOB]: '0' }));
    expect(negative.rowErrors[allocationKey(ALICE, USD.symbol)]).toBe(
      'An amount cannot be negative.',
    );
  });
});

// ---------------------------------------------------------------- properties

const address = fc
  .uint8Array({ minLength: 20, maxLength: 20 })
  .map((bytes) => getAddress(hexlify(bytes)));
const scenario = fc
  .record({
    intent: fc.constantFrom<FundsIntent>('deposit', 'withdraw'),
    participants: fc.uniqueArray(address, {
      minLength: 2,
      maxLength: 3,
      selector: (a) => a.toLowerCase(),
    }),
    assets: fc.uniqueArray(
      fc.record({
        symbol: fc.constantFrom('usd', 'eth', 'btc'),
        decimals: fc.integer({ min: 0, max: 18 }),
      }),
      { minLength: 1, maxLength: 2, selector: (a) => a.symbol },
    ),
  })
  .chain(({ intent, participants, assets }) => {
    const cells = assets.flatMap((asset) =>
      participants.map((participant) => ({ participant, asset })),
    );
    const unit = fc.bigInt({ min: 0n, max: 10n ** 6n });
    return fc.record({
      intent: fc.constant(intent),
      participants: fc.constant(participants),
      assets: fc.constant(assets),
      cells: fc.constant(cells),
      before: fc.tuple(...cells.map(() => unit)),
      // A share moved up, down or kept, sometimes typed oddly, sometimes left out.
      edits: fc.tuple(
        ...cells.map(() =>
          fc.oneof(
            fc.record({ kind: fc.constant('keep' as const) }),
            fc.record({
              kind: fc.constant('move' as const),
              by: fc.bigInt({ min: -1000n, max: 1000n }),
            }),
            fc.record({
              kind: fc.constant('text' as const),
              text: fc.constantFrom('', 'abc', '1e3', '0.1234567890123456789', '-0', ' 7 '),
            }),
            fc.record({ kind: fc.constant('omit' as const) }),
          ),
        ),
      ),
    });
  });

describe('funds change validation properties (the editor and the node agree)', () => {
  it('accepts exactly what the node (and the app) accept, and emits what it checked', () => {
    fc.assert(
      fc.property(scenario, ({ intent, participants, assets, cells, before, edits }) => {
        const current = cells.map(({ participant, asset }, i) => ({
          participant,
          asset: asset.symbol,
          amount: formatUnits(before[i], asset.decimals),
        }));
        const drafts = cells.flatMap(({ participant, asset }, i) => {
          const edit = edits[i];
          if (edit.kind === 'omit') return [];
          const amountText =
            edit.kind === 'keep'
              ? current[i].amount
              : edit.kind === 'move'
                ? formatUnits(before[i] + edit.by, asset.decimals)
                : edit.text;
          return [{ participant, asset: asset.symbol, amountText }];
        });
        const result = validateFundsChange(intent, { participants, assets, current }, drafts);
        const decimals = Object.fromEntries(assets.map((a) => [a.symbol, a.decimals]));
        const model = nodeAcceptsFundsChange(
          intent,
          participants,
          decimals,
          current,
          drafts.map((d) => ({ participant: d.participant, asset: d.asset, amount: d.amountText })),
        );
        expect(result.ok).toBe(model);
        if (result.ok) {
          expect(
            nodeAcceptsFundsChange(intent, participants, decimals, current, [
              ...result.allocations,
            ]),
          ).toBeTrue();
        }
      }),
      { numRuns: 400 },
    );
  });
});
