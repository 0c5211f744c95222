import { EnvironmentProviders, makeEnvironmentProviders } from '@angular/core';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import { CreateSessionEffects } from './state/create-session.effects';
import { MessagingEffects } from './state/messaging.effects';
import { SessionWritesEffects } from './state/session-writes.effects';
import { sessionsFeature } from './state/sessions.feature';
import { SessionsSyncEffects } from './state/sessions-sync.effects';
import { UnresolvedWritesEffects } from './state/unresolved-writes.effects';

/** The sessions feature: its state and its effects. */
export function provideSessions(): EnvironmentProviders {
  return makeEnvironmentProviders([
    provideState(sessionsFeature),
    provideEffects(
      SessionsSyncEffects,
      CreateSessionEffects,
      SessionWritesEffects,
      MessagingEffects,
      UnresolvedWritesEffects,
    ),
  ]);
}
