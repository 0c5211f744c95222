import { DestroyRef, Injectable, inject } from '@angular/core';
import { Observable, Subject } from 'rxjs';
import { BROWSER_STORAGE } from './browser-storage.token';
import {
  appKey,
  parseScopedKey,
  scopedKey,
  type ParsedScopedKey,
  type StorageScope,
} from './storage-keys';

/** A change another tab made to a scoped key. */
export interface ScopedStorageChange {
  readonly key: ParsedScopedKey;
  readonly newValue: string | null;
}

/**
 * JSON values under the app's namespaced keys. Reads never throw: a value another version
 * wrote in a shape we cannot parse counts as absent.
 */
@Injectable({ providedIn: 'root' })
export class NamespacedStorage {
  private readonly storage = inject(BROWSER_STORAGE);
  private readonly changes = new Subject<ScopedStorageChange>();
  /** Scoped keys changed by other tabs (the `storage` event only fires in the other tabs). */
  readonly scopedChanges$: Observable<ScopedStorageChange> = this.changes.asObservable();

  constructor() {
    if (typeof window === 'undefined') return;
    const listener = (event: StorageEvent) => {
      if (event.storageArea !== this.storage || event.key === null) return;
      const key = parseScopedKey(event.key);
      if (key) this.changes.next({ key, newValue: event.newValue });
    };
    window.addEventListener('storage', listener);
    inject(DestroyRef).onDestroy(() => window.removeEventListener('storage', listener));
  }

  readApp<T>(name: string): T | null {
    return this.read<T>(appKey(name));
  }

  writeApp(name: string, value: unknown): void {
    this.write(appKey(name), value);
  }

  readScoped<T>(scope: StorageScope, name: string): T | null {
    return this.read<T>(scopedKey(scope, name));
  }

  writeScoped(scope: StorageScope, name: string, value: unknown): void {
    this.write(scopedKey(scope, name), value);
  }

  removeScoped(scope: StorageScope, name: string): void {
    this.remove(scopedKey(scope, name));
  }

  private read<T>(key: string): T | null {
    try {
      const text = this.storage.getItem(key);
      return text === null ? null : (JSON.parse(text) as T);
    } catch {
      return null;
    }
  }

  private write(key: string, value: unknown): void {
    try {
      this.storage.setItem(key, JSON.stringify(value));
    } catch (error) {
      // Full or blocked storage: the app keeps working for this tab, it just will not remember.
      console.warn(`Could not save ${key}:`, error);
    }
  }

  private remove(key: string): void {
    try {
      this.storage.removeItem(key);
    } catch {
      /* nothing to remove */
    }
  }
}
