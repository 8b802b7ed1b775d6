import { verifiedBasisState } from '@dg/shared/domain/basis';
import type { ResponseRates, Suppression } from '@dg/shared/schemas/analytics';
import type { CycleSummary } from '@dg/shared/schemas/questionnaire';
import { Alert, Group, SegmentedControl, Select, Stack, Tabs, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { LoadError, Loading } from '../../components/page-state';
import { useAuth } from '../../lib/auth';
import { cycleLabel, type Filters, isStaff, REGIONS, type TrackKey, useCycles, useLang } from './api';

/** Picks the cycle: the URL's, else the newest a reader can see (agencies: the newest published). */
export function useChosenCycle(f: Filters) {
  const { user } = useAuth();
  const cycles = useCycles();
  const list = cycles.data ?? [];
  const fromUrl = list.find((c) => String(c.id) === f.cycle);
  const fallback = isStaff(user?.role) ? list[0] : (list.find((c) => c.status === 'published') ?? list[0]);
  const cycle = fromUrl ?? fallback ?? null;
  const previous = cycle ? (list.find((c) => c.fiscalYear < cycle.fiscalYear && c.status !== 'draft') ?? null) : null;
  return { cycles, list, cycle, previous };
}

/** Signed-in gate shared by the analytics pages. */
export function SignedIn({ children }: { children: ReactNode }) {
  const { user, ready } = useAuth();
  if (!ready) return <Loading />;
  if (!user) return <Navigate to="/login" replace />;
  return <>{children}</>;
}

export function CycleSelect({
  list,
  cycle,
  onChange,
}: {
  list: CycleSummary[];
  cycle: CycleSummary | null;
  onChange: (id: string) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Select
      label={t('analytics.cycle')}
      w={{ base: '100%', sm: 380 }}
      allowDeselect={false}
      value={cycle ? String(cycle.id) : null}
      onChange={(v) => v && onChange(v)}
      data={list.map((c) => ({
        value: String(c.id),
        label:
          c.status === 'published' ? cycleLabel(c, lang) : `${cycleLabel(c, lang)} · ${t('analytics.unpublished')}`,
      }))}
    />
  );
}

export function TrackTabs({ value, onChange }: { value: TrackKey; onChange: (v: TrackKey) => void }) {
  const { t } = useTranslation();
  return (
    <Tabs value={value} onChange={(v) => onChange(v === 'province' ? 'province' : 'department')}>
      <Tabs.List aria-label={t('analytics.track')}>
        <Tabs.Tab value="department">{t('analytics.tracks.department')}</Tabs.Tab>
        <Tabs.Tab value="province">{t('analytics.tracks.province')}</Tabs.Tab>
      </Tabs.List>
    </Tabs>
  );
}

/**
 * Verified or self-assessed results. The verified option says how many responses are verified so
 * far (of those submitted): "verified results" over 0 verified responses would be no results at all.
 */
const BASIS_KEY = { all: 'All', some: 'Some', none: 'None' } as const;

export function BasisSwitch({
  value,
  onChange,
  counts,
}: {
  value: string;
  onChange: (v: 'verified' | 'self') => void;
  counts?: { verified: number; submitted: number };
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'th';
  const narrow = useMediaQuery('(max-width: 48em)');
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} id="basis-label">
        {t('analytics.basis')}
      </Text>
      <SegmentedControl
        aria-labelledby="basis-label"
        // The verified label says how many are verified: long, so on a phone the choices stack and wrap.
        fullWidth
        orientation={narrow ? 'vertical' : 'horizontal'}
        styles={{ label: { whiteSpace: 'normal' } }}
        value={value}
        onChange={(v) => onChange(v === 'self' ? 'self' : 'verified')}
        data={[
          {
            value: 'verified',
            // Says what the figures are: with none verified they are self-assessments.
            label: counts
              ? t(`analytics.basisVerified${BASIS_KEY[verifiedBasisState(counts.verified, counts.submitted)]}`, {
                  n: counts.verified.toLocaleString(lang),
                  of: counts.submitted.toLocaleString(lang),
                })
              : t('analytics.basisVerified'),
          },
          { value: 'self', label: t('analytics.basisSelf') },
        ]}
      />
    </Stack>
  );
}

/** Segment labels come with the response rates (org types, roles, ministries); regions are fixed. */
export function segmentLabels(rates: ResponseRates | undefined, lang: 'th' | 'en', t: (k: string) => string) {
  const map = (rows: ResponseRates['byOrgType'] | undefined) =>
    (rows ?? []).map((r) => ({ value: r.key, label: r.label?.[lang] ?? r.key }));
  return {
    orgType: map(rates?.byOrgType),
    role: map(rates?.byRole),
    ministry: map(rates?.byMinistry).sort((a, b) => a.label.localeCompare(b.label, lang)),
    region: REGIONS.map((r) => ({ value: r, label: t(`analytics.regions.${r}`) })),
    track: map(rates?.byTrack),
  };
}

export type SegmentLabels = ReturnType<typeof segmentLabels>;

export function labelOf(labels: SegmentLabels, by: keyof SegmentLabels, value: string, none: string) {
  if (value === '(none)' || value === '') return none;
  return labels[by].find((o) => o.value === value)?.label ?? value;
}

type DeptDimension = 'orgType' | 'role' | 'ministry';
const DEPT_DIMENSIONS: DeptDimension[] = ['orgType', 'role', 'ministry'];

/**
 * Agency users narrow the department track by one dimension at a time (the server refuses two:
 * two allowed segments could be subtracted to isolate one agency). Choosing the dimension clears
 * the others.
 */
function OneDimensionFilter({
  f,
  set,
  labels,
}: {
  f: Filters;
  set: (p: Partial<Filters>) => void;
  labels: SegmentLabels;
}) {
  const { t } = useTranslation();
  const current = DEPT_DIMENSIONS.find((d) => f[d]) ?? null;
  const [dim, setDim] = useState<DeptDimension | null>(current);
  const shown = current ?? dim;
  const clear = { orgType: null, role: null, ministry: null };
  return (
    <Stack gap={4}>
      <Group gap="sm" align="flex-end">
        <Select
          label={t('analytics.narrowBy')}
          placeholder={t('analytics.all')}
          clearable
          w={{ base: '100%', sm: 220 }}
          data={DEPT_DIMENSIONS.map((d) => ({ value: d, label: t(`analytics.segments.${d}`) }))}
          value={shown}
          onChange={(v) => {
            setDim((v as DeptDimension | null) ?? null);
            set(clear);
          }}
        />
        {shown && (
          <Select
            label={t(`analytics.segments.${shown}`)}
            placeholder={t('analytics.all')}
            clearable
            searchable={shown === 'ministry'}
            w={{ base: '100%', sm: shown === 'ministry' ? 300 : 220 }}
            data={labels[shown]}
            value={f[shown]}
            onChange={(v) => set({ ...clear, [shown]: v })}
          />
        )}
      </Group>
      <Text size="xs" c="dimmed">
        {t('analytics.oneDimension')}
      </Text>
    </Stack>
  );
}

/** A withheld figure: the server's reason, in the reader's language (disclosure control). */
export function Withheld({ s, testId = 'withheld' }: { s: Suppression; testId?: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Alert
      color="gray"
      title={t('analytics.withheldTitle')}
      data-testid={testId}
      styles={{ title: { color: 'var(--mantine-color-dark-8)' } }}
    >
      {s.message[lang]}
    </Alert>
  );
}

export function SegmentFilters({
  f,
  set,
  labels,
}: {
  f: Filters;
  set: (p: Partial<Filters>) => void;
  labels: SegmentLabels;
}) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const all = t('analytics.all');
  const common = { clearable: true, placeholder: all, w: { base: '100%', sm: 220 } } as const;
  if (f.track === 'department' && !isStaff(user?.role)) return <OneDimensionFilter f={f} set={set} labels={labels} />;
  if (f.track === 'province') {
    return (
      <Group gap="sm" align="flex-end">
        <Select
          {...common}
          label={t('analytics.segments.region')}
          data={labels.region}
          value={f.region}
          onChange={(v) => set({ region: v })}
        />
      </Group>
    );
  }
  return (
    <Group gap="sm" align="flex-end">
      <Select
        {...common}
        label={t('analytics.segments.orgType')}
        data={labels.orgType}
        value={f.orgType}
        onChange={(v) => set({ orgType: v })}
      />
      <Select
        {...common}
        label={t('analytics.segments.role')}
        data={labels.role}
        value={f.role}
        onChange={(v) => set({ role: v })}
      />
      <Select
        {...common}
        searchable
        w={{ base: '100%', sm: 300 }}
        label={t('analytics.segments.ministry')}
        data={labels.ministry}
        value={f.ministry}
        onChange={(v) => set({ ministry: v })}
      />
    </Group>
  );
}

/** 403 on an unpublished cycle: agencies see national results once DGA publishes them. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const status = (error as { status?: number } | null)?.status;
  if (status === 403) {
    return (
      <Alert
        color="yellow"
        title={t('analytics.notPublishedTitle')}
        data-testid="not-published"
        styles={{ title: { color: 'var(--mantine-color-dark-8)' } }}
      >
        {t('analytics.notPublished')}
      </Alert>
    );
  }
  if (status === 404) return <Alert color="gray">{t('analytics.noCycle')}</Alert>;
  return <LoadError error={error} onRetry={onRetry} />;
}
