import { ApplicationConfig, provideBrowserGlobalErrorListeners } from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { provideEffects } from '@ngrx/effects';
import { provideStore } from '@ngrx/store';
import { storeDevtools } from './app.devtools';
import { routes } from './app.routes';
import { provideBalances } from './balances/provide-balances';
import { provideCore } from './core';
import { provideSessions } from './sessions/provide-sessions';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideRouter(routes, withComponentInputBinding()),
    provideStore(
      {},
      {
        runtimeChecks: {
          strictStateImmutability: true,
          strictActionImmutability: true,
          strictStateSerializability: true,
          strictActionSerializability: true,
          strictActionTypeUniqueness: true,
        },
      },
    ),
    provideEffects(),
    provideCore(),
    provideBalances(),
    provideSessions(),
    ...storeDevtools,
  ],
};
