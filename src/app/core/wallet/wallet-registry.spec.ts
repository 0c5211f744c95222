import { TestBed } from '@angular/core/testing';
import type { Eip1193Provider } from './eip1193';
import { WalletRegistry, sortWallets } from './wallet-registry';

describe('WalletRegistry', () => {
  const provider = (isMetaMask = false): Eip1193Provider => ({
    isMetaMask,
    request: async () => null,
  });
  let original: unknown;

  beforeEach(() => (original = (window as unknown as { ethereum?: unknown }).ethereum));
  afterEach(() => Object.assign(window, { ethereum: original }));

  function announce(rdns: string, name: string, p: Eip1193Provider) {
    window.dispatchEvent(
      new CustomEvent('eip6963:announceProvider', {
        detail: { info: { uuid: crypto.randomUUID(), name, icon: '', rdns }, provider: p },
      }),
    );
  }

  it('lists wallets that announce themselves, MetaMask first, named by rdns across reloads', () => {
    const registry = TestBed.inject(WalletRegistry);
    const metamask = provider(true);
    announce('com.other', 'Other', provider());
    announce('io.metamask', 'MetaMask', metamask);
    expect(registry.wallets().map((w) => w.id)).toEqual(['io.metamask', 'com.other']);
    expect(registry.provider('io.metamask')).toBe(metamask);
  });

  it('falls back to window.ethereum and drops it once the same wallet announces itself', () => {
    const injected = provider(true);
    Object.assign(window, { ethereum: injected });
    const registry = TestBed.inject(WalletRegistry);
    expect(registry.wallets().map((w) => w.name)).toContain('MetaMask');
    announce('io.metamask', 'MetaMask', injected);
    expect(registry.wallets().filter((w) => w.name === 'MetaMask').length).toBe(1);
    expect(registry.wallets()[0].id).toBe('io.metamask');
  });

  it('ignores malformed announcements', () => {
    const registry = TestBed.inject(WalletRegistry);
    const before = registry.wallets().length;
    window.dispatchEvent(
      new CustomEvent('eip6963:announceProvider', { detail: { info: { name: 'x' } } }),
    );
    expect(registry.wallets().length).toBe(before);
  });

  it('keeps the local test wallet last', () => {
    const sorted = sortWallets([
      {
        id: 'local-test-wallet',
        name: 'Local test wallet',
        icon: null,
        rdns: 'local',
        isLocalTestWallet: true,
      },
      { id: 'b', name: 'B', icon: null, rdns: 'b' },
      { id: 'io.metamask', name: 'MetaMask', icon: null, rdns: 'io.metamask' },
    ]);
    expect(sorted.map((w) => w.id)).toEqual(['io.metamask', 'b', 'local-test-wallet']);
  });
});
