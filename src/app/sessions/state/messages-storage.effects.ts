import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { combineLatest, filter, fromEvent, map } from 'rxjs';
import { MessagesStorage } from '../storage/messages-storage';
import { MessagesStorageActions } from './messages-storage.actions';
import { messagesAdapter, messagesFeature } from './messages.feature';
import { SessionsStorageActions } from './sessions-storage.actions';
import { settledOrLeaving } from './settled-or-leaving';

/** A burst of messages is written once; leaving the page writes what is pending at once. */
const PERSIST_DEBOUNCE_MS = 300;

const { selectAll: selectAllTranscripts } = messagesAdapter.getSelectors(
  messagesFeature.selectMessagesState,
);

/** The transcripts this browser kept come back with the sessions of the node and wallet. */
export const restoreTranscripts = createEffect(
  (actions$ = inject(Actions), storage = inject(MessagesStorage)) =>
    actions$.pipe(
      ofType(SessionsStorageActions.restored),
      map(({ nodeUrl, wallet }) =>
        MessagesStorageActions.restored({
          nodeUrl,
          wallet,
          transcripts: storage.load(nodeUrl, wallet),
        }),
      ),
    ),
  { functional: true },
);

export const persistTranscripts = createEffect(
  (
    store = inject(Store),
    storage = inject(MessagesStorage),
    leaving = fromEvent(window, 'pagehide'),
  ) =>
    combineLatest([
      store.select(messagesFeature.selectNodeUrl),
      store.select(messagesFeature.selectWallet),
      store.select(selectAllTranscripts),
    ]).pipe(
      settledOrLeaving(PERSIST_DEBOUNCE_MS, leaving),
      filter(([nodeUrl, wallet]) => !!nodeUrl && !!wallet),
      map(([nodeUrl, wallet, held]) =>
        storage.save(
          nodeUrl!,
          wallet!,
          held.map(({ sessionId, transcript, dropped }) => ({ sessionId, transcript, dropped })),
        ),
      ),
    ),
  { functional: true, dispatch: false },
);
