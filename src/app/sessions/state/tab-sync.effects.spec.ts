import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { TestBed } from '@angular/core/testing';
import { Subject } from 'rxjs';
import type { SessionsStorage } from '../storage/sessions-storage';
import type { TabMessage } from '../storage/tab-channel';
import { OperationsStorageActions } from './operations.actions';
import { SessionsStorageActions } from './sessions-storage.actions';
import { initialSessionsState } from './sessions.feature';
import { adoptAnswersFromAnotherTab, adoptSessionsFromAnotherTab } from './tab-sync.effects';
import { ALICE, aSession, BOB, NODE_URL } from './testing/session-fixtures';

describe('tab sync effects', () => {
  it('reads what another tab stored for the owner it names, when it says so', () => {
    const messages = new Subject<TabMessage>();
    const stored = [aSession({ label: 'Dinner' })];
    const storage = jasmine.createSpyObj<SessionsStorage>('SessionsStorage', ['load']);
    storage.load.and.returnValue(stored);
    const actions: unknown[] = [];
    adoptSessionsFromAnotherTab({ messages$: messages, post: () => undefined }, storage).subscribe(
      (action) => actions.push(action),
    );
    expect(storage.load).not.toHaveBeenCalled();

    messages.next({ kind: 'sessions-stored', nodeUrl: NODE_URL, wallet: ALICE });
    expect(storage.load).toHaveBeenCalledOnceWith(NODE_URL, ALICE);
    expect(actions).toEqual([
      SessionsStorageActions.changedInAnotherTab({
        nodeUrl: NODE_URL,
        wallet: ALICE,
        sessions: stored,
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

    messages.next({ kind: 'sessions-stored', nodeUrl: NODE_URL, wallet: ALICE });
    messages.next({ kind: 'answers', nodeUrl: NODE_URL, wallet: BOB, answers });
    messages.next({ kind: 'answers', nodeUrl: 'ws://elsewhere', wallet: ALICE, answers });
    expect(actions).toEqual([]);

    messages.next({ kind: 'answers', nodeUrl: NODE_URL, wallet: ALICE, answers });
    expect(actions).toEqual([OperationsStorageActions.answersChangedInAnotherTab({ answers })]);
  });
});
