import { createActionGroup, emptyProps, props } from '@ngrx/store';
import type { LedgerBalance } from '../../core';

export const BalancesPageActions = createActionGroup({
  source: 'Balances Page',
  events: {
    Opened: emptyProps(),
    'Refresh Clicked': emptyProps(),
    'Faucet Clicked': emptyProps(),
  },
});

export const BalancesApiActions = createActionGroup({
  source: 'Balances API',
  events: {
    'Balances Loaded': props<{ balances: LedgerBalance[]; loadedAt: number }>(),
    'Balances Load Failed': props<{ error: string }>(),
    'Faucet Succeeded': props<{ message: string }>(),
    'Faucet Failed': props<{ error: string }>(),
  },
});
