import type { Evidence } from '@dg/shared/schemas/questionnaire';
import { Alert, Button, Center, Group, Image, Loader, Modal, Stack } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getBlob } from '../../lib/api';
import { errorMessage } from '../../lib/error-message';

/** What GET /api/evidence/:id/preview serves inline (the server refuses the rest with 415). */
const PREVIEWABLE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf']);

export const canPreview = (e: Evidence): boolean => e.kind === 'file' && PREVIEWABLE.has(e.mime ?? '');

/**
 * An image or PDF shown in a modal. The file comes through the authenticated API as a blob
 * of a type we allow (never the server's word alone), so nothing else can render in our origin.
 */
export function EvidencePreview({
  evidence,
  onClose,
  onDownload,
}: {
  evidence: Evidence | null;
  onClose(): void;
  onDownload(e: Evidence): void;
}) {
  const { t } = useTranslation();
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const name = evidence?.fileName ?? evidence?.id ?? '';
  const mime = evidence?.mime ?? '';

  useEffect(() => {
    if (!evidence) return;
    let made: string | null = null;
    let stop = false;
    setUrl(null);
    setError(null);
    getBlob(`/api/evidence/${evidence.id}/preview`)
      .then(async (blob) => {
        if (stop) return;
        const typed = new Blob([await blob.arrayBuffer()], { type: evidence.mime ?? 'application/octet-stream' });
        made = URL.createObjectURL(typed);
        setUrl(made);
      })
      .catch((e: unknown) => {
        if (!stop) setError(errorMessage(e, t));
      });
    return () => {
      stop = true;
      if (made) URL.revokeObjectURL(made);
    };
  }, [evidence, t]);

  return (
    <Modal
      opened={evidence !== null}
      onClose={onClose}
      title={t('questionnaire.evidence.previewTitle', { name })}
      size="xl"
      centered
      closeButtonProps={{ 'aria-label': t('questionnaire.close') }}
    >
      <Stack data-testid="evidence-preview">
        {error ? (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        ) : !url ? (
          <Center h={200}>
            <Loader aria-label={t('state.loading')} />
          </Center>
        ) : mime === 'application/pdf' ? (
          <iframe
            src={url}
            title={t('questionnaire.evidence.previewFrame', { name })}
            style={{ width: '100%', height: '70vh', border: 0 }}
          />
        ) : (
          <Image src={url} alt={name} fit="contain" mah="70vh" />
        )}
        {evidence && (
          <Group justify="flex-end">
            <Button
              variant="default"
              leftSection={<IconDownload size={16} aria-hidden />}
              onClick={() => onDownload(evidence)}
            >
              {t('questionnaire.evidence.previewDownload')}
            </Button>
          </Group>
        )}
      </Stack>
    </Modal>
  );
}
