import { formatDate } from '@dg/shared/domain/dates';
import {
  Badge,
  Button,
  Divider,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Empty, errorMessage, isAdmin, LoadError, Loading, StaffOnly } from '../../components/page-state';
import { useAuth } from '../../lib/auth';
import { AgencyMerge } from './agency-merge';
import { type AgencyHistoryEntry, type AgencySummary, useAgencies, useAgencyHistory, useRenameAgency } from './api';

export function AgenciesPage() {
  return (
    <StaffOnly>
      <AgenciesContent />
    </StaffOnly>
  );
}

function AgenciesContent() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'th';
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [track, setTrack] = useState<string | null>(null);
  const agencies = useAgencies({ q: q || undefined, track: track ?? undefined });
  const [selected, setSelected] = useState<AgencySummary | null>(null);
  const { user } = useAuth();

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
          onChange={(e) => setSearch(e.currentTarget.value)}
          leftSection={<IconSearch size={16} aria-hidden />}
          w={{ base: '100%', sm: 360 }}
          type="search"
        />
        <Select
          label={t('admin.agencies.track')}
          placeholder={t('admin.agencies.allTracks')}
          clearable
          value={track}
          onChange={setTrack}
          data={[
            { value: 'department', label: t('admin.agencies.trackName.department') },
            { value: 'province', label: t('admin.agencies.trackName.province') },
          ]}
          w={200}
        />
        {agencies.data && (
          <Text size="sm" c="dimmed" aria-live="polite">
            {t('admin.agencies.count', { count: agencies.data.length })}
          </Text>
        )}
      </Group>
      {agencies.isPending ? (
        <Loading />
      ) : agencies.isError ? (
        <LoadError error={agencies.error} onRetry={() => void agencies.refetch()} />
      ) : agencies.data.length === 0 ? (
        <Empty>{t('admin.agencies.empty')}</Empty>
      ) : (
        <Table.ScrollContainer minWidth={960}>
          <Table striped highlightOnHover verticalSpacing="xs" data-testid="agencies-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('admin.agencies.code')}</Table.Th>
                <Table.Th scope="col">{t('admin.agencies.name')}</Table.Th>
                <Table.Th scope="col">{t('admin.agencies.ministry')}</Table.Th>
                <Table.Th scope="col">{t('admin.agencies.orgType')}</Table.Th>
                <Table.Th scope="col">{t('admin.agencies.role')}</Table.Th>
                <Table.Th scope="col">{t('admin.agencies.status')}</Table.Th>
                <Table.Th scope="col">{t('admin.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {agencies.data.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td ff="monospace">{a.code}</Table.Td>
                  <Table.Th scope="row" fw={400}>
                    <Text size="sm">{a.name[lang]}</Text>
                  </Table.Th>
                  <Table.Td>
                    <Text size="sm">{a.ministryName?.[lang] ?? '—'}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{a.orgType ? t(`admin.agencies.orgTypeName.${a.orgType}`) : '—'}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{a.role ? t(`admin.agencies.roleName.${a.role}`) : '—'}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="filled" color={a.active ? '#1b5e20' : '#495057'} tt="none" miw="max-content">
                      {a.mergedIntoId
                        ? t('admin.agencies.merged')
                        : a.active
                          ? t('admin.agencies.active')
                          : t('admin.agencies.inactive')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="subtle"
                      onClick={() => setSelected(a)}
                      aria-label={t('admin.agencies.edit', { name: a.name[lang] })}
                    >
                      {isAdmin(user?.role) ? t('admin.agencies.editAndHistory') : t('admin.agencies.history')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
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
