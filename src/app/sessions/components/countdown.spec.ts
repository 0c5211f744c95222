import { countdown } from './countdown';

describe('countdown', () => {
  const now = 1_700_000_000_000;

  it('counts minutes and seconds, and hours when there are any', () => {
    expect(countdown(now + 272_000, now)).toBe('4:32 left');
    expect(countdown(now + 9_999, now)).toBe('0:09 left');
    expect(countdown(now + 3_872_000, now)).toBe('1:04:32 left');
  });

  it('says the time is up at and after the deadline', () => {
    expect(countdown(now + 999, now)).toBe('time is up');
    expect(countdown(now - 5_000, now)).toBe('time is up');
  });
});
