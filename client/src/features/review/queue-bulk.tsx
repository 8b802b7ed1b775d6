import type { BulkResult } from '@dg/shared/schemas/data-grid';
import type { QueueRow } from '@dg/shared/schemas/review-queue';
import { Button, Checkbox, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError, notifyOk } from '../../components/page-state';
import { useAnalysts, useAssign, useBulkReview, useReassign } from './grid-api';

/** What the review queue does to its selected rows: return, accept, assign to an analyst. */
export function QueueBulkActions({ cycleId, rows, onDone }: { cycleId: number; rows: QueueRow[]; onDone: () => void }) {
  const { t } = useTranslation();
  const bulk = useBulkReview(cycleId);
  const assign = useAssign();
  const analysts = useAnalysts();
  const [dialog, setDialog] = useState<'return' | 'accept' | null>(null);
  const [comment, setComment] = useState('');
  const [acceptPending, setAcceptPending] = useState(false);
  const [analystId, setAnalystId] = useState<string | null>(null);

  const report = (r: BulkResult) => {
    if (r.failed === 0) notifyOk(t('reviewGrid.bulkDone', { count: r.done }));
    else {
      // Why the first one failed, from its code in the reader's language (not the server's English).
      const code = r.outcomes.find((o) => !o.ok)?.error?.code;
      const why = code ? t(`errors.${code}`, { defaultValue: t('errors.HTTP_ERROR') }) : '';
      notifyError(t('reviewGrid.bulkPartly', { done: r.done, failed: r.failed, why }));
    }
    setDialog(null);
    setComment('');
    onDone();
  };
  const ids = rows.map((r) => r.responseId);

  return (
    <>
      <Button size="xs" variant="default" onClick={() => setDialog('return')}>
        {t('reviewGrid.returnSelected')}
      </Button>
      <Button size="xs" variant="default" onClick={() => setDialog('accept')}>
        {t('reviewGrid.acceptSelected')}
      </Button>
      <Group gap={4} wrap="nowrap">
        <Select
          aria-label={t('reviewGrid.assignTo')}
          placeholder={t('reviewGrid.assignTo')}
          size="xs"
          w={180}
          value={analystId}
          onChange={setAnalystId}
          data={(analysts.data ?? []).map((a) => ({ value: String(a.id), label: a.name }))}
        />
        <Button
          size="xs"
          variant="default"
          disabled={!analystId}
          loading={assign.isPending}
          onClick={() =>
            assign.mutate(
              { analystId: Number(analystId), agencyIds: rows.map((r) => r.agencyId) },
              {
                onSuccess: (r) => {
                  notifyOk(t('reviewGrid.assigned', { count: r.assigned }));
                  onDone();
                },
                onError: notifyError,
              },
            )
          }
        >
          {t('reviewGrid.assign')}
        </Button>
      </Group>

      <Modal
        opened={dialog === 'return'}
        onClose={() => setDialog(null)}
        title={t('reviewGrid.returnTitle', { count: rows.length })}
      >
        <Stack>
          <Text size="sm">{t('reviewGrid.returnIntro')}</Text>
          <Textarea
            label={t('review.comment')}
            required
            autosize
            minRows={3}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDialog(null)}>
              {t('review.cancel')}
            </Button>
            <Button
              disabled={!comment.trim()}
              loading={bulk.isPending}
              onClick={() =>
                bulk.mutate(
                  { action: 'return', responseIds: ids, comment },
                  { onSuccess: report, onError: notifyError },
                )
              }
            >
              {t('reviewGrid.returnConfirm', { count: rows.length })}
            </Button>
          </Group>
        </Stack>
      </Modal>

      <Modal
        opened={dialog === 'accept'}
        onClose={() => setDialog(null)}
        title={t('reviewGrid.acceptTitle', { count: rows.length })}
      >
        <Stack>
          <Text size="sm">{t('reviewGrid.acceptIntro')}</Text>
          <Checkbox
            label={t('reviewGrid.acceptPending')}
            checked={acceptPending}
            onChange={(e) => setAcceptPending(e.currentTarget.checked)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDialog(null)}>
              {t('review.cancel')}
            </Button>
            <Button
              loading={bulk.isPending}
              onClick={() =>
                bulk.mutate(
                  { action: 'accept', responseIds: ids, acceptPending },
                  { onSuccess: report, onError: notifyError },
                )
              }
            >
              {t('reviewGrid.acceptConfirm', { count: rows.length })}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/** Hands every agency of an analyst who is away to another. */
export function ReassignButton() {
  const { t } = useTranslation();
  const analysts = useAnalysts();
  const reassign = useReassign();
  const [open, setOpen] = useState(false);
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const options = (analysts.data ?? []).map((a) => ({
    value: String(a.id),
    label: t('reviewGrid.analystWithCount', { name: a.name, count: a.assigned }),
  }));
  return (
    <>
      <Button variant="default" onClick={() => setOpen(true)}>
        {t('reviewGrid.reassign')}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('reviewGrid.reassignTitle')}>
        <Stack>
          <Select label={t('reviewGrid.from')} data={options} value={from} onChange={setFrom} />
          <Select
            label={t('reviewGrid.to')}
            data={options.filter((o) => o.value !== from)}
            value={to}
            onChange={setTo}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              {t('review.cancel')}
            </Button>
            <Button
              disabled={!from || !to}
              loading={reassign.isPending}
              onClick={() =>
                reassign.mutate(
                  { fromAnalystId: Number(from), toAnalystId: Number(to) },
                  {
                    onSuccess: (r) => {
                      notifyOk(t('reviewGrid.assigned', { count: r.assigned }));
                      setOpen(false);
                    },
                    onError: notifyError,
                  },
                )
              }
            >
              {t('reviewGrid.reassignConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
