import { formatYear } from '@dg/shared/domain/dates';
import { CorrectionResultSchema } from '@dg/shared/schemas/framework-correction';
import { Alert, Anchor, Button, FileInput, Group, List, Modal, Stack, Text, Textarea } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../components/page-state';
import { ApiRequestError, sendJson } from '../../lib/api';
import { adminKeys, type FrameworkIssue, type FrameworkListItem } from './api';
import { FrameworkIssues } from './framework-issues';

class FileProblem extends Error {}

/**
 * A correction of a frozen framework: the administrator uploads the corrected JSON (usually the
 * downloaded one, edited) with the reason. The server accepts changes of texts, scoring, criteria,
 * weights and mapping only, keeps the superseded document, and lists the cycles to recompute.
 */
export function FrameworkCorrectionDialog({
  framework,
  onClose,
}: {
  framework: FrameworkListItem | null;
  onClose(): void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'th';
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [note, setNote] = useState('');
  const [touched, setTouched] = useState(false);
  const correct = useMutation({
    mutationFn: async () => {
      if (!framework || !file) throw new FileProblem(t('admin.frameworks.correction.fileRequired'));
      let document: unknown;
      try {
        document = JSON.parse(await file.text());
      } catch {
        throw new FileProblem(t('admin.frameworks.invalidFile'));
      }
      return sendJson(`/api/admin/frameworks/${framework.id}/corrections`, CorrectionResultSchema, {
        framework: document,
        note: note.trim(),
      });
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: adminKeys.frameworks }),
  });
  const { reset } = correct;

  useEffect(() => {
    if (!framework) return;
    reset();
    setFile(null);
    setNote('');
    setTouched(false);
  }, [framework, reset]);

  const noteMissing = touched && note.trim() === '';
  const error = correct.error;
  const issues =
    error instanceof ApiRequestError && error.code === 'FRAMEWORK_INVALID' && Array.isArray(error.details)
      ? (error.details as FrameworkIssue[])
      : null;
  const result = correct.data;

  return (
    <Modal
      opened={framework !== null}
      onClose={onClose}
      title={t('admin.frameworks.correction.title', { code: framework?.code ?? '' })}
      size={issues ? 'xl' : 'lg'}
      centered
      closeButtonProps={{ 'aria-label': t('admin.close') }}
    >
      {result ? (
        <Stack>
          <Alert color={result.changed ? 'teal' : 'blue'} role="status">
            {result.changed
              ? t('admin.frameworks.correction.saved', { revision: result.revision, hash: result.hash.slice(0, 12) })
              : t('admin.frameworks.correction.unchanged')}
          </Alert>
          {result.changed && result.cycles.length > 0 && (
            <Stack gap={4}>
              <Text fw={600}>{t('admin.frameworks.correction.recomputeNext')}</Text>
              <List size="sm">
                {result.cycles.map((c) => (
                  <List.Item key={c.id}>{formatYear(c.fiscalYear, lang)}</List.Item>
                ))}
              </List>
              <Anchor component={Link} to="/admin/cycles" onClick={onClose}>
                {t('admin.frameworks.correction.toCycles')}
              </Anchor>
            </Stack>
          )}
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('admin.close')}</Button>
          </Group>
        </Stack>
      ) : (
        <Stack
          component="form"
          onSubmit={(e) => {
            e.preventDefault();
            setTouched(true);
            if (note.trim() !== '' && file) correct.mutate();
          }}
        >
          <Text size="sm">{t('admin.frameworks.correction.intro')}</Text>
          <FileInput
            label={t('admin.frameworks.correction.file')}
            description={t('admin.frameworks.correction.fileHint')}
            accept="application/json,.json"
            leftSection={<IconFileImport size={16} aria-hidden />}
            value={file}
            onChange={setFile}
            clearable
            clearButtonProps={{ 'aria-label': t('admin.frameworks.correction.clearFile') }}
            withAsterisk
            error={touched && !file ? t('admin.frameworks.correction.fileRequired') : undefined}
          />
          <Textarea
            label={t('admin.frameworks.correction.note')}
            description={t('admin.frameworks.correction.noteHint')}
            withAsterisk
            aria-required
            autosize
            minRows={2}
            maxLength={2000}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={noteMissing ? t('admin.frameworks.correction.noteRequired') : undefined}
          />
          {issues ? (
            <FrameworkIssues title={t('admin.frameworks.invalidTitle', { count: issues.length })} issues={issues} />
          ) : (
            error && (
              <Alert color="red" title={t('state.error')} role="alert">
                {errorMessage(error)}
              </Alert>
            )
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('admin.cancel')}
            </Button>
            <Button type="submit" loading={correct.isPending}>
              {t('admin.frameworks.correction.submit')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
