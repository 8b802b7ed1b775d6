import { formatYear } from '@dg/shared/domain/dates';
import {
  CycleSummaryListSchema,
  type ImportIssue,
  type ImportSummary,
  ImportSummarySchema,
} from '@dg/shared/schemas/frameworks-routes';
import { Alert, Anchor, Button, FileInput, Group, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconDownload, IconFileImport } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, LoadError, Loading } from '../../components/page-state';
import { ApiRequestError, getJson } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { downloadFile } from '../admin/api';

interface ImportRejection {
  errors: ImportIssue[];
  total: number;
  reportId: string;
}

/** Historical import (admin): a cycle's answers from a raw long/wide CSV or XLSX, all or nothing. */
export function ImportPage() {
  const { t } = useTranslation();
  const { user, ready } = useAuth();
  if (!ready) return <Loading />;
  if (user?.role !== 'admin') return <Alert color="yellow">{t('imports.adminOnly')}</Alert>;
  return <ImportContent />;
}

function ImportContent() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'th';
  const cycles = useQuery({
    queryKey: ['imports', 'cycles'],
    queryFn: () => getJson('/api/cycles', CycleSummaryListSchema),
  });
  const [cycleId, setCycleId] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportSummary | null>(null);
  const [rejection, setRejection] = useState<ImportRejection | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const submit = async () => {
    if (!cycleId || !file) return;
    setBusy(true);
    setResult(null);
    setRejection(null);
    setFailure(null);
    try {
      const body = new FormData();
      body.append('file', file, file.name);
      setResult(await getJson(`/api/admin/cycles/${cycleId}/import`, ImportSummarySchema, { method: 'POST', body }));
    } catch (e) {
      if (e instanceof ApiRequestError && e.code === 'IMPORT_INVALID' && e.details) {
        setRejection(e.details as ImportRejection);
      } else {
        // A refused cycle status comes with its own Thai and English explanation.
        const messages =
          e instanceof ApiRequestError ? (e.details as { messages?: Record<string, string> })?.messages : undefined;
        setFailure(messages?.[lang] ?? errorMessage(e));
      }
    } finally {
      setBusy(false);
    }
  };

  const downloadReport = (reportId: string) =>
    downloadFile(`/api/admin/imports/${reportId}/errors.csv`, `import-errors-${reportId}.csv`).catch((e: unknown) =>
      setFailure(errorMessage(e)),
    );

  if (cycles.isPending) return <Loading />;
  if (cycles.isError) return <LoadError error={cycles.error} onRetry={() => void cycles.refetch()} />;

  return (
    <Stack gap="lg" maw={1100}>
      <Stack gap={4}>
        <Title order={2}>{t('imports.title')}</Title>
        <Text c="dimmed">{t('imports.intro')}</Text>
      </Stack>

      <Group align="flex-end" wrap="wrap">
        <Select
          label={t('imports.cycle')}
          placeholder={t('imports.pickCycle')}
          data={cycles.data.map((c) => ({
            value: String(c.id),
            label: `${formatYear(c.fiscalYear, lang)} · ${c.name[lang]} (${c.frameworkCode})`,
          }))}
          value={cycleId}
          onChange={setCycleId}
          w={380}
          data-testid="import-cycle"
        />
        <FileInput
          label={t('imports.file')}
          placeholder={t('imports.pickFile')}
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          value={file}
          onChange={setFile}
          clearable
          w={320}
          data-testid="import-file"
        />
        <Button
          leftSection={<IconFileImport size={18} aria-hidden />}
          onClick={() => void submit()}
          loading={busy}
          disabled={!cycleId || !file}
        >
          {t('imports.submit')}
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        {t('imports.hint')}
      </Text>

      {failure && (
        <Alert color="red" role="alert" title={t('state.error')}>
          {failure}
        </Alert>
      )}

      {result && (
        <Alert color="green" title={t('imports.done')} data-testid="import-result">
          <SimpleGrid cols={{ base: 2, sm: 5 }}>
            {(['agencies', 'answers', 'created', 'replaced', 'unchanged'] as const).map((k) => (
              <Stack key={k} gap={0}>
                <Text size="xs" c="dimmed">
                  {t(`imports.count.${k}`)}
                </Text>
                <Text fw={700}>{result[k].toLocaleString(lang === 'th' ? 'th-TH' : 'en-US')}</Text>
              </Stack>
            ))}
          </SimpleGrid>
        </Alert>
      )}

      {rejection && (
        <Alert color="red" role="alert" title={t('imports.rejected', { count: rejection.total })}>
          <Stack gap="sm">
            <Group>
              <Text size="sm">{t('imports.nothingWritten')}</Text>
              <Anchor component="button" type="button" onClick={() => void downloadReport(rejection.reportId)}>
                <Group gap={4}>
                  <IconDownload size={16} aria-hidden />
                  {t('imports.downloadReport')}
                </Group>
              </Anchor>
            </Group>
            {rejection.total > rejection.errors.length && (
              <Text size="xs">{t('imports.showingFirst', { shown: rejection.errors.length })}</Text>
            )}
            <Table.ScrollContainer minWidth={700}>
              <Table verticalSpacing={4} data-testid="import-errors">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('imports.row')}</Table.Th>
                    <Table.Th scope="col">{t('imports.column')}</Table.Th>
                    <Table.Th scope="col">{t('imports.agency')}</Table.Th>
                    <Table.Th scope="col">{t('imports.question')}</Table.Th>
                    <Table.Th scope="col">{t('imports.reason')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rejection.errors.map((e) => (
                    <Table.Tr key={`${e.row}:${e.column}:${e.reason}`}>
                      <Table.Td>{e.row}</Table.Td>
                      <Table.Td>
                        <Text size="xs" ff="monospace">
                          {e.column}
                        </Text>
                      </Table.Td>
                      <Table.Td>{e.agencyCode ?? ''}</Table.Td>
                      <Table.Td>
                        <Text size="xs" ff="monospace">
                          {e.questionCode ?? ''}
                        </Text>
                      </Table.Td>
                      <Table.Td>{e.messages[lang]}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
