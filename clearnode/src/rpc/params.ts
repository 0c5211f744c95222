import { ParamsError } from './rpc-error.ts';
import { parseAmount } from '../decimal.ts';

/**
 * Readers that decode request params the way Go's encoding/json fills a struct: missing or null
 * fields take the zero value, unknown fields are ignored, a wrong JSON type is a decode error.
 */
export type Params = Record<string, unknown>;

export function asParams(value: unknown): Params {
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value))
    throw new ParamsError('params must be an object');
  return value as Params;
}

export function readString(params: Params, key: string): string {
  const value = params[key];
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new ParamsError(`${key} must be a string`);
  return value;
}

export function readOptionalString(params: Params, key: string): string | undefined {
  const value = params[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ParamsError(`${key} must be a string`);
  return value;
}

function readInteger(params: Params, key: string, min: number, max: number): number {
  const value = params[key];
  if (value === undefined || value === null) return 0;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new ParamsError(`${key} must be an integer`);
  }
  return value;
}

export function readUint(params: Params, key: string): number {
  return readInteger(params, key, 0, Number.MAX_SAFE_INTEGER);
}

/** Go's uint64: JSON numbers above 2^53 arrive rounded, but are still accepted as in Go. */
export function readUint64(params: Params, key: string): number {
  const value = params[key];
  if (value === undefined || value === null) return 0;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value >= 2 ** 64)
    throw new ParamsError(`${key} must be an integer`);
  return value;
}

export function readUint32(params: Params, key: string): number {
  return readInteger(params, key, 0, 0xffffffff);
}

export function readOptionalUint32(params: Params, key: string): number | undefined {
  if (params[key] === undefined || params[key] === null) return undefined;
  return readUint32(params, key);
}

export function readArray(params: Params, key: string): unknown[] {
  const value = params[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new ParamsError(`${key} must be an array`);
  return value;
}

export function readObject(params: Params, key: string): Params {
  return asParams(params[key]);
}

export function readStringArray(params: Params, key: string): string[] {
  return readArray(params, key).map((item) => {
    if (item === null) return '';
    if (typeof item !== 'string') throw new ParamsError(`${key} must hold strings`);
    return item;
  });
}

export function readIntArray(params: Params, key: string): number[] {
  return readArray(params, key).map((item) => {
    if (item === null) return 0;
    if (typeof item !== 'number' || !Number.isSafeInteger(item))
      throw new ParamsError(`${key} must hold integers`);
    return item;
  });
}

/** A shopspring decimal field: string or number, null/missing is zero. */
export function readAmount(params: Params, key: string): bigint {
  const value = params[key];
  if (value === undefined || value === null) return 0n;
  const amount = parseAmount(value);
  if (amount === null) throw new ParamsError(`${key} must be a decimal`);
  return amount;
}

export interface ListOptions {
  offset: number;
  limit: number;
  /** As sent; only checked when the query runs (see orderOf). */
  sort: string | undefined;
}

export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 100;

/** Go's ListOptions as decoded: offset and limit are uint32, sort any string. Only type errors fail here. */
export function readListOptions(params: Params): ListOptions {
  return {
    offset: readUint32(params, 'offset'),
    limit: readUint32(params, 'limit'),
    sort: readOptionalString(params, 'sort'),
  };
}

/** Go's paginate(): limit 0 means 10, anything above 100 is capped. */
export function pageOf(list: ListOptions): { offset: number; limit: number } {
  let limit = list.limit === 0 ? DEFAULT_LIMIT : list.limit;
  if (limit > MAX_LIMIT) limit = MAX_LIMIT;
  return { offset: list.offset, limit };
}

/**
 * Go's applySort(): the upper-cased value is pasted after the sort column, so "" leaves SQL's default
 * (ascending) and anything but asc/desc makes the query fail. That failure is a plain error, which
 * each handler turns into its own generic message.
 */
export function orderOf(list: ListOptions, defaultOrder: 'ASC' | 'DESC'): 'ASC' | 'DESC' {
  if (list.sort === undefined) return defaultOrder;
  const upper = list.sort.trim().toUpperCase();
  if (upper === '' || upper === 'ASC') return 'ASC';
  if (upper === 'DESC') return 'DESC';
  throw new Error(`invalid sort: ${list.sort}`);
}
