import { TestBed } from '@angular/core/testing';
import { provideMockActions } from '@ngrx/effects/testing';
import { Action } from '@ngrx/store';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { appSessionId } from '../../shared/allocation';
import { initialAppState } from '../../testing/initial-app-state';
import { MemoryStorage } from '../../testing/memory-storage';
import { runEffect } from '../../testing/run-effect';
import type { Operation } from '../co-signing/operation';
import { WriteClaims } from '../storage/write-claims';
import { createOperation, sessionWriteOperation, type CreateParams } from './alone-operations';
import { ClearNodeApiActions } from './clearnode-api.actions';
import { CreateSessionFormActions } from './create-session-form.actions';
import { createSession, startCreate } from './create-session.effects';
import { OperationSigningActions } from './operations.actions';
import { initialOperationsState, operationsAdapter } from './operations.feature';
import { fakeClearNode, FakeClearNode, refused, settled } from './testing/fake-core.spec-helper';
import { ALICE, aSession, BOB, NOW, SESSION_ID, USD_ASSET } from './testing/session-fixtures';
import {
  BROWSER_STORAGE,
  ClearNodeClient,
  ClearNodeConnectionError,
  ClearNodeRpcError,
  ClearNodeTimeoutError,
  RpcRequest,
  inPlainWords,
} from '../../core';

const ASSETS = [USD_ASSET];
const TAKEN_AT = NOW - 5_000;

describe('CreateSessionEffects', () => {
  const opened = aSession({ label: 'Dinner' });
  const params: CreateParams = { definition: opened.definition, allocations: opened.allocations! };
  const createdId = appSessionId(opened.definition);
  const request: RpcRequest = [1, 'create_app_session', { ...params }, 1_700_000_000_000];
  const submitted = CreateSessionFormActions.createSubmitted({
    key: 'create:1',
    request,
    signatures: ['0xsig'],
    label: 'Dinner',
  });
  /** The create as the reducer took it. */
  const op = createOperation('create:1', params, 'Dinner', ALICE, ASSETS, TAKEN_AT);
  const signed = { request, signatures: ['0xsig'] };
  const started = (operation: Operation = op) =>
    OperationSigningActions.writeStarted({ operation, signed });

  let actions$: Observable<Action>;
  let node: FakeClearNode;
  let store: MockStore;
  let claims: WriteClaims;
  let scheduler: TestScheduler;

  function appState({
    operations = [op] as readonly Operation[],
    wallet = ALICE as string | null,
  } = {}) {
    return {
      ...initialAppState,
      wallet: { ...initialAppState.wallet, address: wallet },
      clearNode: { ...initialAppState.clearNode, assets: ASSETS },
      operations: operationsAdapter.setAll([...operations], initialOperationsState),
    };
  }

  beforeEach(() => {
    spyOn(Date, 'now').and.returnValue(NOW);
    node = fakeClearNode();
    TestBed.configureTestingModule({
      providers: [
        provideMockActions(() => actions$),
        provideMockStore({ initialState: appState() }),
        { provide: ClearNodeClient, useValue: node.client },
        { provide: BROWSER_STORAGE, useValue: new MemoryStorage() },
      ],
    });
    store = TestBed.inject(MockStore);
    claims = TestBed.inject(WriteClaims);
    scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  describe('start', () => {
    it('turns the signed create into its operation, keeping the request as signed', () => {
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: submitted });
        expectObservable(runEffect(startCreate)).toBe('-b', {
          b: OperationSigningActions.writeStarted({
            operation: createOperation('create:1', params, 'Dinner', ALICE, ASSETS, NOW),
            signed: { request, signatures: ['0xsig'] },
          }),
        });
      });
    });

    it('gives it the id the node will give the session, from version 0, needing only the funder', () => {
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: submitted });
        expectObservable(runEffect(startCreate)).toBe('-b', {
          b: OperationSigningActions.writeStarted({
            operation: jasmine.objectContaining({
              id: 'create:1',
              content: {
                kind: 'create',
                sessionId: createdId,
                baseVersion: 0,
                allocations: opened.allocations!,
                sessionData: null,
                definition: opened.definition,
              },
              proposer: ALICE,
              proposedAt: NOW,
              quorum: 0,
              needs: [
                { wallet: ALICE, weight: 100, required: true, reasons: ['funds'] },
                { wallet: BOB, weight: 0, required: false, reasons: [] },
              ],
              status: 'submitting',
              signedAlone: true,
              label: 'Dinner',
            }) as never,
            signed: { request, signatures: ['0xsig'] },
          }),
        });
      });
    });

    it('keeps the session data of the request', () => {
      const withData: RpcRequest = [
        1,
        'create_app_session',
        { ...params, session_data: '{"a":1}' },
        2,
      ];
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', {
          a: CreateSessionFormActions.createSubmitted({
            key: 'create:2',
            request: withData,
            signatures: ['0xsig'],
            label: null,
          }),
        });
        expectObservable(runEffect(startCreate)).toBe('-b', {
          b: OperationSigningActions.writeStarted({
            operation: jasmine.objectContaining({
              id: 'create:2',
              content: jasmine.objectContaining({ sessionData: '{"a":1}' }),
              label: null,
            }) as never,
            signed: { request: withData, signatures: ['0xsig'] },
          }),
        });
      });
    });

    it('fails at once without a wallet', () => {
      store.setState(appState({ wallet: null }));
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: submitted });
        expectObservable(runEffect(startCreate)).toBe('-b', {
          b: ClearNodeApiActions.createFailed({
            key: 'create:1',
            error: 'Sign in first.',
            at: NOW,
          }),
        });
      });
    });
  });

  describe('send', () => {
    it('sends the signed request as is and opens the session', () => {
      node.client.send.and.returnValue(
        settled({
          id: 1,
          method: 'create_app_session',
          params: {
            app_session_id: SESSION_ID.toUpperCase().replace('0X', '0x'),
            version: 1,
            status: 'open',
          },
          timestamp: 2,
        }),
      );
      const openedAt = new Date(NOW).toISOString();
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: started() });
        expectObservable(runEffect(createSession)).toBe('-b', {
          b: ClearNodeApiActions.createSucceeded({
            key: 'create:1',
            session: {
              ...opened,
              openingAllocations: opened.allocations,
              // My own request told the shares at version 1: no read needed.
              sharesVersion: 1,
              createdAt: openedAt,
              updatedAt: openedAt,
            },
            at: NOW,
          }),
        });
      });
      expect(node.client.send).toHaveBeenCalledOnceWith(request, ['0xsig']);
    });

    it('takes version 1 when the node does not say, and the label of the operation', () => {
      const unnamed = createOperation('create:1', params, null, ALICE, ASSETS, TAKEN_AT);
      store.setState(appState({ operations: [unnamed] }));
      node.client.send.and.returnValue(
        settled({ id: 1, method: 'x', params: { app_session_id: createdId }, timestamp: 2 }),
      );
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: started(unnamed) });
        expectObservable(runEffect(createSession)).toBe('-b', {
          b: ClearNodeApiActions.createSucceeded({
            key: 'create:1',
            session: jasmine.objectContaining({ id: createdId, version: 1, label: null }) as never,
            at: NOW,
          }),
        });
      });
    });

    it('reports the node refusal in plain words (its own beside them) and releases the claim', () => {
      const error = 'missing signature for participant 0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
      node.client.send.and.returnValue(refused(new ClearNodeRpcError('create_app_session', error)));
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: started() });
        expectObservable(runEffect(createSession)).toBe('-b', {
          b: ClearNodeApiActions.createFailed({
            key: 'create:1',
            error: inPlainWords(error),
            at: NOW,
          }),
        });
      });
      expect(claims.claim('create:1')).toBeTrue();
    });

    it('a request that never left (no socket) failed, not unknown', () => {
      node.client.send.and.returnValue(
        refused(new ClearNodeConnectionError('Not connected to the ClearNode.', false)),
      );
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: started() });
        expectObservable(runEffect(createSession)).toBe('-b', {
          b: ClearNodeApiActions.createFailed({
            key: 'create:1',
            error: 'Not connected to the ClearNode.',
            at: NOW,
          }),
        });
      });
    });

    it('refuses a create another tab is sending, without sending it', () => {
      claims.claim('create:1');
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: started() });
        expectObservable(runEffect(createSession)).toBe('-b', {
          b: ClearNodeApiActions.createFailed({
            key: 'create:1',
            error: 'This session is already being created in another tab or window.',
            at: NOW,
          }),
        });
      });
      expect(node.client.send).not.toHaveBeenCalled();
    });

    it('never sends a create the reducer did not keep', () => {
      const first = createOperation('other', params, 'Dinner', ALICE, ASSETS, TAKEN_AT);
      store.setState(appState({ operations: [first] }));
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: started() });
        expectObservable(runEffect(createSession)).toBe('--');
      });
      expect(node.client.send).not.toHaveBeenCalled();
    });

    it('never sends an equal operation that is not the one the store holds', () => {
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: started({ ...op }) });
        expectObservable(runEffect(createSession)).toBe('--');
      });
      expect(node.client.send).not.toHaveBeenCalled();
    });

    it('sends nothing for a create without its signed request, or for another kind of write', () => {
      const update = sessionWriteOperation(
        'k',
        'operate',
        aSession({ version: 2 }),
        opened.allocations!,
        null,
        ALICE,
        ASSETS,
        TAKEN_AT,
      );
      store.setState(appState({ operations: [op, update] }));
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a-b', {
          a: OperationSigningActions.writeStarted({ operation: op, signed: null }),
          b: started(update),
        });
        expectObservable(runEffect(createSession)).toBe('----');
      });
      expect(node.client.send).not.toHaveBeenCalled();
    });
  });

  describe('when the answer is lost', () => {
    const unknown = (error: string, connected: boolean) =>
      ClearNodeApiActions.writeOutcomeUnknown({
        key: 'create:1',
        sessionId: createdId,
        error,
        connected,
        at: NOW,
      });

    it('a dropped connection makes the outcome unknown, with the id the node would give it', () => {
      node.client.send.and.returnValue(
        refused(new ClearNodeConnectionError('The connection to the ClearNode closed (1006).')),
      );
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: started() });
        expectObservable(runEffect(createSession)).toBe('-b', {
          b: unknown('The connection to the ClearNode closed (1006).', false),
        });
      });
      // The claim stays held: the create may be on the node already.
      expect(claims.claim('create:1')).toBeFalse();
    });

    it('a timeout too, on a socket still up', () => {
      node.client.send.and.returnValue(
        refused(new ClearNodeTimeoutError('create_app_session', 30_000)),
      );
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: started() });
        expectObservable(runEffect(createSession)).toBe('-b', {
          b: unknown('The ClearNode did not answer create_app_session within 30 s.', true),
        });
      });
    });

    it('the node refusing a session id it has (a retry racing a late success) is looked up, not failed', () => {
      node.client.send.and.returnValue(
        refused(
          new ClearNodeRpcError('create_app_session', 'failed to create application session'),
        ),
      );
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: started() });
        expectObservable(runEffect(createSession)).toBe('-b', {
          b: unknown(inPlainWords('failed to create application session'), true),
        });
      });
      expect(claims.claim('create:1')).toBeFalse();
    });
  });
});
