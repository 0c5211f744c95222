import { Subject } from 'rxjs';
import type { SessionsStorage } from '../storage/sessions-storage';
import type { TabMessage } from '../storage/tab-channel';
import { SessionsStorageActions } from './sessions-storage.actions';
import { adoptSessionsFromAnotherTab } from './tab-sync.effects';
import { ALICE, aSession, NODE_URL } from './testing/session-fixtures';

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
});
