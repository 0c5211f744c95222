import * as fc from 'fast-check';
import { getAddress, hexlify } from 'ethers';
import { formatUnits, parseAmount } from '../money/decimal-amount';
import { AllocationDraft, allocationKey } from './allocation.types';
import { allToOne, evenSplit, fromAllocations } from './split-presets';
import { SplitContext, totalsOf, validateSplit } from './split-validation';
import { nodeAcceptsSplit } from './node-split-model.spec-helper';

const ALICE = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const BOB = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const USD = { symbol: 'ytest.usd', decimals: 6 };
const ETH = { symbol: 'eth', decimals: 18 };
const context: SplitContext = {
  participants: [ALICE, BOB],
  assets: [USD],
  totals: { 'ytest.usd': '10' },
};

function rows(amounts: Record<string, string>, asset = USD.symbol): AllocationDraft[] {
  return Object.entries(amounts).map(([participant, amountText]) => ({
    participant,
    asset,
    amountText,
  }));
}

describe('split validation', () => {
  it('accepts a split that adds up and emits canonical amounts', () => {
    const result = validateSplit(context, rows({ [ALICE]: '7.000', [BOB]: '3' }));
    expect(result.ok).toBeTrue();
    expect(result.allocations).toEqual([
      { participant: ALICE, asset: 'ytest.usd', amount: '7' },
      { participant: BOB, asset: 'ytest.usd', amount: '3' },
    ]);
    expect(result.remaining).toEqual({ 'ytest.usd': '0' });
  });

  it('explains each kind of invalid row', () => {
    const negative = validateSplit(context, rows({ [ALICE]: '-1', [BOB]: '11' }));
    expect(negative.ok).toBeFalse();
    expect(negative.rowErrors[allocationKey(ALICE, USD.symbol)]).toBe(
      'An amount cannot be negative.',
    );
    expect(negative.allocations).toEqual([]);

    const precise = validateSplit(context, rows({ [ALICE]: '9.0000001', [BOB]: '0.9999999' }));
    expect(precise.rowErrors[allocationKey(ALICE, USD.symbol)]).toBe(
      'ytest.usd allows at most 6 decimals.',
    );

    const stranger = validateSplit(context, rows({ [ALICE]: '5', [ETH.symbol]: '5' }));
    expect(stranger.ok).toBeFalse();

    const lowercase = validateSplit(context, rows({ [ALICE]: '5', [BOB.toLowerCase()]: '5' }));
    expect(lowercase.rowErrors[allocationKey(BOB, USD.symbol)]).toContain('checksummed');
  });

  it('refuses a split that leaves a participant out, even when it adds up', () => {
    const omitted = validateSplit(context, rows({ [ALICE]: '10' }));
    expect(omitted.ok).toBeFalse();
    expect(omitted.assetErrors['ytest.usd']).toBe(
      `Every participant needs an amount of ytest.usd (0 if nothing); missing: ${BOB}.`,
    );
    expect(omitted.allocations).toEqual([]);
    expect(validateSplit(context, rows({ [ALICE]: '10', [BOB]: '0' })).ok).toBeTrue();
  });

  it('says how much is left or too much per asset', () => {
    const under = validateSplit(context, rows({ [ALICE]: '6', [BOB]: '3' }));
    expect(under.assetErrors['ytest.usd']).toBe(
      '1 ytest.usd left to assign: the amounts must add up to 10 ytest.usd.',
    );
    expect(under.remaining['ytest.usd']).toBe('1');
    const over = validateSplit(context, rows({ [ALICE]: '8', [BOB]: '3' }));
    expect(over.assetErrors['ytest.usd']).toBe(
      '1 ytest.usd too much: the amounts must add up to 10 ytest.usd.',
    );
    expect(over.remaining['ytest.usd']).toBe('-1');
    expect(over.reasons.length).toBe(1);
  });

  it('refuses an asset the session does not hold and a repeated row', () => {
    const foreign = validateSplit(context, [
      ...rows({ [ALICE]: '10', [BOB]: '0' }),
      { participant: ALICE, asset: 'eth', amountText: '1' },
    ]);
    expect(foreign.ok).toBeFalse();
    const repeated = validateSplit(
      context,
      rows({ [ALICE]: '10' }).concat(rows({ [ALICE]: '0', [BOB]: '0' })),
    );
    expect(repeated.ok).toBeFalse();
  });

  it('presets: even split gives the remainder to the first participants, all-to-one, back to a known split', () => {
    const odd: SplitContext = {
      participants: [ALICE, BOB, getAddress('0x' + '11'.repeat(20))],
      assets: [USD],
      totals: { 'ytest.usd': '0.000002' },
    };
    expect(evenSplit(odd).map((row) => row.amountText)).toEqual(['0.000001', '0.000001', '0']);
    expect(validateSplit(odd, evenSplit(odd)).ok).toBeTrue();
    expect(allToOne(context, BOB).map((row) => row.amountText)).toEqual(['0', '10']);
    const opening = [{ participant: ALICE, asset: 'ytest.usd', amount: '10' }];
    expect(fromAllocations(context, opening).map((row) => row.amountText)).toEqual(['10', '0']);
    expect(
      totalsOf([...opening, { participant: BOB, asset: 'ytest.usd', amount: '0.5' }], [USD]),
    ).toEqual({ 'ytest.usd': '10.5' });
  });
});

// ---------------------------------------------------------------- properties

const address = fc
  .uint8Array({ minLength: 20, maxLength: 20 })
  .map((bytes) => getAddress(hexlify(bytes)));
const sessionArb = fc
  .record({
    participants: fc.uniqueArray(address, {
      minLength: 2,
      maxLength: 4,
      selector: (a) => a.toLowerCase(),
    }),
    assets: fc.uniqueArray(
      fc.record({
        symbol: fc.constantFrom('usd', 'eth', 'btc', 'eur'),
        decimals: fc.integer({ min: 0, max: 18 }),
      }),
      { minLength: 1, maxLength: 2, selector: (a) => a.symbol },
    ),
  })
  .chain(({ participants, assets }) =>
    fc.record({
      participants: fc.constant(participants),
      assets: fc.constant(assets),
      totalUnits: fc.tuple(...assets.map(() => fc.bigInt({ min: 0n, max: 10n ** 20n }))),
    }),
  );

/** A random partition of `total` into `parts` non-negative pieces. */
function partition(total: bigint, parts: number): fc.Arbitrary<bigint[]> {
  return fc
    .array(fc.bigInt({ min: 0n, max: total }), { minLength: parts - 1, maxLength: parts - 1 })
    .map((cuts) => {
      const points = [0n, ...cuts.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), total];
      return points.slice(1).map((point, index) => point - points[index]);
    });
}

/** Ways a person may write the same amount: canonical, trailing zeros, leading zeros. */
function spellings(units: bigint, decimals: number): fc.Arbitrary<string> {
  const canonical = formatUnits(units, decimals);
  const [whole, fraction = ''] = canonical.split('.');
  const padded = decimals > 0 ? `${whole}.${fraction.padEnd(decimals, '0')}` : canonical;
  return fc.constantFrom(canonical, padded, `0${canonical}`, ` ${canonical} `);
}

function contextOf(session: {
  participants: string[];
  assets: { symbol: string; decimals: number }[];
  totalUnits: bigint[];
}): SplitContext {
  const totals: Record<string, string> = {};
  session.assets.forEach(
    (asset, index) =>
      (totals[asset.symbol] = formatUnits(session.totalUnits[index], asset.decimals)),
  );
  return { participants: session.participants, assets: session.assets, totals };
}

function decimalsOf(ctx: SplitContext): Record<string, number> {
  return Object.fromEntries(ctx.assets.map((asset) => [asset.symbol, asset.decimals]));
}

describe('split validation properties (the node never rejects what the editor emits)', () => {
  it('accepts every valid split, however it is spelled, and emits exactly it', () => {
    const validSplit = sessionArb.chain((session) =>
      fc.record({
        session: fc.constant(session),
        texts: fc.tuple(
          ...session.assets.map((asset, index) =>
            partition(session.totalUnits[index], session.participants.length).chain((pieces) =>
              fc.tuple(...pieces.map((piece) => spellings(piece, asset.decimals))),
            ),
          ),
        ),
      }),
    );
    fc.assert(
      fc.property(validSplit, ({ session, texts }) => {
        const ctx = contextOf(session);
        const drafts = session.assets.flatMap((asset, a) =>
          session.participants.map((participant, p) => ({
            participant,
            asset: asset.symbol,
            amountText: texts[a][p],
          })),
        );
        const result = validateSplit(ctx, drafts);
        expect(result.reasons).toEqual([]);
        expect(result.ok).toBeTrue();
        expect(
          nodeAcceptsSplit(
            ctx.participants,
            decimalsOf(ctx),
            ctx.totals,
            result.allocations as never,
          ),
        ).toBeTrue();
        expect(Object.values(result.remaining).every((left) => left === '0')).toBeTrue();
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with the node on arbitrary input: ok exactly when the node (at asset precision) accepts', () => {
    const cell = fc.oneof(
      fc.bigInt({ min: -(10n ** 6n), max: 10n ** 21n }).map((units) => ({ units })),
      fc.constantFrom('', 'abc', '1e3', '1,5', '--1', '.', '0.0000000000000000001', '-0', '+1'),
      fc.string({ maxLength: 8 }),
    );
    const arbitrarySplit = sessionArb.chain((session) =>
      fc.record({
        session: fc.constant(session),
        cells: fc.array(cell, {
          minLength: session.participants.length * session.assets.length,
          maxLength: session.participants.length * session.assets.length,
        }),
        dropRow: fc.option(fc.nat(), { freq: 4 }),
        extraRow: fc.option(
          fc.record({
            who: fc.oneof(address, fc.constantFrom(...session.participants)),
            asset: fc.constantFrom('usd', 'eth', 'btc', 'eur', 'xyz'),
            text: fc.constantFrom('0', '1'),
          }),
          { freq: 4 },
        ),
      }),
    );
    fc.assert(
      fc.property(arbitrarySplit, ({ session, cells, dropRow, extraRow }) => {
        const ctx = contextOf(session);
        let index = 0;
        const drafts: AllocationDraft[] = session.assets.flatMap((asset) =>
          session.participants.map((participant) => {
            const value = cells[index++];
            const amountText =
              typeof value === 'string'
                ? value
                : formatUnits(value.units, asset.decimals + (value.units % 7n === 0n ? 1 : 0));
            return { participant, asset: asset.symbol, amountText };
          }),
        );
        if (dropRow !== null) drafts.splice(dropRow % drafts.length, 1);
        if (extraRow)
          drafts.push({
            participant: extraRow.who,
            asset: extraRow.asset,
            amountText: extraRow.text,
          });
        const result = validateSplit(ctx, drafts);
        const raw = drafts.map((draft) => ({
          participant: draft.participant,
          asset: draft.asset,
          amount: draft.amountText,
        }));
        const nodeAcceptsRaw = nodeAcceptsSplit(ctx.participants, decimalsOf(ctx), ctx.totals, raw);
        if (result.ok) {
          expect(
            nodeAcceptsSplit(
              ctx.participants,
              decimalsOf(ctx),
              ctx.totals,
              result.allocations as never,
            ),
          ).toBeTrue();
        }
        expect(result.ok).toBe(nodeAcceptsRaw);
      }),
      { numRuns: 500 },
    );
  });

  it('a valid split nudged by one base unit is refused', () => {
    fc.assert(
      fc.property(sessionArb, fc.boolean(), (session, up) => {
        const ctx = contextOf(session);
        const drafts = evenSplit(ctx);
        const first = drafts[0];
        const decimals = ctx.assets[0].decimals;
        const parsed = parseAmount(first.amountText, decimals);
        if (!parsed.ok) throw new Error(parsed.error);
        const nudged = formatUnits(parsed.units + (up ? 1n : -1n), decimals);
        const changed = [{ ...first, amountText: nudged }, ...drafts.slice(1)];
        const result = validateSplit(ctx, changed);
        expect(result.ok).toBeFalse();
        const raw = changed.map((draft) => ({
          participant: draft.participant,
          asset: draft.asset,
          amount: draft.amountText,
        }));
        expect(nodeAcceptsSplit(ctx.participants, decimalsOf(ctx), ctx.totals, raw)).toBeFalse();
      }),
      { numRuns: 200 },
    );
  });

  it('even split and all-to-one always produce a valid split', () => {
    fc.assert(
      fc.property(sessionArb, fc.nat(), (session, pick) => {
        const ctx = contextOf(session);
        expect(validateSplit(ctx, evenSplit(ctx)).ok).toBeTrue();
        expect(
          validateSplit(ctx, allToOne(ctx, ctx.participants[pick % ctx.participants.length])).ok,
        ).toBeTrue();
      }),
      { numRuns: 200 },
    );
  });
});
