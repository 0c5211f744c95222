import { TypedDataEncoder, Wallet, getAddress, getBytes, hexlify, isHexString, randomBytes } from 'ethers';
import type { Eip1193Provider } from './eip1193';

/** Chain id reported by the local test wallet (a local dev chain). */
export const LOCAL_TEST_CHAIN_ID = '0x7a69';

/**
 * A throwaway EIP-1193 wallet backed by a key kept in this browser, for trying the app against
 * a local ClearNode without a browser wallet. It signs without asking: it holds no real funds.
 */
export function localTestWalletProvider(privateKey: string): Eip1193Provider {
  const wallet = new Wallet(privateKey);
  return {
    async request({ method, params }) {
      const args = Array.isArray(params) ? params : [];
      switch (method) {
        case 'eth_requestAccounts':
        case 'eth_accounts':
          return [wallet.address];
        case 'eth_chainId':
          return LOCAL_TEST_CHAIN_ID;
        case 'eth_signTypedData_v4': {
          const [address, json] = args as [string, string];
          if (getAddress(address) !== wallet.address) throw Object.assign(new Error('Unknown account'), { code: 4100 });
          const data = typeof json === 'string' ? JSON.parse(json) : json;
          const types = { ...data.types };
          delete types.EIP712Domain;
          // Same digest as TypedDataEncoder.hash; signing the digest keeps the key's behaviour explicit.
          return wallet.signingKey.sign(TypedDataEncoder.hash(data.domain, types, data.message)).serialized;
        }
        case 'personal_sign': {
          const [message] = args as [string];
          return wallet.signMessage(isHexString(message) ? getBytes(message) : message);
        }
        default:
          throw Object.assign(new Error(`The local test wallet does not support ${method}.`), { code: 4200 });
      }
    },
  };
}

export function generateLocalTestKey(): string {
  return hexlify(randomBytes(32));
}
