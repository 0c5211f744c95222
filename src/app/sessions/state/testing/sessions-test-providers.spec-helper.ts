import { provideRouter } from '@angular/router';
import { provideMockActions } from '@ngrx/effects/testing';
import { provideMockStore } from '@ngrx/store/testing';
import { Subject } from 'rxjs';
import { initialAppState } from '../../../testing/initial-app-state';
import { AppSession } from '../app-session.model';
import { initialMessagesState, MessagesState } from '../messages.feature';
import { initialSessionsState, sessionsAdapter, SessionsState } from '../sessions.feature';
import { fakeClearNode, settled } from './fake-core.spec-helper';
import { ALICE } from './session-fixtures';
import { ClearNodeClient, SessionKeySigner } from '../../../core';

/** Store, actions, router and core doubles for a sessions page under test. */
export function sessionsPageProviders(
  sessions: AppSession[],
  extra: Partial<SessionsState> = {},
  messages: Partial<MessagesState> = {},
) {
  const node = fakeClearNode();
  node.client.request.and.returnValue(settled({ session_keys: [] }) as never);
  return [
    provideRouter([]),
    provideMockActions(() => new Subject()),
    provideMockStore({
      initialState: {
        ...initialAppState,
        sessions: {
          ...sessionsAdapter.setAll(sessions, initialSessionsState),
          wallet: ALICE,
          ...extra,
        },
        messages: { ...initialMessagesState, ...messages },
      },
    }),
    { provide: ClearNodeClient, useValue: node.client },
    { provide: SessionKeySigner, useValue: { signRequest: () => settled('0xsig'), address: null } },
  ];
}
