import { TestBed } from '@angular/core/testing';
import { provideMockActions } from '@ngrx/effects/testing';
import type { Action } from '@ngrx/store';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { Wallet } from 'ethers';
import { of, Subject, type Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { TAB_LOCKS } from '../storage/tab-locks';
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
import { runEffect } from '../../testing/run-effect';
import type { OperationContent } from '../co-signing/operation';
import { contentHash, paramsOf } from '../co-signing/operation-request';
import { propose } from '../co-signing/operation-transitions';
import type { RefusalReason } from '../co-signing/refused-message';
import { signingRule } from '../co-signing/signers';
import type { SessionMessage } from './app-session.model';
import { ClearNodePushActions } from './clearnode-push.actions';
import type { UnverifiedReason } from './message-sender';
import {
  coSignRound,
  observeOutcome,
  receiveCoSigning,
  retellMyAnswers,
  startSigningRound,
} from './co-signing.effects';
import {
  CoSigningRelayActions,
  OperationClockActions,
  OperationSigningActions,
  OperationsStorageActions,
} from './operations.actions';
import { approve } from '../co-signing/operation-transitions';
import { initialOperationsState, operationsAdapter } from './operations.feature';
import { initialSessionsState, sessionsAdapter } from './sessions.feature';
import {
  fakeClearNode,
  fakeSigner,
  settled,
  signWith,
  type FakeClearNode,
} from './testing/fake-core.spec-helper';
import {
  ALICE,
  aSession,
  BOB,
  NODE_URL,
  NOW,
  SESSION_ID,
  USD_ASSET,
} from './testing/session-fixtures';

const session = aSession({
  version: 2,
  definition: { ...aSession().definition, weights: [50, 50], quorum: 100 },
  allocations: [
    { participant: ALICE, asset: 'ytest.usd', amount: '6' },
    { participant: BOB, asset: 'ytest.usd', amount: '4' },
  ],
});
const close: OperationContent = {
  kind: 'close',
  sessionId: SESSION_ID,
  baseVersion: 2,
  allocations: [
    { participant: ALICE, asset: 'ytest.usd', amount: '7' },
    { participant: BOB, asset: 'ytest.usd', amount: '3' },
  ],
  sessionData: null,
  definition: null,
};
const MALLORY = '0x90F79bf6EB2c4f870365E785982E1f101E93b906';
const aliceKey = Wallet.createRandom();
const bobKey = Wallet.createRandom();

function fromRelay(
  type: string,
  data: unknown,
  wallet: string | null,
  signer = aliceKey.address,
  unverified: UnverifiedReason = 'no-attestation',
) {
  const message: SessionMessage = {
    id: `${type}-${Math.random()}`,
    sessionId: SESSION_ID,
    signer,
    type,
    dataJson: JSON.stringify(data),
    sentAt: NOW,
    receivedAt: NOW,
    sender: wallet
      ? { verified: true, wallet, expiresAt: null }
      : { verified: false, reason: unverified },
  };
  return ClearNodePushActions.messageReceived({ message });
}

describe('co-signing effects', () => {
  afterEach(() => TestBed.inject(MockStore).resetSelectors());

  let actions$: Observable<Action>;
  let node: FakeClearNode;
  let store: MockStore;
  let scheduler: TestScheduler;

  function withOperations(operations = initialOperationsState) {
    store.setState({
      sessions: sessionsAdapter.addOne(session, { ...initialSessionsState, wallet: BOB }),
      operations,
    });
  }

  beforeEach(() => {
    spyOn(Date, 'now').and.returnValue(NOW);
    node = fakeClearNode();
    TestBed.configureTestingModule({
      providers: [
        provideMockActions(() => actions$),
        provideMockStore({}),
        { provide: ClearNodeClient, useValue: node.client },
        { provide: SessionKeySigner, useValue: fakeSigner(bobKey) },
        { provide: SessionKeyAttestations, useValue: { current: () => null } },
        // This tab is the only one: it always has the proposer's role.
        { provide: TAB_LOCKS, useValue: { claim: () => of(true) } },
      ],
    });
    store = TestBed.inject(MockStore);
    store.overrideSelector(selectWalletAddress, BOB);
    store.overrideSelector(selectNodeUrl, NODE_URL);
    store.overrideSelector(selectAssets, [USD_ASSET]);
    withOperations();
    scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  it('takes a proposal from a verified participant, with the signers worked out here', () => {
    const forged = { ...close, allocations: [close.allocations[0]] };
    scheduler.run(({ hot, expectObservable }) => {
      actions$ = hot('-a-b-c-d', {
        a: fromRelay(
          'cosign.propose',
          { id: 'op-00001', content: close, deadline: NOW + 60_000 },
          ALICE,
        ),
        // Unverified sender, a content that leaves Bob out, malformed data: all ignored, the
        // first one said in the session (it names no operation known here).
        b: fromRelay(
          'cosign.propose',
          { id: 'op-00002', content: close, deadline: NOW + 60_000 },
          null,
        ),
        c: fromRelay(
          'cosign.propose',
          { id: 'op-00003', content: forged, deadline: NOW + 60_000 },
          ALICE,
        ),
        d: fromRelay('cosign.propose', { id: 'op-00004', content: 'close', deadline: 1 }, ALICE),
      });
      expectObservable(runEffect(receiveCoSigning)).toBe('-a-b', {
        a: CoSigningRelayActions.proposalReceived({
          proposal: {
            id: 'op-00001',
            content: close,
            proposer: ALICE,
            deadline: NOW + 60_000,
            rule: signingRule(close, session.definition, session.allocations!, () => 6),
          },
          at: NOW,
        }),
        b: CoSigningRelayActions.messageRefused({
          operationId: null,
          sessionId: SESSION_ID,
          refused: { messageType: 'cosign.propose', sender: aliceKey.address, reason: 'no-proof' },
          at: NOW,
        }),
      });
    });
  });

  it('takes a signature only when it recovers to the key that signed the message it came in', () => {
    const request = [5, 'close_app_session', paramsOf(close), NOW] as unknown as RpcRequest;
    const signature = signWith(aliceKey, request);
    withOperations(
      operationsAdapter.addOne(
        propose(
          {
            id: 'op-00001',
            content: close,
            proposer: BOB,
            deadline: NOW + 60_000,
            rule: signingRule(close, session.definition, session.allocations!, () => 6),
          },
          NOW,
        ),
        initialOperationsState,
      ),
    );
    scheduler.run(({ hot, expectObservable }) => {
      actions$ = hot('-a-b', {
        a: fromRelay('cosign.signature', { id: 'op-00001', request, signature }, ALICE),
        b: fromRelay(
          'cosign.signature',
          { id: 'op-00001', request, signature },
          ALICE,
          bobKey.address,
        ),
      });
      expectObservable(runEffect(receiveCoSigning)).toBe('-a-b', {
        a: CoSigningRelayActions.signatureReceived({
          operationId: 'op-00001',
          wallet: ALICE,
          request,
          signature,
          at: NOW,
        }),
        b: CoSigningRelayActions.messageRefused({
          operationId: 'op-00001',
          sessionId: SESSION_ID,
          refused: { messageType: 'cosign.signature', sender: ALICE, reason: 'foreign-signature' },
          at: NOW,
        }),
      });
    });
  });

  it('counts no answer from an unproven sender nor a round from a non-proposer, and says why', () => {
    const operation = propose(
      {
        id: 'op-00001',
        content: close,
        proposer: BOB,
        deadline: NOW + 60_000,
        rule: signingRule(close, session.definition, session.allocations!, () => 6),
      },
      NOW,
    );
    withOperations(operationsAdapter.addOne(operation, initialOperationsState));
    const request = [5, 'close_app_session', paramsOf(close), NOW] as unknown as RpcRequest;
    const approval = { id: 'op-00001', contentHash: operation.contentHash };
    const refused = (
      messageType: 'cosign.approve' | 'cosign.decline' | 'cosign.round',
      sender: string,
      reason: RefusalReason,
    ) =>
      CoSigningRelayActions.messageRefused({
        operationId: 'op-00001',
        sessionId: SESSION_ID,
        refused: { messageType, sender, reason },
        at: NOW,
      });
    scheduler.run(({ hot, expectObservable }) => {
      actions$ = hot('-a-b-c-d-e', {
        // A key whose attestation names another wallet; a wallet that is not a participant.
        a: fromRelay('cosign.approve', approval, null, aliceKey.address, 'signature-mismatch'),
        b: fromRelay('cosign.decline', { id: 'op-00001' }, null, MALLORY, 'not-participant'),
        // An unproven approval of an operation not known here: nothing to say it on.
        c: fromRelay('cosign.approve', { ...approval, id: 'op-00009' }, null),
        // Alice, a participant, stamping a round for Bob's operation.
        d: fromRelay('cosign.round', { id: 'op-00001', request }, ALICE),
        e: fromRelay('cosign.approve', approval, ALICE),
      });
      expectObservable(runEffect(receiveCoSigning)).toBe('-a-b---d-e', {
        a: refused('cosign.approve', aliceKey.address, 'not-their-key'),
        b: refused('cosign.decline', MALLORY, 'not-participant'),
        d: refused('cosign.round', ALICE, 'not-proposer'),
        e: CoSigningRelayActions.approvalReceived({
          operationId: 'op-00001',
          wallet: ALICE,
          contentHash: operation.contentHash,
          at: NOW,
        }),
      });
    });
  });

  describe('after a reconnect or a reload', () => {
    const rule = signingRule(close, session.definition, session.allocations!, () => 6);
    const byAlice = propose(
      { id: 'op-00001', content: close, proposer: ALICE, deadline: NOW + 60_000, rule },
      NOW - 1_000,
    );
    const approvedHere = approve(byAlice, BOB, byAlice.contentHash, NOW - 500);
    const restored = OperationsStorageActions.restored({
      nodeUrl: NODE_URL,
      wallet: BOB,
      stored: { operations: [], approvedHere: {}, declinedHere: {}, signedVersions: {} },
    });
    const toldAgain = () =>
      node.client.send.calls
        .allArgs()
        .map(([request, , extra]) => ({ params: request[2], sid: extra?.sid }));

    beforeEach(() => {
      withOperations(operationsAdapter.addOne(approvedHere, initialOperationsState));
      store.overrideSelector(selectSignedIn, true);
    });

    it('tells my approval of an open operation again, each time, even while an earlier telling hangs', () => {
      // The first telling goes out on a socket that dies: it is never answered.
      node.client.send.and.callFake((req) =>
        node.client.send.calls.count() === 1
          ? new Promise(() => undefined)
          : settled({ id: req[0], method: req[1], params: {}, timestamp: 1 }),
      );
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a-b', { a: restored, b: restored });
        expectObservable(runEffect(retellMyAnswers)).toBe('');
      });
      const approval = {
        params: {
          type: 'cosign.approve',
          data: { id: 'op-00001', contentHash: byAlice.contentHash },
        },
        sid: SESSION_ID,
      };
      expect(toldAgain()).toEqual([approval, approval]);
    });

    it('tells nothing while signed out, nor what is over', () => {
      store.overrideSelector(selectSignedIn, false);
      store.refreshState();
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: restored });
        expectObservable(runEffect(retellMyAnswers)).toBe('');
      });
      expect(toldAgain()).toEqual([]);
      store.overrideSelector(selectSignedIn, true);
      withOperations(
        operationsAdapter.addOne({ ...approvedHere, status: 'done' }, initialOperationsState),
      );
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: restored });
        expectObservable(runEffect(retellMyAnswers)).toBe('');
      });
      expect(toldAgain()).toEqual([]);
    });
  });

  it('signs a round at once for content approved here, and not for anything else', () => {
    const rule = signingRule(close, session.definition, session.allocations!, () => 6);
    const proposed = {
      ...propose(
        { id: 'op-00001', content: close, proposer: ALICE, deadline: NOW + 60_000, rule },
        NOW,
      ),
      status: 'collecting' as const,
    };
    const good = [5, 'close_app_session', paramsOf(close), NOW] as unknown as RpcRequest;
    const other = [
      6,
      'close_app_session',
      { ...paramsOf(close), allocations: [] },
      NOW,
    ] as unknown as RpcRequest;
    withOperations({
      ...operationsAdapter.addOne(proposed, initialOperationsState),
      approvedHere: { 'op-00001': contentHash(close) },
    });
    scheduler.run(({ hot, expectObservable }) => {
      actions$ = hot('-a-b', {
        a: CoSigningRelayActions.roundStarted({ operationId: 'op-00001', request: other, at: NOW }),
        b: CoSigningRelayActions.roundStarted({ operationId: 'op-00001', request: good, at: NOW }),
      });
      expectObservable(runEffect(coSignRound)).toBe('-r-(ab)', {
        // The other content is not signed, and the history says why.
        r: OperationSigningActions.signingRefused({
          operationId: 'op-00001',
          reason: 'The request differs from the approved content.',
          at: NOW,
        }),
        a: OperationSigningActions.roundSigned({
          operationId: 'op-00001',
          slot: `${SESSION_ID}:3`,
          contentHash: contentHash(close),
          at: NOW,
        }),
        b: CoSigningRelayActions.signatureReceived({
          operationId: 'op-00001',
          wallet: BOB,
          request: good,
          signature: signWith(bobKey, good),
          at: NOW,
        }),
      });
    });
    // The signature went back to the proposer over the relay, with the session id.
    expect(node.client.send).toHaveBeenCalledWith(jasmine.anything(), jasmine.any(Array), {
      sid: SESSION_ID,
    });
  });

  it('waits for the final split of a closed session before saying whether a close landed', () => {
    const rule = signingRule(close, session.definition, session.allocations!, () => 6);
    const sent = {
      ...propose(
        { id: 'op-00001', content: close, proposer: ALICE, deadline: NOW + 60_000, rule },
        NOW,
      ),
      status: 'submitting' as const,
    };
    const operations = operationsAdapter.addOne(sent, initialOperationsState);
    const closedAs = (finalAllocations: typeof close.allocations | null) =>
      store.setState({
        sessions: sessionsAdapter.addOne(
          { ...session, status: 'closed', finalAllocations },
          { ...initialSessionsState, wallet: BOB },
        ),
        operations,
      });
    const seen: Action[] = [];
    const subscription = runEffect(observeOutcome).subscribe((action) => seen.push(action));
    // Closed, its payouts not read yet: nothing can be said about the close.
    closedAs(null);
    expect(seen).toEqual([]);
    closedAs([...close.allocations].reverse());
    subscription.unsubscribe();
    expect(seen).toEqual([
      OperationSigningActions.observedOnNode({
        operationId: 'op-00001',
        version: 2,
        closed: true,
        matches: true,
        at: NOW,
      }),
    ]);
  });

  it('stamps nothing in a tab that does not have the proposer role (another tab of mine has it)', () => {
    const rule = signingRule(close, session.definition, session.allocations!, () => 6);
    const collecting = {
      ...propose(
        { id: 'op-00002', content: close, proposer: BOB, deadline: NOW + 600_000, rule },
        NOW - 1_000,
      ),
      status: 'collecting' as const,
      round: null,
    };
    withOperations({
      ...operationsAdapter.addOne(collecting, initialOperationsState),
      approvedHere: { 'op-00002': contentHash(close) },
    });
    const clock = new Subject<Action>();
    actions$ = clock;
    const asked: string[] = [];
    const elsewhere = {
      claim: (lock: string) => {
        asked.push(lock);
        return of(false);
      },
    };
    const emitted: Action[] = [];
    const subscription = TestBed.runInInjectionContext(() =>
      startSigningRound(undefined, undefined, undefined, elsewhere),
    ).subscribe((action) => emitted.push(action));
    clock.next(OperationClockActions.ticked({ at: NOW }));
    subscription.unsubscribe();
    // Asked at each look (the operations, then the tick), and refused each time.
    expect(asked.length).toBeGreaterThan(0);
    expect(new Set(asked)).toEqual(new Set(['nitrolite-sessions:proposer:op-00002']));
    expect(emitted).toEqual([]);
  });

  it('leaves the proposer role to the tab where I approved: a tab of mine without that approval claims nothing', () => {
    const rule = signingRule(close, session.definition, session.allocations!, () => 6);
    const collecting = {
      ...propose(
        { id: 'op-00003', content: close, proposer: BOB, deadline: NOW + 600_000, rule },
        NOW - 1_000,
      ),
      status: 'collecting' as const,
      round: null,
    };
    // Proposed in another tab: this one knows the operation but holds no approval of it.
    withOperations(operationsAdapter.addOne(collecting, initialOperationsState));
    const clock = new Subject<Action>();
    actions$ = clock;
    const asked: string[] = [];
    const free = {
      claim: (lock: string) => {
        asked.push(lock);
        return of(true);
      },
    };
    const emitted: Action[] = [];
    const subscription = TestBed.runInInjectionContext(() =>
      startSigningRound(undefined, undefined, undefined, free),
    ).subscribe((action) => emitted.push(action));
    clock.next(OperationClockActions.ticked({ at: NOW }));
    expect(asked).toEqual([]);
    expect(emitted).toEqual([]);
    // Once the approval is known here (a reload restores it), this tab may take the role.
    withOperations({
      ...operationsAdapter.addOne(collecting, initialOperationsState),
      approvedHere: { 'op-00003': contentHash(close) },
    });
    subscription.unsubscribe();
    expect(new Set(asked)).toEqual(new Set(['nitrolite-sessions:proposer:op-00003']));
    expect(emitted.map((action) => action.type)).toContain(CoSigningRelayActions.roundStarted.type);
  });

  it('stamps a fresh round when the last one grows too old for the node, with nothing else changing', () => {
    const rule = signingRule(close, session.definition, session.allocations!, () => 6);
    const stamped = [5, 'close_app_session', paramsOf(close), NOW - 1_000] as unknown as RpcRequest;
    const collecting = {
      ...propose(
        { id: 'op-00001', content: close, proposer: BOB, deadline: NOW + 600_000, rule },
        NOW - 1_000,
      ),
      status: 'collecting' as const,
      round: { request: stamped, signatures: {} },
    };
    withOperations({
      ...operationsAdapter.addOne(collecting, initialOperationsState),
      approvedHere: { 'op-00001': contentHash(close) },
    });
    const clock = new Subject<Action>();
    actions$ = clock;
    const started: Action[] = [];
    const subscription = runEffect(startSigningRound).subscribe((action) => {
      if (action.type === CoSigningRelayActions.roundStarted.type) started.push(action);
    });
    clock.next(OperationClockActions.ticked({ at: NOW }));
    expect(started).toEqual([]);
    // 46 s after it was stamped, the node would refuse it: the next tick stamps it again.
    (Date.now as jasmine.Spy).and.returnValue(NOW + 45_000);
    clock.next(OperationClockActions.ticked({ at: NOW + 45_000 }));
    subscription.unsubscribe();
    expect(started).toEqual([
      CoSigningRelayActions.roundStarted({
        operationId: 'op-00001',
        request: [42, 'close_app_session', paramsOf(close), NOW] as unknown as RpcRequest,
        at: NOW + 45_000,
      }),
    ]);
  });
});
