import { NodePickerActions } from '../../clearnode/state/clearnode.actions';
import { AuthApiActions, OtherTabAuthActions } from './auth.actions';

/**
 * Every way a person's session ends in this tab: signed out, another account or node, expiry,
 * refusal, a key replaced by a sign-in elsewhere, or sign-out in another tab. Use with `ofType(...sessionEnded)` or `on(...sessionEnded, …)`
 * to release what was held for that person.
 */
export const sessionEnded = [
  AuthApiActions.signedOut,
  AuthApiActions.sessionLeft,
  AuthApiActions.sessionExpired,
  AuthApiActions.sessionKeyReplaced,
  AuthApiActions.signInRequired,
  OtherTabAuthActions.sessionRemoved,
  NodePickerActions.nodeSelected,
] as const;
