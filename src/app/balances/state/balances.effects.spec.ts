import { TestBed } from '@angular/core/testing';
import { Actions } from '@ngrx/effects';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import type { Observable } from 'rxjs';
import {
  AuthApiActions,
  selectFaucetUrl,
  selectSignedIn,
  selectWalletAddress,
  type ClearNodeClient,
  type FaucetClient,
} from '../../core';
import { marbles } from '../../testing/test-scheduler';
import { BalancesApiActions, BalancesPageActions } from './balances.actions';
import { loadBalances, requestFaucetTokens } from './balances.effects';

const wallet = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const faucetUrl = 'http://127.0.0.1:8000/faucet/requestTokens';
const answer = <T>(value: Observable<T>) => value as unknown as Promise<T>;

describe('balances effects', () => {
  let store: MockStore;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideMockStore({
          selectors: [
            { selector: selectSignedIn, value: true },
            { selector: selectFaucetUrl, value: faucetUrl },
            { selector: selectWalletAddress, value: wallet },
          ],
        }),
      ],
    });
    store = TestBed.inject(MockStore);
  });

  // Overridden selectors are shared module state: put them back for the next spec.
  afterEach(() => store.resetSelectors());

  describe('loadBalances', () => {
    const signedIn = AuthApiActions.signedIn({
      wallet,
      nodeUrl: 'ws://x/ws',
      sessionKey: '0x1',
      expiresAt: 1,
      allowances: [],
    });

    it('loads signed ledger balances after sign-in', () => {
      spyOn(Date, 'now').and.returnValue(5000);
      const client = jasmine.createSpyObj<ClearNodeClient>('ClearNodeClient', ['request']);
      marbles().run(({ hot, cold, expectObservable }) => {
        client.request.and.returnValue(
          answer(cold('--r|', { r: { ledger_balances: [{ asset: 'usdc', amount: '10' }] } })),
        );
        expectObservable(loadBalances(new Actions(hot('-a', { a: signedIn })), store, client)).toBe(
          '---l',
          {
            l: BalancesApiActions.balancesLoaded({
              balances: [{ asset: 'usdc', amount: '10' }],
              loadedAt: 5000,
            }),
          },
        );
      });
      expect(client.request).toHaveBeenCalledWith('get_ledger_balances', {}, { signed: true });
    });

    it('keeps only the latest refresh and reports failures in words', () => {
      const client = jasmine.createSpyObj<ClearNodeClient>('ClearNodeClient', ['request']);
      marbles().run(({ hot, cold, expectObservable }) => {
        client.request.and.returnValues(
          answer(cold('----r|', { r: { ledger_balances: [] } })),
          answer(cold('-#', {}, new Error('authentication required'))),
        );
        const actions$ = new Actions(
          hot('-ab', {
            a: BalancesPageActions.refreshClicked(),
            b: BalancesPageActions.refreshClicked(),
          }),
        );
        expectObservable(loadBalances(actions$, store, client)).toBe('---f', {
          f: BalancesApiActions.balancesLoadFailed({
            error: 'Could not load your balances: authentication required',
          }),
        });
      });
    });

    it('does nothing while signed out', () => {
      store.overrideSelector(selectSignedIn, false);
      const client = jasmine.createSpyObj<ClearNodeClient>('ClearNodeClient', ['request']);
      marbles().run(({ hot, expectObservable }) => {
        expectObservable(
          loadBalances(new Actions(hot('-a', { a: BalancesPageActions.opened() })), store, client),
        ).toBe('--');
      });
      expect(client.request).not.toHaveBeenCalled();
    });
  });

  describe('requestFaucetTokens', () => {
    it("asks the node's faucet for the wallet and reports the outcome", () => {
      const faucet = jasmine.createSpyObj<FaucetClient>('FaucetClient', ['requestTokens']);
      marbles().run(({ hot, cold, expectObservable }) => {
        faucet.requestTokens.and.returnValue(
          answer(cold('--r|', { r: { message: 'Sent 10 usdc' } })),
        );
        expectObservable(
          requestFaucetTokens(
            new Actions(hot('-a', { a: BalancesPageActions.faucetClicked() })),
            store,
            faucet,
          ),
        ).toBe('---s', {
          s: BalancesApiActions.faucetSucceeded({ message: 'Sent 10 usdc' }),
        });
      });
      expect(faucet.requestTokens).toHaveBeenCalledWith(faucetUrl, wallet);
    });

    it('reports a failed faucet, and a node without one', () => {
      const faucet = jasmine.createSpyObj<FaucetClient>('FaucetClient', ['requestTokens']);
      marbles().run(({ hot, cold, expectObservable }) => {
        faucet.requestTokens.and.returnValue(
          answer(cold('-#', {}, new Error('The faucet refused: limit.'))),
        );
        expectObservable(
          requestFaucetTokens(
            new Actions(hot('-a', { a: BalancesPageActions.faucetClicked() })),
            store,
            faucet,
          ),
        ).toBe('--f', {
          f: BalancesApiActions.faucetFailed({ error: 'The faucet refused: limit.' }),
        });
      });
      store.overrideSelector(selectFaucetUrl, null);
      store.refreshState();
      marbles().run(({ hot, expectObservable }) => {
        expectObservable(
          requestFaucetTokens(
            new Actions(hot('-a', { a: BalancesPageActions.faucetClicked() })),
            store,
            faucet,
          ),
        ).toBe('-f', {
          f: BalancesApiActions.faucetFailed({ error: 'This ClearNode has no faucet.' }),
        });
      });
    });
  });
});
