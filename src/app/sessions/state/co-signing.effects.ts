import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { concatLatestFrom } from '@ngrx/operators';
import { type Action, Store } from '@ngrx/store';
import {
  catchError,
  combineLatest,
  distinctUntilChanged,
  EMPTY,
  exhaustMap,
  filter,
  from,
  fromEvent,
  groupBy,
  ignoreElements,
  interval,
  map,
  merge,
  mergeMap,
  of,
  switchMap,
} from 'rxjs';
import {
  ClearNodeClient,
  SessionKeyAttestations,
  SessionKeySigner,
  selectAssets,
  selectNodeUrl,
  selectSignedIn,
  selectWalletAddress,
  type RpcRequest,
} from '../../core';
import { sameAddress } from '../../shared/money/address';
import { answersToRetell } from '../co-signing/answers-to-retell';
import {
  CO_SIGNING_PREFIX,
  dataOf,
  readCoSigningMessage,
  type CoSigningMessage,
} from '../co-signing/co-signing-messages';
import type { Operation, OperationContent } from '../co-signing/operation';
import { canonicalJson, contentHash, methodOf, paramsOf } from '../co-signing/operation-request';
import { isOpen, roundComplete } from '../co-signing/operation-transitions';
import { signingRule } from '../co-signing/signers';
import type { RefusalReason } from '../co-signing/refused-message';
import { answerLost } from '../co-signing/written-alone';
import { isOutcomeUnknown, isStillConnected } from './write-outcome';
import { contentRefusal, mayCoSign, versionSlot } from '../co-signing/signing-guard';
import { ClearNodeApiActions } from './clearnode-api.actions';
import { ClearNodePushActions } from './clearnode-push.actions';
import type { UnverifiedReason } from './message-sender';
import { recoverRequestSigner } from './message-signature';
import { errorText, isStaleVersion } from './node-errors';
import {
  CoSigningRelayActions,
  OperationClockActions,
  OperationInboxActions,
  OperationSigningActions,
  OperationsStorageActions,
} from './operations.actions';
import { operationsFeature } from './operations.feature';
import { selectAllOperations } from './operations.selectors';
import { relayMessage, type RelayDeps } from './relay-message';
import { SessionLifecycleActions } from './session-lifecycle.actions';
import { SessionPageActions } from './session-page.actions';
import { SessionsStorageActions } from './sessions-storage.actions';
import type { AppSession } from './app-session.model';
import { OperationsStorage } from '../storage/operations-storage';
import { TAB_CHANNEL } from '../storage/tab-channel';
import { proposerLock, TAB_LOCKS } from '../storage/tab-locks';
import { settledOrLeaving } from './settled-or-leaving';
import { messagesFeature } from './messages.feature';
import { sessionsFeature } from './sessions.feature';
import { decimalsOf } from './sessions.selectors';

/** A round stamped longer ago than this is stamped again (the node refuses requests over 60 s). */
const ROUND_RESTAMP_MS = 45_000;
const CLOCK_MS = 1_000;
const PERSIST_DEBOUNCE_MS = 250;

/** Why a frame's signer could not be tied to a participant, as the history says it. */
const UNVERIFIED_REFUSAL: Readonly<Record<UnverifiedReason, RefusalReason>> = {
  'no-attestation': 'no-proof',
  'signature-mismatch': 'not-their-key',
  'not-participant': 'not-participant',
  'key-expired': 'key-expired',
};

function relayDeps(): RelayDeps {
  return {
    client: inject(ClearNodeClient),
    signer: inject(SessionKeySigner),
    attestations: inject(SessionKeyAttestations),
  };
}

/** Sends a co-signing message to the session's participants; a failure is logged, never thrown. */
function announce(
  deps: RelayDeps,
  owner: { wallet: string | null; nodeUrl: string | null },
  sessionId: string,
  message: CoSigningMessage,
) {
  if (!owner.wallet || !owner.nodeUrl) return EMPTY;
  return relayMessage(
    deps,
    { wallet: owner.wallet, nodeUrl: owner.nodeUrl },
    sessionId,
    message.type,
    dataOf(message),
  ).pipe(
    ignoreElements(),
    catchError((error: unknown) => {
      console.warn('[co-signing] could not send', message.type, errorText(error));
      return EMPTY;
    }),
  );
}

/** My proposal: checked as any participant's app would check it, then put to the others. */
export const proposeOperation = createEffect(
  (actions$ = inject(Actions), store = inject(Store), deps = relayDeps()) =>
    actions$.pipe(
      ofType(SessionPageActions.operationProposed),
      concatLatestFrom(() => [
        store.select(sessionsFeature.selectEntities),
        store.select(messagesFeature.selectMessaging),
        store.select(selectAssets),
        store.select(selectWalletAddress),
        store.select(selectNodeUrl),
      ]),
      mergeMap(([proposed, sessions, messaging, assets, wallet, nodeUrl]) => {
        const { operationId, sessionId, kind, allocations, sessionData, deadline, at } = proposed;
        const session = sessions[sessionId];
        const refuse = (reason: string) =>
          of(OperationSigningActions.proposalRefused({ sessionId, reason, at }));
        if (!session || session.status !== 'open') return refuse('The session is not open.');
        if (messaging === 'unavailable')
          return refuse(
            "Co-signing needs the ClearNode's message relay, which this node does not have.",
          );
        if (!wallet) return refuse('Sign in first.');
        const decimals = (asset: string) =>
          decimalsOf(
            asset,
            assets,
            allocations.map((a) => a.amount),
          );
        const content: OperationContent = {
          kind,
          sessionId,
          baseVersion: session.version,
          allocations,
          sessionData,
          definition: null,
        };
        const refusal = contentRefusal(
          content,
          session.definition.participants,
          session.version,
          decimals,
          session.allocations ?? [],
        );
        if (refusal) return refuse(refusal);
        const proposal = {
          id: operationId,
          content,
          proposer: wallet,
          deadline,
          rule: signingRule(content, session.definition, session.allocations ?? [], decimals),
        };
        return merge(
          of(OperationSigningActions.proposalMade({ proposal, at })),
          announce(deps, { wallet, nodeUrl }, sessionId, {
            type: 'cosign.propose',
            id: operationId,
            content,
            deadline,
          }),
        );
      }),
    ),
  { functional: true },
);

/**
 * Co-signing messages from the relay, acted on only from verified participants, each checked
 * before it becomes an event: a proposal against my own view of the session, a signature against
 * the key that signed the frame it came in. What is not acted on for who sent it is said (once)
 * in the history of the operation it names.
 */
export const receiveCoSigning = createEffect(
  (actions$ = inject(Actions), store = inject(Store)) =>
    actions$.pipe(
      ofType(ClearNodePushActions.messageReceived),
      filter(({ message }) => message.type.startsWith(CO_SIGNING_PREFIX)),
      concatLatestFrom(() => [
        store.select(sessionsFeature.selectEntities),
        store.select(operationsFeature.selectEntities),
        store.select(selectWalletAddress),
        store.select(selectAssets),
      ]),
      mergeMap(([{ message }, sessions, operations, me, assets]): Action[] => {
        let data: unknown;
        try {
          data = JSON.parse(message.dataJson);
        } catch {
          return [];
        }
        const parsed = readCoSigningMessage(message.type, data);
        if (!parsed) return [];
        const at = message.receivedAt;
        const operationId = parsed.id;
        const operation = operations[operationId];
        if (operation && operation.content.sessionId !== message.sessionId) return [];
        // Said on the operation it names; a proposal naming none is noted in its session.
        const refuse = (sender: string, reason: RefusalReason): Action[] =>
          operation || parsed.type === 'cosign.propose'
            ? [
                CoSigningRelayActions.messageRefused({
                  operationId: operation ? operationId : null,
                  sessionId: message.sessionId,
                  refused: { messageType: parsed.type, sender, reason },
                  at,
                }),
              ]
            : [];
        if (!message.sender.verified)
          return refuse(message.signer, UNVERIFIED_REFUSAL[message.sender.reason]);
        const wallet = message.sender.wallet;
        const mine = !!me && sameAddress(wallet, me);
        switch (parsed.type) {
          case 'cosign.propose': {
            const session = sessions[message.sessionId];
            const { content } = parsed;
            if (!session || session.status !== 'open' || content.sessionId !== session.id)
              return [];
            if (content.kind === 'create' || content.definition !== null) return [];
            const decimals = (asset: string) =>
              decimalsOf(
                asset,
                assets,
                content.allocations.map((a) => a.amount),
              );
            if (
              contentRefusal(
                content,
                session.definition.participants,
                session.version,
                decimals,
                session.allocations ?? [],
              )
            )
              return [];
            const rule = signingRule(
              content,
              session.definition,
              session.allocations ?? [],
              decimals,
            );
            return [
              CoSigningRelayActions.proposalReceived({
                proposal: {
                  id: operationId,
                  content,
                  proposer: wallet,
                  deadline: parsed.deadline,
                  rule,
                },
                at,
              }),
            ];
          }
          case 'cosign.approve':
            return [
              CoSigningRelayActions.approvalReceived({
                operationId,
                wallet,
                contentHash: parsed.contentHash,
                at,
              }),
            ];
          case 'cosign.decline':
            return [
              CoSigningRelayActions.declineReceived({
                operationId,
                wallet,
                reason: parsed.reason ?? null,
                at,
              }),
            ];
          case 'cosign.withdraw':
            return [CoSigningRelayActions.withdrawalReceived({ operationId, wallet, at })];
          case 'cosign.extend':
            return [
              CoSigningRelayActions.deadlineExtensionReceived({
                operationId,
                wallet,
                deadline: parsed.deadline,
                at,
              }),
            ];
          case 'cosign.round':
            // Only the proposer stamps rounds; my own echo is already applied here.
            if (mine || !operation) return [];
            if (!sameAddress(operation.proposer, wallet)) return refuse(wallet, 'not-proposer');
            return [
              CoSigningRelayActions.roundStarted({ operationId, request: parsed.request, at }),
            ];
          case 'cosign.signature': {
            if (mine) return [];
            const signer = recoverRequestSigner(parsed.request, parsed.signature);
            if (!signer || !sameAddress(signer, message.signer))
              return refuse(wallet, 'foreign-signature');
            return [
              CoSigningRelayActions.signatureReceived({
                operationId,
                wallet,
                request: parsed.request,
                signature: parsed.signature,
                at,
              }),
            ];
          }
        }
      }),
    ),
  { functional: true },
);

/** What I decided in the inbox, told to the other participants. */
export const announceMyAnswer = createEffect(
  (actions$ = inject(Actions), store = inject(Store), deps = relayDeps()) =>
    actions$.pipe(
      ofType(
        OperationInboxActions.approveClicked,
        OperationInboxActions.declineClicked,
        OperationInboxActions.withdrawClicked,
        OperationInboxActions.extendDeadlineClicked,
      ),
      concatLatestFrom(() => [
        store.select(operationsFeature.selectEntities),
        store.select(selectWalletAddress),
        store.select(selectNodeUrl),
      ]),
      mergeMap(([action, operations, wallet, nodeUrl]) => {
        const operation = operations[action.operationId];
        if (!operation) return EMPTY;
        const id = operation.id;
        const message: CoSigningMessage =
          action.type === OperationInboxActions.approveClicked.type
            ? { type: 'cosign.approve', id, contentHash: operation.contentHash }
            : action.type === OperationInboxActions.declineClicked.type
              ? 'reason' in action && action.reason
                ? { type: 'cosign.decline', id, reason: action.reason }
                : { type: 'cosign.decline', id }
              : action.type === OperationInboxActions.withdrawClicked.type
                ? { type: 'cosign.withdraw', id }
                : { type: 'cosign.extend', id, deadline: operation.deadline };
        return announce(deps, { wallet, nodeUrl }, operation.content.sessionId, message);
      }),
    ),
  { functional: true, dispatch: false },
);

/**
 * What I said about operations still in play, told again whenever this browser's operations are
 * restored while signed in: after every sign-in, a reconnect's included, and after a reload. An
 * answer clicked while the socket was down reached no one, and one sent as it dropped may not
 * have; receivers take each once. `mergeMap`: a telling stuck on a socket that died must not
 * hold back the one after the reconnect.
 */
export const retellMyAnswers = createEffect(
  (actions$ = inject(Actions), store = inject(Store), deps = relayDeps()) =>
    actions$.pipe(
      ofType(OperationsStorageActions.restored),
      concatLatestFrom(() => [
        store.select(selectAllOperations),
        store.select(selectSignedIn),
        store.select(selectWalletAddress),
        store.select(selectNodeUrl),
      ]),
      filter(([, , signedIn, wallet]) => signedIn && !!wallet),
      mergeMap(([, operations, , wallet, nodeUrl]) =>
        from(answersToRetell(operations, wallet!, Date.now())).pipe(
          mergeMap(({ sessionId, message }) =>
            announce(deps, { wallet, nodeUrl }, sessionId, message),
          ),
        ),
      ),
    ),
  { functional: true, dispatch: false },
);

/** Signs a round's request with my session key, if the guard allows it, and remembers it. */
function signRound(
  signer: SessionKeySigner,
  operation: Operation,
  request: RpcRequest,
  context: {
    approvedHere: Readonly<Record<string, string>>;
    signedVersions: Readonly<Record<string, string>>;
    sessionVersion: number | null;
    me: string;
  },
) {
  const verdict = mayCoSign(
    request,
    {
      content: operation.content,
      active: operation.status === 'collecting',
      deadlineMs: operation.deadline,
      nowMs: Date.now(),
      sessionVersion: context.sessionVersion,
    },
    {
      approvedHash: context.approvedHere[operation.id] ?? null,
      signedVersions: context.signedVersions,
    },
  );
  if (!verdict.ok)
    return of<Action[]>([
      OperationSigningActions.signingRefused({
        operationId: operation.id,
        reason: verdict.reason,
        at: Date.now(),
      }),
    ]);
  return from(signer.signRequest(request)).pipe(
    map((signature): Action[] => {
      const at = Date.now();
      return [
        OperationSigningActions.roundSigned({
          operationId: operation.id,
          slot: versionSlot(operation.content),
          contentHash: contentHash(operation.content),
          at,
        }),
        CoSigningRelayActions.signatureReceived({
          operationId: operation.id,
          wallet: context.me,
          request,
          signature,
          at,
        }),
      ];
    }),
  );
}

/**
 * As proposer: once enough participants approved, stamp one request, sign it and ask the
 * approvers for theirs; stamp a fresh one when the round grows too old for the node.
 */
export const startSigningRound = createEffect(
  (
    actions$ = inject(Actions),
    store = inject(Store),
    deps = relayDeps(),
    locks = inject(TAB_LOCKS),
  ) =>
    merge(
      store.select(selectAllOperations),
      // A round grows old while nothing changes: the clock looks at it again.
      actions$.pipe(ofType(OperationClockActions.ticked)),
    ).pipe(
      concatLatestFrom(() => [
        store.select(selectAllOperations),
        store.select(selectWalletAddress),
        store.select(selectNodeUrl),
        store.select(sessionsFeature.selectEntities),
        store.select(operationsFeature.selectApprovedHere),
        store.select(operationsFeature.selectSignedVersions),
      ]),
      mergeMap(([, operations, me, nodeUrl, sessions, approvedHere, signedVersions]) =>
        from(
          operations.filter((op) => {
            if (op.status !== 'collecting' || !me || !sameAddress(op.proposer, me)) return false;
            // Only a tab where the person approved it may take the role: another tab of mine
            // would hold the role and then refuse to sign, and the round would never complete.
            if (approvedHere[op.id] !== op.contentHash) return false;
            const stamp = op.round?.request[3];
            return (
              !op.round || (typeof stamp === 'number' && stamp < Date.now() - ROUND_RESTAMP_MS)
            );
          }),
        ).pipe(map((op) => ({ op, me: me!, nodeUrl, sessions, approvedHere, signedVersions }))),
      ),
      groupBy(({ op }) => op.id),
      mergeMap((perOperation) =>
        perOperation.pipe(
          exhaustMap((found) =>
            // Two tabs of the proposer would stamp two rounds: one of them takes the role.
            locks
              .claim(proposerLock(found.op.id))
              .pipe(mergeMap((mine) => (mine ? stampRound(deps, found) : EMPTY))),
          ),
        ),
      ),
    ),
  { functional: true },
);

/** Stamps one request for the operation, signs it here, and asks the approvers for theirs. */
function stampRound(
  deps: RelayDeps,
  {
    op,
    me,
    nodeUrl,
    sessions,
    approvedHere,
    signedVersions,
  }: {
    op: Operation;
    me: string;
    nodeUrl: string | null;
    sessions: Readonly<Record<string, AppSession | undefined>>;
    approvedHere: Readonly<Record<string, string>>;
    signedVersions: Readonly<Record<string, string>>;
  },
) {
  const request = deps.client.buildRequest(methodOf(op.content.kind), paramsOf(op.content));
  const at = Date.now();
  const sessionVersion = sessions[op.content.sessionId]?.version ?? null;
  return merge(
    of(CoSigningRelayActions.roundStarted({ operationId: op.id, request, at })),
    signRound(deps.signer, { ...op, round: { request, signatures: {} } }, request, {
      approvedHere,
      signedVersions,
      sessionVersion,
      me,
    }).pipe(mergeMap((actions) => actions)),
    announce(deps, { wallet: me, nodeUrl }, op.content.sessionId, {
      type: 'cosign.round',
      id: op.id,
      request,
    }),
  );
}

/** As approver: a round for content I approved is signed at once, and the signature sent back. */
export const coSignRound = createEffect(
  (actions$ = inject(Actions), store = inject(Store), deps = relayDeps()) =>
    actions$.pipe(
      ofType(CoSigningRelayActions.roundStarted),
      concatLatestFrom(() => [
        store.select(operationsFeature.selectEntities),
        store.select(operationsFeature.selectApprovedHere),
        store.select(operationsFeature.selectSignedVersions),
        store.select(sessionsFeature.selectEntities),
        store.select(selectWalletAddress),
        store.select(selectNodeUrl),
      ]),
      mergeMap(
        ([
          { operationId, request },
          operations,
          approvedHere,
          signedVersions,
          sessions,
          me,
          nodeUrl,
        ]) => {
          const operation = operations[operationId];
          if (!operation || !me || sameAddress(operation.proposer, me)) return EMPTY;
          if (!approvedHere[operationId]) return EMPTY;
          const sessionVersion = sessions[operation.content.sessionId]?.version ?? null;
          return signRound(deps.signer, operation, request, {
            approvedHere,
            signedVersions,
            sessionVersion,
            me,
          }).pipe(
            mergeMap((actions) => {
              const signed = actions.find(
                (action): action is ReturnType<typeof CoSigningRelayActions.signatureReceived> =>
                  action.type === CoSigningRelayActions.signatureReceived.type,
              );
              if (!signed) return of(...actions);
              return merge(
                of(...actions),
                announce(deps, { wallet: me, nodeUrl }, operation.content.sessionId, {
                  type: 'cosign.signature',
                  id: operationId,
                  request,
                  signature: signed.signature,
                }),
              );
            }),
          );
        },
      ),
    ),
  { functional: true },
);

/** As proposer: when the round's signatures reach what the node needs, send `{req, sig:[…]}` once. */
export const submitRound = createEffect(
  (
    actions$ = inject(Actions),
    store = inject(Store),
    client = inject(ClearNodeClient),
    locks = inject(TAB_LOCKS),
  ) =>
    actions$.pipe(
      ofType(CoSigningRelayActions.signatureReceived),
      concatLatestFrom(() => [
        store.select(operationsFeature.selectEntities),
        store.select(selectWalletAddress),
      ]),
      map(([{ operationId }, operations, me]) => ({ operation: operations[operationId], me })),
      filter(
        (found): found is { operation: Operation; me: string } =>
          !!found.operation &&
          !!found.me &&
          sameAddress(found.operation.proposer, found.me) &&
          roundComplete(found.operation),
      ),
      groupBy(({ operation }) => operation.id),
      mergeMap((perOperation) =>
        perOperation.pipe(
          // The tab with the proposer's role sends it, also one reloaded since it stamped.
          exhaustMap(({ operation, me }) =>
            locks
              .claim(proposerLock(operation.id))
              .pipe(mergeMap((mine) => (mine ? sendRound(client, operation, me) : EMPTY))),
          ),
        ),
      ),
    ),
  { functional: true },
);

/** Sends the round with every signature gathered, and says how the node answered. */
function sendRound(client: ClearNodeClient, operation: Operation, me: string) {
  const round = operation.round!;
  const signatures = Object.values(round.signatures);
  const id = operation.id;
  return merge(
    of(OperationSigningActions.roundSent({ operationId: id, at: Date.now() })),
    from(client.send(round.request, signatures)).pipe(
      mergeMap((result) => {
        const at = Date.now();
        const version = (result.params as { version?: number } | null)?.version;
        const landed: Action[] = [OperationSigningActions.roundSucceeded({ operationId: id, at })];
        const { content } = operation;
        if (content.kind === 'close')
          landed.push(
            SessionLifecycleActions.sessionClosed({
              sessionId: content.sessionId,
              wallet: me,
              closedBy: 'me',
              finalAllocations: content.allocations,
              at,
            }),
          );
        else
          landed.push(
            ClearNodeApiActions.stateSubmitSucceeded({
              sessionId: content.sessionId,
              key: id,
              version: version ?? content.baseVersion + 1,
              allocations: content.allocations,
              sessionData: content.sessionData,
              at,
            }),
          );
        return of(...landed);
      }),
      catchError((error: unknown) => {
        const text = errorText(error);
        // Lost answers are found out from the node, as for any write.
        if (isOutcomeUnknown(error))
          return of(
            ClearNodeApiActions.writeOutcomeUnknown({
              key: id,
              sessionId: operation.content.sessionId,
              error: text,
              connected: isStillConnected(error),
              at: Date.now(),
            }),
          );
        return of(
          OperationSigningActions.roundFailed({
            operationId: id,
            error: text,
            stale: isStaleVersion(text),
            at: Date.now(),
          }),
        );
      }),
    ),
  );
}

/**
 * Every participant learns the outcome from the node's own state: once a session moved past the
 * version an operation built on (or closed), the operation landed if the shares are its own.
 */
export const observeOutcome = createEffect(
  (store = inject(Store)) =>
    store.select(sessionsFeature.selectEntities).pipe(
      concatLatestFrom(() => store.select(selectAllOperations)),
      mergeMap(([sessions, operations]) =>
        operations
          // A write signed alone learns its outcome from its own answer (or the look-up after a lost one).
          .filter(
            (op) =>
              !op.signedAlone &&
              (isOpen(op) || op.status === 'submitting' || op.status === 'unknown'),
          )
          .flatMap((op) => {
            const session = sessions[op.content.sessionId];
            if (!session) return [];
            const closed = session.status === 'closed';
            const moved =
              op.content.kind === 'close' ? closed : session.version > op.content.baseVersion;
            if (!moved) return [];
            const shares = closed ? session.finalAllocations : session.allocations;
            // A close is announced before its payouts are read: judge it once the shares are known.
            if (!shares) return [];
            const matches =
              canonicalJson(sortedShares(shares)) ===
              canonicalJson(sortedShares(op.content.allocations));
            return [
              OperationSigningActions.observedOnNode({
                operationId: op.id,
                version: session.version,
                closed,
                matches,
                at: Date.now(),
              }),
            ];
          }),
      ),
    ),
  { functional: true },
);

function sortedShares(shares: readonly { participant: string; asset: string; amount: string }[]) {
  return shares
    .map(({ participant, asset, amount }) => ({
      participant: participant.toLowerCase(),
      asset,
      amount,
    }))
    .filter((share) => !/^0(\.0*)?$/.test(share.amount))
    .sort((a, b) => a.participant.localeCompare(b.participant) || a.asset.localeCompare(b.asset));
}

/** Deadlines pass while something is open: the clock ticks each second then, and not otherwise. */
export const tickWhileOpen = createEffect(
  (store = inject(Store)) =>
    store.select(selectAllOperations).pipe(
      map((operations) => operations.some(isOpen)),
      distinctUntilChanged(),
      switchMap((open) =>
        open
          ? interval(CLOCK_MS).pipe(map(() => OperationClockActions.ticked({ at: Date.now() })))
          : EMPTY,
      ),
    ),
  { functional: true },
);

/** Restores what this browser remembered for the node and wallet, as soon as both are known. */
export const restoreOperations = createEffect(
  (actions$ = inject(Actions), storage = inject(OperationsStorage)) =>
    actions$.pipe(
      ofType(SessionsStorageActions.restored),
      map(({ nodeUrl, wallet }) => {
        const stored = storage.load(nodeUrl, wallet);
        const at = Date.now();
        // A write sent before the page went away never gets its answer here: ask the node.
        const operations = stored.operations.map((op) =>
          answerLost(op, 'the page was closed before the ClearNode answered', at),
        );
        return OperationsStorageActions.restored({
          nodeUrl,
          wallet,
          stored: { ...stored, operations },
        });
      }),
    ),
  { functional: true },
);

export const persistOperations = createEffect(
  (
    store = inject(Store),
    storage = inject(OperationsStorage),
    leaving = fromEvent(window, 'pagehide'),
    tabs = inject(TAB_CHANNEL),
  ) =>
    combineLatest([
      store.select(sessionsFeature.selectNodeUrl),
      store.select(sessionsFeature.selectWallet),
      store.select(operationsFeature.selectOperationsState),
    ]).pipe(
      // An approval given just before a reload must still be there after it.
      settledOrLeaving(PERSIST_DEBOUNCE_MS, leaving),
      filter(([nodeUrl, wallet]) => !!nodeUrl && !!wallet),
      map(([nodeUrl, wallet, state]) => {
        const answers = {
          approvedHere: state.approvedHere,
          declinedHere: state.declinedHere,
          signedVersions: state.signedVersions,
        };
        storage.save(nodeUrl!, wallet!, {
          operations: selectAllOperations.projector(state),
          ...answers,
        });
        // An approval given here lets another tab of mine take the proposer's role; a decline
        // here keeps the others from signing.
        tabs.post({ kind: 'answers', nodeUrl: nodeUrl!, wallet: wallet!, answers });
      }),
    ),
  { functional: true, dispatch: false },
);
