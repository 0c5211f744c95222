import { aSession, ALICE, BOB } from '../state/testing/session-fixtures';
import { historyApplications, matchesHistoryFilter, NO_FILTER } from './history-filter';

describe('history filter', () => {
  const dinner = aSession({ label: 'Dinner' });
  const chess = aSession({
    id: '0xfeed',
    label: null,
    definition: { ...aSession().definition, application: 'chess', participants: [BOB, ALICE] },
  });

  it('shows everything without a filter', () => {
    expect([dinner, chess].filter((s) => matchesHistoryFilter(s, NO_FILTER)).length).toBe(2);
  });

  it('finds by label, id or participant, whatever the case, spaces around ignored', () => {
    const find = (query: string) =>
      [dinner, chess]
        .filter((s) => matchesHistoryFilter(s, { query, application: '' }))
        .map((s) => s.id);
    expect(find('  dinNER ')).toEqual([dinner.id]);
    expect(find('0xFEED')).toEqual(['0xfeed']);
    expect(find(BOB.slice(2, 12).toLowerCase()).length).toBe(2);
    expect(find('nothing like this')).toEqual([]);
  });

  it('narrows to one application, and lists the applications once each', () => {
    expect(matchesHistoryFilter(chess, { query: '', application: 'chess' })).toBeTrue();
    expect(matchesHistoryFilter(dinner, { query: '', application: 'chess' })).toBeFalse();
    expect(historyApplications([dinner, chess, chess])).toEqual(
      ['chess', dinner.definition.application].sort(),
    );
  });
});
