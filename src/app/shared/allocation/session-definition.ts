/** The only protocol this app opens sessions with (versioned state updates and intents). */
export const SESSION_PROTOCOL = 'NitroRPC/0.4';

/** An app session definition, keys in the order the node hashes them into the session id. */
export interface SessionDefinition {
  readonly application: string;
  readonly protocol: string;
  readonly participants: readonly string[];
  readonly weights: readonly number[];
  readonly quorum: number;
  readonly challenge: number;
  readonly nonce: number;
}
