import { createActionGroup, props } from '@ngrx/store';
import type { StoredTranscript } from '../storage/messages-storage';

/** Transcripts this browser kept for the node and wallet signed in. */
export const MessagesStorageActions = createActionGroup({
  source: 'Messages Storage',
  events: {
    Restored: props<{
      nodeUrl: string;
      wallet: string;
      transcripts: readonly StoredTranscript[];
    }>(),
  },
});
