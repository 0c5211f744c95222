import { TestBed } from '@angular/core/testing';
import {
  SigningKey,
  TypedDataEncoder,
  computeAddress,
  keccak256,
  recoverAddress,
  toUtf8Bytes,
  verifyTypedData,
} from 'ethers';
import { NitroliteSdkLoader } from '../clearnode/nitrolite-sdk';
import type { RpcRequest } from '../clearnode/rpc-frame';
import { policyTypedData } from './policy-typed-data';
import { generateSessionKey } from './session-key';
import { SessionKeySigner } from './session-key-signer';

describe('sign-in signatures', () => {
  const message = {
    challenge: '5b3b5a1c-0000-4000-8000-000000000000',
    scope: 'nitrolite-sessions',
    wallet: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
    session_key: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
    expires_at: 1_800_000_000,
    allowances: [{ asset: 'usdc', amount: '100' }],
  };

  it('builds eth_signTypedData_v4 data with only {name} in the domain, which recovers to the wallet', async () => {
    const sdk = await TestBed.inject(NitroliteSdkLoader).load();
    const data = policyTypedData(sdk.EIP712AuthTypes, 'nitrolite-sessions', message);
    // Exactly the SDK's Policy and Allowance types.
    expect(
      JSON.parse(JSON.stringify({ Policy: data.types.Policy, Allowance: data.types.Allowance })),
    ).toEqual(JSON.parse(JSON.stringify(sdk.EIP712AuthTypes)));
    expect(data.domain).toEqual({ name: 'nitrolite-sessions' });
    expect(data.types.EIP712Domain).toEqual([{ name: 'name', type: 'string' }]);
    expect(data.primaryType).toBe('Policy');
    const wallet = new SigningKey('0x' + '01'.repeat(32));
    const types = { Policy: [...data.types.Policy], Allowance: [...data.types.Allowance] };
    const value = {
      ...data.message,
      wallet: computeAddress(wallet.publicKey),
      allowances: [...data.message.allowances],
    };
    const signature = wallet.sign(TypedDataEncoder.hash(data.domain, types, value)).serialized;
    expect(verifyTypedData(data.domain, types, value, signature)).toBe(
      computeAddress(wallet.publicKey),
    );
    // JSON round trip, as the wallet receives it.
    expect(JSON.parse(JSON.stringify(data)).message.expires_at).toBe(1_800_000_000);
  });

  it('signs requests with the session key: keccak256 of the JSON, no prefix', async () => {
    const signer = TestBed.inject(SessionKeySigner);
    await expectAsync(signer.signRequest([1, 'get_ledger_balances', {}, 1])).toBeRejectedWithError(
      /no session key/,
    );
    const key = generateSessionKey();
    expect(key.address).toBe(computeAddress(key.privateKey));
    signer.use(key);
    expect(signer.address).toBe(key.address);
    const req: RpcRequest = [7, 'get_ledger_balances', { account_id: 'x' }, 1_700_000_000_000];
    const signature = await signer.signRequest(req);
    expect(recoverAddress(keccak256(toUtf8Bytes(JSON.stringify(req))), signature)).toBe(
      key.address,
    );
    signer.use(null);
    expect(signer.address).toBeNull();
  });
});
