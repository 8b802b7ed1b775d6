import { SIGNOFF_DECLARATION } from '@dg/shared/domain/signoff';
import { Alert, Anchor, Button, Card, Checkbox, Group, List, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Lang } from '../../components/questions/question-state';
import type { Submission } from './use-submission';

/** What the server found missing when the questionnaire was submitted. */
export function MissingList({ submission }: { submission: Submission }) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'th';
  const { missing } = submission;
  if (!missing || missing.length === 0) return null;
  return (
    <Alert
      color="orange"
      variant="light"
      title={t('questionnaire.submit.incomplete', { count: missing.length })}
      // The default orange title is too light on its tint (axe color-contrast).
      styles={{ title: { color: 'var(--mantine-color-dark-7)' } }}
      data-testid="missing-list"
    >
      <List size="sm" spacing={4}>
        {missing.slice(0, 50).map((m) => (
          <List.Item key={`${m.questionCode}-${m.reason}`}>
            <Anchor
              component={Link}
              to={`/questionnaire?pillar=${encodeURIComponent(m.pillarKey)}&q=${encodeURIComponent(m.questionCode)}`}
              aria-label={t('questionnaire.submit.goTo', { code: m.questionCode })}
            >
              {m.questionCode}
            </Anchor>{' '}
            — {t(`questionnaire.submit.reason.${m.reason}`)}: {m.message[lang]}
          </List.Item>
        ))}
      </List>
    </Alert>
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
