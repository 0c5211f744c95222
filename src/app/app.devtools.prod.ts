import type { EnvironmentProviders } from '@angular/core';

/** Production: no store devtools (see `app.devtools.ts`). */
export const storeDevtools: EnvironmentProviders[] = [];
