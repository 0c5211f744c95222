import { ClearNodeConnectionActions } from '../../clearnode/state/clearnode.actions';
import {
  AccountMenuActions,
  AuthApiActions,
  OtherTabAuthActions,
  SavedSignInActions,
  SignInPanelActions,
  type AuthSessionProps,
} from './auth.actions';
import {
  authFeature,
  initialAuthState,
  selectSessionExpiresAtMs,
  selectSignedIn,
  type AuthState,
} from './auth.feature';

const reduce = authFeature.reducer;
const session: AuthSessionProps = {
  wallet: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
  nodeUrl: 'ws://127.0.0.1:8000/ws',
  sessionKey: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  expiresAt: 1_800_000_000,
  lifetimeSeconds: 3600,
  allowances: [{ asset: 'usdc', amount: '100' }],
};
const signedIn = reduce(initialAuthState, AuthApiActions.signedIn(session));

describe('auth reducer and selectors', () => {
  it('waits for the wallet, then holds the session once signed in', () => {
    const waiting = reduce(
      initialAuthState,
      SignInPanelActions.signInClicked({
        allowances: session.allowances,
        expiresAt: 1,
        lifetimeSeconds: 3600,
      }),
    );
    expect(waiting.phase).toBe('awaitingSignature');
    expect(signedIn).toEqual(
      jasmine.objectContaining({
        phase: 'signedIn',
        wallet: session.wallet,
        sessionKey: session.sessionKey,
      }),
    );
    expect(selectSignedIn.projector(signedIn.phase)).toBeTrue();
    expect(selectSessionExpiresAtMs.projector(signedIn.expiresAt)).toBe(1_800_000_000_000);
  });

  it('keeps the lifetime chosen at sign-in, for renewals', () => {
    expect(signedIn.lifetimeSeconds).toBe(3600);
    const older = reduce(
      initialAuthState,
      AuthApiActions.reauthenticated({ ...session, lifetimeSeconds: undefined }),
    );
    expect(older.lifetimeSeconds).toBeNull();
  });

  describe('a key replaced by a sign-in elsewhere', () => {
    const replaced = reduce(
      signedIn,
      AuthApiActions.sessionKeyReplaced({ wallet: session.wallet, nodeUrl: session.nodeUrl }),
    );

    it('drops the key, keeps what was chosen for the sign-in again, and shows no node text', () => {
      expect(replaced).toEqual({
        ...initialAuthState,
        phase: 'replaced',
        wallet: session.wallet,
        nodeUrl: session.nodeUrl,
        allowances: session.allowances,
        lifetimeSeconds: 3600,
        keyReplaced: true,
      });
      expect(selectSignedIn.projector(replaced.phase)).toBeFalse();
    });

    it('stays replaced when the sign-in again is declined, and clears once signed in', () => {
      const again = reduce(
        replaced,
        SignInPanelActions.signInAgainClicked({
          allowances: session.allowances,
          expiresAt: 2,
          lifetimeSeconds: 3600,
        }),
      );
      expect(again.phase).toBe('awaitingSignature');
      const declined = reduce(
        again,
        AuthApiActions.signInFailed({ error: 'You declined', rejected: true }),
      );
      expect(declined.phase).toBe('replaced');
      expect(declined.keyReplaced).toBeTrue();
      const back = reduce(again, AuthApiActions.signedIn(session));
      expect(back.phase).toBe('signedIn');
      expect(back.keyReplaced).toBeFalse();
    });

    it('means nothing while signed out: there is no key to replace', () => {
      const signedOutState = reduce(
        initialAuthState,
        AuthApiActions.sessionKeyReplaced({ wallet: session.wallet, nodeUrl: session.nodeUrl }),
      );
      expect(signedOutState).toBe(initialAuthState);
    });

    it('gives way to another account or node', () => {
      const left = reduce(
        replaced,
        AuthApiActions.sessionLeft({ wallet: session.wallet, nodeUrl: session.nodeUrl }),
      );
      expect(left.phase).toBe('signedOut');
      expect(left.keyReplaced).toBeFalse();
    });
  });

  it('stays signed out with the message when the signature is declined', () => {
    const waiting = reduce(
      initialAuthState,
      SignInPanelActions.signInClicked({ allowances: [], expiresAt: 1, lifetimeSeconds: 3600 }),
    );
    const declined = reduce(
      waiting,
      AuthApiActions.signInFailed({ error: 'You declined', rejected: true }),
    );
    expect(declined).toEqual({ ...initialAuthState, error: 'You declined' });
  });

  it('keeps the current session when a renewal is declined', () => {
    const renewing = reduce(
      signedIn,
      AccountMenuActions.renewClicked({ allowances: [], expiresAt: 2, lifetimeSeconds: 3600 }),
    );
    const declined = reduce(
      renewing,
      AuthApiActions.signInFailed({ error: 'You declined', rejected: true }),
    );
    expect(declined.phase).toBe('signedIn');
    expect(declined.sessionKey).toBe(session.sessionKey);
    expect(declined.error).toBe('You declined');
  });

  it('resumes on a lost connection and comes back signed in with the JWT', () => {
    const lost = reduce(
      signedIn,
      ClearNodeConnectionActions.lost({ url: session.nodeUrl, error: 'x' }),
    );
    expect(lost.phase).toBe('resuming');
    expect(reduce(lost, AuthApiActions.reauthenticated(session)).phase).toBe('signedIn');
  });

  it('is no longer signed in once the node is refused as untrusted (the socket is gone)', () => {
    const refused = reduce(
      signedIn,
      ClearNodeConnectionActions.refused({
        url: session.nodeUrl,
        error: 'not signed by its broker',
      }),
    );
    expect(refused.phase).toBe('resuming');
    expect(selectSignedIn.projector(refused.phase)).toBeFalse();
    expect(refused.sessionKey).toBe(session.sessionKey);
  });

  it('shows a sign-in kept in storage as resuming while the node is away, then signed in', () => {
    const found = SavedSignInActions.foundWhileOffline({
      wallet: session.wallet,
      nodeUrl: session.nodeUrl,
    });
    const afterFailedResume = reduce(
      initialAuthState,
      AuthApiActions.resumeFailed({ error: 'Could not restore your sign-in: socket closed' }),
    );
    const waiting = reduce(afterFailedResume, found);
    expect(waiting).toEqual({
      ...initialAuthState,
      phase: 'resuming',
      wallet: session.wallet,
      nodeUrl: session.nodeUrl,
    });
    expect(selectSignedIn.projector(waiting.phase)).toBeFalse();
    expect(reduce(waiting, AuthApiActions.reauthenticated(session))).toEqual(signedIn);
    // A refusal once the node is back is the usual path: signed out, with the reason.
    const refused = reduce(
      waiting,
      AuthApiActions.signInRequired({ ...session, reason: 'invalid JWT token' }),
    );
    expect(refused).toEqual({ ...initialAuthState, error: 'invalid JWT token' });
  });

  it('lets a stored sign-in found offline change nothing once a sign-in is under way', () => {
    const found = SavedSignInActions.foundWhileOffline({
      wallet: session.wallet,
      nodeUrl: session.nodeUrl,
    });
    const waitingForWallet = reduce(
      initialAuthState,
      SignInPanelActions.signInClicked({ allowances: [], expiresAt: 1, lifetimeSeconds: 3600 }),
    );
    expect(reduce(waitingForWallet, found)).toBe(waitingForWallet);
    expect(reduce(signedIn, found)).toBe(signedIn);
  });

  it('forgets the session and explains why when the node refuses it or it expires', () => {
    const refused = reduce(
      signedIn,
      AuthApiActions.signInRequired({
        wallet: session.wallet,
        nodeUrl: session.nodeUrl,
        reason: 'invalid JWT token',
      }),
    );
    expect(refused).toEqual(
      jasmine.objectContaining({
        phase: 'signedOut',
        sessionKey: null,
        error: 'invalid JWT token',
      }),
    );
    const expired = reduce(
      signedIn,
      AuthApiActions.sessionExpired({ wallet: session.wallet, nodeUrl: session.nodeUrl }),
    );
    expect(expired.phase).toBe('signedOut');
    expect(expired.error).toContain('expired');
  });

  it('clears everything on sign-out, account switch and sign-out in another tab', () => {
    const out = reduce(
      signedIn,
      AuthApiActions.signedOut({
        wallet: session.wallet,
        nodeUrl: session.nodeUrl,
        message: 'Signed out.',
      }),
    );
    expect(out).toEqual({ ...initialAuthState, notice: 'Signed out.' });
    const left = reduce(
      signedIn,
      AuthApiActions.sessionLeft({ wallet: session.wallet, nodeUrl: session.nodeUrl }),
    );
    expect(left).toEqual(initialAuthState);
    const elsewhere: AuthState = reduce(
      signedIn,
      OtherTabAuthActions.sessionRemoved({ wallet: session.wallet, nodeUrl: session.nodeUrl }),
    );
    expect(elsewhere.phase).toBe('signedOut');
    expect(elsewhere.notice).toBe('You signed out in another tab.');
  });
});
