import { type AuditEntryView, AuditPageSchema } from '@dg/shared/schemas/audit';
import { useQuery } from '@tanstack/react-query';
import { getJson } from '../../lib/api';
import { ACTION_LABELS } from './action-labels';

export type AuditEntry = AuditEntryView;

export interface AuditFilter {
  action?: string;
  entityType?: string;
  agencyId?: number;
  actorEmail?: string;
  /** Calendar dates in Thailand (YYYY-MM-DD), both inclusive. */
  fromDate?: string;
  toDate?: string;
}

export const PAGE_SIZE = 50;

/**
 * Calendar days in Thailand's time (as every date on the page is shown) become an [from, to)
 * instant range for the server, whatever time zone the browser runs in.
 */
function startOfBangkokDay(date: string, addDays = 0): string {
  return new Date(Date.parse(`${date}T00:00:00+07:00`) + addDays * 86_400_000).toISOString();
}

export function auditParams(f: AuditFilter): URLSearchParams {
  const p = new URLSearchParams();
  if (f.action) p.set('action', f.action);
  if (f.entityType) p.set('entityType', f.entityType);
  if (f.agencyId) p.set('agencyId', String(f.agencyId));
  if (f.actorEmail) p.set('actorEmail', f.actorEmail);
  if (f.fromDate) p.set('from', startOfBangkokDay(f.fromDate));
  if (f.toDate) p.set('to', startOfBangkokDay(f.toDate, 1));
  return p;
}

export function useAuditLog(filter: AuditFilter, page: number) {
  const params = auditParams(filter);
  params.set('limit', String(PAGE_SIZE));
  params.set('offset', String((page - 1) * PAGE_SIZE));
  return useQuery({
    queryKey: ['audit', filter, page],
    queryFn: () => getJson(`/api/audit?${params}`, AuditPageSchema),
    placeholderData: (prev) => prev,
  });
}

/** Actions the server writes today (each has a Thai and English label). */
export const KNOWN_ACTIONS = Object.keys(ACTION_LABELS).sort();

export const KNOWN_ENTITY_TYPES = [
  'agency',
  'answer',
  'cycle',
  'cycle_agency',
  'evidence',
  'framework',
  'invitation',
  'reason_category',
  'response',
  'result_snapshot',
  'session',
  'user',
];

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
  changed: boolean;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Field-by-field comparison of an entry's before and after values; a scalar is one field named "value". */
export function diffValues(before: unknown, after: unknown): FieldChange[] {
  if (before == null && after == null) return [];
  if (!isRecord(before) && !isRecord(after)) {
    return [{ field: 'value', before, after, changed: JSON.stringify(before) !== JSON.stringify(after) }];
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return fields.map((field) => ({
    field,
    before: b[field],
    after: a[field],
    changed: JSON.stringify(b[field]) !== JSON.stringify(a[field]),
  }));
}

export const showValue = (v: unknown): string =>
  v === undefined ? '—' : v === null ? 'null' : typeof v === 'string' ? v : JSON.stringify(v);
