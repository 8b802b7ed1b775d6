import { Alert, Button, Divider, Group, Modal, Select, Stack, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../components/page-state';
import { type AgencySummary, useMergeAgency, useMergeTargets } from './api';

/**
 * Merging an agency into another (administrators). The merged agency keeps its id, so its past
 * responses and results stay attached to it; the server records the merge in both histories.
 */
export function AgencyMerge({ agency, onMerged }: { agency: AgencySummary; onMerged(a: AgencySummary): void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'th';
  const targets = useMergeTargets(agency.track);
  const merge = useMergeAgency();
  const [intoId, setIntoId] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<{ from: string; into: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const options = useMemo(
    () =>
      (targets.data ?? [])
        .filter((a) => a.id !== agency.id && a.mergedIntoId === null)
        .map((a) => ({ value: String(a.id), label: `${a.code} · ${a.name[lang]}` })),
    [targets.data, agency.id, lang],
  );
  const label = (a: Pick<AgencySummary, 'code' | 'name'>) => `${a.code} ${a.name[lang]}`;
  const into = targets.data?.find((a) => String(a.id) === intoId);

  const run = async () => {
    if (!into) return;
    setError(null);
    try {
      const merged = await merge.mutateAsync({ id: agency.id, intoAgencyId: into.id });
      setResult({ from: label(merged), into: label(into) });
      setConfirming(false);
      onMerged(merged);
    } catch (e) {
      setError(errorMessage(e));
      setConfirming(false);
    }
  };

  if (result) {
    return (
      <Stack gap="sm">
        <Alert color="#1b5e20" title={t('admin.agencies.merge.done', result)} role="status" data-testid="merge-result">
          {t('admin.agencies.merge.resultBody')}
        </Alert>
        <Divider />
      </Stack>
    );
  }
  if (agency.mergedIntoId !== null || !agency.active) return null;

  return (
    <Stack gap="sm">
      <Title order={3} size="h5">
        {t('admin.agencies.merge.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('admin.agencies.merge.hint')}
      </Text>
      <Group align="flex-end">
        <Select
          label={t('admin.agencies.merge.into')}
          placeholder={t('admin.agencies.merge.placeholder')}
          data={options}
          value={intoId}
          onChange={setIntoId}
          searchable
          clearable
          limit={50}
          nothingFoundMessage={t('admin.agencies.empty')}
          disabled={targets.isPending}
          style={{ flex: 1 }}
          comboboxProps={{ withinPortal: true }}
        />
        <Button color="orange" variant="light" disabled={!into} onClick={() => setConfirming(true)}>
          {t('admin.agencies.merge.action')}
        </Button>
      </Group>
      {error && (
        <Alert color="red" title={t('state.error')} role="alert">
          {error}
        </Alert>
      )}
      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t('admin.agencies.merge.confirmTitle')}
        centered
        zIndex={400}
        closeButtonProps={{ 'aria-label': t('admin.close') }}
      >
        {into && (
          <Stack>
            <Text>{t('admin.agencies.merge.confirmBody', { from: label(agency), into: label(into) })}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirming(false)}>
                {t('admin.cancel')}
              </Button>
              <Button color="orange" loading={merge.isPending} onClick={() => void run()}>
                {t('admin.agencies.merge.confirm')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
      <Divider />
    </Stack>
  );
}
