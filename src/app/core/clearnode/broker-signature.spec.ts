import { SigningKey, computeAddress, keccak256, toUtf8Bytes } from 'ethers';
import { isSignedByBroker, recoverFrameSigner } from './broker-signature';

describe('broker signatures', () => {
  const broker = new SigningKey('0x' + '11'.repeat(32));
  const brokerAddress = computeAddress(broker.publicKey);
  const text = '[1,"get_config",{"broker_address":"x"},1700000000000]';
  const signature = broker.sign(keccak256(toUtf8Bytes(text))).serialized;

  it('recovers the broker from keccak256 of the exact text, no prefix', () => {
    expect(recoverFrameSigner(text, signature)).toBe(brokerAddress);
    expect(isSignedByBroker(text, [signature], brokerAddress)).toBeTrue();
    expect(isSignedByBroker(text, [signature], brokerAddress.toLowerCase())).toBeTrue();
  });

  it('rejects other text, other signers, missing and malformed signatures', () => {
    const other = new SigningKey('0x' + '22'.repeat(32)).sign(
      keccak256(toUtf8Bytes(text)),
    ).serialized;
    expect(isSignedByBroker(text.replace('1700', '1800'), [signature], brokerAddress)).toBeFalse();
    expect(isSignedByBroker(text, [other], brokerAddress)).toBeFalse();
    expect(isSignedByBroker(text, [], brokerAddress)).toBeFalse();
    expect(isSignedByBroker(text, ['0x1234'], brokerAddress)).toBeFalse();
    expect(recoverFrameSigner(text, 'nonsense')).toBeNull();
  });
});
