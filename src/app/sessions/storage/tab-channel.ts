import { DestroyRef, inject, InjectionToken } from '@angular/core';
import { EMPTY, Observable, Subject } from 'rxjs';
import type { AnswersHere } from '../co-signing/answers-here';

/**
 * What one tab tells the others of the same browser, about one owner (node and wallet): "these
 * sessions changed in me" or "here is what the person answered and signed in me". Carried in the
 * message, not read back from storage: each tab writes the stored record whole, so a read could
 * find another tab's older write.
 */
export type TabMessage =
  | {
      readonly kind: 'sessions';
      readonly nodeUrl: string;
      readonly wallet: string;
      /** Checked one by one where they are taken in (`storedSessionsIn`). */
      readonly sessions: readonly unknown[];
    }
  | {
      readonly kind: 'answers';
      readonly nodeUrl: string;
      readonly wallet: string;
      readonly answers: AnswersHere;
    };

/** The tabs of this browser, as a stream of what the others say and a way to say something. */
export interface TabChannel {
  readonly messages$: Observable<TabMessage>;
  post(message: TabMessage): void;
}

const CHANNEL_NAME = 'nitrolite-sessions';

function isTabMessage(value: unknown): value is TabMessage {
  const message = value as Partial<Record<string, unknown>> | null;
  if (!message || typeof message['nodeUrl'] !== 'string' || typeof message['wallet'] !== 'string')
    return false;
  if (message['kind'] === 'sessions') return Array.isArray(message['sessions']);
  if (message['kind'] !== 'answers') return false;
  const answers = message['answers'] as Partial<Record<string, unknown>> | null;
  return (
    !!answers &&
    isStringRecord(answers['approvedHere']) &&
    isStringRecord(answers['declinedHere']) &&
    isStringRecord(answers['signedVersions'])
  );
}

function isStringRecord(value: unknown): boolean {
  return (
    !!value &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.values(value).every((entry) => typeof entry === 'string')
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
