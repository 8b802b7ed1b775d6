import { LEVEL_STAGE_EN, LEVEL_STAGE_TH } from '@dg/shared/domain/analytics-math';
import { IndicatorStatisticsSchema, ItemStatisticsSchema } from '@dg/shared/schemas/analytics';
import type { LocalizedText } from '@dg/shared/schemas/i18n';
import { PublicCycleListSchema, PublicItemIndexSchema, PublicOverviewSchema } from '@dg/shared/schemas/public-results';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { getJson } from '../../lib/api';

/** Public results: no token is ever needed, and every figure is already under the disclosure policy. */

export type Lang = 'th' | 'en';
export function useLang(): Lang {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'th';
}
export const tx = (x: LocalizedText | null | undefined, lang: Lang) => (x ? x[lang] : '–');

export function levelName(level: number, lang: Lang): string {
  return lang === 'th'
    ? (LEVEL_STAGE_TH[level - 1] ?? `ระดับ ${level}`)
    : `L${level} ${LEVEL_STAGE_EN[level - 1] ?? ''}`;
}

export const publicBase = (year: number | string) => `/api/public/cycles/${year}`;

/** The national report as the report module serves it (404 until it is built). */
export const reportUrl = (year: number, format: 'pdf' | 'docx', lang: Lang) =>
  `${publicBase(year)}/national-report?format=${format}&lang=${lang}`;

export const usePublicCycles = () =>
  useQuery({ queryKey: ['public', 'cycles'], queryFn: () => getJson('/api/public/cycles', PublicCycleListSchema) });

export const usePublicOverview = (year: number) =>
  useQuery({
    queryKey: ['public', year, 'overview'],
    queryFn: () => getJson(publicBase(year), PublicOverviewSchema),
    staleTime: 300_000,
  });

export const usePublicItems = (year: number, enabled: boolean) =>
  useQuery({
    queryKey: ['public', year, 'items'],
    queryFn: () => getJson(`${publicBase(year)}/items`, PublicItemIndexSchema),
    enabled,
    staleTime: 300_000,
  });

export type Pick = { kind: 'item' | 'indicator'; code: string };

export const usePublicItem = (year: number, pick: Pick | null, track: string | null) =>
  useQuery({
    queryKey: ['public', year, pick?.kind, pick?.code, track],
    enabled: !!pick,
    staleTime: 300_000,
    queryFn: async () => {
      const q = track ? `?track=${track}` : '';
      if (pick?.kind === 'indicator')
        return {
          kind: 'indicator' as const,
          s: await getJson(`${publicBase(year)}/indicators/${pick.code}${q}`, IndicatorStatisticsSchema),
        };
      return {
        kind: 'item' as const,
        s: await getJson(`${publicBase(year)}/items/${pick?.code}${q}`, ItemStatisticsSchema),
      };
    },
  });

/** Whether the national report exists yet: a HEAD of its Thai PDF (the report module answers 404 until built). */
export const useReportAvailable = (year: number) =>
  useQuery({
    queryKey: ['public', year, 'report-available'],
    retry: false,
    staleTime: 300_000,
    queryFn: async () => {
      const res = await fetch(reportUrl(year, 'pdf', 'th'), { method: 'HEAD' });
      return res.ok;
    },
  });
