import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { TestBed } from '@angular/core/testing';
import { Subject } from 'rxjs';
import type { OperationsStorage } from '../storage/operations-storage';
import type { SessionsStorage } from '../storage/sessions-storage';
import type { TabMessage } from '../storage/tab-channel';
import { OperationsStorageActions } from './operations.actions';
import { SessionsStorageActions } from './sessions-storage.actions';
import { initialSessionsState } from './sessions.feature';
import { adoptApprovalsFromAnotherTab, adoptSessionsFromAnotherTab } from './tab-sync.effects';
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

  it('takes the approvals another tab of the same node and wallet stored, and ignores other owners', () => {
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
    const storage = jasmine.createSpyObj<OperationsStorage>('OperationsStorage', ['load']);
    storage.load.and.returnValue({
      operations: [],
      approvedHere: { 'op-1': '0xhash' },
      signedVersions: { [`${'0xs'}:2`]: '0xhash' },
    });
    const actions: unknown[] = [];
    adoptApprovalsFromAnotherTab(
      { messages$: messages, post: () => undefined },
      storage,
      store,
    ).subscribe((action) => actions.push(action));

    messages.next({ kind: 'sessions-stored', nodeUrl: NODE_URL, wallet: ALICE });
    messages.next({ kind: 'operations-stored', nodeUrl: NODE_URL, wallet: BOB });
    messages.next({ kind: 'operations-stored', nodeUrl: 'ws://elsewhere', wallet: ALICE });
    expect(storage.load).not.toHaveBeenCalled();

    messages.next({ kind: 'operations-stored', nodeUrl: NODE_URL, wallet: ALICE });
    expect(storage.load).toHaveBeenCalledOnceWith(NODE_URL, ALICE);
    expect(actions).toEqual([
      OperationsStorageActions.approvalsChangedInAnotherTab({
        approvedHere: { 'op-1': '0xhash' },
        signedVersions: { '0xs:2': '0xhash' },
      }),
    ]);
  });
});
