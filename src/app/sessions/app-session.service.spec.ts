import { TestBed } from '@angular/core/testing';
import { provideMockActions } from '@ngrx/effects/testing';
import { Action } from '@ngrx/store';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { Subject } from 'rxjs';
import { AppSessionService } from './app-session.service';
import { ClearNodeApiActions } from './state/clearnode-api.actions';
import { CreateSessionFormActions } from './state/create-session-form.actions';
import { SessionLifecycleActions } from './state/session-lifecycle.actions';
import { SessionPageActions } from './state/session-page.actions';
import type { Operation, OperationContent } from './co-signing/operation';
import { approve, propose } from './co-signing/operation-transitions';
import { signingRule } from './co-signing/signers';
import { OperationInboxActions } from './state/operations.actions';
import { initialOperationsState, operationsAdapter } from './state/operations.feature';
import { initialSessionsState, sessionsAdapter } from './state/sessions.feature';
import { fakeClearNode } from './state/testing/fake-core.spec-helper';
import { ALICE, aSession, BOB, NOW, SESSION_ID, USD_ASSET } from './state/testing/session-fixtures';
import { ClearNodeClient, SessionKeySigner } from '../core';
import { initialAppState } from '../testing/initial-app-state';

describe('AppSessionService', () => {
  // Overridden selectors are global: leave them as found for the next spec.
  afterEach(() => TestBed.inject(MockStore).resetSelectors());

  let actions: Subject<Action>;
  let store: MockStore;
  let service: AppSessionService;
  const node = fakeClearNode();

  beforeEach(() => {
    actions = new Subject<Action>();
    TestBed.configureTestingModule({
      providers: [
        provideMockActions(() => actions),
        provideMockStore({
          initialState: {
            ...initialAppState,
            sessions: initialSessionsState,
            operations: initialOperationsState,
          },
        }),
        { provide: ClearNodeClient, useValue: node.client },
        { provide: SessionKeySigner, useValue: { signRequest: () => Promise.resolve('0xsig') } },
      ],
    });
    store = TestBed.inject(MockStore);
    service = TestBed.inject(AppSessionService);
  });

  it('prepares the exact create request and signs it', async () => {
    const session = aSession();
    const request = service.prepareSession({
      definition: session.definition,
      allocations: session.allocations!,
    });
    expect(request).toEqual([
      42,
      'create_app_session',
      { definition: session.definition, allocations: session.allocations },
      1_700_000_000_000,
    ]);
    expect(await service.signSessionRequest(request)).toBe('0xsig');
  });

  it('creates: dispatches once and resolves with the id when the node confirms, rejects with its words', async () => {
    const dispatched = spyOn(store, 'dispatch').and.callThrough();
    const session = aSession();
    const request = service.prepareSession({
      definition: session.definition,
      allocations: session.allocations!,
    });
    const created = service.createSession(request, ['0xsig'], 'Dinner');
    await Promise.resolve();
    expect(dispatched).toHaveBeenCalledWith(
      CreateSessionFormActions.createSubmitted({
        key: 'create:1',
        request,
        signatures: ['0xsig'],
        label: 'Dinner',
      }),
    );
    actions.next(ClearNodeApiActions.createSucceeded({ key: 'create:1', session, at: 1 }));
    expect(await created).toBe(SESSION_ID);

    const failing = service.createSession(request, ['0xsig']);
    await Promise.resolve();
    actions.next(
      ClearNodeApiActions.createFailed({
        key: 'create:1',
        error: 'insufficient funds: 0x… for asset ytest.usd',
        at: 1,
      }),
    );
    await expectAsync(failing).toBeRejectedWithError('insufficient funds: 0x… for asset ytest.usd');
  });

  it('turns writes into actions with a fresh key per intent', () => {
    const dispatched = spyOn(store, 'dispatch');
    service.submitState(SESSION_ID.toUpperCase().replace('0X', '0x'), [], '{"a":1}');
    service.closeSession(SESSION_ID, []);
    service.sendMessage(SESSION_ID, 'text', 'hi');
    const [submit, close, message] = dispatched.calls
      .allArgs()
      .map(([action]) => action as unknown as Record<string, unknown>);
    expect(submit['type']).toBe(SessionPageActions.stateSubmitted.type);
    expect(submit['sessionId']).toBe(SESSION_ID);
    expect(submit['sessionData']).toBe('{"a":1}');
    expect(close['type']).toBe(SessionPageActions.closeConfirmed.type);
    expect(message['dataJson']).toBe('"hi"');
    expect(new Set([submit['key'], close['key'], message['key']]).size).toBe(3);
  });

  it('announces every close', () => {
    const seen: unknown[] = [];
    service.onSessionClosed.subscribe((event) => seen.push(event));
    actions.next(
      SessionLifecycleActions.sessionClosed({
        at: NOW,
        sessionId: SESSION_ID,
        wallet: ALICE,
        closedBy: 'participant',
        finalAllocations: null,
      }),
    );
    expect(seen).toEqual([{ id: SESSION_ID, finalAllocations: null }]);
  });

  it('approves a deposit into my share only when my balance covers it; else declines saying why', async () => {
    const session = aSession({
      definition: { ...aSession().definition, weights: [50, 50], quorum: 100 },
      allocations: [
        { participant: ALICE, asset: 'ytest.usd', amount: '10' },
        { participant: BOB, asset: 'ytest.usd', amount: '0' },
      ],
    });
    const content: OperationContent = {
      kind: 'deposit',
      sessionId: SESSION_ID,
      baseVersion: 1,
      allocations: [
        { participant: ALICE, asset: 'ytest.usd', amount: '15' },
        { participant: BOB, asset: 'ytest.usd', amount: '0' },
      ],
      sessionData: null,
      definition: null,
    };
    const rule = signingRule(content, session.definition, session.allocations!, () => 6);
    const deposit = propose({ id: 'op-d', content, proposer: BOB, deadline: 9e12, rule }, 1);
    const withBalance = (amount: string | null) =>
      store.setState({
        ...initialAppState,
        wallet: { ...initialAppState.wallet, address: ALICE },
        clearNode: { ...initialAppState.clearNode, assets: [USD_ASSET] },
        balances: amount
          ? {
              ...initialAppState.balances,
              ids: ['ytest.usd'],
              entities: { 'ytest.usd': { asset: 'ytest.usd', amount } },
            }
          : initialAppState.balances,
        sessions: sessionsAdapter.setAll([session], { ...initialSessionsState, wallet: ALICE }),
        operations: operationsAdapter.setAll([deposit], initialOperationsState),
      });
    node.client.request.and.returnValue(Promise.resolve({ session_keys: [] }) as never);
    const dispatched = spyOn(store, 'dispatch').and.callThrough();

    withBalance('2');
    const refusal = await service.approve('op-d');
    expect(refusal).toBe(
      'This takes 5 ytest.usd from your ledger balance, which holds 2 ytest.usd.',
    );
    const declined = dispatched.calls.mostRecent().args[0] as unknown as ReturnType<
      typeof OperationInboxActions.declineClicked
    >;
    expect(declined.type).toBe(OperationInboxActions.declineClicked.type);
    expect(declined.reason).toContain('cannot fund their share');

    withBalance('20');
    expect(await service.approve('op-d')).toBeNull();
    expect((dispatched.calls.mostRecent().args[0] as unknown as Action).type).toBe(
      OperationInboxActions.approveClicked.type,
    );
  });

  it('tells who still has to sign, and when a close reaches final-state consensus, once', () => {
    const CAROL = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
    const session = aSession({
      definition: {
        ...aSession().definition,
        participants: [ALICE, BOB, CAROL],
        weights: [33, 33, 34],
        quorum: 51,
      },
    });
    const content: OperationContent = {
      kind: 'close',
      sessionId: SESSION_ID,
      baseVersion: 1,
      allocations: [
        { participant: ALICE, asset: 'ytest.usd', amount: '10' },
        { participant: BOB, asset: 'ytest.usd', amount: '0' },
        { participant: CAROL, asset: 'ytest.usd', amount: '0' },
      ],
      sessionData: null,
      definition: null,
    };
    const rule = signingRule(content, session.definition, content.allocations, () => 6);
    const proposed = propose({ id: 'op-1', content, proposer: ALICE, deadline: 9e12, rule }, 1);
    const withOperation = (operation: Operation) =>
      store.setState({
        ...initialAppState,
        sessions: { ...initialSessionsState, wallet: ALICE },
        operations: operationsAdapter.setAll([operation], initialOperationsState),
      });
    const consensus: unknown[] = [];
    service.finalStateConsensus$.subscribe((event) => consensus.push(event));
    withOperation(proposed);
    const pending: string[][] = [];
    service
      .pendingSigners$(SESSION_ID)
      .subscribe((signers) => pending.push(signers.map((signer) => signer.wallet)));
    expect(pending.at(-1)).toEqual([BOB, CAROL]);
    expect(service.hasFinalStateConsensus(SESSION_ID)).toBeFalse();
    expect(consensus).toEqual([]);

    const approved = approve(proposed, BOB, proposed.contentHash, 2);
    withOperation(approved);
    withOperation({ ...approved, log: [...approved.log, { at: 3, text: 'again' }] });
    // Carol has not answered; her signature is no longer needed, but she is still asked.
    expect(pending.at(-1)).toEqual([CAROL]);
    expect(service.hasFinalStateConsensus(SESSION_ID)).toBeTrue();
    expect(consensus).toEqual([{ operationId: 'op-1', sessionId: SESSION_ID }]);
  });
});
