import {
  NitroliteRPC,
  createAppSessionMessage,
  type MessageSigner,
  type RPCAppDefinition,
  RPCProtocolVersion,
} from '@erc7824/nitrolite';
import type { Hex } from 'viem';
import { requestId } from './client.ts';

/** A request signed by several parties over the identical req (the SDK builders set one signature). */
export async function multiSigned(
  method: string,
  params: object,
  signers: MessageSigner[],
  timestamp = Date.now(),
): Promise<string> {
  const request = NitroliteRPC.createRequest({
    method: method as never,
    params: params as never,
    requestId: requestId(),
    timestamp,
  });
  const signatures = [];
  for (const signer of signers) signatures.push(await signer(request.req as never));
  return JSON.stringify({ req: request.req, sig: signatures });
}

let nonce = 1;
export function definition(
  participants: Hex[],
  overrides: Partial<RPCAppDefinition> = {},
): RPCAppDefinition {
  return {
    application: 'nitrolite-sessions',
    protocol: RPCProtocolVersion.NitroRPC_0_4,
    participants,
    weights: participants.map(() => 50),
    quorum: 100,
    challenge: 0,
    nonce: nonce++,
    ...overrides,
  };
}

export async function createSession(
  signer: MessageSigner,
  def: RPCAppDefinition,
  allocations: { participant: Hex; asset: string; amount: string }[],
) {
  return createAppSessionMessage(signer, { definition: def, allocations }, requestId());
}
