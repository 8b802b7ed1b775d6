import { formatDate } from '@dg/shared/domain/dates';
import type { Question } from '@dg/shared/schemas/framework';
import { Button, Group, Modal, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { formatAnswer, type Lang, stateFromStored } from '../../components/questions/question-state';
import type { SaveQueue } from './save-queue';

interface Props {
  queue: SaveQueue;
  questions: ReadonlyMap<string, Question>;
  onKeepMine(code: string): void;
  onTakeTheirs(code: string): void;
}

/** "Your value" vs "their value (who, when)" for the first conflicting autosave. */
export function ConflictDialog({ queue, questions, onKeepMine, onTakeTheirs }: Props) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'th';
  const snap = useSyncExternalStore(queue.subscribe, queue.getSnapshot);
  const entry = snap.conflicts[0];
  const question = entry ? questions.get(entry.questionCode) : undefined;
  const words = {
    yes: t('questionnaire.question.yes'),
    no: t('questionnaire.question.no'),
    empty: t('questionnaire.conflict.empty'),
    na: (text: string) => t('questionnaire.conflict.na', { text }),
  };
  const theirs = entry?.conflict;
  return (
    <Modal
      opened={Boolean(entry && theirs && question)}
      onClose={() => undefined}
      withCloseButton={false}
      closeOnClickOutside={false}
      closeOnEscape={false}
      title={t('questionnaire.conflict.title')}
      size="lg"
      centered
    >
      {entry && theirs && question && (
        <Stack gap="md" data-testid="conflict-dialog">
          <Text size="sm">
            {t('questionnaire.conflict.question', { code: question.code })}: {question.text[lang]}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Paper withBorder p="md" radius="md">
              <Text size="xs" fw={600} c="dimmed" mb={4}>
                {t('questionnaire.conflict.yours')}
              </Text>
              <Text data-testid="conflict-mine">
                {formatAnswer(
                  question,
                  stateFromStored({ value: entry.value, notApplicable: entry.notApplicable }),
                  lang,
                  words,
                )}
              </Text>
            </Paper>
            <Paper withBorder p="md" radius="md">
              <Text size="xs" fw={600} c="dimmed" mb={4}>
                {t('questionnaire.conflict.theirs', {
                  name: theirs.updatedBy?.name ?? t('questionnaire.conflict.someone'),
                  date: formatDate(theirs.updatedAt, lang, true),
                })}
              </Text>
              <Text data-testid="conflict-theirs">{formatAnswer(question, stateFromStored(theirs), lang, words)}</Text>
            </Paper>
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => onTakeTheirs(entry.questionCode)}>
              {t('questionnaire.conflict.takeTheirs')}
            </Button>
            <Button onClick={() => onKeepMine(entry.questionCode)}>{t('questionnaire.conflict.keepMine')}</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
