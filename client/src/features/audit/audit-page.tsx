// Date pickers' styles load with the screens that have one, not with the sign-in page.
import '@mantine/dates/styles.css';
import { formatDate } from '@dg/shared/domain/dates';
import {
  Badge,
  Button,
  Code,
  Drawer,
  Group,
  Pagination,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconDownload } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Empty, errorMessage, LoadError, Loading, StaffOnly } from '../../components/page-state';
import { saveFile } from '../../lib/save-file';
import { dayInputProps } from '../../lib/thai-dates';
import { useAgencies } from '../admin/api';
import { actionLabel, entityLabel } from './action-labels';
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
  const [detail, setDetail] = useState<AuditEntry | null>(null);
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
        <Select
          label={t('audit.action')}
          placeholder={t('audit.any')}
          data={KNOWN_ACTIONS.map((a) => ({ value: a, label: actionLabel(a, lang) }))}
          value={draft.action ?? null}
          onChange={(v) => set({ action: v ?? undefined })}
          searchable
          clearable
          w={{ base: '100%', sm: 240 }}
          limit={60}
        />
        <Select
          label={t('audit.entityType')}
          placeholder={t('audit.any')}
          data={KNOWN_ENTITY_TYPES.map((e) => ({ value: e, label: entityLabel(e, lang) }))}
          value={draft.entityType ?? null}
          onChange={(v) => set({ entityType: v ?? undefined })}
          clearable
          w={{ base: '100%', sm: 180 }}
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
          w={{ base: '100%', sm: 260 }}
        />
        <TextInput
          label={t('audit.user')}
          placeholder={t('audit.userPlaceholder')}
          value={draft.actorEmail ?? ''}
          onChange={(e) => set({ actorEmail: e.currentTarget.value.trim() || undefined })}
          w={{ base: '100%', sm: 220 }}
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
          <Table.ScrollContainer minWidth={760}>
            <Table striped verticalSpacing="xs" aria-label={t('audit.title')} style={{ tableLayout: 'fixed' }}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={150}>{t('audit.when')}</Table.Th>
                  <Table.Th w="20%">{t('audit.who')}</Table.Th>
                  <Table.Th w="22%">{t('audit.action')}</Table.Th>
                  <Table.Th w="18%">{t('audit.entity')}</Table.Th>
                  <Table.Th>{t('audit.agency')}</Table.Th>
                  <Table.Th w={110}>
                    <VisuallyHidden>{t('season.audit.details')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {log.data.entries.map((e) => (
                  <AuditRow
                    key={e.id}
                    entry={e}
                    agency={e.agencyId ? agencyLabel.get(e.agencyId) : undefined}
                    onOpen={() => setDetail(e)}
                  />
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
      <AuditDrawer
        entry={detail}
        agency={detail?.agencyId ? agencyLabel.get(detail.agencyId) : undefined}
        onClose={() => setDetail(null)}
      />
    </Stack>
  );
}

/** "Name (email)" for a person, "System" for the platform's own entries. */
function actorOf(entry: AuditEntry, system: string) {
  if (entry.actorName && entry.actorEmail) return { name: entry.actorName, email: entry.actorEmail };
  if (entry.actorEmail) return { name: entry.actorEmail, email: null };
  return { name: system, email: null };
}

function entityOf(entry: AuditEntry, lang: 'th' | 'en') {
  const kind = entityLabel(entry.entityType, lang);
  if (entry.entityName) return `${kind} ${entry.entityName}`;
  return entry.entityId ? `${kind} #${entry.entityId}` : kind;
}

function AuditRow({ entry, agency, onOpen }: { entry: AuditEntry; agency: string | undefined; onOpen(): void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'th';
  const who = actorOf(entry, t('audit.system'));
  return (
    <Table.Tr data-action={entry.action}>
      <Table.Td>{formatDate(entry.at, lang, true)}</Table.Td>
      <Table.Td style={{ overflowWrap: 'anywhere' }}>
        <Text size="sm">{who.name}</Text>
        {who.email && (
          <Text size="xs" c="dimmed">
            {who.email}
          </Text>
        )}
      </Table.Td>
      <Table.Td style={{ overflowWrap: 'anywhere' }}>
        <Text size="sm" data-testid="audit-action-label">
          {actionLabel(entry.action, lang)}
        </Text>
        <Text size="xs" c="dimmed" ff="monospace">
          {entry.action}
        </Text>
      </Table.Td>
      <Table.Td style={{ overflowWrap: 'anywhere' }}>{entityOf(entry, lang)}</Table.Td>
      <Table.Td style={{ overflowWrap: 'anywhere' }}>
        {agency ?? (entry.agencyId ? `#${entry.agencyId}` : '—')}
      </Table.Td>
      <Table.Td>
        <Button
          variant="subtle"
          size="compact-sm"
          onClick={onOpen}
          aria-label={`${t('season.audit.details')}: ${actionLabel(entry.action, lang)} ${formatDate(entry.at, lang, true)}`}
        >
          {t('season.audit.details')}
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}

/** Everything one entry records: who, from where, what, and each field before and after. */
function AuditDrawer({
  entry,
  agency,
  onClose,
}: {
  entry: AuditEntry | null;
  agency: string | undefined;
  onClose(): void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'th';
  const changes = entry ? diffValues(entry.before, entry.after) : [];
  const who = entry ? actorOf(entry, t('audit.system')) : null;
  return (
    <Drawer
      opened={entry !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={entry ? actionLabel(entry.action, lang) : ''}
      closeButtonProps={{ 'aria-label': t('admin.close') }}
    >
      {entry && who && (
        <Stack gap="sm" data-testid="audit-drawer">
          <Table variant="vertical" withTableBorder fz="sm">
            <Table.Tbody>
              <Table.Tr>
                <Table.Th w={140}>{t('audit.when')}</Table.Th>
                <Table.Td>{formatDate(entry.at, lang, true)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('audit.who')}</Table.Th>
                <Table.Td>{who.email ? `${who.name} (${who.email})` : who.name}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('audit.action')}</Table.Th>
                <Table.Td>
                  {actionLabel(entry.action, lang)} <Code>{entry.action}</Code>
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('audit.entity')}</Table.Th>
                <Table.Td>{entityOf(entry, lang)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('audit.agency')}</Table.Th>
                <Table.Td>{agency ?? (entry.agencyId ? `#${entry.agencyId}` : '—')}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('audit.ip')}</Table.Th>
                <Table.Td>{entry.ip ?? '—'}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
          {changes.length > 0 ? (
            <Table
              withTableBorder
              fz="sm"
              aria-label={t('audit.changesOf', { action: actionLabel(entry.action, lang) })}
            >
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
          ) : (
            <Text c="dimmed" size="sm">
              {t('season.audit.noChanges')}
            </Text>
          )}
          {entry.meta != null && (
            <Code block style={{ whiteSpace: 'pre-wrap' }}>
              {JSON.stringify(entry.meta, null, 2)}
            </Code>
          )}
        </Stack>
      )}
    </Drawer>
  );
}
