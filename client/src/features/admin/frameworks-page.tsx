import { formatYear } from '@dg/shared/domain/dates';
import type { WorkbookIssueDto } from '@dg/shared/schemas/framework-authoring';
import { FrameworkImportResultSchema } from '@dg/shared/schemas/frameworks-routes';
import { Badge, Button, FileButton, Group, Menu, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCopy, IconDownload, IconEye, IconFileImport, IconListDetails, IconPencil } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Empty, errorMessage, isAdmin, LoadError, Loading, StaffOnly } from '../../components/page-state';
import { ApiRequestError, getJson } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { adminKeys, downloadFile, type FrameworkIssue, type FrameworkListItem, useFrameworks } from './api';
import { importWorkbook } from './authoring-api';
import { FrameworkCopyDialog } from './framework-copy-dialog';
import { FrameworkCorrectionDialog } from './framework-correction';
import { FrameworkIssues } from './framework-issues';

export function FrameworksPage() {
  return (
    <StaffOnly>
      <FrameworksContent />
    </StaffOnly>
  );
}

function FrameworksContent() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'th';
  const { user } = useAuth();
  const frameworks = useFrameworks();
  const qc = useQueryClient();
  const [importing, setImporting] = useState(false);
  const [problems, setProblems] = useState<{ title: string; issues: (FrameworkIssue | WorkbookIssueDto)[] } | null>(
    null,
  );
  const [copying, setCopying] = useState<FrameworkListItem | null>(null);
  const [correcting, setCorrecting] = useState<FrameworkListItem | null>(null);

  const onFile = async (file: File | null) => {
    if (!file) return;
    setImporting(true);
    setProblems(null);
    try {
      const body = new FormData();
      body.append('file', file, file.name);
      const res = /\.xlsx$/i.test(file.name)
        ? await importWorkbook(file)
        : await getJson('/api/frameworks/import', FrameworkImportResultSchema, { method: 'POST', body });
      notifications.show({
        color: res.changed ? 'green' : 'blue',
        message: t(res.changed ? 'admin.frameworks.imported' : 'admin.frameworks.unchanged', { code: res.code }),
      });
      void qc.invalidateQueries({ queryKey: adminKeys.frameworks });
    } catch (e) {
      if (e instanceof ApiRequestError && e.code === 'FRAMEWORK_INVALID' && Array.isArray(e.details)) {
        const issues = e.details as (FrameworkIssue | WorkbookIssueDto)[];
        setProblems({ title: t('admin.frameworks.invalidTitle', { count: issues.length }), issues });
      } else {
        notifications.show({ color: 'red', title: t('state.error'), message: errorMessage(e) });
      }
    } finally {
      setImporting(false);
    }
  };

  const download = (f: FrameworkListItem, kind: 'export.json' | 'export.xlsx' | 'codebook.xlsx' | 'codebook.csv') => {
    const name =
      kind === 'export.json' || kind === 'export.xlsx'
        ? `framework-${f.code}.${kind.slice(7)}`
        : `codebook-${f.code}.${kind.endsWith('xlsx') ? 'xlsx' : 'csv'}`;
    downloadFile(`/api/frameworks/${f.id}/${kind}`, name).catch((e: unknown) =>
      notifications.show({ color: 'red', title: t('admin.frameworks.downloadFailed'), message: errorMessage(e) }),
    );
  };

  return (
    <Stack gap="lg" maw={1200}>
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={2}>{t('admin.frameworks.title')}</Title>
          <Text c="dimmed">{t('admin.frameworks.intro')}</Text>
        </Stack>
        {isAdmin(user?.role) && (
          <Stack gap={4} align="flex-end">
            <FileButton
              onChange={(f) => void onFile(f)}
              accept="application/json,.json,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            >
              {(props) => (
                <Button {...props} leftSection={<IconFileImport size={18} aria-hidden />} loading={importing}>
                  {t('authoring.importButton')}
                </Button>
              )}
            </FileButton>
            <Text size="xs" c="dimmed">
              {t('authoring.importHint')}
            </Text>
          </Stack>
        )}
      </Group>

      {problems && (
        <FrameworkIssues title={problems.title} issues={problems.issues} onClose={() => setProblems(null)} />
      )}

      {frameworks.isPending ? (
        <Loading />
      ) : frameworks.isError ? (
        <LoadError error={frameworks.error} onRetry={() => void frameworks.refetch()} />
      ) : frameworks.data.length === 0 ? (
        <Empty>{t('admin.frameworks.empty')}</Empty>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped verticalSpacing="sm" data-testid="frameworks-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('admin.frameworks.code')}</Table.Th>
                <Table.Th scope="col">{t('admin.frameworks.year')}</Table.Th>
                <Table.Th scope="col">{t('admin.frameworks.titleCol')}</Table.Th>
                <Table.Th scope="col">{t('admin.frameworks.questions')}</Table.Th>
                <Table.Th scope="col">{t('admin.frameworks.hash')}</Table.Th>
                <Table.Th scope="col">{t('admin.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {frameworks.data.map((f) => (
                <Table.Tr key={f.id}>
                  <Table.Th scope="row">
                    <Stack gap={4} align="flex-start">
                      <Text ff="monospace" size="sm" fw={600}>
                        {f.code}
                      </Text>
                      <Badge
                        size="sm"
                        variant="filled"
                        color={f.frozen ? '#495057' : '#1b5e20'}
                        tt="none"
                        miw="max-content"
                      >
                        {f.frozen ? t('admin.frameworks.frozen') : t('admin.frameworks.editable')}
                      </Badge>
                    </Stack>
                  </Table.Th>
                  <Table.Td>{formatYear(f.year, lang)}</Table.Td>
                  <Table.Td maw={360}>
                    <Text size="sm">{f.title[lang]}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{t('admin.frameworks.questionsValue', f.questions)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" ff="monospace" title={f.hash}>
                      {f.hash.slice(0, 12)}…
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="wrap" miw={260}>
                      <Button
                        component={Link}
                        to={`/admin/frameworks/${f.id}/preview`}
                        size="xs"
                        variant="light"
                        leftSection={<IconEye size={16} aria-hidden />}
                        aria-label={`${t('admin.frameworks.preview')} ${f.code}`}
                      >
                        {t('admin.frameworks.preview')}
                      </Button>
                      <Menu position="bottom-end" withinPortal>
                        <Menu.Target>
                          <Button
                            size="xs"
                            variant="default"
                            leftSection={<IconDownload size={16} aria-hidden />}
                            aria-label={`${t('admin.frameworks.download')} ${f.code}`}
                          >
                            {t('admin.frameworks.download')}
                          </Button>
                        </Menu.Target>
                        <Menu.Dropdown>
                          <Menu.Item onClick={() => download(f, 'export.json')}>
                            {t('admin.frameworks.exportJson')}
                          </Menu.Item>
                          <Menu.Item onClick={() => download(f, 'export.xlsx')}>{t('authoring.exportXlsx')}</Menu.Item>
                          <Menu.Item onClick={() => download(f, 'codebook.xlsx')}>
                            {t('admin.frameworks.codebookXlsx')}
                          </Menu.Item>
                          <Menu.Item onClick={() => download(f, 'codebook.csv')}>
                            {t('admin.frameworks.codebookCsv')}
                          </Menu.Item>
                        </Menu.Dropdown>
                      </Menu>
                      {isAdmin(user?.role) && !f.frozen && (
                        <Button
                          component={Link}
                          to={`/admin/frameworks/${f.id}/edit`}
                          size="xs"
                          variant="light"
                          leftSection={<IconPencil size={16} aria-hidden />}
                          aria-label={`${t('authoring.edit')} ${f.code}`}
                        >
                          {t('authoring.edit')}
                        </Button>
                      )}
                      <Button
                        component={Link}
                        to={`/admin/frameworks/${f.id}/changes`}
                        size="xs"
                        variant="default"
                        leftSection={<IconListDetails size={16} aria-hidden />}
                        aria-label={`${t('authoring.changes')} ${f.code}`}
                      >
                        {t('authoring.changes')}
                      </Button>
                      {isAdmin(user?.role) && (
                        <Button
                          size="xs"
                          variant="default"
                          leftSection={<IconCopy size={16} aria-hidden />}
                          aria-label={`${t('authoring.copy')} ${f.code}`}
                          onClick={() => setCopying(f)}
                        >
                          {t('authoring.copy')}
                        </Button>
                      )}
                      {isAdmin(user?.role) && f.frozen && (
                        <Button
                          size="xs"
                          variant="default"
                          leftSection={<IconPencil size={16} aria-hidden />}
                          aria-label={`${t('admin.frameworks.correct')} ${f.code}`}
                          onClick={() => setCorrecting(f)}
                        >
                          {t('admin.frameworks.correct')}
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <FrameworkCorrectionDialog framework={correcting} onClose={() => setCorrecting(null)} />
      <FrameworkCopyDialog source={copying} onClose={() => setCopying(null)} />
    </Stack>
  );
}
