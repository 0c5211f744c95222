import { createActionGroup, emptyProps, props } from '@ngrx/store';
import type { Allowance } from '../allowance';

/** A session that is live on the node. */
export interface AuthSessionProps {
  readonly wallet: string;
  readonly nodeUrl: string;
  readonly sessionKey: string;
  /** Unix seconds. */
  readonly expiresAt: number;
  /** The lifetime chosen at sign-in: a renewal asks for as long again (absent: the default). */
  readonly lifetimeSeconds?: number;
  readonly allowances: Allowance[];
}

/** What a sign-in asks the wallet to allow: spending per asset, until when, and for how long. */
export interface SignInProps {
  readonly allowances: Allowance[];
  /** Unix seconds. */
  readonly expiresAt: number;
  readonly lifetimeSeconds: number;
}

export const SignInPanelActions = createActionGroup({
  source: 'Sign-in Panel',
  events: {
    'Sign In Clicked': props<SignInProps>(),
    /** After a sign-in elsewhere replaced the key: the same allowances and lifetime as before. */
    'Sign In Again Clicked': props<SignInProps>(),
  },
});

export const AccountMenuActions = createActionGroup({
  source: 'Account Menu',
  events: {
    'Sign Out Clicked': emptyProps(),
    'Renew Clicked': props<SignInProps>(),
  },
});

export const AuthApiActions = createActionGroup({
  source: 'Auth API',
  events: {
    'Signed In': props<AuthSessionProps>(),
    'Sign In Failed': props<{ error: string; rejected: boolean }>(),
    'Resume Started': props<{ wallet: string; nodeUrl: string }>(),
    Reauthenticated: props<AuthSessionProps>(),
    /** Nothing usable stored; `reason` explains when something was there (expired, refused). */
    'Sign In Required': props<{ wallet: string; nodeUrl: string; reason: string | null }>(),
    /** Could not reach the node to resume; the stored sign-in is kept. */
    'Resume Failed': props<{ error: string }>(),
    'Signed Out': props<{ wallet: string; nodeUrl: string; message: string }>(),
    'Session Expired': props<{ wallet: string; nodeUrl: string }>(),
    /** The node answered as if not signed in (e.g. idle expiry): sign in again with the JWT. */
    'Session Dropped By Node': props<{ error: string }>(),
    /**
     * A sign-in with the same wallet and application elsewhere replaced this tab's key on the
     * node (one key per wallet and application); the key is forgotten and nothing signs with it.
     */
    'Session Key Replaced': props<{ wallet: string; nodeUrl: string }>(),
    /** This tab stopped using the session (another account or node took over); nothing forgotten. */
    'Session Left': props<{ wallet: string; nodeUrl: string }>(),
  },
});

/** What this browser has kept from an earlier sign-in. */
export const SavedSignInActions = createActionGroup({
  source: 'Saved Sign-in',
  events: {
    /**
     * A usable sign-in is stored for this node + wallet, but the node cannot be reached yet: the
     * app shows it as resuming and signs in with the JWT as soon as the socket opens.
     */
    'Found While Offline': props<{ wallet: string; nodeUrl: string }>(),
  },
});

/** Another tab of this browser stored or removed the sign-in for a node + wallet. */
export const OtherTabAuthActions = createActionGroup({
  source: 'Other Tab',
  events: {
    'Session Stored': props<{ wallet: string; nodeUrl: string }>(),
    'Session Removed': props<{ wallet: string; nodeUrl: string }>(),
  },
});

/** Asking the node (get_session_keys) whether it still lists this tab's session key. */
export const SessionKeyCheckActions = createActionGroup({
  source: 'Session Key Check',
  events: {
    'Check Succeeded': props<{
      wallet: string;
      nodeUrl: string;
      sessionKey: string;
      listed: boolean;
    }>(),
    'Check Failed': props<{ error: string }>(),
  },
});
