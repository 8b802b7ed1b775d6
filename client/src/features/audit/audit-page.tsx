import { formatDate } from '@dg/shared/domain/dates';
import {
  Autocomplete,
  Badge,
  Button,
  Code,
  Group,
  Pagination,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconChevronRight, IconDownload } from '@tabler/icons-react';
import { Fragment, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Empty, errorMessage, LoadError, Loading, StaffOnly } from '../../components/page-state';
import { dayInputProps } from '../../lib/thai-dates';
import { useAgencies } from '../admin/api';
import { saveFile } from '../monitoring/api';
import {
  type AuditEntry,
  type AuditFilter,
  auditParams,
  diffValues,
  KNOWN_ACTIONS,
  KNOWN_ENTITY_TYPES,
  PAGE_SIZE,
  showValue,
  useAuditLog,
} from './api';

export function AuditPage() {
  return (
    <StaffOnly>
      <AuditContent />
    </StaffOnly>
  );
}

function AuditContent() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'th';
  const [draft, setDraft] = useState<AuditFilter>({});
  const [filter] = useDebouncedValue(draft, 300);
  const [page, setPage] = useState(1);
  const [exporting, setExporting] = useState(false);
  const log = useAuditLog(filter, page);
  const agencies = useAgencies({});

  const agencyOptions = useMemo(
    () => (agencies.data ?? []).map((a) => ({ value: String(a.id), label: `${a.code} ${a.name[lang]}` })),
    [agencies.data, lang],
  );
  const agencyLabel = useMemo(() => new Map(agencyOptions.map((o) => [Number(o.value), o.label])), [agencyOptions]);
  // A new filter starts again from its first page.
  const set = (patch: Partial<AuditFilter>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setPage(1);
  };

  const exportCsv = async () => {
    setExporting(true);
    try {
      await saveFile(`/api/audit/export.csv?${auditParams(filter)}`, 'audit-log.csv');
    } catch (e) {
      notifications.show({ color: 'red', title: t('state.error'), message: errorMessage(e) });
    } finally {
      setExporting(false);
    }
  };

  const pages = log.data ? Math.max(1, Math.ceil(log.data.total / PAGE_SIZE)) : 1;
  return (
    <Stack gap="lg" maw={1280}>
      <Stack gap={4}>
        <Title order={2}>{t('audit.title')}</Title>
        <Text c="dimmed">{t('audit.intro')}</Text>
      </Stack>
      <Group align="flex-end" gap="md" wrap="wrap" role="search" aria-label={t('audit.filters')}>
        <Autocomplete
          label={t('audit.action')}
          placeholder={t('audit.any')}
          data={KNOWN_ACTIONS}
          value={draft.action ?? ''}
          onChange={(v) => set({ action: v.trim() || undefined })}
          w={220}
          limit={30}
        />
        <Autocomplete
          label={t('audit.entityType')}
          placeholder={t('audit.any')}
          data={KNOWN_ENTITY_TYPES}
          value={draft.entityType ?? ''}
          onChange={(v) => set({ entityType: v.trim() || undefined })}
          w={180}
        />
        <Select
          label={t('audit.agency')}
          placeholder={t('audit.any')}
          data={agencyOptions}
          value={draft.agencyId ? String(draft.agencyId) : null}
          onChange={(v) => set({ agencyId: v ? Number(v) : undefined })}
          searchable
          clearable
          limit={50}
          nothingFoundMessage={t('audit.noAgency')}
          w={260}
        />
        <TextInput
          label={t('audit.user')}
          placeholder={t('audit.userPlaceholder')}
          value={draft.actorEmail ?? ''}
          onChange={(e) => set({ actorEmail: e.currentTarget.value.trim() || undefined })}
          w={220}
        />
        <DateInput
          {...dayInputProps(lang)}
          label={t('audit.from')}
          value={draft.fromDate ?? null}
          onChange={(d) => set({ fromDate: d ?? undefined })}
          clearable
          w={170}
        />
        <DateInput
          {...dayInputProps(lang)}
          label={t('audit.to')}
          value={draft.toDate ?? null}
          onChange={(d) => set({ toDate: d ?? undefined })}
          clearable
          w={170}
        />
        <Button
          variant="default"
          onClick={() => {
            setDraft({});
            setPage(1);
          }}
        >
          {t('audit.clear')}
        </Button>
        <Button
          leftSection={<IconDownload size={16} aria-hidden />}
          onClick={() => void exportCsv()}
          loading={exporting}
        >
          {t('audit.exportCsv')}
        </Button>
      </Group>
      {log.isPending ? (
        <Loading />
      ) : log.isError ? (
        <LoadError error={log.error} onRetry={() => void log.refetch()} />
      ) : log.data.entries.length === 0 ? (
        <Empty>{t('audit.empty')}</Empty>
      ) : (
        <>
          <Text size="sm" c="dimmed" aria-live="polite">
            {t('audit.count', { count: log.data.total })}
          </Text>
          <Table.ScrollContainer minWidth={900}>
            <Table striped verticalSpacing="xs" aria-label={t('audit.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('audit.when')}</Table.Th>
                  <Table.Th>{t('audit.who')}</Table.Th>
                  <Table.Th>{t('audit.action')}</Table.Th>
                  <Table.Th>{t('audit.entity')}</Table.Th>
                  <Table.Th>{t('audit.agency')}</Table.Th>
                  <Table.Th>{t('audit.ip')}</Table.Th>
                  <Table.Th>{t('audit.changes')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {log.data.entries.map((e) => (
                  <AuditRow key={e.id} entry={e} agency={e.agencyId ? agencyLabel.get(e.agencyId) : undefined} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {pages > 1 && (
            <Pagination
              total={pages}
              value={page}
              onChange={setPage}
              getControlProps={(control) => ({ 'aria-label': t(`audit.page.${control}`) })}
            />
          )}
        </>
      )}
    </Stack>
  );
}

function AuditRow({ entry, agency }: { entry: AuditEntry; agency: string | undefined }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'th';
  const [open, setOpen] = useState(false);
  const changes = diffValues(entry.before, entry.after);
  const detailsId = `audit-changes-${entry.id}`;
  return (
    <Fragment>
      <Table.Tr>
        <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(entry.at, lang, true)}</Table.Td>
        <Table.Td>{entry.actorEmail ?? t('audit.system')}</Table.Td>
        <Table.Td>
          <Code>{entry.action}</Code>
        </Table.Td>
        <Table.Td>
          {entry.entityType}
          {entry.entityId ? ` #${entry.entityId}` : ''}
        </Table.Td>
        <Table.Td>{agency ?? (entry.agencyId ? `#${entry.agencyId}` : '—')}</Table.Td>
        <Table.Td>{entry.ip ?? '—'}</Table.Td>
        <Table.Td>
          {changes.length > 0 ? (
            <Button
              variant="subtle"
              size="compact-sm"
              aria-expanded={open}
              aria-controls={detailsId}
              leftSection={
                open ? <IconChevronDown size={14} aria-hidden /> : <IconChevronRight size={14} aria-hidden />
              }
              onClick={() => setOpen((o) => !o)}
            >
              {t('audit.showChanges', { count: changes.filter((c) => c.changed).length })}
            </Button>
          ) : (
            '—'
          )}
        </Table.Td>
      </Table.Tr>
      {open && (
        <Table.Tr id={detailsId}>
          <Table.Td colSpan={7}>
            <Table withTableBorder fz="sm" aria-label={t('audit.changesOf', { action: entry.action })}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('audit.field')}</Table.Th>
                  <Table.Th>{t('audit.before')}</Table.Th>
                  <Table.Th>{t('audit.after')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {changes.map((c) => (
                  <Table.Tr key={c.field} data-changed={c.changed}>
                    <Table.Td>
                      {c.field}{' '}
                      {c.changed && (
                        <Badge size="xs" color="dark" variant="outline">
                          {t('audit.changed')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td style={{ wordBreak: 'break-word' }}>{showValue(c.before)}</Table.Td>
                    <Table.Td style={{ wordBreak: 'break-word' }} fw={c.changed ? 600 : undefined}>
                      {showValue(c.after)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.Td>
        </Table.Tr>
      )}
    </Fragment>
  );
}
