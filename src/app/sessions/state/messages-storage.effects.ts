import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { combineLatest, debounceTime, filter, map } from 'rxjs';
import { MessagesStorage } from '../storage/messages-storage';
import { MessagesStorageActions } from './messages-storage.actions';
import { messagesAdapter, messagesFeature } from './messages.feature';
import { SessionsStorageActions } from './sessions-storage.actions';

/** Stored at most this often: a burst of messages is written once. */
const PERSIST_DEBOUNCE_MS = 500;

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
  (store = inject(Store), storage = inject(MessagesStorage)) =>
    combineLatest([
      store.select(messagesFeature.selectNodeUrl),
      store.select(messagesFeature.selectWallet),
      store.select(selectAllTranscripts),
    ]).pipe(
      debounceTime(PERSIST_DEBOUNCE_MS),
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
