import { AuthApiActions, OtherTabAuthActions, ClearNodePushActions } from '../../core';
import { balanceRows } from '../balance-row';
import { BalancesApiActions, BalancesPageActions } from './balances.actions';
import {
  balancesFeature,
  initialBalancesState,
  selectBalanceRows,
  selectLedgerBalances,
} from './balances.feature';

const reduce = balancesFeature.reducer;
const loaded = reduce(
  initialBalancesState,
  BalancesApiActions.balancesLoaded({
    balances: [
      { asset: 'usdc', amount: '10' },
      { asset: 'eth', amount: '0.5' },
    ],
    loadedAt: 1000,
  }),
);

describe('balances reducer and selectors', () => {
  it('replaces balances on load and records when', () => {
    expect(selectLedgerBalances({ balances: loaded })).toEqual([
      { asset: 'eth', amount: '0.5' },
      { asset: 'usdc', amount: '10' },
    ]);
    expect(loaded.updatedAt).toBe(1000);
    expect(loaded.loading).toBeFalse();
  });

  it('applies bu pushes per asset and moves the update time', () => {
    const pushed = reduce(
      loaded,
      ClearNodePushActions.balanceUpdateReceived({
        balances: [{ asset: 'usdc', amount: '20' }],
        receivedAt: 2000,
      }),
    );
    expect(selectLedgerBalances({ balances: pushed })).toEqual([
      { asset: 'eth', amount: '0.5' },
      { asset: 'usdc', amount: '20' },
    ]);
    expect(pushed.updatedAt).toBe(2000);
  });

  it('shows loading and failures with their message', () => {
    const loading = reduce(loaded, BalancesPageActions.refreshClicked());
    expect(loading.loading).toBeTrue();
    const failed = reduce(
      loading,
      BalancesApiActions.balancesLoadFailed({ error: 'Could not load' }),
    );
    expect(failed).toEqual(jasmine.objectContaining({ loading: false, error: 'Could not load' }));
  });

  it('tracks the faucet request from click to outcome', () => {
    const asking = reduce(loaded, BalancesPageActions.faucetClicked());
    expect(asking.faucet).toEqual({ phase: 'requesting', message: null });
    expect(
      reduce(asking, BalancesApiActions.faucetSucceeded({ message: 'Sent 10 usdc' })).faucet,
    ).toEqual({ phase: 'succeeded', message: 'Sent 10 usdc' });
    expect(reduce(asking, BalancesApiActions.faucetFailed({ error: 'down' })).faucet).toEqual({
      phase: 'failed',
      message: 'down',
    });
  });

  it("forgets one person's balances when they sign out or switch account", () => {
    const who = { wallet: '0x1', nodeUrl: 'ws://x/ws' };
    expect(reduce(loaded, AuthApiActions.signedOut({ ...who, message: '' }))).toEqual(
      initialBalancesState,
    );
    expect(reduce(loaded, AuthApiActions.sessionLeft(who))).toEqual(initialBalancesState);
    expect(reduce(loaded, AuthApiActions.sessionExpired(who))).toEqual(initialBalancesState);
    expect(reduce(loaded, OtherTabAuthActions.sessionRemoved(who))).toEqual(initialBalancesState);
  });

  it('formats each amount at its asset decimals, grouped, exact', () => {
    const assets = [
      { symbol: 'usdc', decimals: 6, chainId: 1, token: '0x1' },
      { symbol: 'usdc', decimals: 18, chainId: 2, token: '0x2' },
      { symbol: 'eth', decimals: 18, chainId: 1, token: '0x3' },
    ];
    const rows = balanceRows(
      [
        { asset: 'usdc', amount: '1234567.500000' },
        { asset: 'eth', amount: '0.000000000000000001' },
        { asset: 'unknown', amount: '5.5' },
        { asset: 'usdc', amount: '1.1234567' },
      ],
      assets,
    );
    expect(rows.map((r) => r.display)).toEqual([
      '1,234,567.5',
      '0.000000000000000001',
      '5.5',
      '1.1234567',
    ]);
    expect(rows.map((r) => r.decimals)).toEqual([6, 18, null, 6]);
    expect(
      selectBalanceRows.projector([{ asset: 'usdc', amount: '1000' }], assets)[0].display,
    ).toBe('1,000');
  });
});
