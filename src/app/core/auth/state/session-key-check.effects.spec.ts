import { TestBed } from '@angular/core/testing';
import { Actions } from '@ngrx/effects';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { type Observable, NEVER } from 'rxjs';
import { marbles } from '../../../testing/test-scheduler';
import type { ClearNodeClient } from '../../clearnode/clearnode-client';
import { selectNodeUrl } from '../../clearnode/state/clearnode.feature';
import type { ClearNodeAuth } from '../clearnode-auth';
import { AuthApiActions, SessionKeyCheckActions } from './auth.actions';
import { selectAuthPhase, selectAuthWallet, selectSessionKey } from './auth.feature';
import { checkSessionKey, noticeReplacedKey } from './session-key-check.effects';

const nodeUrl = 'ws://127.0.0.1:8000/ws';
const wallet = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const sessionKey = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const answer = <T>(value: Observable<T>) => value as unknown as Promise<T>;

describe('session key check effects', () => {
  let store: MockStore;
  let auth: jasmine.SpyObj<ClearNodeAuth>;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideMockStore({
          selectors: [
            { selector: selectNodeUrl, value: nodeUrl },
            { selector: selectAuthWallet, value: wallet },
            { selector: selectSessionKey, value: sessionKey },
            { selector: selectAuthPhase, value: 'signedIn' },
          ],
        }),
      ],
    });
    store = TestBed.inject(MockStore);
    auth = jasmine.createSpyObj<ClearNodeAuth>('ClearNodeAuth', ['listsSessionKey', 'retire']);
  });

  afterEach(() => store.resetSelectors());

  const checked = (listed: boolean) =>
    SessionKeyCheckActions.checkSucceeded({ wallet, nodeUrl, sessionKey, listed });

  describe('checkSessionKey', () => {
    it('asks at once when signed in, then every interval while the page is visible', () => {
      marbles().run(({ hot, cold, expectObservable }) => {
        auth.listsSessionKey.and.returnValue(answer(cold('-t|', { t: true })));
        const visible$ = hot('v', { v: true });
        expectObservable(checkSessionKey(store, auth, visible$, 10), '^ 25ms !').toBe(
          '-a 9ms b 9ms c',
          { a: checked(true), b: checked(true), c: checked(true) },
        );
      });
      expect(auth.listsSessionKey).toHaveBeenCalledTimes(3);
    });

    it('reports a key the node no longer lists', () => {
      marbles().run(({ hot, cold, expectObservable }) => {
        auth.listsSessionKey.and.returnValue(answer(cold('-f|', { f: false })));
        expectObservable(checkSessionKey(store, auth, hot('v', { v: true }), 1000), '^ 5ms !').toBe(
          '-a',
          { a: checked(false) },
        );
      });
    });

    it('does not ask while the page is hidden, and asks again once it is shown', () => {
      marbles().run(({ hot, cold, expectObservable }) => {
        auth.listsSessionKey.and.returnValue(answer(cold('-t|', { t: true })));
        const visible$ = hot('h 9ms v', { h: false, v: true });
        expectObservable(checkSessionKey(store, auth, visible$, 1000), '^ 15ms !').toBe(
          '- 10ms a',
          { a: checked(true) },
        );
      });
      expect(auth.listsSessionKey).toHaveBeenCalledTimes(1);
    });

    it('does not stack a second check on a slow one, and says when a check fails', () => {
      marbles().run(({ hot, cold, expectObservable }) => {
        auth.listsSessionKey.and.returnValue(answer(cold('---#', {}, new Error('socket closed'))));
        expectObservable(checkSessionKey(store, auth, hot('v', { v: true }), 1), '^ 5ms !').toBe(
          '---a',
          { a: SessionKeyCheckActions.checkFailed({ error: 'socket closed' }) },
        );
      });
      expect(auth.listsSessionKey).toHaveBeenCalledTimes(2);
    });

    it('does nothing unless signed in', () => {
      store.overrideSelector(selectAuthPhase, 'replaced');
      marbles().run(({ hot, expectObservable }) => {
        expectObservable(checkSessionKey(store, auth, hot('v', { v: true }), 1), '^ 5ms !').toBe(
          '',
        );
      });
      expect(auth.listsSessionKey).not.toHaveBeenCalled();
    });
  });

  describe('noticeReplacedKey', () => {
    it('retires the key once the check finds it gone', () => {
      marbles().run(({ hot, expectObservable }) => {
        const actions$ = new Actions(hot('-a', { a: checked(false) }));
        const client = { keyRefused$: NEVER } as unknown as ClearNodeClient;
        expectObservable(noticeReplacedKey(actions$, store, auth, client)).toBe('-r', {
          r: AuthApiActions.sessionKeyReplaced({ wallet, nodeUrl }),
        });
      });
      expect(auth.retire).toHaveBeenCalledOnceWith({ nodeUrl, wallet });
    });

    it('retires the key when the node refuses a request signed with it as unknown', () => {
      marbles().run(({ hot, expectObservable }) => {
        const client = {
          keyRefused$: hot('--k', { k: 'signature from unknown participant wallet 0x7099' }),
        } as unknown as ClearNodeClient;
        expectObservable(noticeReplacedKey(new Actions(NEVER), store, auth, client)).toBe('--r', {
          r: AuthApiActions.sessionKeyReplaced({ wallet, nodeUrl }),
        });
      });
    });

    it('ignores a listed key, an answer about an earlier key, and refusals once signed out', () => {
      marbles().run(({ hot, expectObservable }) => {
        const actions$ = new Actions(
          hot('-a-b', {
            a: checked(true),
            b: SessionKeyCheckActions.checkSucceeded({
              wallet,
              nodeUrl,
              sessionKey: '0x0000000000000000000000000000000000000001',
              listed: false,
            }),
          }),
        );
        const client = { keyRefused$: NEVER } as unknown as ClearNodeClient;
        expectObservable(noticeReplacedKey(actions$, store, auth, client)).toBe('----');
      });
      store.overrideSelector(selectSessionKey, null);
      store.refreshState();
      marbles().run(({ hot, expectObservable }) => {
        const client = { keyRefused$: hot('-k', { k: 'x' }) } as unknown as ClearNodeClient;
        expectObservable(noticeReplacedKey(new Actions(NEVER), store, auth, client)).toBe('--');
      });
      expect(auth.retire).not.toHaveBeenCalled();
    });
  });
});
