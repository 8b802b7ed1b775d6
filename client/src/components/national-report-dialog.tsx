import { formatDate, formatYear } from '@dg/shared/domain/dates';
import { NationalReportStatusSchema } from '@dg/shared/schemas/national-report';
import { ReportJobSchema } from '@dg/shared/schemas/report';
import { Alert, Button, Group, Modal, Progress, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { getBlob, getJson, sendJson } from '../lib/api';
import { errorMessage, LoadError, Loading } from './page-state';

/** The cycle the dialog is for: an admin cycle row or an analytics cycle summary. */
export interface NationalReportCycle {
  id: number;
  fiscalYear: number;
}

const statusKey = (cycleId: number) => ['national-report', cycleId] as const;

function save(blob: Blob, filename: string) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/**
 * The cycle's national report: starts the background build, shows its progress (the job is the
 * server's, so the progress is there again after leaving the page) and downloads the latest files.
 * Shared by the admin cycles page and the analytics overview (analysts build it too).
 */
export function NationalReportDialog({ cycle, onClose }: { cycle: NationalReportCycle | null; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'th';
  const qc = useQueryClient();
  const cycleId = cycle?.id ?? 0;
  const status = useQuery({
    queryKey: statusKey(cycleId),
    queryFn: () => getJson(`/api/admin/cycles/${cycleId}/national-report`, NationalReportStatusSchema),
    enabled: cycle !== null,
    refetchInterval: (q) => {
      const s = q.state.data?.latestJob?.status;
      return s === 'queued' || s === 'running' ? 1500 : false;
    },
  });
  const start = useMutation({
    mutationFn: () => sendJson(`/api/admin/cycles/${cycleId}/national-report`, ReportJobSchema, {}),
    onSuccess: () => qc.invalidateQueries({ queryKey: statusKey(cycleId) }),
  });
  const year = cycle ? formatYear(cycle.fiscalYear, lang) : '';
  const job = status.data?.latestJob;
  const running = job?.status === 'queued' || job?.status === 'running';
  const download = async (url: string, format: string, fileLang: string) =>
    save(await getBlob(url), `dg-national-report-${(cycle?.fiscalYear ?? 0) + 543}-${fileLang}.${format}`);

  return (
    <Modal
      opened={cycle !== null}
      onClose={onClose}
      title={t('nationalReport.title', { year })}
      centered
      size="lg"
      closeButtonProps={{ 'aria-label': t('admin.close') }}
    >
      {status.isPending ? (
        <Loading />
      ) : status.isError ? (
        <LoadError error={status.error} onRetry={() => void status.refetch()} />
      ) : (
        <Stack>
          <Text size="sm">{t('nationalReport.intro')}</Text>
          {!status.data.buildable && <Alert color="yellow">{t('nationalReport.notBuildable')}</Alert>}
          {running && job && (
            <Stack gap={4} data-testid="national-report-progress">
              <Text size="sm">
                {job.status === 'queued'
                  ? t('nationalReport.queued')
                  : t('nationalReport.progress', { done: job.done, total: job.total })}
              </Text>
              <Progress
                value={job.total ? (job.done / job.total) * 100 : 0}
                animated
                aria-label={t('nationalReport.progress', { done: job.done, total: job.total })}
              />
            </Stack>
          )}
          {job?.status === 'failed' && (
            <Alert color="red">{t('nationalReport.failed', { error: job.error ?? '' })}</Alert>
          )}
          {start.isError && <Alert color="red">{errorMessage(start.error)}</Alert>}
          <Text size="sm" c="dimmed">
            {status.data.builtAt
              ? t('nationalReport.builtAt', { when: formatDate(status.data.builtAt, lang, true) })
              : t('nationalReport.none')}
          </Text>
          {status.data.files.length > 0 && (
            <Group gap="xs" data-testid="national-report-files">
              {status.data.files.map((f) => (
                <Button
                  key={`${f.format}-${f.lang}`}
                  size="xs"
                  variant="light"
                  onClick={() => void download(f.url, f.format, f.lang)}
                >
                  {t('nationalReport.download', {
                    format: f.format.toUpperCase(),
                    lang: t(f.lang === 'th' ? 'nationalReport.langTh' : 'nationalReport.langEn'),
                  })}
                </Button>
              ))}
            </Group>
          )}
          <Group justify="flex-end">
            <Button
              onClick={() => start.mutate()}
              loading={start.isPending}
              disabled={!status.data.buildable || running}
            >
              {status.data.builtAt ? t('nationalReport.rebuild') : t('nationalReport.build')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
