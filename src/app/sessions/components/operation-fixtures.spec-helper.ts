import type { Allocation } from '../../shared/allocation';
import type { Operation, OperationContent } from '../co-signing/operation';
import { approve, decline, propose } from '../co-signing/operation-transitions';
import { signingRule } from '../co-signing/signers';
import type { AppSession } from '../state/app-session.model';
import { toOperationView } from '../state/operations.selectors';
import { ALICE, aSession, BOB, SESSION_ID } from '../state/testing/session-fixtures';

export const CAROL = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
/** When the operations below are proposed. */
export const PROPOSED_AT = 1_700_000_000_000;

/** Dinner, shared by three: no one reaches the quorum alone, any two do. */
export function aSharedSession(overrides: Partial<AppSession> = {}): AppSession {
  return aSession({
    definition: {
      application: 'nitrolite-sessions',
      protocol: 'NitroRPC/0.4',
      participants: [ALICE, BOB, CAROL],
      weights: [50, 50, 50],
      quorum: 100,
      challenge: 0,
      nonce: 1,
    },
    allocations: [
      { participant: ALICE, asset: 'ytest.usd', amount: '10' },
      { participant: BOB, asset: 'ytest.usd', amount: '0' },
      { participant: CAROL, asset: 'ytest.usd', amount: '0' },
    ],
    ...overrides,
  });
}

export interface OperationSpec {
  readonly id?: string;
  readonly kind?: OperationContent['kind'];
  readonly proposer?: string;
  readonly allocations?: readonly Allocation[];
  readonly approvedBy?: readonly string[];
  readonly declinedBy?: readonly string[];
  readonly at?: number;
  readonly deadline?: number;
  readonly session?: AppSession;
}

/** An operation built with the co-signing transitions, as the reducer would hold it. */
export function anOperation(spec: OperationSpec = {}): Operation {
  const session = spec.session ?? aSharedSession();
  const at = spec.at ?? PROPOSED_AT;
  const content: OperationContent = {
    kind: spec.kind ?? 'close',
    sessionId: SESSION_ID,
    baseVersion: session.version,
    allocations: spec.allocations ?? [
      { participant: ALICE, asset: 'ytest.usd', amount: '4' },
      { participant: BOB, asset: 'ytest.usd', amount: '6' },
      { participant: CAROL, asset: 'ytest.usd', amount: '0' },
    ],
    sessionData: null,
    definition: null,
  };
  const rule = signingRule(content, session.definition, session.allocations ?? [], () => 6);
  let operation = propose(
    {
      id: spec.id ?? 'op-1',
      content,
      proposer: spec.proposer ?? BOB,
      deadline: spec.deadline ?? at + 10 * 60_000,
      rule,
    },
    at,
  );
  for (const wallet of spec.approvedBy ?? [])
    operation = approve(operation, wallet, operation.contentHash, at + 1000);
  for (const wallet of spec.declinedBy ?? []) operation = decline(operation, wallet, at + 2000);
  return operation;
}

/** The same operation as the card and the pages see it, for `me`. */
export function anOperationView(spec: OperationSpec = {}, me: string | null = ALICE) {
  return toOperationView(anOperation(spec), spec.session ?? aSharedSession(), me);
}
