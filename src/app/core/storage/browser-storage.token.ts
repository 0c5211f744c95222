import { InjectionToken } from '@angular/core';

/**
 * The Web Storage the app persists to. Injected rather than reached through `localStorage`
 * so that tests can hand in an in-memory Storage.
 */
export const BROWSER_STORAGE = new InjectionToken<Storage>('BROWSER_STORAGE', {
  providedIn: 'root',
  factory: () => localStorage,
});
