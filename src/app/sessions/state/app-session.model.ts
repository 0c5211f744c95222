import { Allocation, SessionDefinition } from '../../shared/allocation';
import type { MessageSender } from './message-sender';

export type SessionStatus = 'open' | 'closed';
export type MyRole = 'creator' | 'participant';
export type ClosedBy = 'me' | 'participant' | 'found-closed';

/** One application session as the app knows it. Amounts are decimal strings (state stays serializable). */
export interface AppSession {
  readonly id: string;
  readonly definition: SessionDefinition;
  readonly status: SessionStatus;
  readonly version: number;
  /** Current shares; null until the node (or my own create) told us. */
  readonly allocations: readonly Allocation[] | null;
  /**
   * The version `allocations` were read at: while it equals `version` the shares need no new
   * read. Absent in sessions stored before it was kept (read once more).
   */
  readonly sharesVersion?: number | null;
  readonly sessionData: string | null;
  readonly label: string | null;
  readonly myRole: MyRole;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly finalAllocations: readonly Allocation[] | null;
  /** The split the session opened with (version 1), for "back to the opening split". */
  readonly openingAllocations: readonly Allocation[] | null;
}

/** A session as `get_app_sessions` and `asu` describe it (snake_case, as on the wire). */
export interface AppSessionWire {
  readonly app_session_id: string;
  readonly application?: string;
  readonly protocol?: string;
  readonly participants?: readonly string[];
  readonly weights?: readonly number[];
  readonly quorum?: number;
  readonly challenge?: number;
  readonly nonce?: number;
  readonly status?: string;
  readonly version?: number;
  readonly session_data?: string | null;
  readonly created_at?: string;
  readonly updated_at?: string;
}

/**
 * A write that is in flight or just failed, one per session at a time. `unknown`: sent, but the
 * answer was lost (connection dropped or timed out); the node may have applied it.
 */
export interface SessionWrite {
  readonly kind: 'submit' | 'close';
  readonly key: string;
  readonly status: 'pending' | 'unknown' | 'failed';
  readonly error: string | null;
  /** The failure was found by checking the node after its outcome was unknown (it did not refuse). */
  readonly afterUnknown?: boolean;
}

export interface CreateProgress {
  readonly key: string;
  readonly status: 'sending' | 'unknown' | 'done' | 'failed';
  /** The answered id, or while `unknown` the id the node would give it. */
  readonly sessionId: string | null;
  readonly error: string | null;
  /** The outcome was unknown at some point: `done` then means found, `failed` means not found. */
  readonly afterUnknown?: boolean;
  /** What a retry sends again (same definition and nonce) once a create was found not to exist. */
  readonly retry?: CreateRetry | null;
}

export interface CreateRetry {
  readonly definition: SessionDefinition;
  readonly allocations: readonly Allocation[];
  readonly sessionData: string | null;
  readonly label: string | null;
}

/** A relayed message, kept as received; who sent it is worked out by the selectors. */
export interface SessionMessage {
  readonly id: string;
  readonly sessionId: string;
  /** Address recovered from the signature (a wallet or a session key). */
  readonly signer: string;
  readonly type: string;
  /** JSON text of `data`, parsed only for display. */
  readonly dataJson: string;
  readonly sentAt: number;
  readonly receivedAt: number;
  /** The participant the signer was proven to act for, or why it could not be. */
  readonly sender: MessageSender;
}

/** A relayed message read from its frame, before its sender is checked. */
export type ReceivedMessage = Omit<SessionMessage, 'sender'>;

/** A session key proven to act for a participant's wallet in one session. */
export interface SenderBinding {
  readonly wallet: string;
  /** Unix seconds; null for a wallet signing itself or for my own key. */
  readonly expiresAt: number | null;
}

export type MessagingAvailability = 'unknown' | 'available' | 'unavailable';

/** My message on its way, or why it was not sent: one at a time per session. */
export interface MessageSend {
  readonly key: string;
  readonly status: 'pending' | 'failed';
  readonly error: string | null;
}

/** What messaging holds for one session, released when the session closes. */
export interface SessionMessages {
  readonly sessionId: string;
  /** Bounded, oldest first, co-signing messages left out. */
  readonly transcript: readonly SessionMessage[];
  /** How many older messages fell off the bounded transcript. */
  readonly dropped: number;
  /** Session key (checksummed) → the participant it was proven to act for (bounded). */
  readonly senderKeys: Readonly<Record<string, SenderBinding>>;
  readonly send: MessageSend | null;
}
