import { formatPercent, share } from '@dg/shared/domain/analytics-math';
import { formatYear } from '@dg/shared/domain/dates';
import { rejectionReasonText } from '@dg/shared/domain/rejection-reasons';
import { CycleSummaryListSchema } from '@dg/shared/schemas/frameworks-routes';
import type { LocalizedText } from '@dg/shared/schemas/i18n';
import type { CycleSummary } from '@dg/shared/schemas/questionnaire';
import { ResultsDashboardSchema } from '@dg/shared/schemas/report';
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router';
import { ApiRequestError, getBlob, getJson } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { errorMessage } from '../../lib/error-message';
import { RadarView, YoyBars } from './charts';
import { CriteriaDetails } from './criteria-details';

/** A cycle's name followed by `suffix` (its year), unless the name already says the year. */
const withYear = (name: string, year: string, suffix: string) => (name.includes(year) ? name : `${name}${suffix}`);

const fmt = (v: number | null | undefined) =>
  v === null || v === undefined ? '–' : Number.isInteger(v) ? String(v) : v.toFixed(1);

/** Published cycles, plus the newest unpublished one (its self-assessed preview). */
export function resultCycles(cycles: readonly CycleSummary[]): CycleSummary[] {
  const visible = cycles.filter((c) => c.status !== 'draft').sort((a, b) => b.fiscalYear - a.fiscalYear || b.id - a.id);
  const current = visible.find((c) => c.status !== 'published');
  return visible.filter((c) => c.status === 'published' || c === current);
}

async function download(url: string, fallbackName: string) {
  const blob = await getBlob(url);
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = fallbackName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/** /results: the signed-in agency's results with a cycle selector. */
export function MyResultsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'th';
  const { user, ready } = useAuth();
  const cycles = useQuery({
    queryKey: ['cycles'],
    queryFn: () => getJson('/api/cycles', CycleSummaryListSchema),
    enabled: !!user,
  });
  const [chosen, setChosen] = useState<string | null>(null);
  // Cycles without a result for this agency (not submitted yet): the first visit moves past them.
  const [missing, setMissing] = useState<readonly number[]>([]);
  const onMissing = useCallback((id: number) => setMissing((m) => (m.includes(id) ? m : [...m, id])), []);
  if (!ready) return <Loader />;
  if (!user) return <Navigate to="/login" replace />;
  if (!user.agencyId) return <Text>{t('results.staffHint')}</Text>;
  if (cycles.isLoading) return <Loader aria-label="loading" />;
  const options = resultCycles(cycles.data ?? []);
  if (options.length === 0) return <Text>{t('results.noCycle')}</Text>;
  const labelOf = (c: CycleSummary) => {
    const y = formatYear(c.fiscalYear, lang);
    return withYear(c.name[lang], y, ` (${y})`);
  };
  const withResult = options.find((c) => !missing.includes(c.id));
  const cycleId = Number(chosen ?? (withResult ?? options[0])?.id);
  const passedOver = chosen === null && withResult ? options.filter((c) => missing.includes(c.id)) : [];
  return (
    <Stack maw={1150}>
      <Select
        label={t('results.cycle')}
        w={380}
        maw="100%"
        allowDeselect={false}
        value={String(cycleId)}
        onChange={setChosen}
        data={options.map((c) => ({
          value: String(c.id),
          label: c.status === 'published' ? labelOf(c) : t('results.previewOption', { year: labelOf(c) }),
        }))}
      />
      {passedOver[0] && (
        <Alert color="blue" variant="light" data-testid="results-passed-over">
          {t('results.passedOver', { cycle: labelOf(passedOver[0]) })}
        </Alert>
      )}
      <Dashboard cycleId={cycleId} agencyId={user.agencyId} onMissing={chosen === null ? onMissing : undefined} />
    </Stack>
  );
}

/** /results/:cycleId/:agencyId: any agency for DGA staff; the server enforces agency scope. */
export function AgencyResultsPage() {
  const params = useParams();
  const navigate = useNavigate();
  const cycleId = Number(params.cycleId);
  const agencyId = Number(params.agencyId);
  if (!Number.isInteger(cycleId) || !Number.isInteger(agencyId)) {
    void navigate('/results');
    return null;
  }
  return (
    <Stack maw={1150}>
      <Dashboard cycleId={cycleId} agencyId={agencyId} />
    </Stack>
  );
}

function Dashboard({
  cycleId,
  agencyId,
  onMissing,
}: {
  cycleId: number;
  agencyId: number;
  /** Told when the agency has no result in this cycle (the page then shows an earlier one). */
  onMissing?: (cycleId: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'th';
  const tx = (x: LocalizedText | null | undefined) => (x ? x[lang] : '–');
  const [dlError, setDlError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const q = useQuery({
    queryKey: ['results', cycleId, agencyId],
    queryFn: () => getJson(`/api/results/${cycleId}/agency/${agencyId}`, ResultsDashboardSchema),
    retry: false,
  });
  const { user } = useAuth();
  const notFound = q.error instanceof ApiRequestError && q.error.status === 404;
  useEffect(() => {
    if (notFound) onMissing?.(cycleId);
  }, [notFound, onMissing, cycleId]);
  if (q.isLoading) return <Loader aria-label="loading" />;
  if (q.error || !q.data) {
    return (
      <Alert color={notFound ? 'gray' : 'red'} title={t('results.title')}>
        {notFound ? t('results.noResult') : errorMessage(q.error, t)}
      </Alert>
    );
  }
  const d = q.data;
  const r = d.result;
  const year = formatYear(d.cycle.fiscalYear, lang);
  const base = `/api/results/${cycleId}/agency/${agencyId}`;
  const get = async (kind: 'pdf' | 'xlsx') => {
    setBusy(kind);
    setDlError(null);
    try {
      const suffix = d.label === 'preview' ? '-preview' : '';
      await download(
        `${base}/report.${kind}?lang=${lang}`,
        `dg-readiness-${d.cycle.fiscalYear + 543}-${d.agency.code}${suffix}.${kind}`,
      );
    } catch (e) {
      setDlError(`${t('results.downloadFailed')}: ${errorMessage(e, t)}`);
    } finally {
      setBusy(null);
    }
  };
  const series = [
    { name: t('results.agency'), values: r.pillars.map((p) => p.level) },
    ...(d.benchmarksAvailable
      ? [
          { name: t('results.peer'), values: d.benchmarks.map((b) => b.peerMedian) },
          { name: t('results.national'), values: d.benchmarks.map((b) => b.nationalMedian) },
        ]
      : []),
  ];
  const hasPrev = d.benchmarks.some((b) => b.previousLevel !== null);
  const prevYear = d.previousCycle ? formatYear(d.previousCycle.fiscalYear, lang) : '';

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t('results.title')}</Title>
          <Text fw={600} size="lg" data-testid="agency-name">
            {tx(d.agency.name)}
          </Text>
          <Text c="dimmed">{withYear(tx(d.cycle.name), year, ` · ${year}`)}</Text>
        </div>
        <Group gap="xs">
          <Button onClick={() => void get('pdf')} loading={busy === 'pdf'}>
            {t('results.downloadPdf')}
          </Button>
          <Button variant="default" onClick={() => void get('xlsx')} loading={busy === 'xlsx'}>
            {t('results.downloadXlsx')}
          </Button>
        </Group>
      </Group>
      {dlError && <Alert color="red">{dlError}</Alert>}
      {d.label === 'preview' ? (
        <Alert color="orange" variant="filled" title={t('results.previewBanner')} data-testid="preview-banner">
          {t('results.previewNote')}
        </Alert>
      ) : (
        <Alert color="green" variant="light">
          {t('results.official')}
        </Alert>
      )}

      <Card withBorder padding="lg" data-testid="overall-card">
        <Group gap="lg" wrap="nowrap">
          <Text fz={48} fw={700} c="blue.8" lh={1}>
            {fmt(r.overall.level)}
          </Text>
          <div>
            <Text c="dimmed">{t('results.overall')}</Text>
            <Text fz="xl" fw={700}>
              {r.overall.level
                ? `${t('results.level', { level: r.overall.level })} ${tx(r.overall.levelName)}`
                : t('results.notAssessable')}
            </Text>
          </div>
        </Group>
      </Card>

      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md">
        {r.pillars.map((p) => (
          <Card key={p.key} withBorder padding="md" data-testid={`pillar-${p.key}`}>
            <Text size="sm" c="dimmed">
              {t('results.pillar')} {p.number}
            </Text>
            <Text fw={600} lh={1.3} mb={6}>
              {tx(p.name)}
            </Text>
            <Group gap="xs">
              <Badge size="lg">{p.level ? t('results.level', { level: p.level }) : t('results.notAssessable')}</Badge>
              {p.score !== null && <Text size="sm">{t('results.score', { score: p.score.toFixed(2) })}</Text>}
            </Group>
            <Text size="sm" mt={4}>
              {tx(p.levelName)}
            </Text>
          </Card>
        ))}
      </SimpleGrid>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Card withBorder>
          <Title order={3} size="h4">
            {t('results.radar')}
          </Title>
          {d.benchmarksAvailable && (
            <Text size="sm" c="dimmed">
              {t('results.peerGroup', { group: tx(d.peerGroup.description), n: d.peerGroup.size })}
            </Text>
          )}
          <RadarView axes={r.pillars.map((p) => `${p.number}`)} series={series} label={t('results.radar')} />
          <Table
            fz="xs"
            verticalSpacing={2}
            withTableBorder
            aria-label={`${t('results.chartData')}: ${t('results.radar')}`}
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('results.pillar')}</Table.Th>
                {series.map((s) => (
                  <Table.Th key={s.name}>{s.name}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {r.pillars.map((p, i) => (
                <Table.Tr key={p.key}>
                  <Table.Td>
                    {p.number}. {tx(p.name)}
                  </Table.Td>
                  {series.map((s) => (
                    <Table.Td key={s.name}>{fmt(s.values[i])}</Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
        <Card withBorder>
          <Title order={3} size="h4">
            {t('results.yoy')}
          </Title>
          {hasPrev ? (
            <>
              <YoyBars
                categories={r.pillars.map((p) => `${p.number}`)}
                series={[
                  { name: t('results.previous', { year: prevYear }), values: d.benchmarks.map((b) => b.previousLevel) },
                  { name: t('results.thisYear', { year }), values: r.pillars.map((p) => p.level) },
                ]}
                label={t('results.yoy')}
              />
              <Table
                fz="xs"
                verticalSpacing={2}
                withTableBorder
                aria-label={`${t('results.chartData')}: ${t('results.yoy')}`}
              >
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('results.pillar')}</Table.Th>
                    <Table.Th>{prevYear}</Table.Th>
                    <Table.Th>{year}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {r.pillars.map((p, i) => (
                    <Table.Tr key={p.key}>
                      <Table.Td>
                        {p.number}. {tx(p.name)}
                      </Table.Td>
                      <Table.Td>{fmt(d.benchmarks[i]?.previousLevel)}</Table.Td>
                      <Table.Td>{fmt(p.level)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </>
          ) : (
            <Text c="dimmed">{t('results.noPrevious')}</Text>
          )}
        </Card>
      </SimpleGrid>

      {d.basis === 'verified' && (
        <Stack gap="xs">
          <Title order={3} size="h4">
            {t('results.verification')}
          </Title>
          {d.verificationChanges.length === 0 ? (
            <Text c="dimmed">{t('results.noVerification')}</Text>
          ) : (
            d.verificationChanges.map((c) => (
              <Card withBorder key={c.pillarKey}>
                <Text fw={600}>
                  {tx(c.pillarName)}:{' '}
                  {t('results.selfToVerified', { from: fmt(c.selfLevel), to: fmt(c.verifiedLevel) })}
                </Text>
                <Table fz="sm">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th w="40%">{t('results.question')}</Table.Th>
                      <Table.Th w="35%">{t('results.answer')}</Table.Th>
                      <Table.Th w="25%">{t('results.reason')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {c.answers.map((a) => (
                      <Table.Tr key={a.questionCode}>
                        <Table.Td>{tx(a.question)}</Table.Td>
                        <Table.Td>{tx(a.answer)}</Table.Td>
                        <Table.Td>{rejectionReasonText(a.reason, a.comment, lang)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Card>
            ))
          )}
        </Stack>
      )}

      {d.factFinding.length > 0 && (
        <Stack gap="xs">
          <Title order={3} size="h4">
            {t('results.factFinding')}
          </Title>
          <Table fz="sm" withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('results.question')}</Table.Th>
                <Table.Th>{t('results.agency')}</Table.Th>
                <Table.Th>{t('results.peerMost')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.factFinding.map((f) => (
                <Table.Tr key={f.questionCode}>
                  <Table.Td>{tx(f.question)}</Table.Td>
                  <Table.Td>{tx(f.agencyAnswer)}</Table.Td>
                  <Table.Td>
                    {tx(f.peerModalAnswer)} (
                    {formatPercent(share(Math.round(f.peerModalShare * f.peerAnswered), f.peerAnswered).percent)}%, n=
                    {f.peerAnswered})
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}

      <Title order={3} size="h4">
        {t('results.details')}
      </Title>
      <CriteriaDetails
        pillars={r.pillars}
        criteria={d.criteria}
        showCodes={user?.role === 'analyst' || user?.role === 'admin'}
      />
    </Stack>
  );
}
