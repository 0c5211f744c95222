import { createActionGroup, props } from '@ngrx/store';
import { Allocation } from '../../shared/allocation';
import { AppSession, AppSessionWire, SessionMessage } from './app-session.model';

export const ClearNodeApiActions = createActionGroup({
  source: 'ClearNode API',
  events: {
    /** `at`: when the answer came, or when the node was found to have it (ms). */
    'Create Succeeded': props<{ key: string; session: AppSession; at: number }>(),
    'Create Failed': props<{ key: string; error: string; at: number }>(),
    /**
     * A write was sent but its answer was lost: the node may have applied it. `connected`: the socket
     * is still up (a timeout), so the node can be asked at once rather than after the reconnect.
     */
    'Write Outcome Unknown': props<{
      key: string;
      sessionId: string;
      error: string;
      connected: boolean;
      /** When the answer was lost (ms). */
      at: number;
    }>(),
    /**
     * `requestedAt`: when the list was asked for (ms), so that only a later look resolves a write.
     * `complete`: every session was listed; otherwise only those updated since the last look
     * (newest first, down to the newest update seen before), which says nothing of the others.
     */
    'Sessions Reconciled': props<{
      wallet: string;
      sessions: readonly AppSessionWire[];
      requestedAt: number;
      complete: boolean;
    }>(),
    'Reconcile Failed': props<{ error: string }>(),
    /**
     * Closed sessions as the node lists them (newest update first), from where the last such read
     * stopped up to `readTo`; some may be held already. `exhausted`: the node has no more.
     */
    'Older Closed Sessions Loaded': props<{
      sessions: readonly AppSessionWire[];
      readTo: number;
      requestedAt: number;
      exhausted: boolean;
    }>(),
    'Older Closed Sessions Load Failed': props<{ error: string }>(),
    'Allocations Loaded': props<{ sessionId: string; allocations: readonly Allocation[] }>(),
    'Allocations Load Failed': props<{ sessionId: string; error: string }>(),
    /** Per asset, what went into the session minus what came out (its ledger transactions). */
    'Funding Loaded': props<{ sessionId: string; totals: Readonly<Record<string, string>> }>(),
    'Funding Load Failed': props<{ sessionId: string; error: string }>(),
    'Final Allocations Loaded': props<{
      sessionId: string;
      finalAllocations: readonly Allocation[];
    }>(),
    'Final Allocations Load Failed': props<{ sessionId: string; error: string }>(),
    'State Submit Succeeded': props<{
      sessionId: string;
      key: string;
      version: number;
      allocations: readonly Allocation[];
      sessionData: string | null;
      /** When the node confirmed it (ms). */
      at: number;
    }>(),
    'State Submit Failed': props<{
      sessionId: string;
      key: string;
      error: string;
      staleVersion: boolean;
      at: number;
    }>(),
    'Close Succeeded': props<{
      sessionId: string;
      key: string;
      version: number;
      finalAllocations: readonly Allocation[];
      at: number;
    }>(),
    'Close Failed': props<{ sessionId: string; key: string; error: string; at: number }>(),
    'Message Signed': props<{ sessionId: string; key: string; signer: string; wallet: string }>(),
    'Message Send Succeeded': props<{ sessionId: string; key: string }>(),
    'Message Send Failed': props<{ sessionId: string; key: string; error: string }>(),
    'Messaging Available': props<{ available: boolean; reason: string | null }>(),
    'Session Joined': props<{
      session: AppSessionWire;
      firstMessage: SessionMessage | null;
      /** When it was learnt (ms); stands in for node times the wire lacks. */
      receivedAt: number;
    }>(),
  },
});
