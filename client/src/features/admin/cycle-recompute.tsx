import { formatYear } from '@dg/shared/domain/dates';
import { Alert, Button, Group, Modal, Progress, Stack, Table, Text } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../components/page-state';
import { type AdminCycle, type RecomputeReport, useFrameworkDocument } from './api';
import { useRecomputeJob } from './recompute-job';

/**
 * Confirms, runs the cycle's recompute (a background job, one transaction on the server) with its
 * progress, and shows its report: the agencies whose levels changed, overall and per pillar, before
 * and after.
 */
export function RecomputeDialog({ cycle, onClose }: { cycle: AdminCycle | null; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'th';
  const recompute = useRecomputeJob(cycle?.id ?? null);
  const framework = useFrameworkDocument(cycle?.frameworkId ?? 0);
  const { reset, job } = recompute;
  const running = job?.status === 'queued' || job?.status === 'running';

  // A new cycle (or reopening) starts from the confirmation again.
  useEffect(() => {
    if (cycle) reset();
  }, [cycle, reset]);

  const year = cycle ? formatYear(cycle.fiscalYear, lang) : '';
  const report = recompute.report;
  return (
    <Modal
      opened={cycle !== null}
      onClose={onClose}
      title={report ? t('admin.cycles.recompute.reportTitle', { year }) : t('admin.cycles.recompute.confirmTitle')}
      size={report ? 'xl' : 'md'}
      centered
      closeButtonProps={{ 'aria-label': t('admin.close') }}
    >
      {cycle && !report && (
        <Stack>
          <Text>{t('admin.cycles.recompute.confirmBody', { year, framework: cycle.frameworkCode })}</Text>
          {running && (
            <Stack gap={4}>
              <Progress
                value={job.total > 0 ? (100 * job.done) / job.total : 0}
                animated
                aria-label={t('recomputeJob.progressLabel')}
              />
              <Text size="sm" c="dimmed" aria-live="polite">
                {job.status === 'queued'
                  ? t('recomputeJob.queued')
                  : t('recomputeJob.progress', { done: job.done, total: job.total })}
              </Text>
            </Stack>
          )}
          {recompute.error && (
            <Alert color="red" title={t('state.error')} role="alert">
              {errorMessage(recompute.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('admin.cancel')}
            </Button>
            <Button
              color="orange"
              loading={recompute.start.isPending || running || (job?.status === 'done' && !report)}
              onClick={() => recompute.start.mutate()}
            >
              {t('admin.cycles.recompute.run')}
            </Button>
          </Group>
        </Stack>
      )}
      {report && (
        <ReportView
          report={report}
          pillarName={(key) => {
            const p = framework.data?.framework.pillars.find((x) => x.key === key);
            return p ? `${p.number}. ${p.name[lang]}` : key;
          }}
          onClose={onClose}
        />
      )}
    </Modal>
  );
}

function ReportView({
  report,
  pillarName,
  onClose,
}: {
  report: RecomputeReport;
  pillarName(key: string): string;
  onClose(): void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'th';
  const level = (l: number | null) => (l === null ? t('admin.cycles.recompute.notAssessable') : String(l));
  const change = (from: number | null, to: number | null) =>
    from === to ? level(to) : `${level(from)} → ${level(to)}`;
  return (
    <Stack data-testid="recompute-report">
      <Text role="status">
        {t('admin.cycles.recompute.summary', {
          examined: report.examined.toLocaleString(lang),
          recomputed: report.recomputed.toLocaleString(lang),
          changed: report.changed.length.toLocaleString(lang),
        })}
      </Text>
      {report.changed.length === 0 ? (
        <Alert color="blue">{t('admin.cycles.recompute.noChange')}</Alert>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('admin.cycles.recompute.agency')}</Table.Th>
                <Table.Th scope="col">{t('admin.cycles.recompute.overallSelf')}</Table.Th>
                <Table.Th scope="col">{t('admin.cycles.recompute.overallVerified')}</Table.Th>
                <Table.Th scope="col">{t('admin.cycles.recompute.pillars')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.changed.map((c) => (
                <Table.Tr key={c.agencyId} data-agency={c.agencyCode}>
                  <Table.Th scope="row" fw={400}>
                    <Text size="sm" ff="monospace">
                      {c.agencyCode}
                    </Text>
                    <Text size="sm">{c.agencyName[lang]}</Text>
                  </Table.Th>
                  <Table.Td>{change(c.before.self, c.after.self)}</Table.Td>
                  <Table.Td>{change(c.before.verified, c.after.verified)}</Table.Td>
                  <Table.Td>
                    <Stack gap={2}>
                      {c.pillars.map((p) => (
                        <Text size="sm" key={p.pillarKey}>
                          {t('admin.cycles.recompute.pillarChange', {
                            pillar: pillarName(p.pillarKey),
                            from: level(p.from),
                            to: level(p.to),
                          })}
                        </Text>
                      ))}
                    </Stack>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Group justify="flex-end">
        <Button onClick={onClose}>{t('admin.close')}</Button>
      </Group>
    </Stack>
  );
}
