import { defer, EMPTY, expand, from, map, type Observable, reduce } from 'rxjs';
import type { ClearNodeClient } from '../../core';

/** The node's largest page for list methods. */
export const PAGE_LIMIT = 100;

/**
 * `get_ledger_entries` answers a signed-in caller with their own entries only, unless a wallet is
 * given; the zero address means every wallet, which is what a session's shares need.
 */
export const ALL_WALLETS = '0x0000000000000000000000000000000000000000';

/** Pages through a list method until a short page. */
export function fetchAllPages<T>(
  client: ClearNodeClient,
  method: string,
  field: string,
  params: Record<string, unknown>,
): Observable<T[]> {
  return fetchPagesWhile<T>(client, method, field, params, () => true);
}

/**
 * Pages through a list method from `start` until a short page, or until `more` says that the page
 * just read leaves nothing further worth reading.
 */
export function fetchPagesWhile<T>(
  client: ClearNodeClient,
  method: string,
  field: string,
  params: Record<string, unknown>,
  more: (page: readonly T[]) => boolean,
  start = 0,
): Observable<T[]> {
  const page = (offset: number) =>
    defer(() =>
      from(
        client.request<Record<string, T[] | null>>(method, {
          ...params,
          limit: PAGE_LIMIT,
          offset,
        }),
      ),
    ).pipe(map((answer) => ({ offset, rows: answer?.[field] ?? [] })));
  return page(start).pipe(
    expand((current) =>
      current.rows.length < PAGE_LIMIT || !more(current.rows)
        ? EMPTY
        : page(current.offset + PAGE_LIMIT),
    ),
    reduce((all: T[], current) => all.concat(current.rows), []),
  );
}
