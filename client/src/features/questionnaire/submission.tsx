import { SIGNOFF_DECLARATION } from '@dg/shared/domain/signoff';
import type { Framework, Track } from '@dg/shared/schemas/framework';
import type { MissingItem } from '@dg/shared/schemas/questionnaire';
import { Anchor, Badge, Button, Card, Checkbox, Drawer, Group, List, Modal, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lang } from '../../components/questions/question-state';
import type { Submission } from './use-submission';

interface MissingProps {
  submission: Submission;
  framework: Framework;
  track: Track;
  goTo(pillarKey: string, code?: string): void;
}

/**
 * What still stops submission, grouped by pillar and indicator, each item with its question's
 * text and one message; choosing an item closes the list and jumps to the question.
 */
export function MissingDrawer({ submission, framework, track, goTo }: MissingProps) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'th';
  const phone = useMediaQuery('(max-width: 48em)');
  const { missing, showMissing, setShowMissing } = submission;
  const groups = useMemo(() => {
    const byCode = new Map(missing.map((m) => [m.questionCode, m]));
    return framework.pillars
      .map((p) => ({
        pillar: p,
        indicators: p.indicators
          .map((ind) => ({
            indicator: ind,
            items: ind.questions
              .filter((q) => q.tracks.includes(track) && byCode.has(q.code))
              .map((q) => ({ question: q, item: byCode.get(q.code) as MissingItem })),
          }))
          .filter((g) => g.items.length > 0),
      }))
      .filter((g) => g.indicators.length > 0);
  }, [missing, framework, track]);
  const message = (m: MissingItem) =>
    m.reason === 'invalid' ? m.message[lang] : t(`questionnaire.submit.reason.${m.reason}`);
  return (
    <Drawer
      opened={showMissing && missing.length > 0}
      onClose={() => setShowMissing(false)}
      position={phone ? 'bottom' : 'right'}
      size={phone ? '85%' : 'md'}
      title={<Text fw={700}>{t('questionnaire.submit.missingTitle', { count: missing.length })}</Text>}
      closeButtonProps={{ 'aria-label': t('questionnaire.close') }}
      // Focus goes to the chosen question, not back to the submit button.
      returnFocus={false}
    >
      <Stack gap="md" data-testid="missing-list" data-count={missing.length}>
        <Text size="sm" c="dimmed">
          {t('questionnaire.submit.missingIntro')}
        </Text>
        {groups.map(({ pillar, indicators }) => (
          <Stack key={pillar.key} gap="xs" component="section" aria-labelledby={`missing-${pillar.key}`}>
            <Group justify="space-between" wrap="nowrap">
              <Title order={3} size="h5" id={`missing-${pillar.key}`}>
                {t('questionnaire.pillarN', { number: pillar.number })} {pillar.name[lang]}
              </Title>
              <Badge variant="outline" color="red.9" tt="none">
                {t('questionnaire.submit.missingCount', {
                  count: indicators.reduce((n, g) => n + g.items.length, 0),
                })}
              </Badge>
            </Group>
            {indicators.map(({ indicator, items }) => (
              <Stack key={indicator.code} gap={4} pl="sm">
                <Text size="sm" fw={600} data-testid={`missing-ind-${indicator.code}`}>
                  {indicator.name[lang]}
                </Text>
                <List size="sm" spacing={6} listStyleType="none" pl={0}>
                  {items.map(({ question, item }) => (
                    <List.Item key={question.code} data-testid={`missing-${question.code}`}>
                      <Anchor
                        component="button"
                        type="button"
                        ta="left"
                        size="sm"
                        onClick={() => {
                          setShowMissing(false);
                          goTo(item.pillarKey, question.code);
                        }}
                      >
                        {question.text[lang]}
                      </Anchor>
                      <Text size="xs" c="red.9">
                        {message(item)}
                      </Text>
                    </List.Item>
                  ))}
                </List>
              </Stack>
            ))}
          </Stack>
        ))}
      </Stack>
    </Drawer>
  );
}

/** The confirmation before submitting, with the CIO's declaration where sign-off is required. */
export function SubmitModal({ submission }: { submission: Submission }) {
  const { t } = useTranslation();
  const { confirming, setConfirming, submit, submitting, cioSubmits, signoff, declared, setDeclared } = submission;
  return (
    <Modal
      opened={confirming}
      onClose={() => setConfirming(false)}
      title={t('questionnaire.submit.confirmTitle')}
      centered
    >
      <Stack>
        <Text>{t('questionnaire.submit.confirmBody')}</Text>
        {cioSubmits && (
          <Card withBorder padding="sm">
            <Text size="sm" lang="th">
              {SIGNOFF_DECLARATION.th}
            </Text>
            <Text size="sm" lang="en" mt="xs">
              {SIGNOFF_DECLARATION.en}
            </Text>
            <Checkbox
              mt="sm"
              label={t('signoff.declarationLabel')}
              checked={declared}
              onChange={(e) => setDeclared(e.currentTarget.checked)}
              data-testid="signoff-declaration"
            />
          </Card>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setConfirming(false)}>
            {t('questionnaire.submit.cancel')}
          </Button>
          <Button
            onClick={() => void submit()}
            loading={submitting}
            disabled={cioSubmits && signoff.required && !declared}
            data-testid="confirm-submit"
          >
            {t('questionnaire.submit.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
