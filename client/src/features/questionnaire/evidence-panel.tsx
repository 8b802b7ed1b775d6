import '@mantine/dropzone/styles.css';
import { OkSchema } from '@dg/shared/schemas/common';
import type { Question } from '@dg/shared/schemas/framework';
import { type Evidence, EvidenceSchema, type ResponseDetail } from '@dg/shared/schemas/questionnaire';
import { ActionIcon, Alert, Anchor, Button, Group, Paper, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconExternalLink, IconEye, IconPaperclip, IconTrash, IconUpload } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError, getJson, sendJson } from '../../lib/api';
import { errorMessage } from '../../lib/error-message';
import { canPreview, EvidencePreview } from './evidence-preview';
import { downloadBlob, qk } from './queries';

/** What the server accepts (it decides by the content; the name must not say another type). */
export const EVIDENCE_ACCEPT =
  '.pdf,.png,.jpg,.jpeg,.gif,.webp,.docx,.xlsx,.pptx,.odt,.ods,.odp,.txt,.csv,application/pdf,image/png,image/jpeg,image/gif,image/webp,text/plain,text/csv';

/** Reasons the server gives for refusing an upload (415 details.reason), each worded in i18n. */
const REFUSALS = new Set([
  'mismatch',
  'not-allowed',
  'markup',
  'encoding',
  'empty',
  'macro',
  'embedded',
  'undeclared-part',
  'external-link',
  'zip-bomb',
  'malformed',
]);

interface PanelError {
  title?: string;
  /** In the user's language (Thai first). */
  message: string;
  /** The server's own words (English), naming what was found. */
  detail?: string;
}

const sizeText = (n: number | null) =>
  n === null ? '' : n < 1024 * 1024 ? `${Math.max(1, Math.round(n / 1024))} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;

export function evidenceName(e: Evidence): string {
  return e.kind === 'url' ? (e.url ?? '') : (e.fileName ?? e.id);
}

interface Props {
  cycleId: number;
  responseId: number;
  question: Question;
  evidence: readonly Evidence[];
  editable: boolean;
}

export function EvidencePanel({ cycleId, responseId, question, evidence, editable }: Props) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState<'file' | 'url' | null>(null);
  const [error, setError] = useState<PanelError | null>(null);
  const [urlError, setUrlError] = useState<string | null>(null);
  const [previewing, setPreviewing] = useState<Evidence | null>(null);
  const code = question.code;

  const patch = (fn: (list: Evidence[]) => Evidence[]) =>
    qc.setQueryData<ResponseDetail>(qk.myResponse(cycleId), (d) => (d ? { ...d, evidence: fn(d.evidence) } : d));

  const fail = (e: unknown) => setError({ message: errorMessage(e, t) });

  /** An upload's refusal: what was wrong, in the user's language, with the server's precise words under it. */
  const failUpload = (e: unknown) => {
    if (!(e instanceof ApiRequestError)) return fail(e);
    const d = (e.details ?? {}) as { reason?: string; detected?: string; claimed?: string };
    const title = t('questionnaire.evidence.refusedTitle');
    if (e.status === 415 && d.reason && REFUSALS.has(d.reason)) {
      const message = t(`questionnaire.evidence.refused.${d.reason}`, { detected: d.detected, claimed: d.claimed });
      return setError({ title, message, detail: e.message });
    }
    if (e.status === 400 && /one file/i.test(e.message)) {
      return setError({ title, message: t('questionnaire.evidence.refused.oneFile'), detail: e.message });
    }
    if (e.status === 413)
      return setError({ title, message: t('questionnaire.evidence.refused.tooLarge'), detail: e.message });
    if (e.status === 415)
      return setError({ title, message: t('questionnaire.evidence.refused.not-allowed'), detail: e.message });
    fail(e);
  };

  /** One step: the file dropped or chosen is uploaded at once. */
  const upload = async (file: File) => {
    setBusy('file');
    setError(null);
    try {
      const body = new FormData();
      body.append('questionCode', code);
      body.append('file', file, file.name);
      const ev = await getJson(`/api/responses/${responseId}/evidence`, EvidenceSchema, { method: 'POST', body });
      patch((list) => [...list, ev]);
      notifications.show({
        closeButtonProps: { 'aria-label': t('questionnaire.close') },
        // A name that said another type (update.hta holding a PDF) is stored under the content's type.
        message:
          ev.fileName && ev.fileName !== file.name
            ? `${t('questionnaire.evidence.uploaded')} · ${t('questionnaire.evidence.renamed', { name: ev.fileName })}`
            : t('questionnaire.evidence.uploaded'),
        color: 'teal',
      });
    } catch (e) {
      failUpload(e);
    } finally {
      setBusy(null);
    }
  };

  const addUrl = async () => {
    const v = url.trim();
    if (!/^https?:\/\/\S+$/i.test(v)) {
      setUrlError(t('questionnaire.evidence.invalidUrl'));
      return;
    }
    setUrlError(null);
    setBusy('url');
    setError(null);
    try {
      const ev = await sendJson(`/api/responses/${responseId}/evidence-url`, EvidenceSchema, {
        questionCode: code,
        url: v,
      });
      patch((list) => [...list, ev]);
      setUrl('');
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  };

  const remove = async (e: Evidence) => {
    setError(null);
    try {
      await getJson(`/api/evidence/${e.id}`, OkSchema, { method: 'DELETE' });
      patch((list) => list.filter((x) => x.id !== e.id));
      notifications.show({
        closeButtonProps: { 'aria-label': t('questionnaire.close') },
        message: t('questionnaire.evidence.deleted'),
      });
    } catch (err) {
      fail(err);
    }
  };

  const download = async (e: Evidence) => {
    try {
      await downloadBlob(`/api/evidence/${e.id}/download`, e.fileName ?? `evidence-${e.id}`);
    } catch (err) {
      fail(err);
    }
  };

  return (
    <Paper bg="gray.0" p="md" radius="md" data-testid={`evidence-${code}`}>
      <Stack gap="sm">
        <Group gap="xs">
          <IconPaperclip size={18} aria-hidden />
          <Text fw={500} size="sm">
            {t('questionnaire.evidence.title')}
          </Text>
          <Text size="xs" c="dimmed">
            {question.evidence === 'required'
              ? t('questionnaire.evidence.required')
              : t('questionnaire.evidence.optional')}
          </Text>
        </Group>
        {evidence.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('questionnaire.evidence.none')}
          </Text>
        ) : (
          <Stack gap={4} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {evidence.map((e) => {
              const name = evidenceName(e);
              return (
                <Group key={e.id} component="li" gap="xs" wrap="nowrap" justify="space-between">
                  {e.kind === 'url' ? (
                    <Anchor href={e.url ?? '#'} target="_blank" rel="noreferrer noopener" size="sm" truncate="end">
                      <IconExternalLink size={14} aria-hidden /> {name}
                    </Anchor>
                  ) : (
                    <Anchor component="button" type="button" size="sm" onClick={() => void download(e)} truncate="end">
                      <IconDownload size={14} aria-hidden /> {name}{' '}
                      <Text span size="xs" c="dimmed">
                        {sizeText(e.size)}
                      </Text>
                    </Anchor>
                  )}
                  <Group gap={2} wrap="nowrap">
                    {canPreview(e) && (
                      <Tooltip label={t('questionnaire.evidence.preview', { name })}>
                        <ActionIcon
                          variant="subtle"
                          color="dgBlue.8"
                          aria-label={t('questionnaire.evidence.preview', { name })}
                          onClick={() => setPreviewing(e)}
                          data-testid={`preview-${e.id}`}
                        >
                          <IconEye size={16} aria-hidden />
                        </ActionIcon>
                      </Tooltip>
                    )}
                    {editable && (
                      <Tooltip label={t('questionnaire.evidence.delete', { name })}>
                        <ActionIcon
                          variant="subtle"
                          color="red.8"
                          aria-label={t('questionnaire.evidence.delete', { name })}
                          onClick={() => void remove(e)}
                        >
                          <IconTrash size={16} aria-hidden />
                        </ActionIcon>
                      </Tooltip>
                    )}
                  </Group>
                </Group>
              );
            })}
          </Stack>
        )}
        {error && (
          <Alert
            color="red"
            variant="light"
            role="alert"
            p="xs"
            title={error.title}
            data-testid={`evidence-error-${code}`}
          >
            <Text size="sm">{error.message}</Text>
            {/* The server's own (English) words only in the English UI. */}
            {i18n.language === 'en' && error.detail && error.detail !== error.message && (
              <Text size="xs" c="dimmed" lang="en">
                {error.detail}
              </Text>
            )}
          </Alert>
        )}
        {editable && (
          <Group align="flex-end" gap="sm" grow preventGrowOverflow={false}>
            <Dropzone
              onDrop={(files) => files[0] && void upload(files[0])}
              // The server decides by content; the browser's own check would only hide its Thai reason.
              multiple={false}
              loading={busy === 'file'}
              disabled={busy === 'file'}
              p="sm"
              aria-label={t('questionnaire.evidence.dropLabel')}
              data-testid={`dropzone-${code}`}
            >
              <Group gap="sm" wrap="nowrap" style={{ pointerEvents: 'none' }}>
                <IconUpload size={24} aria-hidden />
                <Stack gap={2}>
                  <Text size="sm" fw={500}>
                    {t('questionnaire.evidence.drop')}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('questionnaire.evidence.fileHint')}
                  </Text>
                </Stack>
              </Group>
            </Dropzone>
            <Group align="flex-end" gap="xs" wrap="nowrap">
              <TextInput
                label={t('questionnaire.evidence.url')}
                placeholder={t('questionnaire.evidence.urlPlaceholder')}
                type="url"
                value={url}
                error={urlError}
                onChange={(e) => setUrl(e.currentTarget.value)}
                size="sm"
                style={{ flex: 1 }}
              />
              <Button
                size="sm"
                variant="light"
                onClick={() => void addUrl()}
                disabled={!url.trim()}
                loading={busy === 'url'}
              >
                {t('questionnaire.evidence.addUrl')}
              </Button>
            </Group>
          </Group>
        )}
      </Stack>
      <EvidencePreview evidence={previewing} onClose={() => setPreviewing(null)} onDownload={(e) => void download(e)} />
    </Paper>
  );
}
