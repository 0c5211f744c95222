import { TestBed } from '@angular/core/testing';
import { NitroliteSdkLoader } from '../clearnode/nitrolite-sdk';
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

  it('signs exactly as the SDK signer does, without loading the SDK', async () => {
    const loader = TestBed.inject(NitroliteSdkLoader);
    const load = spyOn(loader, 'load').and.callThrough();
    const signer = TestBed.inject(SessionKeySigner);
    signer.use(key);
    const requests: RpcRequest[] = [
      req,
      [7, 'message', { text: 'café ☕ "quoted"\n', n: 12n }, 1_700_000_000_000],
      [8, 'create_app_session', { allocations: [{ asset: 'usdc', amount: '0.5' }] }, 2],
    ];
    const ours = await Promise.all(requests.map((r) => signer.signRequest(r)));
    expect(load).not.toHaveBeenCalled();
    const sdk = await loader.load();
    const theirs = await Promise.all(
      requests.map((r) =>
        sdk.createECDSAMessageSigner(key.privateKey as `0x${string}`)(
          r as unknown as Parameters<ReturnType<typeof sdk.createECDSAMessageSigner>>[0],
        ),
      ),
    );
    expect(ours).toEqual(theirs);
    expect(ours[0]).toMatch(/^0x[0-9a-f]{128}(1b|1c)$/);
  });
});
