import { checksumAddress, parseAddress, sameAddress, shortAddress } from './address';

const CHECKSUMMED = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';

describe('addresses', () => {
  it('checksums lowercase and uppercase input', () => {
    expect(parseAddress(CHECKSUMMED.toLowerCase())).toEqual({ ok: true, address: CHECKSUMMED });
    expect(parseAddress('0x' + CHECKSUMMED.slice(2).toUpperCase())).toEqual({
      ok: true,
      address: CHECKSUMMED,
    });
    expect(checksumAddress(CHECKSUMMED.toLowerCase())).toBe(CHECKSUMMED);
  });

  it('refuses malformed addresses and wrong checksums with a message', () => {
    expect(parseAddress('').ok).toBeFalse();
    expect(parseAddress('0x123').ok).toBeFalse();
    expect(parseAddress('f39Fd6e51aad88F6F4ce6aB8827279cffFb92266').ok).toBeFalse();
    const wrongCase = CHECKSUMMED.replace('F39', 'f39').replace('Fd6', 'fD6');
    expect(parseAddress(wrongCase)).toEqual({
      ok: false,
      error: 'The checksum of this address does not match: check for a typo.',
    });
  });

  it('compares and shortens', () => {
    expect(sameAddress(CHECKSUMMED, CHECKSUMMED.toLowerCase())).toBeTrue();
    expect(shortAddress(CHECKSUMMED)).toBe('0xf39F…2266');
  });
});
