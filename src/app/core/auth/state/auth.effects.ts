import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { concatLatestFrom } from '@ngrx/operators';
import { Store } from '@ngrx/store';
import {
  EMPTY,
  type Observable,
  catchError,
  defer,
  exhaustMap,
  filter,
  map,
  of,
  startWith,
  switchMap,
  tap,
  throttleTime,
  timer,
} from 'rxjs';
import { ClearNodeClient } from '../../clearnode/clearnode-client';
import { describeError } from '../../clearnode/describe-error';
import { inPlainWords } from '../../clearnode/node-error-words';
import { ClearNodeRpcError } from '../../clearnode/rpc-frame';
import {
  ClearNodeConnectionActions,
  NodePickerActions,
} from '../../clearnode/state/clearnode.actions';
import { selectIsOnline, selectNodeUrl } from '../../clearnode/state/clearnode.feature';
import { NamespacedStorage } from '../../storage/namespaced-storage';
import { isInScope } from '../../storage/storage-keys';
import { WalletConnector } from '../../wallet/wallet-connector';
import { describeWalletError, isUserRejection } from '../../wallet/wallet-errors';
import {
  WalletApiActions,
  WalletMenuActions,
  WalletProviderActions,
} from '../../wallet/state/wallet.actions';
import { selectWalletAddress } from '../../wallet/state/wallet.feature';
import { DEFAULT_SESSION_SECONDS } from '../application';
import { ClearNodeAuth, NoStoredSessionError } from '../clearnode-auth';
import { SESSION_KEY_NAME } from '../session-key.store';
import type { StoredSession } from '../stored-session';
import {
  AccountMenuActions,
  AuthApiActions,
  OtherTabAuthActions,
  SavedSignInActions,
  SignInPanelActions,
  type AuthSessionProps,
} from './auth.actions';
import { selectAuthPhase, selectAuthWallet, selectSessionExpiresAt } from './auth.feature';

function sessionProps(wallet: string, nodeUrl: string, session: StoredSession): AuthSessionProps {
  return {
    wallet,
    nodeUrl,
    sessionKey: session.sessionKey.address,
    expiresAt: session.expiresAt,
    lifetimeSeconds: session.lifetimeSeconds ?? DEFAULT_SESSION_SECONDS,
    allowances: session.allowances.map(({ asset, amount }) => ({ asset, amount })),
  };
}

/** The node and wallet a sign-in belongs to, as they are now. */
function nodeAndWallet(store: Store): [Observable<string | null>, Observable<string | null>] {
  return [store.select(selectNodeUrl), store.select(selectWalletAddress)];
}

/**
 * Silent sign-in with the stored JWT whenever the socket (re)opens or a wallet account becomes
 * known. A refused or expired JWT is forgotten and the person is asked for one signature.
 */
export const resumeSession = createEffect(
  (actions$ = inject(Actions), store = inject(Store), auth = inject(ClearNodeAuth)) =>
    actions$.pipe(
      ofType(
        ClearNodeConnectionActions.connected,
        ClearNodeConnectionActions.reconnected,
        WalletApiActions.connectSucceeded,
        WalletApiActions.restoreSucceeded,
        WalletProviderActions.accountsChanged,
        OtherTabAuthActions.sessionStored,
        AuthApiActions.sessionDroppedByNode,
      ),
      concatLatestFrom(() => [
        ...nodeAndWallet(store),
        store.select(selectIsOnline),
        store.select(selectAuthPhase),
        store.select(selectAuthWallet),
      ]),
      filter(([action, nodeUrl, wallet, online, phase, authWallet]) => {
        if (!nodeUrl || !wallet || !online) return false;
        // A replaced key has nothing to resume with: the person signs in again, once, by choice,
        // unless another tab of this browser already did.
        if (phase === 'replaced') return action.type === OtherTabAuthActions.sessionStored.type;
        const socketIsNew =
          action.type === ClearNodeConnectionActions.connected.type ||
          action.type === ClearNodeConnectionActions.reconnected.type ||
          action.type === AuthApiActions.sessionDroppedByNode.type;
        // Another account while signed in: the switch effect restarts the socket, which resumes.
        if (action.type === WalletProviderActions.accountsChanged.type) return authWallet === null;
        return socketIsNew || phase === 'signedOut';
      }),
      switchMap(([, nodeUrl, wallet]) => {
        const scope = { nodeUrl: nodeUrl!, wallet: wallet! };
        return defer(() => auth.resume(scope)).pipe(
          map((session) =>
            AuthApiActions.reauthenticated(sessionProps(wallet!, nodeUrl!, session)),
          ),
          catchError((error: unknown) => {
            if (error instanceof NoStoredSessionError) {
              const reason = error.message.includes('expired')
                ? `${error.message} Sign in again: it takes one wallet signature.`
                : null;
              return of(
                AuthApiActions.signInRequired({ wallet: wallet!, nodeUrl: nodeUrl!, reason }),
              );
            }
            if (error instanceof ClearNodeRpcError) {
              auth.forget(scope);
              return of(
                AuthApiActions.signInRequired({
                  wallet: wallet!,
                  nodeUrl: nodeUrl!,
                  reason: `The ClearNode no longer accepts your saved sign-in. Sign in again: it takes one wallet signature. (The ClearNode said: ${error.nodeMessage})`,
                }),
              );
            }
            return of(
              AuthApiActions.resumeFailed({
                error: `Could not restore your sign-in: ${describeError(error)}`,
              }),
            );
          }),
          startWith(AuthApiActions.resumeStarted({ wallet: wallet!, nodeUrl: nodeUrl! })),
        );
      }),
    ),
  { functional: true },
);

/**
 * The wallet or node became known (reload, another account or node) or a resume lost the
 * connection, while the node cannot be reached: a usable stored sign-in means "resuming", not
 * "signed out". `resumeSession` takes over when the socket opens.
 */
export const holdSavedSignInWhileOffline = createEffect(
  (actions$ = inject(Actions), store = inject(Store), auth = inject(ClearNodeAuth)) =>
    actions$.pipe(
      ofType(
        WalletApiActions.connectSucceeded,
        WalletApiActions.restoreSucceeded,
        WalletProviderActions.accountsChanged,
        NodePickerActions.nodeSelected,
        AuthApiActions.sessionLeft,
        AuthApiActions.resumeFailed,
      ),
      concatLatestFrom(() => [
        ...nodeAndWallet(store),
        store.select(selectIsOnline),
        store.select(selectAuthPhase),
      ]),
      filter(
        ([, nodeUrl, wallet, online, phase]) =>
          !!nodeUrl &&
          !!wallet &&
          !online &&
          phase === 'signedOut' &&
          auth.storedSession({ nodeUrl, wallet }) !== null,
      ),
      map(([, nodeUrl, wallet]) =>
        SavedSignInActions.foundWhileOffline({ wallet: wallet!, nodeUrl: nodeUrl! }),
      ),
    ),
  { functional: true },
);

/**
 * A private request came back "authentication required": the node lost our session. Resume
 * with the JWT, at most once per minute so a node that keeps refusing cannot cause a loop.
 */
export const noticeDroppedSession = createEffect(
  (client = inject(ClearNodeClient), store = inject(Store)) =>
    client.authRefused$.pipe(
      concatLatestFrom(() => store.select(selectAuthPhase)),
      filter(([, phase]) => phase === 'signedIn'),
      throttleTime(60_000),
      map(([error]) => AuthApiActions.sessionDroppedByNode({ error })),
    ),
  { functional: true },
);

/** One wallet prompt: a fresh session key registered with the EIP-712 Policy. */
export const signIn = createEffect(
  (
    actions$ = inject(Actions),
    store = inject(Store),
    auth = inject(ClearNodeAuth),
    wallet = inject(WalletConnector),
  ) =>
    actions$.pipe(
      ofType(
        SignInPanelActions.signInClicked,
        SignInPanelActions.signInAgainClicked,
        AccountMenuActions.renewClicked,
      ),
      concatLatestFrom(() => nodeAndWallet(store)),
      exhaustMap(([{ allowances, expiresAt, lifetimeSeconds }, nodeUrl, address]) => {
        if (!nodeUrl || !address) {
          return of(
            AuthApiActions.signInFailed({
              error: 'Connect a wallet and a ClearNode first.',
              rejected: false,
            }),
          );
        }
        return defer(() =>
          auth.signIn({
            scope: { nodeUrl, wallet: address },
            allowances,
            expiresAt,
            lifetimeSeconds,
            signTypedData: (typedData) => wallet.signTypedData(address, typedData),
          }),
        ).pipe(
          map((session) => AuthApiActions.signedIn(sessionProps(address, nodeUrl, session))),
          catchError((error: unknown) =>
            of(
              AuthApiActions.signInFailed({
                error: isUserRejection(error)
                  ? 'You declined the signature in your wallet, so nothing was signed and nothing changed.'
                  : error instanceof ClearNodeRpcError
                    ? `The ClearNode refused the sign-in: ${inPlainWords(error.nodeMessage)}`
                    : describeWalletError(error, 'sign in'),
                rejected: isUserRejection(error),
              }),
            ),
          ),
        );
      }),
    ),
  { functional: true },
);

export const signOut = createEffect(
  (
    actions$ = inject(Actions),
    store = inject(Store),
    auth = inject(ClearNodeAuth),
    client = inject(ClearNodeClient),
  ) =>
    actions$.pipe(
      ofType(AccountMenuActions.signOutClicked),
      concatLatestFrom(() => nodeAndWallet(store)),
      exhaustMap(([, nodeUrl, wallet]) => {
        if (!nodeUrl || !wallet)
          return of(
            AuthApiActions.signedOut({
              wallet: wallet ?? '',
              nodeUrl: nodeUrl ?? '',
              message: 'Signed out.',
            }),
          );
        return defer(() => auth.signOut({ nodeUrl, wallet })).pipe(
          tap(() => client.restart()), // the node should stop treating this socket as signed in
          map(({ revoked, error }) =>
            AuthApiActions.signedOut({
              wallet,
              nodeUrl,
              message: revoked
                ? 'Signed out. The session key was revoked on the ClearNode and forgotten by this browser.'
                : `Signed out. This browser forgot the session key${error ? `, but the ClearNode could not revoke it (${error})` : ''}.`,
            }),
          ),
        );
      }),
    ),
  { functional: true },
);

/** Another account in the wallet (or none): leave this session without forgetting it. */
export const followWalletAccount = createEffect(
  (
    actions$ = inject(Actions),
    store = inject(Store),
    auth = inject(ClearNodeAuth),
    client = inject(ClearNodeClient),
  ) =>
    actions$.pipe(
      ofType(
        WalletProviderActions.accountsChanged,
        WalletProviderActions.disconnected,
        WalletMenuActions.disconnectClicked,
      ),
      concatLatestFrom(() => [store.select(selectAuthWallet), store.select(selectNodeUrl)]),
      filter(
        ([action, authWallet]) =>
          authWallet !== null && (!('address' in action) || action.address !== authWallet),
      ),
      map(([, authWallet, nodeUrl]) => {
        auth.leave();
        client.restart();
        return AuthApiActions.sessionLeft({ wallet: authWallet!, nodeUrl: nodeUrl ?? '' });
      }),
    ),
  { functional: true },
);

/** Another node: the session key belongs to the previous one, so stop signing with it. */
export const leaveOnNodeChange = createEffect(
  (actions$ = inject(Actions), auth = inject(ClearNodeAuth)) =>
    actions$.pipe(
      ofType(NodePickerActions.nodeSelected),
      tap(() => auth.leave()),
    ),
  { functional: true, dispatch: false },
);

/** Ends the session when the key's expiry passes while the app is open. */
export const expireSession = createEffect(
  (actions$ = inject(Actions), store = inject(Store), auth = inject(ClearNodeAuth)) =>
    actions$.pipe(
      ofType(
        AuthApiActions.signedIn,
        AuthApiActions.reauthenticated,
        AuthApiActions.signedOut,
        AuthApiActions.sessionLeft,
        AuthApiActions.sessionKeyReplaced,
      ),
      concatLatestFrom(() => store.select(selectSessionExpiresAt)),
      switchMap(([action, expiresAt]) => {
        if (
          action.type !== AuthApiActions.signedIn.type &&
          action.type !== AuthApiActions.reauthenticated.type
        )
          return EMPTY;
        if (expiresAt === null) return EMPTY;
        const { wallet, nodeUrl } = action as AuthSessionProps;
        // setTimeout caps at ~24.8 days; a longer key simply is not watched from this tab.
        const delay = Math.min(expiresAt * 1000 - Date.now(), 2_147_000_000);
        return timer(Math.max(0, delay)).pipe(
          map(() => {
            auth.forget({ nodeUrl, wallet });
            return AuthApiActions.sessionExpired({ wallet, nodeUrl });
          }),
        );
      }),
    ),
  { functional: true },
);

/** Sign-in and sign-out in another tab of this browser, for the same node and wallet. */
export const otherTabs = createEffect(
  (
    storage = inject(NamespacedStorage),
    store = inject(Store),
    auth = inject(ClearNodeAuth),
    client = inject(ClearNodeClient),
  ) =>
    storage.scopedChanges$.pipe(
      filter((change) => change.key.name === SESSION_KEY_NAME),
      concatLatestFrom(() => [...nodeAndWallet(store), store.select(selectAuthPhase)]),
      filter(
        ([change, nodeUrl, wallet]) =>
          !!nodeUrl && !!wallet && isInScope(change.key, { nodeUrl, wallet }),
      ),
      switchMap(([change, nodeUrl, wallet, phase]) => {
        if (change.newValue === null && phase === 'signedIn') {
          auth.leave();
          client.restart();
          return of(OtherTabAuthActions.sessionRemoved({ wallet: wallet!, nodeUrl: nodeUrl! }));
        }
        if (change.newValue !== null && (phase === 'signedOut' || phase === 'replaced')) {
          return of(OtherTabAuthActions.sessionStored({ wallet: wallet!, nodeUrl: nodeUrl! }));
        }
        // Renewed in another tab: the node dropped our key; a fresh socket resumes with the new one.
        if (change.newValue !== null && phase === 'signedIn') client.restart();
        return EMPTY;
      }),
    ),
  { functional: true },
);
