import { initialAuthState } from '../core/auth/state/auth.feature';
import { initialClearNodeState } from '../core/clearnode/state/clearnode.feature';
import { initialWalletState } from '../core/wallet/state/wallet.feature';
import { initialBalancesState } from '../balances/state/balances.feature';
import { initialMessagesState } from '../sessions/state/messages.feature';
import { initialOperationsState } from '../sessions/state/operations.feature';
import { initialSessionsState } from '../sessions/state/sessions.feature';

/** The root state as the app starts, for provideMockStore; override slices per test. */
export const initialAppState = {
  wallet: initialWalletState,
  clearNode: initialClearNodeState,
  auth: initialAuthState,
  balances: initialBalancesState,
  sessions: initialSessionsState,
  messages: initialMessagesState,
  operations: initialOperationsState,
};
