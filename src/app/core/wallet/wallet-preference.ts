/** App-wide storage name of the wallet picked last, so a reload returns to it without a prompt. */
export const WALLET_PREFERENCE_KEY = 'wallet-id';
