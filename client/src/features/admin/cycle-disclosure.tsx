import { formatYear } from '@dg/shared/domain/dates';
import { Alert, Badge, Button, Group, Modal, NumberInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, LoadError, Loading } from '../../components/page-state';
import { type AdminCycle, useDisclosurePolicy, useSetDisclosurePolicy } from './api';

/**
 * The cycle's disclosure policy: the minimum number of agencies a segment needs before agency users
 * and the open-data package see its figures. The server checks the range and audits the change.
 */
export function DisclosureDialog({ cycle, onClose }: { cycle: AdminCycle | null; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'th';
  const policy = useDisclosurePolicy(cycle?.id ?? null);
  const save = useSetDisclosurePolicy();
  const [value, setValue] = useState<number | string>('');
  const { reset } = save;

  useEffect(() => {
    if (cycle) reset();
  }, [cycle, reset]);
  useEffect(() => {
    if (policy.data) setValue(policy.data.minSegmentSize);
  }, [policy.data]);

  const year = cycle ? formatYear(cycle.fiscalYear, lang) : '';
  const n = typeof value === 'number' ? value : Number.NaN;
  const valid = Number.isInteger(n) && n >= 3 && n <= 100;
  const submit = async () => {
    if (!cycle || !valid) return;
    try {
      await save.mutateAsync({ cycleId: cycle.id, minSegmentSize: n });
      notifications.show({ color: 'green', message: t('admin.cycles.disclosure.saved') });
      onClose();
    } catch {
      // shown below from save.error
    }
  };
  return (
    <Modal
      opened={cycle !== null}
      onClose={onClose}
      title={t('admin.cycles.disclosure.title', { year })}
      centered
      closeButtonProps={{ 'aria-label': t('admin.close') }}
    >
      {policy.isPending ? (
        <Loading />
      ) : policy.isError ? (
        <LoadError error={policy.error} onRetry={() => void policy.refetch()} />
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <Stack>
            <Text size="sm">{t('admin.cycles.disclosure.intro')}</Text>
            <NumberInput
              label={t('admin.cycles.disclosure.min')}
              description={t('admin.cycles.disclosure.minHelp')}
              min={3}
              max={100}
              step={1}
              allowDecimal={false}
              allowNegative={false}
              value={value}
              onChange={setValue}
              error={value !== '' && !valid ? t('admin.cycles.disclosure.minHelp') : undefined}
              data-testid="disclosure-min"
              rightSection={
                policy.data.isDefault ? (
                  <Badge size="xs" variant="light" color="gray" tt="none">
                    {t('admin.cycles.disclosure.isDefault')}
                  </Badge>
                ) : undefined
              }
              rightSectionWidth={policy.data.isDefault ? 110 : undefined}
            />
            {save.isError && (
              <Alert color="red" title={t('state.error')} role="alert">
                {errorMessage(save.error)}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('admin.cancel')}
              </Button>
              <Button type="submit" loading={save.isPending} disabled={!valid}>
                {t('admin.cycles.disclosure.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
