import { makeEnvironmentProviders, type EnvironmentProviders } from '@angular/core';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import * as balancesEffects from './state/balances.effects';
import { balancesFeature } from './state/balances.feature';

/** Registered at the root: balances load on sign-in and follow pushes whatever page is open. */
export function provideBalances(): EnvironmentProviders {
  return makeEnvironmentProviders([provideState(balancesFeature), provideEffects(balancesEffects)]);
}
