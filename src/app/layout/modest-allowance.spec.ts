import { modestAllowance } from './modest-allowance';

describe('modestAllowance', () => {
  it('offers what is held of a dollar token, capped at 100', () => {
    expect(modestAllowance('usdc', 6, '42.5')).toBe('42.5');
    expect(modestAllowance('usdc', 6, '1000')).toBe('100');
    expect(modestAllowance('USDT', 6, '0')).toBe('0');
  });

  it('offers what is held of any other asset, never more', () => {
    expect(modestAllowance('eth', 18, '0.25')).toBe('0.25');
    expect(modestAllowance('eth', 18, '0')).toBe('0');
  });

  it('offers a little of a dollar token and nothing of the rest when the balance is unknown', () => {
    expect(modestAllowance('usdc', 6, null)).toBe('10');
    expect(modestAllowance('eth', 18, null)).toBe('0');
  });

  it('treats an unreadable or negative balance as nothing to spend beyond the starter', () => {
    expect(modestAllowance('eth', 18, 'abc')).toBe('0');
    expect(modestAllowance('usdc', 6, '-5')).toBe('0');
  });
});
