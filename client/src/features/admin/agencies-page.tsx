import { formatDate } from '@dg/shared/domain/dates';
import { Badge, Button, Divider, Group, Modal, Select, Stack, Text, TextInput, Timeline, Title } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataGrid, type GridColumn, useGridUrl } from '../../components/data-grid';
import { errorMessage, isAdmin, LoadError, Loading, StaffOnly } from '../../components/page-state';
import { useAuth } from '../../lib/auth';
import { AgencyMerge } from './agency-merge';
import { type AgencyHistoryEntry, type AgencySummary, useAgencyHistory, useAgencyPage, useRenameAgency } from './api';

export function AgenciesPage() {
  return (
    <StaffOnly>
      <AgenciesContent />
    </StaffOnly>
  );
}

const FILTERS = ['track', 'status'] as const;

/** The registry as a data grid: a page at a time from the server, its view (search, filters, sort, page) in the URL. */
function AgenciesContent() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'th';
  const view = useGridUrl();
  const agencies = useAgencyPage(view.query(FILTERS).toString());
  const [search, setSearch] = useState(view.search);
  const pushSearch = useDebouncedCallback((v: string) => view.set({ search: v.trim() || null }), 300);
  const [selected, setSelected] = useState<AgencySummary | null>(null);
  const { user } = useAuth();
  const admin = isAdmin(user?.role);

  const columns = useMemo<GridColumn<AgencySummary>[]>(
    () => [
      {
        id: 'code',
        header: t('admin.agencies.code'),
        meta: { sortKey: 'code' },
        cell: ({ row }) => <Text ff="monospace">{row.original.code}</Text>,
      },
      {
        id: 'name',
        header: t('admin.agencies.name'),
        meta: { sortKey: 'name' },
        cell: ({ row }) => <Text size="sm">{row.original.name[lang]}</Text>,
      },
      {
        id: 'ministry',
        header: t('admin.agencies.ministry'),
        meta: { sortKey: 'ministry' },
        cell: ({ row }) => <Text size="sm">{row.original.ministryName?.[lang] ?? '—'}</Text>,
      },
      {
        id: 'orgType',
        header: t('admin.agencies.orgType'),
        cell: ({ row: { original: a } }) => (
          <Text size="sm">{a.orgType ? t(`admin.agencies.orgTypeName.${a.orgType}`) : '—'}</Text>
        ),
      },
      {
        id: 'role',
        header: t('admin.agencies.role'),
        cell: ({ row: { original: a } }) => (
          <Text size="sm">{a.role ? t(`admin.agencies.roleName.${a.role}`) : '—'}</Text>
        ),
      },
      {
        id: 'status',
        header: t('admin.agencies.status'),
        cell: ({ row: { original: a } }) => (
          <Badge variant="filled" color={a.active ? '#1b5e20' : '#495057'} tt="none" miw="max-content">
            {a.mergedIntoId
              ? t('admin.agencies.merged')
              : a.active
                ? t('admin.agencies.active')
                : t('admin.agencies.inactive')}
          </Badge>
        ),
      },
      {
        id: 'actions',
        header: t('admin.actions'),
        cell: ({ row: { original: a } }) => (
          <Button
            size="xs"
            variant="subtle"
            onClick={() => setSelected(a)}
            aria-label={t('admin.agencies.edit', { name: a.name[lang] })}
          >
            {admin ? t('admin.agencies.editAndHistory') : t('admin.agencies.history')}
          </Button>
        ),
      },
    ],
    [t, lang, admin],
  );

  return (
    <Stack gap="lg" maw={1280}>
      <Stack gap={4}>
        <Title order={2}>{t('admin.agencies.title')}</Title>
        <Text c="dimmed">{t('admin.agencies.intro')}</Text>
      </Stack>
      <Group align="flex-end" gap="md" wrap="wrap">
        <TextInput
          label={t('admin.agencies.search')}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            pushSearch(e.currentTarget.value);
          }}
          leftSection={<IconSearch size={16} aria-hidden />}
          w={{ base: '100%', sm: 360 }}
          type="search"
        />
        <Select
          label={t('admin.agencies.track')}
          placeholder={t('admin.agencies.allTracks')}
          clearable
          value={view.get('track')}
          onChange={(v) => view.set({ track: v })}
          data={[
            { value: 'department', label: t('admin.agencies.trackName.department') },
            { value: 'province', label: t('admin.agencies.trackName.province') },
          ]}
          w={200}
        />
        <Select
          label={t('admin.agencies.status')}
          placeholder={t('registryGrid.allStatuses')}
          clearable
          value={view.get('status')}
          onChange={(v) => view.set({ status: v })}
          data={[
            { value: 'active', label: t('admin.agencies.active') },
            { value: 'inactive', label: t('admin.agencies.inactive') },
            { value: 'merged', label: t('admin.agencies.merged') },
          ]}
          w={240}
        />
      </Group>
      <DataGrid
        label={t('admin.agencies.title')}
        view={view}
        columns={columns}
        rows={agencies.data?.items}
        total={agencies.data?.total ?? 0}
        getRowId={(a) => String(a.id)}
        loading={agencies.isPending}
        fetching={agencies.isFetching}
        error={
          agencies.isError ? <LoadError error={agencies.error} onRetry={() => void agencies.refetch()} /> : undefined
        }
        empty={t('admin.agencies.empty')}
        minWidth={960}
        testId="agencies-table"
      />
      <AgencyModal agency={selected} onClose={() => setSelected(null)} onChanged={setSelected} />
    </Stack>
  );
}

function AgencyModal({
  agency,
  onClose,
  onChanged,
}: {
  agency: AgencySummary | null;
  onClose(): void;
  onChanged(a: AgencySummary): void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'th';
  const { user } = useAuth();
  const canEdit = isAdmin(user?.role);
  const [nameTh, setNameTh] = useState('');
  const [nameEn, setNameEn] = useState('');
  const rename = useRenameAgency();
  const history = useAgencyHistory(agency?.id ?? null);

  useEffect(() => {
    if (agency) {
      setNameTh(agency.name.th);
      setNameEn(agency.name.en);
    }
  }, [agency]);

  const dirty = agency !== null && (nameTh.trim() !== agency.name.th || nameEn.trim() !== agency.name.en);
  const save = async () => {
    if (!agency) return;
    try {
      await rename.mutateAsync({ id: agency.id, nameTh: nameTh.trim(), nameEn: nameEn.trim() });
      notifications.show({ color: 'green', message: t('admin.agencies.saved') });
    } catch (e) {
      notifications.show({ color: 'red', title: t('state.error'), message: errorMessage(e) });
    }
  };

  return (
    <Modal
      opened={agency !== null}
      onClose={onClose}
      title={agency ? `${agency.code} · ${agency.name[lang]}` : ''}
      size="lg"
      closeButtonProps={{ 'aria-label': t('admin.close') }}
    >
      {agency && (
        <Stack>
          {canEdit && (
            <Stack gap="sm">
              <Title order={3} size="h5">
                {t('admin.agencies.editTitle')}
              </Title>
              <TextInput
                label={t('admin.agencies.nameTh')}
                value={nameTh}
                onChange={(e) => setNameTh(e.currentTarget.value)}
                minLength={2}
                required
              />
              <TextInput
                label={t('admin.agencies.nameEn')}
                value={nameEn}
                onChange={(e) => setNameEn(e.currentTarget.value)}
                minLength={2}
                required
              />
              <Group justify="flex-end">
                <Button variant="default" onClick={onClose}>
                  {t('admin.close')}
                </Button>
                <Button
                  onClick={() => void save()}
                  disabled={!dirty || nameTh.trim().length < 2 || nameEn.trim().length < 2}
                  loading={rename.isPending}
                >
                  {t('admin.save')}
                </Button>
              </Group>
              <Divider />
              <AgencyMerge key={agency.id} agency={agency} onMerged={onChanged} />
            </Stack>
          )}
          <Title order={3} size="h5">
            {t('admin.agencies.history')}
          </Title>
          {history.isPending ? (
            <Loading />
          ) : history.isError ? (
            <LoadError error={history.error} />
          ) : history.data.length === 0 ? (
            <Text c="dimmed" size="sm">
              {t('admin.agencies.noHistory')}
            </Text>
          ) : (
            <Timeline bulletSize={14} lineWidth={2}>
              {history.data.map((h) => (
                <Timeline.Item key={h.id} title={t(`admin.agencies.historyKind.${h.kind}`, { defaultValue: h.kind })}>
                  <HistoryDiff entry={h} />
                  <Text size="xs" c="dimmed" mt={4}>
                    {formatDate(h.changedAt, lang, true)}
                    {h.changedBy ? ` · ${t('admin.agencies.by', { name: h.changedBy.name })}` : ''}
                  </Text>
                </Timeline.Item>
              ))}
            </Timeline>
          )}
        </Stack>
      )}
    </Modal>
  );
}

function HistoryDiff({ entry }: { entry: AgencyHistoryEntry }) {
  const after = entry.after ?? {};
  // Scalar fields only; merge entries also carry the other agency's names as an object.
  const keys = Object.keys(after).filter((k) => after[k] === null || typeof after[k] !== 'object');
  return (
    <Stack gap={2}>
      {keys.map((k) => (
        <Text key={k} size="sm">
          <Text span ff="monospace" size="xs" c="dimmed">
            {k}
          </Text>{' '}
          <Text span td="line-through" c="dimmed">
            {String(entry.before?.[k] ?? '—')}
          </Text>{' '}
          → {String(entry.after?.[k] ?? '—')}
        </Text>
      ))}
    </Stack>
  );
}
