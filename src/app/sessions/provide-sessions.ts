import { makeEnvironmentProviders, type EnvironmentProviders } from '@angular/core';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import * as coSigningEffects from './state/co-signing.effects';
import * as createSessionEffects from './state/create-session.effects';
import * as messagesStorageEffects from './state/messages-storage.effects';
import * as messagingEffects from './state/messaging.effects';
import * as sessionWritesEffects from './state/session-writes.effects';
import { messagesFeature } from './state/messages.feature';
import { operationsFeature } from './state/operations.feature';
import { sessionsFeature } from './state/sessions.feature';
import * as sessionsPollEffects from './state/sessions-poll.effects';
import * as sessionsSyncEffects from './state/sessions-sync.effects';
import * as tabSyncEffects from './state/tab-sync.effects';
import * as unresolvedWritesEffects from './state/unresolved-writes.effects';

/** The sessions feature: its state and its effects, registered at the root. */
export function provideSessions(): EnvironmentProviders {
  return makeEnvironmentProviders([
    provideState(sessionsFeature),
    provideState(messagesFeature),
    provideState(operationsFeature),
    provideEffects(
      sessionsSyncEffects,
      sessionsPollEffects,
      createSessionEffects,
      sessionWritesEffects,
      messagingEffects,
      messagesStorageEffects,
      unresolvedWritesEffects,
      coSigningEffects,
      tabSyncEffects,
    ),
  ]);
}
