import {
  SigningKey,
  TypedDataEncoder,
  computeAddress,
  getAddress,
  getBytes,
  hashMessage,
  hexlify,
  isHexString,
  randomBytes,
} from 'ethers';
import type { Eip1193Provider } from './eip1193';

/** Chain id reported by the local test wallet (a local dev chain). */
const LOCAL_TEST_CHAIN_ID = '0x7a69';

/**
 * A throwaway EIP-1193 wallet backed by a key kept in this browser, for trying the app against
 * a local ClearNode without a browser wallet. It signs without asking: it holds no real funds.
 * A bare signing key rather than a full ethers Wallet keeps keystore and mnemonic code out of
 * the bundle.
 */
export function localTestWalletProvider(privateKey: string): Eip1193Provider {
  const key = new SigningKey(privateKey);
  const address = computeAddress(key.publicKey);
  return {
    async request({ method, params }) {
      const args = Array.isArray(params) ? params : [];
      switch (method) {
        case 'eth_requestAccounts':
        case 'eth_accounts':
          return [address];
        case 'eth_chainId':
          return LOCAL_TEST_CHAIN_ID;
        case 'eth_signTypedData_v4': {
          const [from, json] = args as [string, string | Record<string, unknown>];
          if (getAddress(from) !== address)
            throw Object.assign(new Error('Unknown account.'), { code: 4100 });
          const data = (typeof json === 'string' ? JSON.parse(json) : json) as {
            domain: Record<string, unknown>;
            types: Record<string, { name: string; type: string }[]>;
            message: Record<string, unknown>;
          };
          const types = { ...data.types };
          delete types['EIP712Domain'];
          return key.sign(TypedDataEncoder.hash(data.domain, types, data.message)).serialized;
        }
        case 'personal_sign': {
          const [message] = args as [string];
          return key.sign(hashMessage(isHexString(message) ? getBytes(message) : message))
            .serialized;
        }
        default:
          throw Object.assign(new Error(`The local test wallet does not support ${method}.`), {
            code: 4200,
          });
      }
    },
  };
}

export function generateLocalTestKey(): string {
  return hexlify(randomBytes(32));
}
