import { fundedTotals, payoutsFromTransactions } from './app-session.mapping';
import { ALICE, BOB, SESSION_ID } from './testing/session-fixtures';

const six = () => 6;

describe('fundedTotals', () => {
  it('adds what was deposited into the session and takes off what was withdrawn from it', () => {
    const totals = fundedTotals(
      [
        {
          tx_type: 'app_deposit',
          from_account: ALICE,
          to_account: SESSION_ID,
          asset: 'usdc',
          amount: '4',
        },
        {
          tx_type: 'app_deposit',
          from_account: BOB,
          to_account: SESSION_ID.toUpperCase().replace('0X', '0x'),
          asset: 'usdc',
          amount: '4.5',
        },
        {
          tx_type: 'app_withdrawal',
          from_account: SESSION_ID,
          to_account: BOB,
          asset: 'usdc',
          amount: '1.25',
        },
        // Neither into nor out of this session, or not a session transfer: ignored.
        {
          tx_type: 'app_deposit',
          from_account: ALICE,
          to_account: `0x${'e'.repeat(64)}`,
          asset: 'usdc',
          amount: '100',
        },
        {
          tx_type: 'transfer',
          from_account: ALICE,
          to_account: SESSION_ID,
          asset: 'usdc',
          amount: '100',
        },
        {
          tx_type: 'app_deposit',
          from_account: ALICE,
          to_account: SESSION_ID,
          asset: 'usdc',
          amount: 'nonsense',
        },
      ],
      SESSION_ID,
      six,
    );
    expect(totals).toEqual({ usdc: '7.25' });
  });

  it('is empty for a session nothing went into', () => {
    expect(fundedTotals([], SESSION_ID, six)).toEqual({});
  });
});

describe('payouts of a closed session', () => {
  const payout = (to: string, asset: string, amount: string) => ({
    tx_type: 'app_withdrawal',
    from_account: '0xsession',
    to_account: to,
    asset,
    amount,
  });

  it('keeps every participant of an asset paid out, and leaves out an asset nobody was paid', () => {
    const shares = payoutsFromTransactions(
      [
        payout(ALICE, 'usdc', '7'),
        payout(BOB, 'usdc', '0'),
        payout(ALICE, 'eth', '0'),
        payout(BOB, 'eth', '0'),
      ],
      [ALICE, BOB],
      () => 6,
    );
    expect(shares.map((share) => share.asset)).toEqual(['usdc', 'usdc']);
    expect(shares.find((share) => share.participant === ALICE)?.amount).toBe('7');
  });
});
