import { createActionGroup, emptyProps, props } from '@ngrx/store';
import type { WalletInfo } from '../eip1193';

export const WalletMenuActions = createActionGroup({
  source: 'Wallet Menu',
  events: {
    'Connect Clicked': props<{ walletId: string }>(),
    'Disconnect Clicked': emptyProps(),
  },
});

/** Events the wallet itself raises. */
export const WalletProviderActions = createActionGroup({
  source: 'Wallet Provider',
  events: {
    'Wallets Discovered': props<{ wallets: WalletInfo[] }>(),
    'Accounts Changed': props<{ address: string | null }>(),
    'Chain Changed': props<{ chainId: string }>(),
    Disconnected: emptyProps(),
  },
});

export const WalletApiActions = createActionGroup({
  source: 'Wallet API',
  events: {
    'Connect Succeeded': props<{ walletId: string; address: string; chainId: string | null }>(),
    'Connect Failed': props<{ error: string; rejected: boolean }>(),
    'Restore Succeeded': props<{ walletId: string; address: string; chainId: string | null }>(),
    'Restore Found Nothing': emptyProps(),
  },
});
