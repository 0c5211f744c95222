import { keccak256, toUtf8Bytes, Wallet } from 'ethers';
import { firstSignature, recoverRequestSigner } from './message-signature';
import { RpcRequest } from '../../core';

describe('request signatures', () => {
  it('recovers the signer of a raw-digest signature and refuses garbage', () => {
    const key = Wallet.createRandom();
    const req: RpcRequest = [7, 'message', { type: 'text', data: 'hi' }, 1_700_000_000_000];
    const signature = key.signingKey.sign(keccak256(toUtf8Bytes(JSON.stringify(req)))).serialized;
    expect(recoverRequestSigner(req, signature)).toBe(key.address);
    expect(recoverRequestSigner([8, 'message', {}, 1], signature)).not.toBe(key.address);
    expect(recoverRequestSigner(req, '0x1234')).toBeNull();
    expect(firstSignature([signature])).toBe(signature);
    expect(firstSignature([])).toBeNull();
  });
});
