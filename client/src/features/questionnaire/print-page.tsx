import './print.css';
import { visibleQuestions } from '@dg/shared/domain/conditions';
import { formatDate, formatYear } from '@dg/shared/domain/dates';
import type { AnswerMap } from '@dg/shared/schemas/answer';
import { Button, Divider, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconPrinter } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  EMPTY_STATE,
  formatAnswer,
  type Lang,
  type QuestionState,
  stateFromStored,
  toEngineAnswer,
} from '../../components/questions/question-state';
import { evidenceName } from './evidence-panel';
import { ErrorState, LoadingState, useQuestionnaireData } from './questionnaire-page';
import { type OutboxEntry, outboxKey } from './save-queue';

function pendingEdits(responseId: number): OutboxEntry[] {
  try {
    return JSON.parse(localStorage.getItem(outboxKey(responseId)) ?? '[]') as OutboxEntry[];
  } catch {
    return [];
  }
}

/** The whole questionnaire with its answers, for printing and signing. */
export function QuestionnairePrintPage() {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'th';
  const { user, ready, cycles, cycle, framework, detail } = useQuestionnaireData();

  const data = useMemo(() => {
    if (!framework.data || !detail.data) return null;
    const states = new Map<string, QuestionState>();
    for (const a of detail.data.answers) states.set(a.questionCode, stateFromStored(a));
    for (const e of pendingEdits(detail.data.response.id)) states.set(e.questionCode, stateFromStored(e));
    const answers: AnswerMap = {};
    for (const [code, s] of states) answers[code] = toEngineAnswer(s);
    const visible = visibleQuestions(framework.data.framework, detail.data.response.track, answers);
    return { states, visible };
  }, [framework.data, detail.data]);

  if (!ready) return <LoadingState />;
  if (!user)
    return (
      <Stack align="flex-start">
        <Text>{t('questionnaire.notSignedIn')}</Text>
        <Button component={Link} to="/login">
          {t('auth.signIn')}
        </Button>
      </Stack>
    );
  if (cycles.isPending) return <LoadingState />;
  // Question and indicator codes are for DGA staff; an agency's printout names things by their text.
  const staff = user.role === 'analyst' || user.role === 'admin';
  // Say which of the three loads failed, and why, with a retry of that one.
  const failed = cycles.error
    ? { error: cycles.error, what: t('questionnaire.print.failedCycles'), retry: cycles.refetch }
    : framework.error
      ? { error: framework.error, what: t('questionnaire.print.failedFramework'), retry: framework.refetch }
      : detail.error
        ? { error: detail.error, what: t('questionnaire.print.failedAnswers'), retry: detail.refetch }
        : null;
  if (failed) return <ErrorState error={failed.error} what={failed.what} onRetry={() => void failed.retry()} />;
  if (!cycle) return <Text>{t('questionnaire.noCycle')}</Text>;
  if (!data || !framework.data || !detail.data) return <LoadingState />;

  const fw = framework.data.framework;
  const { response, evidence } = detail.data;
  const words = {
    yes: t('questionnaire.question.yes'),
    no: t('questionnaire.question.no'),
    empty: t('questionnaire.print.noAnswer'),
    na: (text: string) => t('questionnaire.conflict.na', { text }),
  };

  return (
    <Stack gap="lg" maw={960} className="questionnaire-print">
      <Group className="no-print" gap="sm">
        <Button
          variant="default"
          component={Link}
          to="/questionnaire"
          leftSection={<IconArrowLeft size={16} aria-hidden />}
        >
          {t('questionnaire.print.back')}
        </Button>
        <Button onClick={() => window.print()} leftSection={<IconPrinter size={16} aria-hidden />}>
          {t('questionnaire.print.button')}
        </Button>
      </Group>
      <Stack gap={4}>
        <Title order={2}>{fw.title[lang]}</Title>
        <Text>{t('questionnaire.fiscalYear', { year: formatYear(cycle.fiscalYear, lang) })}</Text>
        <Text>
          <b>{t('questionnaire.print.agency')}:</b> <span data-testid="print-agency">{response.agencyName[lang]}</span>{' '}
          ({t(`questionnaire.track.${response.track}`)})
        </Text>
        <Text>
          <b>{t('questionnaire.print.status')}:</b> {t(`questionnaire.status.${response.status}`)}
          {response.submittedAt ? ` · ${formatDate(response.submittedAt, lang, true)}` : ''}
        </Text>
        <Text size="sm" c="dimmed">
          {t('questionnaire.print.printedAt', { date: formatDate(new Date(), lang, true) })}
        </Text>
      </Stack>
      {fw.pillars.map((p) => (
        <Stack key={p.key} gap="md" className="print-pillar" component="section" aria-labelledby={`print-${p.key}`}>
          <Divider />
          <Title order={3} id={`print-${p.key}`}>
            {t('questionnaire.pillarN', { number: p.number })} {p.name[lang]}
          </Title>
          {p.indicators.map((ind) => {
            const qs = ind.questions.filter((q) => q.tracks.includes(response.track) && data.visible.has(q.code));
            if (qs.length === 0) return null;
            return (
              <Stack key={ind.code} gap="xs">
                <Title order={4} size="h5">
                  {staff ? `${ind.code} ${ind.name[lang]}` : ind.name[lang]}
                </Title>
                <Table withTableBorder verticalSpacing="xs" layout="fixed">
                  <Table.Tbody>
                    {qs.map((q) => {
                      const ev = evidence.filter((e) => e.questionCode === q.code);
                      return (
                        <Table.Tr key={q.code} className="print-question">
                          <Table.Th scope="row" w="45%" fw={400} style={{ verticalAlign: 'top' }}>
                            {staff && (
                              <Text size="xs" c="dimmed" ff="monospace">
                                {q.code}
                              </Text>
                            )}
                            <Text size="sm">{q.text[lang]}</Text>
                          </Table.Th>
                          <Table.Td style={{ verticalAlign: 'top' }}>
                            <Text size="sm" className="print-answer" data-testid={`print-${q.code}`}>
                              {formatAnswer(q, data.states.get(q.code) ?? EMPTY_STATE, lang, words)}
                            </Text>
                            {ev.length > 0 && (
                              <Text size="xs" c="dimmed">
                                {t('questionnaire.print.evidence', { list: ev.map(evidenceName).join(', ') })}
                              </Text>
                            )}
                          </Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              </Stack>
            );
          })}
        </Stack>
      ))}
      <Stack gap="sm" mt="xl" className="signature-block" align="flex-end">
        <Text>
          {t('questionnaire.print.signature')} <span className="signature-line" aria-hidden />
        </Text>
        <Text>
          ( <span className="signature-line" aria-hidden /> )
        </Text>
        <Text size="sm">{t('questionnaire.print.signatureRole')}</Text>
        <Text>
          {t('questionnaire.print.date')} <span className="signature-line" aria-hidden />
        </Text>
      </Stack>
    </Stack>
  );
}
