import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { TestBed } from '@angular/core/testing';
import { Subject } from 'rxjs';
import type { TabMessage } from '../storage/tab-channel';
import { OperationsStorageActions } from './operations.actions';
import { SessionsStorageActions } from './sessions-storage.actions';
import { initialSessionsState } from './sessions.feature';
import { adoptAnswersFromAnotherTab, adoptSessionsFromAnotherTab } from './tab-sync.effects';
import { ALICE, aSession, BOB, NODE_URL } from './testing/session-fixtures';

describe('tab sync effects', () => {
  it('takes the sessions another tab says changed there, leaving out what is no session', () => {
    const messages = new Subject<TabMessage>();
    const changed = aSession({ label: 'Dinner' });
    const actions: unknown[] = [];
    adoptSessionsFromAnotherTab({ messages$: messages, post: () => undefined }).subscribe(
      (action) => actions.push(action),
    );
    messages.next({
      kind: 'sessions',
      nodeUrl: NODE_URL,
      wallet: ALICE,
      sessions: [changed, { id: 42 }, null],
    });
    expect(actions).toEqual([
      SessionsStorageActions.changedInAnotherTab({
        nodeUrl: NODE_URL,
        wallet: ALICE,
        sessions: [changed],
      }),
    ]);
  });

  it('takes the answers another tab of the same node and wallet tells, and ignores other owners', () => {
    TestBed.configureTestingModule({
      providers: [
        provideMockStore({
          initialState: {
            sessions: { ...initialSessionsState, nodeUrl: NODE_URL, wallet: ALICE },
          },
        }),
      ],
    });
    const store = TestBed.inject(MockStore);
    const messages = new Subject<TabMessage>();
    const answers = {
      approvedHere: { 'op-1': '0xhash' },
      declinedHere: { 'op-2': '0xother' },
      signedVersions: { '0xs:2': '0xhash' },
    };
    const actions: unknown[] = [];
    adoptAnswersFromAnotherTab({ messages$: messages, post: () => undefined }, store).subscribe(
      (action) => actions.push(action),
    );

    messages.next({ kind: 'sessions', nodeUrl: NODE_URL, wallet: ALICE, sessions: [] });
    messages.next({ kind: 'answers', nodeUrl: NODE_URL, wallet: BOB, answers });
    messages.next({ kind: 'answers', nodeUrl: 'ws://elsewhere', wallet: ALICE, answers });
    expect(actions).toEqual([]);

    messages.next({ kind: 'answers', nodeUrl: NODE_URL, wallet: ALICE, answers });
    expect(actions).toEqual([OperationsStorageActions.answersChangedInAnotherTab({ answers })]);
  });
});
