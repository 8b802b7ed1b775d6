import {
  type OnboardingAccepted,
  OnboardingAcceptedSchema,
  OnboardingBatchListSchema,
  OnboardingBatchSchema,
  type OnboardingRowError,
  type OnboardingStatus,
} from '@dg/shared/schemas/onboarding';
import { Alert, Anchor, Badge, Button, FileInput, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { IconDownload, IconUsersPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError, getJson } from '../../lib/api';
import { formatDay } from '../../lib/thai-dates';

const STATUS_COLOR: Record<OnboardingStatus, string> = {
  queued: 'gray',
  sent: 'blue',
  opened: 'cyan',
  accepted: 'teal',
  bounced: 'red',
  failed: 'orange',
  expired: 'gray',
};
const ORDER: OnboardingStatus[] = ['queued', 'sent', 'opened', 'accepted', 'bounced', 'failed', 'expired'];

function StatusBadge({ status, count }: { status: OnboardingStatus; count?: number }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" style={{ textTransform: 'none' }}>
      {t(`onboarding.status.${status}`)}
      {count !== undefined ? ` ${count}` : ''}
    </Badge>
  );
}

/** A template the administrator fills in: Thai headers, one example row. */
function downloadTemplate() {
  const text = '\ufeffรหัสหน่วยงาน,ชื่อ-นามสกุล,อีเมล,บทบาท\r\nD001,สมชาย ใจดี,somchai@agency.go.th,cio\r\n';
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = 'onboarding-template.csv';
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Administrators invite agencies' CIOs, coordinators and viewers from one list, and follow each invitation. */
export function OnboardingPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'th';
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [rejection, setRejection] = useState<{ errors: OnboardingRowError[]; total: number } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const batches = useQuery({
    queryKey: ['onboarding'],
    queryFn: () => getJson('/api/admin/onboarding', OnboardingBatchListSchema),
    refetchInterval: (q) => (q.state.data?.batches.some((b) => (b.counts.queued ?? 0) > 0) ? 2000 : false),
  });
  const batch = useQuery({
    queryKey: ['onboarding', selected],
    queryFn: () => getJson(`/api/admin/onboarding/${selected}`, OnboardingBatchSchema),
    enabled: Boolean(selected),
    refetchInterval: (q) => ((q.state.data?.counts.queued ?? 0) > 0 ? 2000 : false),
  });
  const onAccepted = (r: OnboardingAccepted) => {
    setSelected(r.batchId);
    void qc.invalidateQueries({ queryKey: ['onboarding'] });
  };
  const onError = (e: unknown) => {
    if (e instanceof ApiRequestError && e.code === 'IMPORT_INVALID' && e.details) {
      setRejection(e.details as { errors: OnboardingRowError[]; total: number });
    } else {
      setFailure(e instanceof ApiRequestError ? e.message : t('state.error'));
    }
  };
  const upload = useMutation({
    mutationFn: async () => {
      setRejection(null);
      setFailure(null);
      const body = new FormData();
      if (file) body.append('file', file, file.name);
      return getJson('/api/admin/onboarding', OnboardingAcceptedSchema, { method: 'POST', body });
    },
    onSuccess: (r) => {
      setFile(null);
      onAccepted(r);
    },
    onError,
  });
  const resend = useMutation({
    mutationFn: (id: string) =>
      getJson(`/api/admin/onboarding/${id}/resend`, OnboardingAcceptedSchema, { method: 'POST' }),
    onSuccess: onAccepted,
    onError,
  });

  return (
    <Stack gap="lg" maw={1100}>
      <Stack gap={4}>
        <Title order={2}>{t('onboarding.title')}</Title>
        <Text c="dimmed">{t('onboarding.intro')}</Text>
      </Stack>
      <Group align="flex-end" wrap="wrap">
        <FileInput
          label={t('onboarding.file')}
          description={t('onboarding.columns')}
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          value={file}
          onChange={setFile}
          clearable
          w={{ base: '100%', sm: 420 }}
        />
        <Button
          leftSection={<IconUsersPlus size={18} aria-hidden />}
          onClick={() => upload.mutate()}
          loading={upload.isPending}
          disabled={!file}
        >
          {t('onboarding.submit')}
        </Button>
        <Button variant="subtle" leftSection={<IconDownload size={18} aria-hidden />} onClick={downloadTemplate}>
          {t('onboarding.template')}
        </Button>
      </Group>

      {failure && (
        <Alert color="red" role="alert" title={t('state.error')}>
          {failure}
        </Alert>
      )}
      {rejection && (
        <Alert color="red" role="alert" title={t('onboarding.rejected', { count: rejection.total })}>
          <Table.ScrollContainer minWidth={520}>
            <Table data-testid="onboarding-errors">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('onboarding.row')}</Table.Th>
                  <Table.Th>{t('onboarding.column')}</Table.Th>
                  <Table.Th>{t('onboarding.problem')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rejection.errors.map((e) => (
                  <Table.Tr key={`${e.row}-${e.column}-${e.message}`}>
                    <Table.Td>{e.row}</Table.Td>
                    <Table.Td>{e.column}</Table.Td>
                    <Table.Td>{e.message}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Alert>
      )}

      <Title order={3} size="h4">
        {t('onboarding.batches')}
      </Title>
      {batches.isPending ? (
        <Loader aria-label={t('state.loading')} />
      ) : batches.isError ? (
        <Alert color="red">{t('state.error')}</Alert>
      ) : batches.data.batches.length === 0 ? (
        <Text c="dimmed">{t('onboarding.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('onboarding.fileName')}</Table.Th>
                <Table.Th>{t('onboarding.when')}</Table.Th>
                <Table.Th>{t('onboarding.people')}</Table.Th>
                <Table.Th>{t('onboarding.progress')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {batches.data.batches.map((b) => (
                <Table.Tr key={b.id}>
                  <Table.Td>
                    <Anchor component="button" onClick={() => setSelected(b.id)}>
                      {b.fileName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{formatDay(b.createdAt.slice(0, 10), lang)}</Table.Td>
                  <Table.Td>{b.total}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {ORDER.filter((s) => b.counts[s]).map((s) => (
                        <StatusBadge key={s} status={s} count={b.counts[s]} />
                      ))}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      {selected && batch.data && (
        <Stack gap="sm" data-testid="onboarding-batch">
          <Group justify="space-between">
            <Title order={3} size="h4">
              {batch.data.fileName}
            </Title>
            <Button
              variant="default"
              onClick={() => resend.mutate(batch.data.id)}
              loading={resend.isPending}
              disabled={!['bounced', 'failed', 'expired'].some((s) => batch.data.counts[s])}
            >
              {t('onboarding.resend')}
            </Button>
          </Group>
          <Table.ScrollContainer minWidth={760}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('onboarding.row')}</Table.Th>
                  <Table.Th>{t('onboarding.agency')}</Table.Th>
                  <Table.Th>{t('onboarding.person')}</Table.Th>
                  <Table.Th>{t('onboarding.role')}</Table.Th>
                  <Table.Th>{t('onboarding.state')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {batch.data.contacts.map((c) => (
                  <Table.Tr key={c.row}>
                    <Table.Td>{c.row}</Table.Td>
                    <Table.Td>{c.agencyName[lang]}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{c.displayName}</Text>
                      <Text size="xs" c="dimmed">
                        {c.email}
                      </Text>
                    </Table.Td>
                    <Table.Td>{t(`roles.${c.role}`)}</Table.Td>
                    <Table.Td>
                      <StatusBadge status={c.status} />
                      {c.error && (
                        <Text size="xs" c="dimmed">
                          {c.error}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      )}
    </Stack>
  );
}
