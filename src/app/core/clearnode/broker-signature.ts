import { keccak256OfText } from '../../shared/crypto/keccak';
import { recoverDigestSigner } from '../../shared/crypto/secp256k1';

/**
 * Who signed a frame: the broker signs keccak256 of the exact `res` text, no prefix.
 * Returns the checksummed signer, or null when the signature is malformed.
 */
export function recoverFrameSigner(signedText: string, signature: string): string | null {
  try {
    return recoverDigestSigner(keccak256OfText(signedText), signature);
  } catch {
    return null;
  }
}

export function isSignedByBroker(
  signedText: string,
  signatures: readonly string[],
  brokerAddress: string,
): boolean {
  const expected = brokerAddress.toLowerCase();
  return signatures.some(
    (signature) => recoverFrameSigner(signedText, signature)?.toLowerCase() === expected,
  );
}
