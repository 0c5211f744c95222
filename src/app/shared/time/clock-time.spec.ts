import { clockTime } from './clock-time';

describe('clockTime', () => {
  it('gives local hours, minutes and seconds, two digits each', () => {
    expect(clockTime(new Date(2026, 0, 1, 9, 5, 7).getTime())).toBe('09:05:07');
    expect(clockTime(new Date(2026, 0, 1, 23, 59, 0).getTime())).toBe('23:59:00');
  });
});
