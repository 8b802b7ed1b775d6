import { AuditPageSchema } from '@dg/shared/schemas/accounts';
import type { AuditEntrySchema } from '@dg/shared/schemas/users';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { getJson } from '../../lib/api';

export type AuditEntry = z.infer<typeof AuditEntrySchema>;

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

/** Actions and entity types the server writes today; the inputs still accept anything. */
export const KNOWN_ACTIONS = [
  'agency.merge',
  'agency.rename',
  'agency.update',
  'answer.coding',
  'answer.save',
  'answer.verification',
  'auth.account_locked',
  'auth.login',
  'auth.login_failed',
  'auth.login_locked',
  'auth.logout',
  'auth.refresh_reuse_detected',
  'cycle.create',
  'cycle.deadline_override',
  'cycle.recompute',
  'cycle.update',
  'evidence.delete',
  'evidence.link',
  'evidence.upload',
  'evidence.verification',
  'framework.correction',
  'import.responses',
  'invitation.accept',
  'invitation.create',
  'reason_category.create',
  'response.accept',
  'response.return',
  'response.submit',
  'result.correction',
  'user.password_reset',
  'user.reset_link',
  'user.role_change',
  'user.update',
];

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
