import { parseSessionDataText } from './session-data-text';

describe('parseSessionDataText', () => {
  it('sends nothing for an empty field', () => {
    expect(parseSessionDataText('')).toEqual({ ok: true, value: undefined });
    expect(parseSessionDataText('  \n')).toEqual({ ok: true, value: undefined });
  });

  it('sends JSON compact', () => {
    expect(parseSessionDataText('{ "round": 2,\n "moves": [1, 2] }')).toEqual({
      ok: true,
      value: '{"round":2,"moves":[1,2]}',
    });
    expect(parseSessionDataText('"text"')).toEqual({ ok: true, value: '"text"' });
  });

  it('refuses what is not JSON, saying so', () => {
    const parsed = parseSessionDataText('{round: 2}');
    expect(parsed.ok).toBeFalse();
    expect(parsed.ok ? '' : parsed.error).toMatch(/^Session data must be JSON \(.+\)\.$/);
  });
});
