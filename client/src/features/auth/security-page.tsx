import { MfaRecoveryCodesSchema, type MfaSetup, MfaSetupSchema, MfaStatusSchema } from '@dg/shared/schemas/mfa';
import { Alert, Badge, Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getJson, postJson, sendJson } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { AuthenticatorSetup, CodeInput, mfaErrorText, RecoveryCodes } from './mfa-parts';

type Step = { kind: 'idle' } | { kind: 'setup'; setup: MfaSetup } | { kind: 'codes'; codes: string[] };

/** The signed-in user's own second factor: set up, new recovery codes, or turn off where allowed. */
export function SecurityPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { user } = useAuth();
  // Only once the session is restored: /api/auth/* calls are not retried after a refresh.
  const status = useQuery({
    queryKey: ['mfa-status', user?.id],
    queryFn: () => getJson('/api/auth/mfa', MfaStatusSchema),
    enabled: Boolean(user),
  });
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const done = () => {
    setCode('');
    setError(null);
    void qc.invalidateQueries({ queryKey: ['mfa-status'] });
  };
  const onError = (e: unknown) => setError(mfaErrorText(e, t));

  const begin = useMutation({
    mutationFn: () => sendJson('/api/auth/mfa/setup', MfaSetupSchema, {}),
    onSuccess: (setup) => setStep({ kind: 'setup', setup }),
    onError,
  });
  const confirm = useMutation({
    mutationFn: () => sendJson('/api/auth/mfa/confirm', MfaRecoveryCodesSchema, { code }),
    onSuccess: (r) => {
      done();
      setStep({ kind: 'codes', codes: r.recoveryCodes });
    },
    onError,
  });
  const renew = useMutation({
    mutationFn: () => sendJson('/api/auth/mfa/recovery-codes', MfaRecoveryCodesSchema, { code }),
    onSuccess: (r) => {
      done();
      setStep({ kind: 'codes', codes: r.recoveryCodes });
    },
    onError,
  });
  const disable = useMutation({
    mutationFn: () => postJson('/api/auth/mfa/disable', { code }) /* 204: no body */,
    onSuccess: done,
    onError,
  });

  return (
    <Stack maw={640}>
      <Title order={2}>{t('mfa.pageTitle')}</Title>
      <Card withBorder padding="lg">
        {status.isPending ? (
          <Loader aria-label={t('state.loading')} />
        ) : status.isError ? (
          <Alert color="red">{t('state.error')}</Alert>
        ) : step.kind === 'codes' ? (
          <RecoveryCodes codes={step.codes} onDone={() => setStep({ kind: 'idle' })} />
        ) : step.kind === 'setup' ? (
          <Stack>
            <Title order={3} size="h4">
              {t('mfa.enrolTitle')}
            </Title>
            <AuthenticatorSetup setup={step.setup} />
            <CodeInput value={code} onChange={setCode} error={error} />
            <Group>
              <Button onClick={() => confirm.mutate()} loading={confirm.isPending} disabled={code.length !== 6}>
                {t('mfa.confirm')}
              </Button>
              <Button variant="default" onClick={() => setStep({ kind: 'idle' })}>
                {t('mfa.cancel')}
              </Button>
            </Group>
          </Stack>
        ) : (
          <Stack>
            <Group gap="sm">
              <Text fw={600}>{t('mfa.twoStep')}</Text>
              <Badge color={status.data.enabled ? 'teal' : 'gray'} variant="light">
                {status.data.enabled ? t('mfa.on') : t('mfa.off')}
              </Badge>
            </Group>
            <Text size="sm" c="dimmed">
              {status.data.required ? t('mfa.requiredForRole') : t('mfa.optional')}
            </Text>
            {status.data.enabled ? (
              <>
                <Text size="sm">{t('mfa.codesLeft', { count: status.data.recoveryCodesLeft })}</Text>
                <CodeInput value={code} onChange={setCode} error={error} allowRecovery />
                <Group>
                  <Button
                    variant="default"
                    onClick={() => renew.mutate()}
                    loading={renew.isPending}
                    disabled={code.length !== 6}
                  >
                    {t('mfa.renewCodes')}
                  </Button>
                  {!status.data.required && (
                    <Button color="red" variant="light" onClick={() => disable.mutate()} loading={disable.isPending}>
                      {t('mfa.turnOff')}
                    </Button>
                  )}
                </Group>
              </>
            ) : (
              <Group>
                <Button onClick={() => begin.mutate()} loading={begin.isPending}>
                  {t('mfa.turnOn')}
                </Button>
              </Group>
            )}
            {error && !status.data.enabled && (
              <Alert color="red" role="alert">
                {error}
              </Alert>
            )}
          </Stack>
        )}
      </Card>
    </Stack>
  );
}
