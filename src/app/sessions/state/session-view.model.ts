import { AppSession, SessionWrite } from './app-session.model';

export interface AssetTotal {
  readonly asset: string;
  readonly amount: string;
}

export interface ParticipantView {
  readonly address: string;
  readonly weight: number;
  readonly isMe: boolean;
  readonly shares: readonly AssetTotal[];
}

/** A session ready for display: who is in it, what it holds, what I hold and what I can do. */
export interface SessionView {
  readonly session: AppSession;
  readonly title: string;
  readonly participants: readonly ParticipantView[];
  readonly totals: readonly AssetTotal[];
  readonly myShare: readonly AssetTotal[];
  readonly myWeight: number;
  readonly canDecideAlone: boolean;
  readonly write: SessionWrite | null;
  readonly notice: string | null;
  /** The shares (or, once closed, the final split) are known; false while they are read. */
  readonly sharesKnown: boolean;
  /** Why the shares could not be loaded; null while they load or once they have. */
  readonly sharesError: string | null;
  /** Why a closed session's final split could not be read from the node; null otherwise. */
  readonly finalSplitError: string | null;
  /** Why the shares cannot be trusted (they do not add up to what was paid in); null when they do. */
  readonly fundingMismatch: string | null;
}

import type { UnverifiedReason } from './message-sender';

export interface MessageView {
  readonly id: string;
  readonly type: string;
  /** Plain text for `text` messages, pretty JSON otherwise; always rendered as text. */
  readonly body: string;
  /** The participant's wallet when verified; otherwise the address that signed (a session key). */
  readonly sender: string;
  readonly verified: boolean;
  /** Why the sender is not shown as a participant; null when verified. */
  readonly unverifiedReason: UnverifiedReason | null;
  readonly mine: boolean;
  readonly sentAt: number;
}
