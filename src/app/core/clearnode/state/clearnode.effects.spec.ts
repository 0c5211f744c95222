import { TestBed } from '@angular/core/testing';
import { Actions } from '@ngrx/effects';
import type { Observable } from 'rxjs';
import { MemoryStorage } from '../../../testing/memory-storage';
import { marbles } from '../../../testing/test-scheduler';
import { AppActions } from '../../app/app.actions';
import { BROWSER_STORAGE } from '../../storage/browser-storage.token';
import { NamespacedStorage } from '../../storage/namespaced-storage';
import type { ClearNodeClient } from '../clearnode-client';
import type { RpcPush } from '../rpc-frame';
import {
  ClearNodeApiActions,
  ClearNodeConnectionActions,
  ClearNodePushActions,
} from './clearnode.actions';
import { chooseNodeOnStart, loadAssets, pushes } from './clearnode.effects';

const answer = <T>(value: Observable<T>) => value as unknown as Promise<T>;
const connected = ClearNodeConnectionActions.connected({ url: 'ws://x/ws', brokerAddress: '0xb' });

describe('clearNode effects', () => {
  let storage: NamespacedStorage;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [{ provide: BROWSER_STORAGE, useValue: new MemoryStorage() }],
    });
    storage = TestBed.inject(NamespacedStorage);
  });

  it('chooses ?node= on start', () => {
    marbles().run(({ hot, expectObservable }) => {
      const actions$ = new Actions(
        hot('-a', { a: AppActions.started({ search: '?node=ws://127.0.0.1:9999/ws' }) }),
      );
      expectObservable(chooseNodeOnStart(actions$, storage)).toBe('-n', {
        n: ClearNodeConnectionActions.nodeChosen({ url: 'ws://127.0.0.1:9999/ws' }),
      });
    });
  });

  it('refuses a ?node= that is no ClearNode address out loud, then uses the local node', () => {
    marbles().run(({ hot, expectObservable }) => {
      const actions$ = new Actions(
        hot('-a', { a: AppActions.started({ search: '?node=javascript:alert(1)' }) }),
      );
      expectObservable(chooseNodeOnStart(actions$, storage)).toBe('-(rn)', {
        r: ClearNodeConnectionActions.nodeAddressRefused({
          address: 'javascript:alert(1)',
          reason: 'A ClearNode address starts with ws:// or wss://.',
        }),
        n: ClearNodeConnectionActions.nodeChosen({ url: 'ws://127.0.0.1:8000/ws' }),
      });
    });
  });

  it('loads the assets on every (re)connect, and reports a failure', () => {
    const client = jasmine.createSpyObj<ClearNodeClient>('ClearNodeClient', ['request']);
    marbles().run(({ hot, cold, expectObservable }) => {
      client.request.and.returnValues(
        answer(
          cold('-r|', {
            r: {
              assets: [
                { token: '0x1', chain_id: 1, symbol: 'usdc', decimals: 6 },
                { symbol: 'bad' },
              ],
            },
          }),
        ),
        answer(cold('-#', {}, new Error('timeout'))),
      );
      const actions$ = new Actions(
        hot('-a--b', {
          a: connected,
          b: ClearNodeConnectionActions.reconnected({ url: 'ws://x/ws', brokerAddress: '0xb' }),
        }),
      );
      expectObservable(loadAssets(actions$, client)).toBe('--l--f', {
        l: ClearNodeApiActions.assetsLoaded({
          assets: [{ symbol: 'usdc', decimals: 6, chainId: 1, token: '0x1' }],
        }),
        f: ClearNodeApiActions.assetsLoadFailed({
          error: "Could not load the node's assets: timeout",
        }),
      });
    });
  });

  it('turns bu and assets pushes into actions and leaves the rest to their features', () => {
    spyOn(Date, 'now').and.returnValue(7);
    marbles().run(({ hot, expectObservable }) => {
      const push = (method: string, params: unknown): RpcPush => ({ method, params, raw: '' });
      const client = {
        pushes$: hot('-a-b-c', {
          a: push('bu', { balance_updates: [{ asset: 'usdc', amount: '10' }] }),
          b: push('asu', {}),
          c: push('assets', { assets: [] }),
        }),
      } as unknown as ClearNodeClient;
      expectObservable(pushes(client)).toBe('-u---s', {
        u: ClearNodePushActions.balanceUpdateReceived({
          balances: [{ asset: 'usdc', amount: '10' }],
          receivedAt: 7,
        }),
        s: ClearNodePushActions.assetsReceived({ assets: [] }),
      });
    });
  });
});
