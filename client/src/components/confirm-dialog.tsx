import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A destructive action's confirmation: the question, Cancel, and the red action (busy while it runs).
 * The subject is what the action is about; the dialog is open while there is one.
 */
export function ConfirmDialog<S>({
  subject,
  title,
  body,
  confirmLabel,
  cancelLabel,
  closeLabel = cancelLabel,
  busy,
  centered,
  onConfirm,
  onClose,
}: {
  subject: S | null;
  title: ReactNode;
  body: (subject: S) => ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  /** The close (×) button's accessible name. */
  closeLabel?: string;
  busy: boolean;
  centered?: boolean;
  onConfirm: (subject: S) => void;
  onClose: () => void;
}) {
  return (
    <Modal
      opened={subject !== null}
      onClose={onClose}
      title={title}
      centered={centered}
      closeButtonProps={{ 'aria-label': closeLabel }}
    >
      {subject !== null && (
        <Stack>
          <Text>{body(subject)}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {cancelLabel}
            </Button>
            <Button color="red" loading={busy} onClick={() => onConfirm(subject)}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
