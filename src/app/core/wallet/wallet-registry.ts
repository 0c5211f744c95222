import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import {
  LOCAL_TEST_WALLET_ID,
  METAMASK_RDNS,
  type Eip1193Provider,
  type Eip6963ProviderDetail,
  type WalletInfo,
} from './eip1193';

const WINDOW_ETHEREUM_ID = 'window.ethereum';

/**
 * The wallets in this browser: EIP-6963 announcements, then `window.ethereum` when nothing
 * announces itself. MetaMask first. Providers stay here; the store only sees `WalletInfo`.
 */
@Injectable({ providedIn: 'root' })
export class WalletRegistry {
  private readonly providers = new Map<string, Eip1193Provider>();
  private readonly list = signal<readonly WalletInfo[]>([]);
  readonly wallets = this.list.asReadonly();

  constructor() {
    if (typeof window === 'undefined') return;
    const onAnnounce = (event: Event) =>
      this.add((event as CustomEvent<Eip6963ProviderDetail>).detail);
    window.addEventListener('eip6963:announceProvider', onAnnounce);
    inject(DestroyRef).onDestroy(() =>
      window.removeEventListener('eip6963:announceProvider', onAnnounce),
    );
    this.discover();
  }

  /** Asks wallets to announce themselves again and adds the legacy injected one if alone. */
  discover(): void {
    window.dispatchEvent(new Event('eip6963:requestProvider'));
    const injected = (window as unknown as { ethereum?: Eip1193Provider }).ethereum;
    if (injected && ![...this.providers.values()].includes(injected)) {
      this.register(
        {
          id: WINDOW_ETHEREUM_ID,
          name: injected.isMetaMask ? 'MetaMask' : 'Browser wallet',
          icon: null,
          rdns: injected.isMetaMask ? METAMASK_RDNS : 'injected',
        },
        injected,
      );
    }
  }

  provider(id: string): Eip1193Provider | null {
    return this.providers.get(id) ?? null;
  }

  /** Registers an extra provider, such as the local test wallet. */
  register(info: WalletInfo, provider: Eip1193Provider): void {
    this.providers.set(info.id, provider);
    this.list.update((wallets) => sortWallets([...wallets.filter((w) => w.id !== info.id), info]));
  }

  private add(detail: Eip6963ProviderDetail | undefined): void {
    if (!detail?.info?.uuid || typeof detail.provider?.request !== 'function') return;
    // The legacy entry is the same wallet as an announced one: keep the announced entry only.
    const legacy = this.providers.get(WINDOW_ETHEREUM_ID);
    if (legacy === detail.provider) {
      this.providers.delete(WINDOW_ETHEREUM_ID);
      this.list.update((wallets) => wallets.filter((w) => w.id !== WINDOW_ETHEREUM_ID));
    }
    const { uuid, name, icon, rdns } = detail.info;
    // The uuid changes on every page load; the rdns names the wallet across reloads.
    this.register({ id: rdns || uuid, name, icon: icon || null, rdns }, detail.provider);
  }
}

/** MetaMask first, the local test wallet last, the rest by name. */
export function sortWallets(wallets: readonly WalletInfo[]): WalletInfo[] {
  const rank = (w: WalletInfo) =>
    w.rdns === METAMASK_RDNS ? 0 : w.id === LOCAL_TEST_WALLET_ID ? 2 : 1;
  return [...wallets].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}
