import { AuthApiActions, ClearNodeConnectionActions, sessionEnded } from '../../core';

/** Signed in with a wallet signature. */
export const signedIn = AuthApiActions.signedIn;
/** Signed in again with the stored JWT (reload, reconnect): no prompt. */
export const reauthenticated = AuthApiActions.reauthenticated;
/** The socket came back after a drop. */
export const reconnected = ClearNodeConnectionActions.reconnected;
/** Every way the person's sign-in ends in this tab (sign-out, another account or node, expiry…). */
export const signInEnded = sessionEnded;
