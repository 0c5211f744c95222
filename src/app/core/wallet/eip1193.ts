/** The slice of EIP-1193 the app uses. */
export interface Eip1193Provider {
  request(args: { method: string; params?: unknown[] | Record<string, unknown> }): Promise<unknown>;
  on?(event: string, listener: (...args: unknown[]) => void): void;
  removeListener?(event: string, listener: (...args: unknown[]) => void): void;
  readonly isMetaMask?: boolean;
}

/** EIP-6963 provider info. */
export interface Eip6963ProviderInfo {
  readonly uuid: string;
  readonly name: string;
  readonly icon: string;
  readonly rdns: string;
}

export interface Eip6963ProviderDetail {
  readonly info: Eip6963ProviderInfo;
  readonly provider: Eip1193Provider;
}

/** A wallet the person can pick, serialisable for the store. */
export interface WalletInfo {
  readonly id: string;
  readonly name: string;
  readonly icon: string | null;
  readonly rdns: string;
  /** The throwaway key kept in this browser, offered for local nodes only. */
  readonly isLocalTestWallet?: boolean;
}

export const METAMASK_RDNS = 'io.metamask';
export const LOCAL_TEST_WALLET_ID = 'local-test-wallet';
