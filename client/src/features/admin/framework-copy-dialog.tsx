import { Button, Group, Modal, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../components/page-state';
import type { FrameworkListItem } from './api';
import { useCopyFramework } from './authoring-api';

/** The code of next year's framework: this year's with its years moved on by one. */
function nextCode(f: FrameworkListItem): string {
  return f.code.replaceAll(String(f.year + 543), String(f.year + 544)).replaceAll(String(f.year), String(f.year + 1));
}

/** Starts next year's draft from a framework, then opens it in the editor. */
export function FrameworkCopyDialog({ source, onClose }: { source: FrameworkListItem | null; onClose(): void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const copy = useCopyFramework();
  const [code, setCode] = useState('');
  const [yearBe, setYearBe] = useState<number | string>('');
  useEffect(() => {
    if (source) {
      setCode(nextCode(source));
      setYearBe(source.year + 544);
      copy.reset();
    }
  }, [source, copy.reset]);
  const codeOk = /^[A-Z0-9-]{3,40}$/.test(code);
  const submit = () => {
    if (!source || !codeOk || typeof yearBe !== 'number') return;
    copy.mutate(
      { id: source.id, body: { code, year: yearBe - 543 } },
      {
        onSuccess: (res) => {
          notifications.show({ color: 'green', message: t('authoring.created', { code: res.code }) });
          onClose();
          void navigate(`/admin/frameworks/${res.id}/edit`);
        },
      },
    );
  };
  return (
    <Modal
      opened={source !== null}
      onClose={onClose}
      title={source ? t('authoring.copyTitle', { code: source.code }) : ''}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack>
          <Text size="sm">{t('authoring.copyIntro')}</Text>
          <TextInput
            label={t('authoring.newCode')}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value.toUpperCase())}
            error={code !== '' && !codeOk ? 'A-Z 0-9 -' : undefined}
            required
          />
          <NumberInput
            label={t('authoring.newYear')}
            value={yearBe}
            onChange={setYearBe}
            min={2543}
            max={2643}
            required
          />
          {copy.isError && (
            <Text c="red" size="sm" role="alert">
              {errorMessage(copy.error)}
            </Text>
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={copy.isPending} disabled={!codeOk}>
              {t('authoring.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
