import { Button, Group, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError, Loading, notifyError, notifyOk, useLang } from '../../components/page-state';
import { useCoding, useCreateCategory, useSetCoding } from './api';

/** Codes the free text of "other, specify" reasons into categories; the text itself stays. */
export function CodingPanel({ cycleId }: { cycleId: number }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [questionCode, setQuestionCode] = useState('');
  const coding = useCoding(cycleId, questionCode);
  const setCoding = useSetCoding(cycleId);
  const create = useCreateCategory(cycleId);
  const [draft, setDraft] = useState({ questionCode: '', code: '', labelTh: '', labelEn: '' });

  if (coding.isPending) return <Loading />;
  if (coding.isError) return <LoadError error={coding.error} onRetry={() => void coding.refetch()} />;
  const { questions, categories, items } = coding.data;
  const label = (c: { labelTh: string; labelEn: string }) => (lang === 'th' ? c.labelTh : c.labelEn);

  const change = async (responseId: number, code: string, category: string | null) => {
    try {
      await setCoding.mutateAsync({ responseId, questionCode: code, category });
      notifyOk(t('review.saved'));
    } catch (e) {
      notifyError(e);
    }
  };

  const add = async () => {
    try {
      await create.mutateAsync({ ...draft, questionCode: draft.questionCode || questionCode });
      setDraft({ questionCode: '', code: '', labelTh: '', labelEn: '' });
    } catch (e) {
      notifyError(e);
    }
  };

  return (
    <Stack gap="md">
      <Text c="dimmed">{t('review.codingIntro')}</Text>
      <Select
        label={t('review.codingQuestion')}
        maw={600}
        allowDeselect={false}
        value={questionCode}
        onChange={(v) => setQuestionCode(v ?? '')}
        data={[
          { value: '', label: t('review.allQuestions') },
          ...questions.map((q) => ({ value: q.code, label: `${q.code} · ${q.text[lang]}` })),
        ]}
      />
      {items.length === 0 ? (
        <Text c="dimmed" ta="center" py="lg">
          {t('review.codingEmpty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={800}>
          <Table striped verticalSpacing="sm" data-testid="coding-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('review.agency')}</Table.Th>
                <Table.Th scope="col">{t('review.question')}</Table.Th>
                <Table.Th scope="col">{t('review.text')}</Table.Th>
                <Table.Th scope="col">{t('review.category')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((i) => (
                <Table.Tr key={`${i.responseId}:${i.questionCode}`}>
                  <Table.Td>{i.agencyName[lang]}</Table.Td>
                  <Table.Td>{i.questionCode}</Table.Td>
                  <Table.Td>{i.text}</Table.Td>
                  <Table.Td miw={260}>
                    <Select
                      aria-label={`${t('review.category')}: ${i.agencyName[lang]}`}
                      value={i.codedCategory ?? ''}
                      allowDeselect={false}
                      onChange={(v) => void change(i.responseId, i.questionCode, v || null)}
                      data={[
                        { value: '', label: t('review.uncoded') },
                        ...categories
                          .filter((c) => c.questionCode === i.questionCode)
                          .map((c) => ({ value: c.code, label: label(c) })),
                      ]}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Paper withBorder p="md">
        <Text fw={600} mb="xs">
          {t('review.newCategory')}
        </Text>
        <Group align="flex-end" wrap="wrap">
          <Select
            label={t('review.codingQuestion')}
            w={260}
            value={draft.questionCode || questionCode || null}
            onChange={(v) => setDraft({ ...draft, questionCode: v ?? '' })}
            data={questions.map((q) => ({ value: q.code, label: q.code }))}
          />
          <TextInput
            label={t('review.code')}
            w={200}
            value={draft.code}
            onChange={(e) => setDraft({ ...draft, code: e.currentTarget.value })}
          />
          <TextInput
            label={t('review.labelTh')}
            w={240}
            value={draft.labelTh}
            onChange={(e) => setDraft({ ...draft, labelTh: e.currentTarget.value })}
          />
          <TextInput
            label={t('review.labelEn')}
            w={240}
            value={draft.labelEn}
            onChange={(e) => setDraft({ ...draft, labelEn: e.currentTarget.value })}
          />
          <Button
            onClick={() => void add()}
            loading={create.isPending}
            disabled={!(draft.questionCode || questionCode) || !draft.code || !draft.labelTh || !draft.labelEn}
          >
            {t('review.add')}
          </Button>
        </Group>
      </Paper>
    </Stack>
  );
}
