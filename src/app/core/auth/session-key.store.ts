import { Injectable, inject } from '@angular/core';
import { NamespacedStorage } from '../storage/namespaced-storage';
import type { StorageScope } from '../storage/storage-keys';
import type { StoredSession } from './stored-session';

export const SESSION_KEY_NAME = 'session';

/** The session key and JWT per ClearNode + wallet. */
@Injectable({ providedIn: 'root' })
export class SessionKeyStore {
  private readonly storage = inject(NamespacedStorage);

  load(scope: StorageScope): StoredSession | null {
    const session = this.storage.readScoped<StoredSession>(scope, SESSION_KEY_NAME);
    return session &&
      typeof session.sessionKey?.privateKey === 'string' &&
      typeof session.expiresAt === 'number'
      ? session
      : null;
  }

  save(scope: StorageScope, session: StoredSession): void {
    this.storage.writeScoped(scope, SESSION_KEY_NAME, session);
  }

  forget(scope: StorageScope): void {
    this.storage.removeScoped(scope, SESSION_KEY_NAME);
  }
}
