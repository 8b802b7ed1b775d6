import { LEVEL_STAGE_EN, LEVEL_STAGE_TH } from '@dg/shared/domain/analytics-math';
import { formatYear } from '@dg/shared/domain/dates';
import { LevelsSchema, ResponseRatesSchema, type SegmentQuery } from '@dg/shared/schemas/analytics';
import { CycleFrameworkSchema, CycleSummaryListSchema } from '@dg/shared/schemas/frameworks-routes';
import type { LocalizedText } from '@dg/shared/schemas/i18n';
import type { CycleSummary } from '@dg/shared/schemas/questionnaire';
import { ReportJobSchema } from '@dg/shared/schemas/report';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ApiRequestError, getBlob, getBlobOrJson, getJson } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { useUpdateParams } from '../../lib/url-params';

export type Lang = 'th' | 'en';
export type Basis = 'verified' | 'self';
export type TrackKey = 'department' | 'province';

/** One colour per level in every chart of the analytics pages (1 Initial ... 5 Optimizing). */
export const LEVEL_COLORS = ['#c92a2a', '#f08c00', '#fab005', '#2f9e44', '#1864ab'] as const;
/** Text drawn on top of a level colour: dark on the light yellow, white elsewhere. */
export const LEVEL_TEXT = ['#fff', '#1a1b1e', '#1a1b1e', '#fff', '#fff'] as const;

export function useLang(): Lang {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'th';
}

export const tx = (x: LocalizedText | null | undefined, lang: Lang) => (x ? x[lang] : '–');

/** "ระดับขั้นริเริ่ม" in Thai, "Level 1 Initial" in English. */
export function levelName(level: number, lang: Lang): string {
  return lang === 'th'
    ? (LEVEL_STAGE_TH[level - 1] ?? `ระดับ ${level}`)
    : `L${level} ${LEVEL_STAGE_EN[level - 1] ?? ''}`;
}

export const isStaff = (role: string | undefined) => role === 'analyst' || role === 'admin';

export const base = (cycleId: number) => `/api/analytics/cycles/${cycleId}`;

/** Query string of the set filters only. */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
}

export function cycleLabel(c: CycleSummary, lang: Lang): string {
  const y = formatYear(c.fiscalYear, lang);
  return c.name[lang].includes(y) ? c.name[lang] : `${c.name[lang]} (${y})`;
}

/** Cycles a reader can choose: everything but drafts, newest first. */
export function useCycles() {
  const { user } = useAuth();
  return useQuery({
    queryKey: ['cycles'],
    queryFn: () => getJson('/api/cycles', CycleSummaryListSchema),
    enabled: !!user,
    select: (cs) => cs.filter((c) => c.status !== 'draft').sort((a, b) => b.fiscalYear - a.fiscalYear || b.id - a.id),
  });
}

export function useFramework(cycleId: number | null) {
  return useQuery({
    queryKey: ['cycle-framework', cycleId],
    queryFn: () => getJson(`/api/cycles/${cycleId}/framework`, CycleFrameworkSchema).then((r) => r.framework),
    enabled: cycleId !== null,
    staleTime: 10 * 60_000,
  });
}

export function useResponseRates(cycleId: number | null) {
  return useQuery({
    queryKey: ['analytics', cycleId, 'response-rates'],
    queryFn: () => getJson(`${base(cycleId as number)}/response-rates`, ResponseRatesSchema),
    enabled: cycleId !== null,
    retry: false,
  });
}

export function fetchLevels(cycleId: number, basis: Basis, segment: SegmentQuery) {
  return getJson(`${base(cycleId)}/levels${qs({ basis, ...segment })}`, LevelsSchema);
}

/** The analytics filters, kept in the URL so a view can be shared and reloaded. */
export interface Filters {
  cycle: string | null;
  track: TrackKey;
  basis: Basis;
  orgType: string | null;
  role: string | null;
  ministry: string | null;
  region: string | null;
}

export function useFilters(): [Filters, (patch: Partial<Filters>) => void] {
  const [params] = useSearchParams();
  const update = useUpdateParams();
  const f: Filters = {
    cycle: params.get('cycle'),
    track: params.get('track') === 'province' ? 'province' : 'department',
    basis: params.get('basis') === 'self' ? 'self' : 'verified',
    orgType: params.get('orgType'),
    role: params.get('role'),
    ministry: params.get('ministry'),
    region: params.get('region'),
  };
  const set = (patch: Partial<Filters>) => {
    update((next) => {
      for (const [k, v] of Object.entries(patch)) {
        if (v === null || v === undefined || v === '') next.delete(k);
        else next.set(k, String(v));
      }
    });
  };
  return [f, set];
}

export const segmentOf = (f: Filters): SegmentQuery => ({
  track: f.track,
  orgType: f.track === 'department' ? (f.orgType ?? undefined) : undefined,
  role: f.track === 'department' ? (f.role ?? undefined) : undefined,
  ministry: f.track === 'department' ? (f.ministry ?? undefined) : undefined,
  region: f.track === 'province' ? (f.region ?? undefined) : undefined,
});

export const REGIONS = ['north', 'northeast', 'central', 'east', 'west', 'south'] as const;

export const isForbidden = (e: unknown) => e instanceof ApiRequestError && e.status === 403;

/** Downloads an authenticated API file (CSV, XLSX) under a readable name. */
export async function downloadApi(url: string, filename: string) {
  const blob = await getBlob(url);
  saveBlob(blob, filename);
}

/**
 * A download the server builds in the background (the open-data package): the file when it is
 * cached, else a job (202) followed until its file is ready.
 */
export async function downloadBuilt(url: string, filename: string) {
  const first = await getBlobOrJson(url, ReportJobSchema);
  if (first instanceof Blob) return saveBlob(first, filename);
  let job = first;
  while (job.status === 'queued' || job.status === 'running') {
    await new Promise((r) => setTimeout(r, 1500));
    job = await getJson(`/api/jobs/${job.id}`, ReportJobSchema);
  }
  if (job.status !== 'done' || !job.downloadUrl) throw new Error(job.error ?? job.status);
  saveBlob(await getBlob(job.downloadUrl), filename);
}

export function saveBlob(blob: Blob, filename: string) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/** RFC 4180 CSV with a UTF-8 BOM so Excel opens Thai text correctly. */
export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  const cell = (v: string | number | null | undefined) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `\uFEFF${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

export function saveCsv(rows: readonly (readonly (string | number | null | undefined)[])[], filename: string) {
  saveBlob(new Blob([toCsv(rows)], { type: 'text/csv;charset=utf-8' }), filename);
}
