import {
  makeEnvironmentProviders,
  provideAppInitializer,
  inject,
  type EnvironmentProviders,
} from '@angular/core';
import { DOCUMENT } from '@angular/common';
import { provideEffects } from '@ngrx/effects';
import { Store, provideState } from '@ngrx/store';
import { AppActions } from './app/app.actions';
import * as authEffects from './auth/state/auth.effects';
import * as sdkPrefetchEffects from './auth/state/sdk-prefetch.effects';
import * as sessionKeyCheckEffects from './auth/state/session-key-check.effects';
import { authFeature } from './auth/state/auth.feature';
import * as clearNodeEffects from './clearnode/state/clearnode.effects';
import { clearNodeFeature } from './clearnode/state/clearnode.feature';
import * as walletEffects from './wallet/state/wallet.effects';
import { walletFeature } from './wallet/state/wallet.feature';

/** Wallet, ClearNode connection and sign-in state, and the start signal that sets them going. */
export function provideCore(): EnvironmentProviders {
  return makeEnvironmentProviders([
    provideState(walletFeature),
    provideState(clearNodeFeature),
    provideState(authFeature),
    provideEffects(
      walletEffects,
      clearNodeEffects,
      authEffects,
      sessionKeyCheckEffects,
      sdkPrefetchEffects,
    ),
    provideAppInitializer(() => {
      const search = inject(DOCUMENT).defaultView?.location.search ?? '';
      inject(Store).dispatch(AppActions.started({ search }));
    }),
  ]);
}
