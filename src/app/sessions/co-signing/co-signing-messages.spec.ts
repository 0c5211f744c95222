import { readCoSigningMessage, REASON_MAX } from './co-signing-messages';

const ID = 'op-00000001';

describe('co-signing messages', () => {
  it('reads a decline with or without its reason, and nothing else from it', () => {
    expect(readCoSigningMessage('cosign.decline', { id: ID })).toEqual({
      type: 'cosign.decline',
      id: ID,
    });
    expect(
      readCoSigningMessage('cosign.decline', { id: ID, reason: 'cannot fund', extra: 1 }),
    ).toEqual({ type: 'cosign.decline', id: ID, reason: 'cannot fund' });
  });

  it('ignores a decline whose reason is not a short text', () => {
    expect(readCoSigningMessage('cosign.decline', { id: ID, reason: 7 })).toBeNull();
    expect(
      readCoSigningMessage('cosign.decline', { id: ID, reason: 'x'.repeat(REASON_MAX + 1) }),
    ).toBeNull();
    expect(readCoSigningMessage('cosign.decline', { id: 'short' })).toBeNull();
  });
});
