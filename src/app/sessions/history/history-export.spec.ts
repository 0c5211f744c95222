import { aSharedSession } from '../components/operation-fixtures.spec-helper';
import { ALICE, BOB } from '../state/testing/session-fixtures';
import { exportedSession, exportFileName, historyCsv, historyJson } from './history-export';
import type { TimelineEntry } from './session-timeline';

const AT = Date.parse('2026-03-04T05:06:07.000Z');
const step = (overrides: Partial<TimelineEntry>): TimelineEntry => ({
  kind: 'close',
  version: 3,
  at: AT,
  signers: [ALICE, BOB],
  allocations: [
    { participant: ALICE, asset: 'usdc', amount: '0.000000000000000001' },
    { participant: BOB, asset: 'usdc', amount: '12345678901234567890.5' },
  ],
  sessionData: '{"note":"a, \\"quoted\\"\\nline"}',
  source: 'operation',
  ...overrides,
});

describe('history export', () => {
  const session = exportedSession(aSharedSession({ label: 'Dinner, "late"' }), [step({})]);

  it('writes JSON with exact decimal strings and ISO times', () => {
    const parsed = JSON.parse(historyJson([session]));
    expect(parsed.format).toBe('nitrolite-sessions-history');
    expect(parsed.sessions[0].timeline[0].at).toBe('2026-03-04T05:06:07.000Z');
    expect(parsed.sessions[0].timeline[0].allocations[1].amount).toBe('12345678901234567890.5');
    expect(parsed.sessions[0].participants.length).toBe(3);
  });

  it('writes one CSV row per share, quoting what needs it, amounts untouched', () => {
    const csv = historyCsv([session]);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      'session_id,label,application,step,version,time,participant,asset,amount,signers,session_data,source',
    );
    expect(lines.length).toBe(1 + 2 + 1); // the header, two shares, and '' after the last CRLF
    expect(lines.at(-1)).toBe('');
    expect(lines[1]).toContain(',"Dinner, ""late""",nitrolite-sessions,close,3,');
    expect(lines[1]).toContain(`,${ALICE},usdc,0.000000000000000001,${ALICE} ${BOB},`);
    expect(csv).toContain('"{""note"":""a, \\""quoted\\""\\nline""}",operation');
    expect(lines[2]).toContain(`,${BOB},usdc,12345678901234567890.5,`);
  });

  it('keeps a step without shares as one row', () => {
    const empty = exportedSession(aSharedSession(), [step({ allocations: [], sessionData: null })]);
    const lines = historyCsv([empty]).trimEnd().split('\r\n');
    expect(lines.length).toBe(2);
    expect(lines[1]).toMatch(/,close,3,2026-03-04T05:06:07.000Z,,,,/);
  });

  it('names the file after what, the node, the wallet and the day', () => {
    const day = new Date(2026, 11, 1);
    expect(exportFileName('ws://127.0.0.1:8000/ws', ALICE, day, 'csv')).toBe(
      `nitrolite-sessions_history_127.0.0.1-8000_${ALICE}_2026-12-01.csv`,
    );
    expect(
      exportFileName('wss://clearnet.yellow.com/ws', ALICE, day, 'json', '0xabcdef0123456789'),
    ).toBe(`nitrolite-sessions_session-0xabcdef01_clearnet.yellow.com_${ALICE}_2026-12-01.json`);
  });
});
