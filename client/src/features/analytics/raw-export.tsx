import { type ReportJob, ReportJobListSchema, ReportJobSchema } from '@dg/shared/schemas/report';
import { Alert, Button, Progress, Stack, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getBlob, getBlobOrJson, getJson } from '../../lib/api';
import { base, saveBlob } from './api';

const RUNNING = new Set(['queued', 'running']);
const MINE = ['jobs', 'mine'] as const;

/**
 * One raw export button (analysts). The server answers with the file when the export of the
 * current data is built, else with the background job building it (202): the button follows the
 * job's progress and saves the file when it is done. A job still running when the page is left
 * and come back to is found again in the user's jobs (GET /api/jobs) and followed on.
 */
export function RawExportButton(props: { cycleId: number; format: 'long' | 'wide'; label: string; fileName: string }) {
  const { cycleId, format, label, fileName } = props;
  const { t } = useTranslation();
  const qc = useQueryClient();
  const kind = `raw-export-${format}` as const;
  const [followed, setFollowed] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const saved = useRef<string | null>(null);

  const mine = useQuery({
    queryKey: MINE,
    queryFn: () => getJson('/api/jobs', ReportJobListSchema),
    refetchInterval: (q) => (q.state.data?.jobs.some((j) => RUNNING.has(j.status)) ? 2000 : false),
  });
  // A build of this export started earlier (another visit of the page) and not finished yet.
  const resumed = mine.data?.jobs.find((j) => j.kind === kind && j.cycleId === cycleId && RUNNING.has(j.status));
  // Once found, a resumed build is followed by its own id: the list of running jobs drops it the
  // moment it ends, which must not stop the download of its file.
  useEffect(() => {
    if (resumed && followed === null && saved.current !== resumed.id) setFollowed(resumed.id);
  }, [resumed, followed]);
  const jobId = followed ?? resumed?.id ?? null;
  const job = useQuery({
    queryKey: ['jobs', jobId],
    queryFn: () => getJson(`/api/jobs/${jobId}`, ReportJobSchema),
    enabled: jobId !== null,
    refetchInterval: (q) => (q.state.data && !RUNNING.has(q.state.data.status) ? false : 1500),
  });
  const j = job.data;

  useEffect(() => {
    if (j?.status !== 'done' || !j.downloadUrl || saved.current === j.id) return;
    saved.current = j.id;
    setFollowed(null);
    void qc.invalidateQueries({ queryKey: MINE });
    getBlob(j.downloadUrl)
      .then((blob) => saveBlob(blob, fileName))
      .catch((e: Error) => setError(e.message));
  }, [j, fileName, qc]);

  const start = async () => {
    setError(null);
    setAsking(true);
    try {
      const url = `${base(cycleId)}/raw/${format}.csv`;
      const body = await getBlobOrJson(url, ReportJobSchema);
      // 200: the export of this data is built already; 202: the job building it.
      if (body instanceof Blob) saveBlob(body, fileName);
      else {
        const started: ReportJob = body;
        saved.current = null;
        setFollowed(started.id);
        void qc.invalidateQueries({ queryKey: MINE });
      }
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setAsking(false);
    }
  };

  const running = !!j && RUNNING.has(j.status) && jobId !== null;
  const failed = j?.status === 'failed' && jobId !== null;
  return (
    <Stack gap={4} miw={180}>
      <Button size="xs" variant="default" loading={asking || running} onClick={() => void start()}>
        {label}
      </Button>
      {running && (
        <>
          <Progress
            size="sm"
            value={j.total > 0 ? (100 * j.done) / j.total : 0}
            animated
            aria-label={t('rawExport.progressLabel')}
          />
          <Text size="xs" c="dimmed" aria-live="polite">
            {j.status === 'queued' ? t('rawExport.queued') : t('rawExport.building', { done: j.done, total: j.total })}
          </Text>
        </>
      )}
      {(failed || error) && (
        <Alert color="red" role="alert" p="xs">
          {t('rawExport.failed')}: {error ?? j?.error}
        </Alert>
      )}
    </Stack>
  );
}
