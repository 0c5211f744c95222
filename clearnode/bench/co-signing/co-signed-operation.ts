/**
 * One co-signed write, run the way the app runs it: the proposer proposes, every other
 * participant approves, and the last approval sets off the signing round — the proposer stamps
 * one request and sends it as `cosign.round`, each approver checks it with the app's signing guard
 * and returns `cosign.signature`, and the proposer sends `{req, sig:[…]}` to the node.
 * The clock runs from the last approval until the node's answer.
 */
import { randomUUID } from 'node:crypto';
import type { MessageSigner } from '@erc7824/nitrolite';
import type { Allocation } from '../../../src/app/shared/allocation/allocation.types.ts';
import type { CoSigningMessage } from '../../../src/app/sessions/co-signing/co-signing-messages.ts';
import type { OperationContent } from '../../../src/app/sessions/co-signing/operation.ts';
import {
  contentHash,
  methodOf,
  paramsOf,
} from '../../../src/app/sessions/co-signing/operation-request.ts';
import {
  contentRefusal,
  mayCoSign,
  versionSlot,
} from '../../../src/app/sessions/co-signing/signing-guard.ts';
import { errorOf, requestId } from '../../test/support/client.ts';
import type { AttestedUser } from './attested-sign-in.ts';
import { onCoSigning, recoverSigner, sendCoSigning } from './co-signing-relay.ts';

/** An open session whose first member proposes and submits; every member must sign. */
export interface CoSignedSession {
  readonly id: string;
  version: number;
  readonly members: readonly AttestedUser[];
  /** Per member: `sessionId:version` → the content hash it signed (the app's signing memory). */
  readonly signedVersions: Record<string, string>[];
  /** Per member: session keys it has tied to a participant (the app remembers them per session). */
  readonly provenKeys: Map<string, string>[];
}

/** Milliseconds from the last approval, at each step the submitter sees. */
export interface RoundTiming {
  readonly roundSent: number;
  readonly signaturesIn: number;
  readonly answered: number;
}

/** The stamped request, typed as the app's messages carry it. */
type RpcRequest = Extract<CoSigningMessage, { type: 'cosign.round' }>['request'];

const USDC_DECIMALS = 6;
const DEADLINE_MS = 10 * 60_000;
const STALL_MS = 30_000;

export async function runCoSignedOperation(
  session: CoSignedSession,
  kind: 'operate' | 'close',
  allocations: readonly Allocation[],
): Promise<RoundTiming> {
  const [proposer, ...approvers] = session.members;
  const participants = session.members.map((m) => m.wallet.address);
  const content: OperationContent = {
    kind,
    sessionId: session.id,
    baseVersion: session.version,
    allocations,
    sessionData: null,
    definition: null,
  };
  const hash = contentHash(content);
  const id = randomUUID();
  const deadline = Date.now() + DEADLINE_MS;
  const refusal = contentRefusal(content, participants, session.version, () => USDC_DECIMALS);
  if (refusal) throw new Error(`the proposal itself is refused: ${refusal}`);

  let fail: (error: Error) => void = () => {};
  const failed = new Promise<never>((_, reject) => (fail = reject));
  const orFail = (step: Promise<void>) => step.catch((error: Error) => fail(error));

  // Any refusal by the node, of a relayed message or of the write, ends the benchmark.
  const stopWatching = session.members.map((member) => {
    const watch = (data: unknown) => {
      const text = String(data);
      if (!text.includes('"error"')) return;
      const error = errorOf({ raw: text, json: JSON.parse(text) });
      if (error) fail(new Error(`the node refused a frame of ${member.wallet.address}: ${error}`));
    };
    member.client.ws.on('message', watch);
    return () => member.client.ws.off('message', watch);
  });

  let started = 0;
  let roundSent = 0;
  let signaturesIn = 0;
  const approvals = new Set<string>();
  const proposalsSeen = new Set<string>();
  let round: { request: RpcRequest; signatures: Map<string, string> } | null = null;
  let submitted = false;
  let answered: (at: number) => void = () => {};
  const answer = new Promise<number>((resolve) => (answered = resolve));
  let allSeen: () => void = () => {};
  const everyoneHasTheProposal = new Promise<void>((resolve) => (allSeen = resolve));
  // People approve seconds apart: the clock starts once every app has handled the earlier ones.
  const approvalsSeenBy = session.members.map(() => 0);
  let approvalsSettled: () => void = () => {};
  const earlierApprovalsHandled = new Promise<void>((resolve) => (approvalsSettled = resolve));

  const sign = (user: AttestedUser, request: RpcRequest) =>
    user.signer(request as unknown as Parameters<MessageSigner>[0]);

  async function stampRound(): Promise<void> {
    const request: RpcRequest = [requestId(), methodOf(kind), paramsOf(content), Date.now()];
    round = { request, signatures: new Map() };
    round.signatures.set(proposer.wallet.address, await sign(proposer, request));
    await sendCoSigning(proposer, session.id, { type: 'cosign.round', id, request });
    roundSent = performance.now() - started;
  }

  async function submit(request: RpcRequest, signatures: string[]): Promise<void> {
    signaturesIn = performance.now() - started;
    const reply = await proposer.client.send(JSON.stringify({ req: request, sig: signatures }));
    const at = performance.now() - started;
    const error = errorOf(reply);
    if (error) throw new Error(`the node refused the co-signed ${methodOf(kind)}: ${error}`);
    if (reply.json.res?.[1] !== methodOf(kind)) throw new Error(`unexpected answer ${reply.raw}`);
    const version = (reply.json.res?.[2] as { version?: number } | undefined)?.version;
    session.version = version ?? session.version + 1;
    answered(at);
  }

  const stopListening = session.members.map((member, index) =>
    onCoSigning(
      member,
      session.id,
      participants,
      session.provenKeys[index],
      ({ wallet, signer, message }) => {
        if (message.id !== id) return;
        const isProposer = index === 0;
        if (message.type === 'cosign.approve' && !started) {
          approvalsSeenBy[index]++;
          if (approvalsSeenBy.every((seen) => seen === approvers.length - 1)) approvalsSettled();
        }
        if (isProposer && message.type === 'cosign.approve' && message.contentHash === hash) {
          approvals.add(wallet);
          if (approvals.size === approvers.length && !round) orFail(stampRound());
        } else if (!isProposer && message.type === 'cosign.propose') {
          if (wallet !== proposer.wallet.address || contentHash(message.content) !== hash) return;
          proposalsSeen.add(member.wallet.address);
          if (proposalsSeen.size === approvers.length) allSeen();
        } else if (!isProposer && message.type === 'cosign.round') {
          if (wallet !== proposer.wallet.address) return;
          orFail(coSign(member, index, message.request));
        } else if (isProposer && message.type === 'cosign.signature' && round && !submitted) {
          if (recoverSigner(message.request, message.signature) !== signer) return;
          if (JSON.stringify(message.request) !== JSON.stringify(round.request)) return;
          round.signatures.set(wallet, message.signature);
          if (round.signatures.size === session.members.length) {
            submitted = true;
            orFail(submit(round.request, [...round.signatures.values()]));
          }
        }
      },
    ),
  );

  async function coSign(member: AttestedUser, index: number, request: RpcRequest): Promise<void> {
    const memory = session.signedVersions[index];
    const verdict = mayCoSign(
      request,
      {
        content,
        active: true,
        deadlineMs: deadline,
        nowMs: Date.now(),
        sessionVersion: session.version,
      },
      { approvedHash: hash, signedVersions: memory },
    );
    if (!verdict.ok) throw new Error(`the signing guard refused the round: ${verdict.reason}`);
    const signature = await sign(member, request);
    memory[versionSlot(content)] = hash;
    await sendCoSigning(member, session.id, { type: 'cosign.signature', id, request, signature });
  }

  const stall = setTimeout(() => fail(new Error(`${kind} round stalled`)), STALL_MS);
  try {
    const steps = async () => {
      await sendCoSigning(proposer, session.id, { type: 'cosign.propose', id, content, deadline });
      await everyoneHasTheProposal;
      const last = approvers[approvers.length - 1];
      for (const approver of approvers.slice(0, -1))
        await sendCoSigning(approver, session.id, {
          type: 'cosign.approve',
          id,
          contentHash: hash,
        });
      if (approvers.length > 1) await earlierApprovalsHandled;
      started = performance.now();
      await sendCoSigning(last, session.id, { type: 'cosign.approve', id, contentHash: hash });
      return answer;
    };
    const total = await Promise.race([steps(), failed]);
    return { roundSent, signaturesIn, answered: total };
  } finally {
    clearTimeout(stall);
    for (const stop of [...stopListening, ...stopWatching]) stop();
  }
}
