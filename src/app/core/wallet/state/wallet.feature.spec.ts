import { WalletApiActions, WalletMenuActions, WalletProviderActions } from './wallet.actions';
import { initialWalletState, walletFeature } from './wallet.feature';

const reduce = walletFeature.reducer;
const address = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const connected = reduce(
  initialWalletState,
  WalletApiActions.connectSucceeded({ walletId: 'io.metamask', address, chainId: '0x1' }),
);

describe('wallet reducer', () => {
  it('records the connected wallet, account and chain', () => {
    expect(connected).toEqual(
      jasmine.objectContaining({
        walletId: 'io.metamask',
        address,
        chainId: '0x1',
        connecting: false,
      }),
    );
  });

  it('changes nothing but the message when a connect is declined', () => {
    const trying = reduce(connected, WalletMenuActions.connectClicked({ walletId: 'other' }));
    expect(trying.connecting).toBeTrue();
    const declined = reduce(
      trying,
      WalletApiActions.connectFailed({ error: 'You declined', rejected: true }),
    );
    expect(declined).toEqual({ ...connected, error: 'You declined' });
  });

  it('follows account and chain changes, and forgets the account when the wallet shares none', () => {
    const other = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
    expect(
      reduce(connected, WalletProviderActions.accountsChanged({ address: other })).address,
    ).toBe(other);
    expect(reduce(connected, WalletProviderActions.chainChanged({ chainId: '0x89' })).chainId).toBe(
      '0x89',
    );
    const none = reduce(connected, WalletProviderActions.accountsChanged({ address: null }));
    expect(none).toEqual(jasmine.objectContaining({ walletId: null, address: null }));
    expect(reduce(connected, WalletProviderActions.disconnected()).address).toBeNull();
  });
});
