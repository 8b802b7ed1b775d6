import { type Session, SessionSchema } from '@dg/shared/schemas/auth';
import {
  type MfaChallenge,
  type MfaEnrolledSession,
  MfaEnrolledSessionSchema,
  type MfaSetup,
  MfaSetupSchema,
} from '@dg/shared/schemas/mfa';
import { Alert, Button, Loader, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sendJson } from '../../lib/api';
import { AuthenticatorSetup, CodeInput, mfaErrorText, RecoveryCodes } from './mfa-parts';

/**
 * After a correct password: a code from the authenticator (or a recovery code), or, for a role that
 * requires a second factor and has none yet, setting one up before the first session.
 */
export function SecondFactorStep(props: { challenge: MfaChallenge; onSession(s: Session): void; onRestart(): void }) {
  const { t } = useTranslation();
  const { challenge, mfa } = props.challenge;
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [setup, setSetup] = useState<MfaSetup | null>(null);
  const [enrolled, setEnrolled] = useState<MfaEnrolledSession | null>(null);
  const [fatal, setFatal] = useState<string | null>(null);

  useEffect(() => {
    if (mfa !== 'enrol') return;
    sendJson('/api/auth/mfa/enrol/start', MfaSetupSchema, { challenge })
      .then(setSetup)
      .catch((e) => setFatal(mfaErrorText(e, t)));
  }, [mfa, challenge, t]);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      if (mfa === 'verify') {
        props.onSession(await sendJson('/api/auth/mfa/verify', SessionSchema, { challenge, code }));
      } else {
        setEnrolled(await sendJson('/api/auth/mfa/enrol/finish', MfaEnrolledSessionSchema, { challenge, code }));
      }
    } catch (err) {
      const text = mfaErrorText(err, t);
      if (text === t('mfa.expired')) setFatal(text);
      else setError(text);
    } finally {
      setBusy(false);
    }
  };

  if (fatal) {
    return (
      <Stack>
        <Alert color="red" role="alert">
          {fatal}
        </Alert>
        <Button variant="default" onClick={props.onRestart}>
          {t('mfa.startOver')}
        </Button>
      </Stack>
    );
  }
  if (enrolled) {
    const { recoveryCodes, ...session } = enrolled;
    return (
      <Stack>
        <Title order={2}>{t('mfa.enrolledTitle')}</Title>
        <RecoveryCodes codes={recoveryCodes} onDone={() => props.onSession(session)} />
      </Stack>
    );
  }
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack>
        <Title order={2}>{mfa === 'verify' ? t('mfa.verifyTitle') : t('mfa.enrolTitle')}</Title>
        <Text size="sm" c="dimmed">
          {mfa === 'verify' ? t('mfa.verifyIntro') : t('mfa.enrolIntro')}
        </Text>
        {mfa === 'enrol' && (setup ? <AuthenticatorSetup setup={setup} /> : <Loader aria-label={t('state.loading')} />)}
        <CodeInput value={code} onChange={setCode} error={error} allowRecovery={mfa === 'verify'} />
        <Button type="submit" loading={busy} disabled={code.trim().length < 6}>
          {t('mfa.confirm')}
        </Button>
        <Button variant="subtle" size="xs" onClick={props.onRestart}>
          {t('mfa.startOver')}
        </Button>
      </Stack>
    </form>
  );
}
