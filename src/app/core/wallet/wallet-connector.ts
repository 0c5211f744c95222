import { DestroyRef, Injectable, inject } from '@angular/core';
import { Observable, Subject } from 'rxjs';
import { checksumAddress } from '../../shared/money/address';
import { NamespacedStorage } from '../storage/namespaced-storage';
import { LOCAL_TEST_WALLET_ID, type Eip1193Provider } from './eip1193';
import { WalletRegistry } from './wallet-registry';

export interface WalletAccount {
  readonly walletId: string;
  /** Checksummed, or null when the wallet shares no account. */
  readonly address: string | null;
  readonly chainId: string | null;
}

export type WalletEvent =
  | { readonly type: 'accountsChanged'; readonly address: string | null }
  | { readonly type: 'chainChanged'; readonly chainId: string }
  | { readonly type: 'disconnect' };

const LOCAL_TEST_KEY = 'local-test-wallet-key';

/** Talks to the chosen wallet: connect, silent restore, EIP-712 signatures, and its events. */
@Injectable({ providedIn: 'root' })
export class WalletConnector {
  private readonly registry = inject(WalletRegistry);
  private readonly storage = inject(NamespacedStorage);
  private active: { id: string; provider: Eip1193Provider; detach: () => void } | null = null;
  private readonly events = new Subject<WalletEvent>();
  readonly events$: Observable<WalletEvent> = this.events.asObservable();

  constructor() {
    // The wallet's provider lives on the page: its listeners must not outlive the app (or a test).
    inject(DestroyRef).onDestroy(() => this.disconnect());
  }

  /** Prompts the wallet (eth_requestAccounts). */
  async connect(walletId: string): Promise<WalletAccount> {
    const provider = await this.providerFor(walletId, true);
    const accounts = (await provider.request({ method: 'eth_requestAccounts' })) as string[];
    return this.activate(walletId, provider, accounts);
  }

  /** No prompt (eth_accounts): the account the wallet already shares with this site, if any. */
  async restore(walletId: string): Promise<WalletAccount> {
    const provider = await this.providerFor(walletId, false);
    const accounts = (await provider.request({ method: 'eth_accounts' })) as string[];
    return this.activate(walletId, provider, accounts);
  }

  disconnect(): void {
    this.active?.detach();
    this.active = null;
  }

  async signTypedData(address: string, typedData: unknown): Promise<string> {
    if (!this.active) throw new Error('No wallet is connected.');
    const signature = await this.active.provider.request({
      method: 'eth_signTypedData_v4',
      // MetaMask lowercases nothing here, but takes the typed data as a JSON string.
      params: [address, JSON.stringify(typedData)],
    });
    return String(signature);
  }

  /** Whether a local test key already exists in this browser. */
  hasLocalTestWallet(): boolean {
    return this.storage.readApp<string>(LOCAL_TEST_KEY) !== null;
  }

  private async providerFor(walletId: string, create: boolean): Promise<Eip1193Provider> {
    const known = this.registry.provider(walletId);
    if (known) return known;
    if (walletId === LOCAL_TEST_WALLET_ID) {
      const module = await import('./local-test-wallet-provider');
      let key = this.storage.readApp<string>(LOCAL_TEST_KEY);
      if (!key) {
        if (!create) throw new Error('This browser has no local test wallet.');
        key = module.generateLocalTestKey();
        this.storage.writeApp(LOCAL_TEST_KEY, key);
      }
      const provider = module.localTestWalletProvider(key);
      this.registry.register(
        {
          id: LOCAL_TEST_WALLET_ID,
          name: 'Local test wallet',
          icon: null,
          rdns: 'local',
          isLocalTestWallet: true,
        },
        provider,
      );
      return provider;
    }
    throw new Error('That wallet is no longer available in this browser.');
  }

  private async activate(
    walletId: string,
    provider: Eip1193Provider,
    accounts: string[],
  ): Promise<WalletAccount> {
    const chainId = await provider.request({ method: 'eth_chainId' }).then(String, () => null);
    if (this.active?.provider !== provider) {
      this.active?.detach();
      this.active = { id: walletId, provider, detach: this.listen(provider) };
    }
    return { walletId, address: firstAccount(accounts), chainId };
  }

  private listen(provider: Eip1193Provider): () => void {
    const onAccounts = (accounts: unknown) =>
      this.events.next({ type: 'accountsChanged', address: firstAccount(accounts as string[]) });
    const onChain = (chainId: unknown) =>
      this.events.next({ type: 'chainChanged', chainId: String(chainId) });
    const onDisconnect = () => this.events.next({ type: 'disconnect' });
    provider.on?.('accountsChanged', onAccounts);
    provider.on?.('chainChanged', onChain);
    provider.on?.('disconnect', onDisconnect);
    return () => {
      provider.removeListener?.('accountsChanged', onAccounts);
      provider.removeListener?.('chainChanged', onChain);
      provider.removeListener?.('disconnect', onDisconnect);
    };
  }
}

function firstAccount(accounts: readonly string[] | null | undefined): string | null {
  const first = Array.isArray(accounts) ? accounts[0] : undefined;
  return typeof first === 'string' && /^0x[0-9a-fA-F]{40}$/.test(first)
    ? checksumAddress(first)
    : null;
}
