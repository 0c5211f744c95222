import { TestBed } from '@angular/core/testing';
import type { RpcRequest } from '../clearnode/rpc-frame';
import { SessionKeyReplacedError } from './session-key-replaced';
import { SessionKeySigner } from './session-key-signer';

describe('SessionKeySigner', () => {
  const key = {
    privateKey: '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d',
    address: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  };
  const req: RpcRequest = [1, 'submit_app_state', {}, 1];

  it('signs nothing once retired, says why, and remembers whose refusals to recognise', async () => {
    const signer = TestBed.inject(SessionKeySigner);
    const wallet = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
    signer.use(key, wallet);
    await expectAsync(signer.signRequest(req)).toBeResolved();
    signer.retire();
    expect(signer.address).toBeNull();
    expect(signer.lastAddress).toBe(key.address);
    expect(signer.wallet).toBe(wallet);
    await expectAsync(signer.signRequest(req)).toBeRejectedWith(new SessionKeyReplacedError());
  });

  it('signs again with the key of the next sign-in', async () => {
    const signer = TestBed.inject(SessionKeySigner);
    signer.use(key);
    signer.retire();
    signer.use(key);
    expect(signer.lastAddress).toBe(key.address);
    await expectAsync(signer.signRequest(req)).toBeResolvedTo(jasmine.stringMatching(/^0x/));
  });
});
