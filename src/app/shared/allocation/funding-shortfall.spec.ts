import { fundingShortfall } from './funding-shortfall';

const USD = { symbol: 'ytest.usd', decimals: 6 };
const raise = (before: string, after: string) => [{ asset: USD.symbol, before, after }];

describe('funding shortfall', () => {
  it('lets me fund what my balance and my allowance cover', () => {
    expect(
      fundingShortfall(raise('1', '6'), [USD], { 'ytest.usd': '5' }, { 'ytest.usd': '5' }),
    ).toBeNull();
    // Allowances the node did not tell block nothing.
    expect(fundingShortfall(raise('0', '5'), [USD], { 'ytest.usd': '5' }, null)).toBeNull();
    // Shares that do not grow cost nothing.
    expect(fundingShortfall(raise('6', '1'), [USD], {}, {})).toBeNull();
  });

  it('says what is missing: the balance first, then the allowance', () => {
    expect(fundingShortfall(raise('0', '5.5'), [USD], { 'ytest.usd': '5' }, null)).toBe(
      'This takes 5.5 ytest.usd from your ledger balance, which holds 5 ytest.usd.',
    );
    expect(
      fundingShortfall(raise('0', '5'), [USD], { 'ytest.usd': '9' }, { 'ytest.usd': '4.999999' }),
    ).toBe(
      'This takes 5 ytest.usd, and your session key may spend only 4.999999 ytest.usd more: sign in again with a larger allowance.',
    );
    expect(fundingShortfall(raise('0', '1'), [USD], { 'ytest.usd': '9' }, { eth: '1' })).toBe(
      'Your session key may not spend ytest.usd: sign in again with an allowance for it.',
    );
  });
});
