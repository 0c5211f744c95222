import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import {
  ClearNodeConnectionActions,
  NodePickerActions,
} from '../../clearnode/state/clearnode.actions';
import type { Allowance } from '../allowance';
import {
  AccountMenuActions,
  AuthApiActions,
  OtherTabAuthActions,
  SavedSignInActions,
  SignInPanelActions,
} from './auth.actions';

/**
 * `resuming`: signing in with the stored JWT (no prompt), or waiting for the node to be back to
 * do so; `awaitingSignature`: the wallet shows the Policy; `signingOut`: revoking the session key;
 * `replaced`: a sign-in elsewhere (same wallet and application) replaced this tab's key on the node.
 */
export type AuthPhase =
  'signedOut' | 'resuming' | 'awaitingSignature' | 'signedIn' | 'signingOut' | 'replaced';

export interface AuthState {
  readonly phase: AuthPhase;
  readonly wallet: string | null;
  readonly nodeUrl: string | null;
  readonly sessionKey: string | null;
  /** Unix seconds. */
  readonly expiresAt: number | null;
  readonly allowances: readonly Allowance[];
  /** Chosen at sign-in; a renewal or a sign-in again asks for as long. */
  readonly lifetimeSeconds: number | null;
  /** The key was replaced elsewhere; kept through a declined sign-in again. */
  readonly keyReplaced: boolean;
  readonly error: string | null;
  /** Something the person should know that is not a failure (e.g. signed out elsewhere). */
  readonly notice: string | null;
}

export const initialAuthState: AuthState = {
  phase: 'signedOut',
  wallet: null,
  nodeUrl: null,
  sessionKey: null,
  expiresAt: null,
  allowances: [],
  lifetimeSeconds: null,
  keyReplaced: false,
  error: null,
  notice: null,
};

const signedOut = (state: AuthState, patch: Partial<AuthState> = {}): AuthState => ({
  ...initialAuthState,
  error: state.error,
  notice: state.notice,
  ...patch,
});

export const authFeature = createFeature({
  name: 'auth',
  reducer: createReducer(
    initialAuthState,
    on(
      SignInPanelActions.signInClicked,
      SignInPanelActions.signInAgainClicked,
      AccountMenuActions.renewClicked,
      (state) => ({
        ...state,
        phase: 'awaitingSignature' as const,
        error: null,
        notice: null,
      }),
    ),
    on(
      AuthApiActions.signedIn,
      AuthApiActions.reauthenticated,
      (_state, { wallet, nodeUrl, sessionKey, expiresAt, lifetimeSeconds, allowances }) => ({
        phase: 'signedIn' as const,
        wallet,
        nodeUrl,
        sessionKey,
        expiresAt,
        lifetimeSeconds: lifetimeSeconds ?? null,
        allowances,
        keyReplaced: false,
        error: null,
        notice: null,
      }),
    ),
    // A declined renewal leaves the current, still valid session in place; a declined sign-in
    // again leaves the replaced state with its one button.
    on(AuthApiActions.signInFailed, (state, { error }) => ({
      ...state,
      phase: state.sessionKey
        ? ('signedIn' as const)
        : state.keyReplaced
          ? ('replaced' as const)
          : ('signedOut' as const),
      error,
    })),
    // The node's own words stay out: the panel says it plainly. What was chosen is kept for the
    // one-prompt sign-in again.
    on(AuthApiActions.sessionKeyReplaced, (state, { wallet, nodeUrl }) =>
      state.sessionKey === null && !state.keyReplaced
        ? state
        : {
            ...initialAuthState,
            phase: 'replaced' as const,
            wallet,
            nodeUrl,
            allowances: state.allowances,
            lifetimeSeconds: state.lifetimeSeconds,
            keyReplaced: true,
          },
    ),
    on(AuthApiActions.resumeStarted, (state, { wallet, nodeUrl }) => ({
      ...state,
      phase: 'resuming' as const,
      wallet,
      nodeUrl,
      error: null,
    })),
    // Known from storage while the node is away: not signed out, and no sign-in prompt.
    on(SavedSignInActions.foundWhileOffline, (state, { wallet, nodeUrl }) =>
      state.phase === 'signedOut'
        ? { ...state, phase: 'resuming' as const, wallet, nodeUrl, error: null }
        : state,
    ),
    on(AuthApiActions.signInRequired, (state, { reason }) => signedOut(state, { error: reason })),
    on(AuthApiActions.resumeFailed, (state, { error }) => signedOut(state, { error })),
    on(AccountMenuActions.signOutClicked, (state) => ({
      ...state,
      phase: 'signingOut' as const,
      error: null,
    })),
    on(AuthApiActions.signedOut, (state, { message }) =>
      signedOut(state, { error: null, notice: message }),
    ),
    on(AuthApiActions.sessionExpired, (state) =>
      signedOut(state, {
        error: 'Your session key has expired. Sign in again: it takes one wallet signature.',
      }),
    ),
    on(AuthApiActions.sessionLeft, NodePickerActions.nodeSelected, (state) =>
      signedOut(state, { error: null, notice: null }),
    ),
    on(OtherTabAuthActions.sessionRemoved, (state) =>
      signedOut(state, { error: null, notice: 'You signed out in another tab.' }),
    ),
    // The node forgets who we are when the socket drops (or the app drops a node it does not
    // trust); the session comes back with the JWT.
    on(ClearNodeConnectionActions.lost, ClearNodeConnectionActions.refused, (state) =>
      state.phase === 'signedIn' ? { ...state, phase: 'resuming' as const } : state,
    ),
  ),
  extraSelectors: ({ selectPhase, selectExpiresAt }) => ({
    selectSignedIn: createSelector(selectPhase, (phase) => phase === 'signedIn'),
    selectSessionExpiresAtMs: createSelector(selectExpiresAt, (expiresAt) =>
      expiresAt === null ? null : expiresAt * 1000,
    ),
  }),
});

export const {
  selectPhase: selectAuthPhase,
  selectWallet: selectAuthWallet,
  selectSessionKey,
  selectExpiresAt: selectSessionExpiresAt,
  selectAllowances: selectSessionAllowances,
  selectLifetimeSeconds: selectSessionLifetimeSeconds,
  selectKeyReplaced,
  selectError: selectAuthError,
  selectNotice: selectAuthNotice,
  selectSignedIn,
  selectSessionExpiresAtMs,
} = authFeature;
