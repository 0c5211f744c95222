import { TestBed } from '@angular/core/testing';
import { MemoryStorage } from '../../testing/memory-storage';
import { BROWSER_STORAGE } from './browser-storage.token';
import { NamespacedStorage, type ScopedStorageChange } from './namespaced-storage';
import { scopedKey } from './storage-keys';

describe('NamespacedStorage', () => {
  let memory: MemoryStorage;
  let storage: NamespacedStorage;
  const alice = {
    nodeUrl: 'ws://127.0.0.1:8000/ws',
    wallet: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
  };
  const bob = { nodeUrl: alice.nodeUrl, wallet: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' };
  const aliceElsewhere = { nodeUrl: 'wss://clearnet.yellow.com/ws', wallet: alice.wallet };

  beforeEach(() => {
    memory = new MemoryStorage();
    TestBed.configureTestingModule({ providers: [{ provide: BROWSER_STORAGE, useValue: memory }] });
    storage = TestBed.inject(NamespacedStorage);
  });

  it('keeps each node + wallet apart', () => {
    storage.writeScoped(alice, 'session', { jwt: 'a' });
    storage.writeScoped(bob, 'session', { jwt: 'b' });
    expect(storage.readScoped(alice, 'session')).toEqual({ jwt: 'a' });
    expect(storage.readScoped(bob, 'session')).toEqual({ jwt: 'b' });
    expect(storage.readScoped(aliceElsewhere, 'session')).toBeNull();
    storage.removeScoped(alice, 'session');
    expect(storage.readScoped(alice, 'session')).toBeNull();
    expect(storage.readScoped(bob, 'session')).toEqual({ jwt: 'b' });
  });

  it('writes only namespaced keys and treats unreadable values as absent', () => {
    storage.writeApp('node-url', 'ws://x/ws');
    storage.writeScoped(alice, 'session', 1);
    expect(memory.keys().every((key) => key.startsWith('nitrolite-sessions:'))).toBeTrue();
    memory.setItem(scopedKey(alice, 'session'), '{broken');
    expect(storage.readScoped(alice, 'session')).toBeNull();
    expect(storage.readApp('node-url')).toBe('ws://x/ws');
  });

  it('reports scoped changes made in other tabs and ignores other keys', () => {
    // The event needs a real Storage; sessionStorage stands in for localStorage here.
    sessionStorage.clear();
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({
      providers: [{ provide: BROWSER_STORAGE, useValue: sessionStorage }],
    });
    storage = TestBed.inject(NamespacedStorage);
    const seen: ScopedStorageChange[] = [];
    storage.scopedChanges$.subscribe((change) => seen.push(change));
    const fire = (key: string, newValue: string | null) =>
      window.dispatchEvent(
        new StorageEvent('storage', { key, newValue, storageArea: sessionStorage }),
      );
    fire(scopedKey(bob, 'session'), '{"jwt":"b"}');
    fire('someone-else', 'x');
    fire(scopedKey(bob, 'session'), null);
    expect(seen).toEqual([
      {
        key: { nodeUrl: bob.nodeUrl, wallet: bob.wallet.toLowerCase(), name: 'session' },
        newValue: '{"jwt":"b"}',
      },
      {
        key: { nodeUrl: bob.nodeUrl, wallet: bob.wallet.toLowerCase(), name: 'session' },
        newValue: null,
      },
    ]);
    window.dispatchEvent(
      new StorageEvent('storage', {
        key: scopedKey(bob, 'x'),
        newValue: '1',
        storageArea: localStorage,
      }),
    );
    expect(seen.length).withContext('changes to another storage area are not ours').toBe(2);
  });
});
