import type { EnvironmentProviders } from '@angular/core';
import { provideStoreDevtools } from '@ngrx/store-devtools';

/**
 * Redux DevTools for development builds. Production builds replace this file with
 * `app.devtools.prod.ts` (angular.json `fileReplacements`), so the devtools code is not shipped.
 */
export const storeDevtools: EnvironmentProviders[] = [
  provideStoreDevtools({ maxAge: 50, connectInZone: false }),
];
