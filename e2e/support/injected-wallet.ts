import type { Page } from '@playwright/test';
import { Wallet, getBytes, isHexString } from 'ethers';

/** What the wallet does with a request that would show a prompt. */
export type PromptDecision = 'approve' | 'reject';

export interface InjectedWalletOptions {
  /** One private key per page = one participant. Random when omitted. */
  readonly privateKey?: string;
  readonly chainId?: string;
  /** How the wallet names itself through EIP-6963. */
  readonly name?: string;
  readonly rdns?: string;
  /** The site is already connected (as in a second tab of the same browser profile). */
  readonly authorised?: boolean;
}

interface WalletRequest {
  readonly method: string;
  readonly params?: unknown;
}

type WalletReply = { result: unknown } | { error: { code: number; message: string } };

const PROMPTING = new Set(['eth_requestAccounts', 'eth_signTypedData_v4', 'personal_sign']);

/**
 * A browser wallet for tests: an EIP-1193 provider announced through EIP-6963 and set as
 * `window.ethereum`, whose requests are answered in the test process by an ethers Wallet. Each
 * request that would show a prompt is approved or rejected (code 4001) as the test decides.
 */
export class InjectedWallet {
  private wallet: Wallet;
  private chainId: string;
  /** Accounts this site may see (eth_accounts), granted by an approved eth_requestAccounts. */
  private authorised = false;
  private readonly queued: PromptDecision[] = [];
  private fallback: PromptDecision = 'approve';
  /** Every prompt shown, in order, with what was decided. */
  readonly prompts: { method: string; decision: PromptDecision }[] = [];

  private constructor(
    private readonly page: Page,
    options: InjectedWalletOptions,
  ) {
    this.wallet = new Wallet(options.privateKey ?? Wallet.createRandom().privateKey);
    this.chainId = options.chainId ?? '0x1';
    this.authorised = options.authorised ?? false;
  }

  /** Installs the wallet into `page`; it survives reloads and navigations. */
  static async install(page: Page, options: InjectedWalletOptions = {}): Promise<InjectedWallet> {
    const injected = new InjectedWallet(page, options);
    await page.exposeFunction('__injectedWalletRequest', (json: string) =>
      injected.handle(JSON.parse(json) as WalletRequest),
    );
    await page.addInitScript(installProvider, {
      name: options.name ?? 'MetaMask',
      rdns: options.rdns ?? 'io.metamask',
    });
    return injected;
  }

  get address(): string {
    return this.wallet.address;
  }

  get privateKey(): string {
    return this.wallet.privateKey;
  }

  /** Decides the next prompts, in order; later prompts fall back to `always`. */
  decideNext(...decisions: PromptDecision[]): void {
    this.queued.push(...decisions);
  }

  /** What every prompt gets when nothing is queued. */
  always(decision: PromptDecision): void {
    this.fallback = decision;
  }

  promptCount(method?: string): number {
    return this.prompts.filter((p) => method === undefined || p.method === method).length;
  }

  /** Switches to another account, as a person does in the wallet, and tells the page. */
  async switchAccount(privateKey: string = Wallet.createRandom().privateKey): Promise<string> {
    this.wallet = new Wallet(privateKey);
    await this.emit('accountsChanged', this.authorised ? [this.wallet.address.toLowerCase()] : []);
    return this.wallet.address;
  }

  async switchChain(chainId: string): Promise<void> {
    this.chainId = chainId;
    await this.emit('chainChanged', chainId);
  }

  /** The site loses access (as after "disconnect this site" in the wallet). */
  async revokeAccess(): Promise<void> {
    this.authorised = false;
    await this.emit('accountsChanged', []);
  }

  private async emit(event: string, data: unknown): Promise<void> {
    await this.page.evaluate(
      ([e, d]) =>
        (
          window as unknown as { __injectedWalletEmit(e: string, d: unknown): void }
        ).__injectedWalletEmit(e, d),
      [event, data] as const,
    );
  }

  private decide(method: string): PromptDecision {
    const decision = this.queued.shift() ?? this.fallback;
    this.prompts.push({ method, decision });
    return decision;
  }

  private async handle(request: WalletRequest): Promise<WalletReply> {
    const { method } = request;
    const params = Array.isArray(request.params) ? request.params : [];
    try {
      if (PROMPTING.has(method) && !(method === 'eth_requestAccounts' && this.authorised)) {
        if (this.decide(method) === 'reject')
          return { error: { code: 4001, message: 'User rejected the request.' } };
      }
      return { result: await this.answer(method, params) };
    } catch (error) {
      return {
        error: { code: -32603, message: error instanceof Error ? error.message : String(error) },
      };
    }
  }

  private async answer(method: string, params: unknown[]): Promise<unknown> {
    // Real wallets report lowercase addresses; the app must checksum them itself.
    const account = this.wallet.address.toLowerCase();
    switch (method) {
      case 'eth_requestAccounts':
        this.authorised = true;
        return [account];
      case 'eth_accounts':
        return this.authorised ? [account] : [];
      case 'eth_chainId':
        return this.chainId;
      case 'net_version':
        return String(parseInt(this.chainId, 16));
      case 'eth_signTypedData_v4': {
        const [from, json] = params as [string, string];
        this.assertAccount(from);
        const data = typeof json === 'string' ? JSON.parse(json) : json;
        const types = { ...data.types };
        delete types.EIP712Domain;
        return this.wallet.signTypedData(data.domain, types, data.message);
      }
      case 'personal_sign': {
        const [message, from] = params as [string, string];
        this.assertAccount(from);
        return this.wallet.signMessage(isHexString(message) ? getBytes(message) : message);
      }
      default:
        throw Object.assign(new Error(`The test wallet does not support ${method}.`), {
          code: 4200,
        });
    }
  }

  private assertAccount(from: string): void {
    if (!this.authorised || from.toLowerCase() !== this.wallet.address.toLowerCase()) {
      throw new Error(`The test wallet cannot sign for ${from}.`);
    }
  }
}

/** Runs in the page before any app script. */
function installProvider(info: { name: string; rdns: string }): void {
  type Listener = (...args: unknown[]) => void;
  const listeners = new Map<string, Set<Listener>>();
  const bridge = (
    window as unknown as { __injectedWalletRequest(json: string): Promise<WalletReply> }
  ).__injectedWalletRequest;
  const provider = {
    isMetaMask: info.rdns === 'io.metamask',
    async request(args: { method: string; params?: unknown }) {
      const reply = await bridge(
        JSON.stringify({ method: args.method, params: args.params ?? [] }),
      );
      if ('error' in reply)
        throw Object.assign(new Error(reply.error.message), { code: reply.error.code });
      return reply.result;
    },
    on(event: string, listener: Listener) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
      return provider;
    },
    removeListener(event: string, listener: Listener) {
      listeners.get(event)?.delete(listener);
      return provider;
    },
  };
  Object.assign(window, {
    ethereum: provider,
    __injectedWalletEmit(event: string, data: unknown) {
      for (const listener of listeners.get(event) ?? []) listener(data);
    },
  });
  const icon = 'data:image/svg+xml,%3Csvg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/%3E';
  const detail = Object.freeze({
    info: Object.freeze({ uuid: crypto.randomUUID(), name: info.name, icon, rdns: info.rdns }),
    provider,
  });
  const announce = () =>
    window.dispatchEvent(new CustomEvent('eip6963:announceProvider', { detail }));
  window.addEventListener('eip6963:requestProvider', announce);
  announce();
}
