import { appKey, isInScope, parseScopedKey, scopedKey } from './storage-keys';

describe('storage keys', () => {
  const node = 'ws://127.0.0.1:8000/ws';
  const wallet = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';

  it('scopes per node and wallet, case-insensitively for the wallet', () => {
    const key = scopedKey({ nodeUrl: node, wallet }, 'session');
    expect(key).toBe(scopedKey({ nodeUrl: node, wallet: wallet.toLowerCase() }, 'session'));
    expect(key).not.toBe(scopedKey({ nodeUrl: 'wss://clearnet.yellow.com/ws', wallet }, 'session'));
    expect(key).not.toBe(
      scopedKey({ nodeUrl: node, wallet: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' }, 'session'),
    );
    expect(key).not.toBe(appKey('session'));
  });

  it('reads scoped keys back, even with colons in the node URL and the name', () => {
    const parsed = parseScopedKey(scopedKey({ nodeUrl: node, wallet }, 'sessions:index'));
    expect(parsed).toEqual({ nodeUrl: node, wallet: wallet.toLowerCase(), name: 'sessions:index' });
    expect(isInScope(parsed!, { nodeUrl: node, wallet })).toBeTrue();
    expect(isInScope(parsed!, { nodeUrl: 'ws://other/ws', wallet })).toBeFalse();
    expect(parseScopedKey(appKey('node-url'))).toBeNull();
    expect(parseScopedKey('unrelated')).toBeNull();
  });
});
