import { DestroyRef, inject, InjectionToken } from '@angular/core';
import { EMPTY, Observable, Subject } from 'rxjs';

/**
 * What one tab tells the others of the same browser: "I stored the sessions (or the operations,
 * with the approvals given here) of this owner".
 */
export interface TabMessage {
  readonly kind: 'sessions-stored' | 'operations-stored';
  readonly nodeUrl: string;
  readonly wallet: string;
}

/** The tabs of this browser, as a stream of what the others say and a way to say something. */
export interface TabChannel {
  readonly messages$: Observable<TabMessage>;
  post(message: TabMessage): void;
}

const CHANNEL_NAME = 'nitrolite-sessions';

function isTabMessage(value: unknown): value is TabMessage {
  const message = value as Partial<TabMessage> | null;
  return (
    !!message &&
    (message.kind === 'sessions-stored' || message.kind === 'operations-stored') &&
    typeof message.nodeUrl === 'string' &&
    typeof message.wallet === 'string'
  );
}

/**
 * A BroadcastChannel (never delivered back to the tab that posts), or nothing where the browser
 * has none. Injected so that specs hand in their own.
 */
export const TAB_CHANNEL = new InjectionToken<TabChannel>('TAB_CHANNEL', {
  providedIn: 'root',
  factory: () => {
    // Without the channel there is nobody to tell: posting is dropped.
    if (typeof BroadcastChannel === 'undefined') return { messages$: EMPTY, post: () => undefined };
    const channel = new BroadcastChannel(CHANNEL_NAME);
    const messages = new Subject<TabMessage>();
    channel.onmessage = (event: MessageEvent) => {
      if (isTabMessage(event.data)) messages.next(event.data);
    };
    inject(DestroyRef).onDestroy(() => channel.close());
    return { messages$: messages.asObservable(), post: (message) => channel.postMessage(message) };
  },
});
