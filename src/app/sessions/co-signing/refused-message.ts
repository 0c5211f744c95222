import { shortAddress } from '../../shared/money/address';
import type { CoSigningMessage } from './co-signing-messages';

/**
 * Why a co-signing message was not acted on. `not-participant`, `not-their-key`, `no-proof` and
 * `key-expired` are about who signed the frame; `foreign-signature` is a signature carried in it
 * that another key made; `not-proposer` is a participant acting as the proposer.
 */
export type RefusalReason =
  | 'not-participant'
  | 'not-their-key'
  | 'no-proof'
  | 'key-expired'
  | 'foreign-signature'
  | 'not-proposer';

/** A co-signing message that was ignored: its type, who sent it (wallet, or signing key when unproven), why. */
export interface RefusedMessage {
  readonly messageType: CoSigningMessage['type'];
  readonly sender: string;
  readonly reason: RefusalReason;
}

const WHAT: Readonly<Record<CoSigningMessage['type'], string>> = {
  'cosign.propose': 'a proposal',
  'cosign.approve': 'an approval',
  'cosign.decline': 'a decline',
  'cosign.withdraw': 'a withdrawal',
  'cosign.extend': 'a new deadline',
  'cosign.round': 'a signing round',
  'cosign.signature': 'a signature',
};

const WHY: Readonly<Record<RefusalReason, string>> = {
  'not-participant': 'not a participant of this session.',
  'not-their-key': 'its signature is not from the participant it names.',
  'no-proof': 'it does not prove which participant sent it.',
  'key-expired': 'it was signed with a session key that has expired.',
  'foreign-signature': 'the signature it carries was made by another key.',
  'not-proposer': 'only the proposer starts signing rounds.',
};

/** The history line for a refused message, in plain words. */
export function refusalText(refused: RefusedMessage): string {
  return `Ignored ${WHAT[refused.messageType]} from ${shortAddress(refused.sender)}: ${WHY[refused.reason]}`;
}

/** One line per sender and message type: repeats of a refused message say nothing new. */
export function refusalKey(refused: RefusedMessage): string {
  return `${refused.messageType} ${refused.sender.toLowerCase()}`;
}
