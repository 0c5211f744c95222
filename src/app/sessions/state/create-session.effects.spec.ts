import { TestBed } from '@angular/core/testing';
import { MemoryStorage } from '../../testing/memory-storage';
import { runEffect } from '../../testing/run-effect';
import { provideMockActions } from '@ngrx/effects/testing';
import { Action } from '@ngrx/store';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { appSessionId } from '../../shared/allocation';
import { ClearNodeApiActions } from './clearnode-api.actions';
import { CreateSessionFormActions } from './create-session-form.actions';
import { createSession } from './create-session.effects';
import { initialSessionsState } from './sessions.feature';
import { fakeClearNode, FakeClearNode, refused, settled } from './testing/fake-core.spec-helper';
import { aSession, SESSION_ID, NOW } from './testing/session-fixtures';
import {
  BROWSER_STORAGE,
  ClearNodeClient,
  ClearNodeConnectionError,
  ClearNodeRpcError,
  ClearNodeTimeoutError,
  RpcRequest,
} from '../../core';

describe('CreateSessionEffects', () => {
  // Overridden selectors are global: leave them as found for the next spec.
  afterEach(() => TestBed.inject(MockStore).resetSelectors());

  const opened = aSession({ label: 'Dinner' });
  const openedWithSplit = { ...opened, openingAllocations: opened.allocations };
  const request: RpcRequest = [
    1,
    'create_app_session',
    { definition: opened.definition, allocations: opened.allocations },
    1_700_000_000_000,
  ];
  const submitted = CreateSessionFormActions.createSubmitted({
    key: 'create:1',
    request,
    signatures: ['0xsig'],
    label: 'Dinner',
  });
  let actions$: Observable<Action>;
  let node: FakeClearNode;
  let scheduler: TestScheduler;

  beforeEach(() => {
    spyOn(Date, 'now').and.returnValue(NOW);
    node = fakeClearNode();
    TestBed.configureTestingModule({
      providers: [
        provideMockActions(() => actions$),
        provideMockStore({
          initialState: {
            sessions: {
              ...initialSessionsState,
              create: { key: 'create:1', status: 'sending', sessionId: null, error: null },
            },
          },
        }),
        { provide: ClearNodeClient, useValue: node.client },
        { provide: BROWSER_STORAGE, useValue: new MemoryStorage() },
      ],
    });
    scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

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
    scheduler.run(({ hot, expectObservable }) => {
      actions$ = hot('-a', { a: submitted });
      expectObservable(runEffect(createSession)).toBe('-b', {
        b: ClearNodeApiActions.createSucceeded({
          key: 'create:1',
          session: {
            ...openedWithSplit,
            createdAt: jasmine.any(String) as never,
            updatedAt: jasmine.any(String) as never,
          },
        }),
      });
    });
    expect(node.client.send).toHaveBeenCalledWith(request, ['0xsig']);
  });

  it('reports the node refusal verbatim', () => {
    const error = 'missing signature for participant 0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
    node.client.send.and.returnValue(refused(new ClearNodeRpcError('create_app_session', error)));
    scheduler.run(({ hot, expectObservable }) => {
      actions$ = hot('-a', { a: submitted });
      expectObservable(runEffect(createSession)).toBe('-b', {
        b: ClearNodeApiActions.createFailed({ key: 'create:1', error }),
      });
    });
  });

  it('never sends a create the reducer did not keep', () => {
    TestBed.inject(MockStore).setState({
      sessions: {
        ...initialSessionsState,
        create: { key: 'other', status: 'sending', sessionId: null, error: null },
      },
    });
    scheduler.run(({ hot, expectObservable }) => {
      actions$ = hot('-a', { a: submitted });
      expectObservable(runEffect(createSession)).toBe('--');
    });
    expect(node.client.send).not.toHaveBeenCalled();
  });

  describe('when the answer is lost', () => {
    const unknown = (error: string, connected: boolean) =>
      ClearNodeApiActions.writeOutcomeUnknown({
        write: {
          kind: 'create',
          key: 'create:1',
          sessionId: appSessionId(opened.definition),
          since: jasmine.any(Number) as never,
          definition: opened.definition,
          allocations: opened.allocations!,
          sessionData: null,
          label: 'Dinner',
        },
        error,
        connected,
      });

    it('a dropped connection makes the outcome unknown, with the id the node would give it', () => {
      node.client.send.and.returnValue(
        refused(new ClearNodeConnectionError('The connection to the ClearNode closed (1006).')),
      );
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: submitted });
        expectObservable(runEffect(createSession)).toBe('-b', {
          b: unknown('The connection to the ClearNode closed (1006).', false),
        });
      });
    });

    it('a timeout too, on a socket still up', () => {
      node.client.send.and.returnValue(
        refused(new ClearNodeTimeoutError('create_app_session', 30_000)),
      );
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: submitted });
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
        actions$ = hot('-a', { a: submitted });
        expectObservable(runEffect(createSession)).toBe('-b', {
          b: unknown('failed to create application session', true),
        });
      });
    });
  });
});
