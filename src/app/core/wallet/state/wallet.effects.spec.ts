import { TestBed } from '@angular/core/testing';
import { Actions } from '@ngrx/effects';
import type { Observable } from 'rxjs';
import { MemoryStorage } from '../../../testing/memory-storage';
import { marbles } from '../../../testing/test-scheduler';
import { BROWSER_STORAGE } from '../../storage/browser-storage.token';
import { NamespacedStorage } from '../../storage/namespaced-storage';
import type { WalletAccount, WalletConnector } from '../wallet-connector';
import { WALLET_PREFERENCE_KEY } from '../wallet-preference';
import { WalletApiActions, WalletMenuActions } from './wallet.actions';
import { connectWallet, restoreWallet } from './wallet.effects';
import { AppActions } from '../../app/app.actions';

const address = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const answer = <T>(value: Observable<T>) => value as unknown as Promise<T>;

describe('wallet effects', () => {
  let storage: NamespacedStorage;
  let connector: jasmine.SpyObj<WalletConnector>;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [{ provide: BROWSER_STORAGE, useValue: new MemoryStorage() }],
    });
    storage = TestBed.inject(NamespacedStorage);
    connector = jasmine.createSpyObj<WalletConnector>('WalletConnector', ['connect', 'restore']);
  });

  it('connects and remembers the wallet for the next visit', () => {
    marbles().run(({ hot, cold, expectObservable }) => {
      connector.connect.and.returnValue(
        answer(
          cold<WalletAccount>('-w|', { w: { walletId: 'io.metamask', address, chainId: '0x1' } }),
        ),
      );
      const actions$ = new Actions(
        hot('-a', { a: WalletMenuActions.connectClicked({ walletId: 'io.metamask' }) }),
      );
      expectObservable(connectWallet(actions$, connector, storage)).toBe('--s', {
        s: WalletApiActions.connectSucceeded({ walletId: 'io.metamask', address, chainId: '0x1' }),
      });
    });
    expect(storage.readApp(WALLET_PREFERENCE_KEY)).toBe('io.metamask');
  });

  it('says a declined connect changed nothing, and remembers nothing', () => {
    marbles().run(({ hot, cold, expectObservable }) => {
      connector.connect.and.returnValue(
        answer(cold('-#', {}, { code: 4001, message: 'User rejected the request.' })),
      );
      const actions$ = new Actions(
        hot('-a', { a: WalletMenuActions.connectClicked({ walletId: 'io.metamask' }) }),
      );
      expectObservable(connectWallet(actions$, connector, storage)).toBe('--f', {
        f: WalletApiActions.connectFailed({
          error: 'You declined the request in your wallet, so nothing changed (connect).',
          rejected: true,
        }),
      });
    });
    expect(storage.readApp(WALLET_PREFERENCE_KEY)).toBeNull();
  });

  it('comes back to the remembered wallet without a prompt on start', () => {
    storage.writeApp(WALLET_PREFERENCE_KEY, 'io.metamask');
    marbles().run(({ hot, cold, expectObservable }) => {
      connector.restore.and.returnValue(
        answer(
          cold<WalletAccount>('-w|', { w: { walletId: 'io.metamask', address, chainId: '0x1' } }),
        ),
      );
      expectObservable(
        restoreWallet(
          new Actions(hot('-a', { a: AppActions.started({ search: '' }) })),
          connector,
          storage,
        ),
      ).toBe('--r', {
        r: WalletApiActions.restoreSucceeded({ walletId: 'io.metamask', address, chainId: '0x1' }),
      });
    });
    expect(connector.connect).not.toHaveBeenCalled();
  });

  it('finds nothing to restore on a first visit', () => {
    marbles().run(({ hot, expectObservable }) => {
      expectObservable(
        restoreWallet(
          new Actions(hot('-a', { a: AppActions.started({ search: '' }) })),
          connector,
          storage,
        ),
      ).toBe('-n', {
        n: WalletApiActions.restoreFoundNothing(),
      });
    });
  });
});
