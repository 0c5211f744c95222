import { isReplacedKeyRefusal } from './session-key-replaced';

describe('isReplacedKeyRefusal', () => {
  const key = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';

  it('recognises the refusal that names our own key as an unknown participant', () => {
    expect(
      isReplacedKeyRefusal(`signature from unknown participant wallet ${key.toLowerCase()}`, key),
    ).toBeTrue();
    expect(
      isReplacedKeyRefusal(`signature from unknown participant wallet ${key}`, key),
    ).toBeTrue();
    expect(isReplacedKeyRefusal('unknown session key', key)).toBeTrue();
  });

  it('recognises a refusal saying our own wallet did not sign, though we signed for it', () => {
    const wallet = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
    expect(
      isReplacedKeyRefusal(`missing signature for participant ${wallet}`, key, wallet),
    ).toBeTrue();
    expect(
      isReplacedKeyRefusal(
        'missing signature for participant 0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
        key,
        wallet,
      ),
    ).toBeFalse();
  });

  it("leaves a co-signer's unknown key, other refusals, and a signed-out tab alone", () => {
    expect(
      isReplacedKeyRefusal(
        'signature from unknown participant wallet 0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
        key,
      ),
    ).toBeFalse();
    expect(isReplacedKeyRefusal('insufficient funds', key)).toBeFalse();
    expect(
      isReplacedKeyRefusal(`signature from unknown participant wallet ${key}`, null),
    ).toBeFalse();
  });
});
