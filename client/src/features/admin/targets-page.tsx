import { formatYear } from '@dg/shared/domain/dates';
import { CycleFrameworkSchema } from '@dg/shared/schemas/frameworks-routes';
import { type NationalTarget, NationalTargetListSchema } from '@dg/shared/schemas/targets';
import { Alert, Badge, Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ConfirmDialog } from '../../components/confirm-dialog';
import {
  Empty,
  isAdmin,
  LoadError,
  Loading,
  notifyError,
  notifyOk,
  StaffOnly,
  useLang,
} from '../../components/page-state';
import { TableScroll } from '../../components/table-scroll';
import { api, getJson } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { useAdminCycles } from './api';
import { TargetDialog } from './targets-form';

/** /admin/targets: national targets per cycle. Administrators change them; analysts read. */
export function TargetsAdminPage() {
  return (
    <StaffOnly>
      <TargetsContent />
    </StaffOnly>
  );
}

function TargetsContent() {
  const { t } = useTranslation();
  const lang = useLang();
  const { user } = useAuth();
  const admin = isAdmin(user?.role);
  const cycles = useAdminCycles();
  const [params, setParams] = useSearchParams();
  const list = [...(cycles.data ?? [])].sort((a, b) => b.fiscalYear - a.fiscalYear);
  const cycleId = Number(params.get('cycle')) || list[0]?.id || null;
  const cycle = list.find((c) => c.id === cycleId) ?? null;
  const [editing, setEditing] = useState<NationalTarget | null>(null);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<NationalTarget | null>(null);
  const qc = useQueryClient();

  const targets = useQuery({
    queryKey: ['targets-admin', cycleId],
    queryFn: () => getJson(`/api/admin/cycles/${cycleId}/targets`, NationalTargetListSchema),
    enabled: cycleId !== null,
  });
  const framework = useQuery({
    queryKey: ['cycle-framework', cycleId],
    queryFn: () => getJson(`/api/cycles/${cycleId}/framework`, CycleFrameworkSchema).then((r) => r.framework),
    enabled: cycleId !== null,
    staleTime: 10 * 60_000,
  });
  const remove = useMutation({
    mutationFn: (x: NationalTarget) => api(`/api/admin/cycles/${x.cycleId}/targets/${x.code}`, { method: 'DELETE' }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['targets-admin', cycleId] });
      void qc.invalidateQueries({ queryKey: ['analytics', 'targets'] });
      notifyOk(t('targetsAdmin.deleted'));
      setDeleting(null);
    },
    onError: notifyError,
  });

  if (cycles.isLoading) return <Loading />;
  if (cycles.error) return <LoadError error={cycles.error} onRetry={() => void cycles.refetch()} />;
  if (!cycle) return <Empty>{t('targetsAdmin.noCycles')}</Empty>;
  const derived = framework.data?.derivedIndicators ?? [];
  const indicatorText = ({ indicator: ind }: NationalTarget) => {
    if (ind.kind === 'level_at_least') return t('targetsAdmin.levelAtLeast', { level: ind.level });
    const def = derived.find((d) => d.code === ind.code);
    return def ? `${ind.code} · ${def.label[lang]}` : ind.code;
  };
  const trackText = (x: NationalTarget) =>
    x.indicator.track ? t(`analytics.tracks.${x.indicator.track}`) : t('targetsAdmin.allTracks');

  return (
    <Stack maw={1280} gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={2}>{t('targetsAdmin.title')}</Title>
          <Text c="dimmed" size="sm">
            {t('targetsAdmin.subtitle')}
          </Text>
        </div>
        {admin && <Button onClick={() => setCreating(true)}>{t('targetsAdmin.add')}</Button>}
      </Group>
      <Select
        label={t('targetsAdmin.cycle')}
        w={{ base: '100%', sm: 320 }}
        allowDeselect={false}
        data={list.map((c) => ({ value: String(c.id), label: `${formatYear(c.fiscalYear, lang)} · ${c.name[lang]}` }))}
        value={String(cycle.id)}
        onChange={(v) => v && setParams({ cycle: v }, { replace: true })}
      />
      {!admin && <Alert color="blue">{t('targetsAdmin.readOnly')}</Alert>}
      {targets.isLoading ? (
        <Loading />
      ) : targets.error ? (
        <LoadError error={targets.error} onRetry={() => void targets.refetch()} />
      ) : (targets.data?.targets.length ?? 0) === 0 ? (
        <Empty>{t('targetsAdmin.empty')}</Empty>
      ) : (
        <TableScroll minWidth={900} label={t('targetsAdmin.title')}>
          <Table striped withTableBorder fz="sm" data-testid="targets-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('targetsAdmin.code')}</Table.Th>
                <Table.Th scope="col">{t('targetsAdmin.indicator')}</Table.Th>
                <Table.Th scope="col">{t('targetsAdmin.population')}</Table.Th>
                <Table.Th scope="col">{t('targetsAdmin.threshold')}</Table.Th>
                <Table.Th scope="col">{t('targetsAdmin.targetYear')}</Table.Th>
                <Table.Th scope="col">{t('targetsAdmin.source')}</Table.Th>
                {admin && <Table.Th scope="col">{t('targetsAdmin.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {targets.data?.targets.map((x) => (
                <Table.Tr key={x.code} data-testid={`target-${x.code}`}>
                  <Table.Td>
                    <Text fw={600} size="sm">
                      {x.code}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {x.label[lang]}
                    </Text>
                  </Table.Td>
                  <Table.Td>{indicatorText(x)}</Table.Td>
                  <Table.Td>{trackText(x)}</Table.Td>
                  <Table.Td>
                    <Badge variant="outline" color="dark">
                      {t(`targetsAdmin.${x.comparison}`)} {x.targetPercent}%
                    </Badge>
                  </Table.Td>
                  <Table.Td>{x.targetYear === null ? '–' : formatYear(x.targetYear, lang)}</Table.Td>
                  <Table.Td>{x.source[lang]}</Table.Td>
                  {admin && (
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Button
                          size="compact-sm"
                          variant="default"
                          onClick={() => setEditing(x)}
                          aria-label={`${t('targetsAdmin.edit')} ${x.code}`}
                        >
                          {t('targetsAdmin.edit')}
                        </Button>
                        <Button
                          size="compact-sm"
                          variant="outline"
                          color="red.9"
                          onClick={() => setDeleting(x)}
                          aria-label={`${t('targetsAdmin.delete')} ${x.code}`}
                        >
                          {t('targetsAdmin.delete')}
                        </Button>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
      {admin && (
        <TargetDialog
          cycleId={cycle.id}
          editing={editing}
          existing={(targets.data?.targets ?? []).map((x) => x.code)}
          derived={derived}
          opened={creating || editing !== null}
          onClose={() => {
            setCreating(false);
            setEditing(null);
          }}
        />
      )}
      <ConfirmDialog
        subject={deleting}
        title={t('targetsAdmin.delete')}
        body={(x) => t('targetsAdmin.confirmDelete', { code: x.code })}
        confirmLabel={t('targetsAdmin.delete')}
        cancelLabel={t('targetsAdmin.cancel')}
        busy={remove.isPending}
        onConfirm={(x) => remove.mutate(x)}
        onClose={() => setDeleting(null)}
      />
    </Stack>
  );
}
