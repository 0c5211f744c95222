import { keccak256, toUtf8Bytes } from 'ethers';
import { goJson } from '../rpc/response.ts';

export interface AppDefinition {
  application: string;
  protocol: string;
  participants: string[];
  weights: number[];
  quorum: number;
  challenge: number;
  nonce: number;
}

/** keccak256 of the definition as Go marshals it (struct field order, Go string escaping), lowercase hex. */
export function appSessionId(definition: AppDefinition): string {
  const canonical = goJson({
    application: definition.application,
    protocol: definition.protocol,
    participants: definition.participants,
    weights: definition.weights,
    quorum: definition.quorum,
    challenge: definition.challenge,
    nonce: definition.nonce,
  });
  return keccak256(toUtf8Bytes(canonical));
}
