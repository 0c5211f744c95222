import type { AppSession } from '../state/app-session.model';
import type { TimelineEntry } from './session-timeline';

/** One session as exported: its definition, where it ended, and every step known. */
export interface ExportedSession {
  readonly id: string;
  readonly label: string | null;
  readonly application: string;
  readonly protocol: string;
  readonly participants: readonly string[];
  readonly weights: readonly number[];
  readonly quorum: number;
  readonly status: string;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly finalAllocations: AppSession['finalAllocations'];
  readonly timeline: readonly (Omit<TimelineEntry, 'at'> & { readonly at: string })[];
}

export function exportedSession(
  session: AppSession,
  timeline: readonly TimelineEntry[],
): ExportedSession {
  const { application, protocol, participants, weights, quorum } = session.definition;
  return {
    id: session.id,
    label: session.label,
    application,
    protocol,
    participants,
    weights,
    quorum,
    status: session.status,
    version: session.version,
    createdAt: session.createdAt,
    updatedAt: session.updatedAt,
    finalAllocations: session.finalAllocations,
    timeline: timeline.map((step) => ({ ...step, at: new Date(step.at).toISOString() })),
  };
}

/** Amounts stay the exact decimal strings the node uses; nothing passes through a float. */
export function historyJson(sessions: readonly ExportedSession[]): string {
  return JSON.stringify({ format: 'nitrolite-sessions-history', version: 1, sessions }, null, 2);
}

const CSV_COLUMNS = [
  'session_id',
  'label',
  'application',
  'step',
  'version',
  'time',
  'participant',
  'asset',
  'amount',
  'signers',
  'session_data',
  'source',
] as const;

/** RFC 4180: quote a field that holds a comma, a quote or a line break; double its quotes. */
function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * One row per session step and share (participant and asset), so a spreadsheet can sum any
 * column; a step with no shares still has one row.
 */
export function historyCsv(sessions: readonly ExportedSession[]): string {
  const rows: (string | number | null)[][] = [[...CSV_COLUMNS]];
  for (const session of sessions)
    for (const step of session.timeline) {
      const shares = step.allocations.length ? step.allocations : [null];
      for (const share of shares)
        rows.push([
          session.id,
          session.label,
          session.application,
          step.kind,
          step.version,
          step.at,
          share?.participant ?? null,
          share?.asset ?? null,
          share?.amount ?? null,
          step.signers.join(' '),
          step.sessionData,
          step.source,
        ]);
    }
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** "nitrolite-sessions_history_127.0.0.1-8000_0xf39F…2266_2026-12-01.csv": what, which node, whose, which day. */
export function exportFileName(
  nodeUrl: string,
  wallet: string,
  day: Date,
  extension: 'json' | 'csv',
  sessionId: string | null = null,
): string {
  let node: string;
  try {
    const url = new URL(nodeUrl);
    node = url.port ? `${url.hostname}-${url.port}` : url.hostname;
  } catch {
    node = 'node';
  }
  const date = [day.getFullYear(), day.getMonth() + 1, day.getDate()]
    .map((part) => String(part).padStart(2, '0'))
    .join('-');
  const what = sessionId ? `session-${sessionId.slice(0, 10)}` : 'history';
  return `nitrolite-sessions_${what}_${node.replace(/[^\w.-]/g, '_')}_${wallet}_${date}.${extension}`;
}
