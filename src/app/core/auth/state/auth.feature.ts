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
 * do so; `awaitingSignature`: the wallet shows the Policy; `signingOut`: revoking the session key.
 */
export type AuthPhase = 'signedOut' | 'resuming' | 'awaitingSignature' | 'signedIn' | 'signingOut';

export interface AuthState {
  readonly phase: AuthPhase;
  readonly wallet: string | null;
  readonly nodeUrl: string | null;
  readonly sessionKey: string | null;
  /** Unix seconds. */
  readonly expiresAt: number | null;
  readonly allowances: readonly Allowance[];
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
    on(SignInPanelActions.signInClicked, AccountMenuActions.renewClicked, (state) => ({
      ...state,
      phase: 'awaitingSignature' as const,
      error: null,
      notice: null,
    })),
    on(
      AuthApiActions.signedIn,
      AuthApiActions.reauthenticated,
      (_state, { wallet, nodeUrl, sessionKey, expiresAt, allowances }) => ({
        phase: 'signedIn' as const,
        wallet,
        nodeUrl,
        sessionKey,
        expiresAt,
        allowances,
        error: null,
        notice: null,
      }),
    ),
    // A declined renewal leaves the current, still valid session in place.
    on(AuthApiActions.signInFailed, (state, { error }) => ({
      ...state,
      phase: state.sessionKey ? ('signedIn' as const) : ('signedOut' as const),
      error,
    })),
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
  selectError: selectAuthError,
  selectNotice: selectAuthNotice,
  selectSignedIn,
  selectSessionExpiresAtMs,
} = authFeature;
