import { type LoginRequest, LoginRequestSchema } from '@dg/shared/schemas/auth';
import type { MfaChallenge } from '@dg/shared/schemas/mfa';
import { AuthProvidersSchema, SsoErrorSchema } from '@dg/shared/schemas/sso';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Anchor, Button, Card, Divider, Loader, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useLayoutEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiRequestError, getJson } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { takeBootLogin } from '../../lib/boot-login';

// Only accounts with a second factor need this step (and its QR code library): it is not part of
// the sign-in form's first load on a slow link.
const SecondFactorStep = lazy(() => import('./second-factor-step').then((m) => ({ default: m.SecondFactorStep })));

export function LoginPage() {
  const { t } = useTranslation();
  const { signIn, acceptSession } = useAuth();
  const [challenge, setChallenge] = useState<MfaChallenge | null>(null);
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const sso = SsoErrorSchema.safeParse(params.get('sso'));
  const [error, setError] = useState<string | null>(sso.success ? t(`sso.error.${sso.data}`) : null);
  const providers = useQuery({
    queryKey: ['auth-providers'],
    queryFn: () => getJson('/api/auth/providers', AuthProvidersSchema),
  });
  // Single sign-on hands over its second-factor challenge in the fragment (never sent to a server).
  useEffect(() => {
    const hash = new URLSearchParams(window.location.hash.slice(1));
    const mfa = hash.get('mfa');
    const given = hash.get('challenge');
    if ((mfa === 'verify' || mfa === 'enrol') && given) {
      setChallenge({ mfa, challenge: given, expiresIn: 300 });
      window.history.replaceState(null, '', window.location.pathname);
    }
  }, []);
  const form = useForm<LoginRequest>({ resolver: zodResolver(LoginRequestSchema) });
  // What was typed into login.html's plain form while the app loaded carries over, cursor and all.
  useLayoutEffect(() => {
    const boot = takeBootLogin();
    if (!boot) return;
    if (boot.email) form.setValue('email', boot.email);
    if (boot.password) form.setValue('password', boot.password);
    if (boot.focused) form.setFocus(boot.focused);
  }, [form]);

  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    try {
      const next = await signIn(values.email, values.password);
      if (next) setChallenge(next);
      else navigate('/');
    } catch (e) {
      setError(e instanceof ApiRequestError && e.code === 'RATE_LIMITED' ? t('auth.locked') : t('auth.failed'));
    }
  });

  if (challenge) {
    return (
      <Card withBorder maw={480} mx="auto" mt="xl" padding="xl">
        <Suspense fallback={<Loader aria-label={t('state.loading')} />}>
          <SecondFactorStep
            challenge={challenge}
            onSession={(s) => {
              acceptSession(s);
              navigate('/');
            }}
            onRestart={() => {
              setChallenge(null);
              form.reset({ email: form.getValues('email'), password: '' });
            }}
          />
        </Suspense>
      </Card>
    );
  }

  return (
    <Card withBorder maw={440} mx="auto" mt="xl" padding="xl">
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <Title order={2}>{t('auth.signIn')}</Title>
          <Title order={3} size="h5" fw={400} c="dimmed">
            {t('auth.signInTitle')}
          </Title>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <TextInput
            label={t('auth.email')}
            type="email"
            autoComplete="username"
            error={form.formState.errors.email ? t('agencyUx.emailInvalid') : undefined}
            {...form.register('email')}
          />
          <PasswordInput
            label={t('auth.password')}
            autoComplete="current-password"
            error={form.formState.errors.password ? t('agencyUx.passwordRequired') : undefined}
            {...form.register('password')}
          />
          <Button type="submit" loading={form.formState.isSubmitting}>
            {t('auth.signIn')}
          </Button>
          <Anchor component={Link} to="/forgot-password" size="sm">
            {t('forgot.link')}
          </Anchor>
          {providers.data?.oidc && (
            <>
              <Divider label={t('sso.or')} labelPosition="center" />
              <Button component="a" href="/api/auth/oidc/start" variant="default">
                {t('sso.button', { label: providers.data.oidc.label })}
              </Button>
            </>
          )}
        </Stack>
      </form>
    </Card>
  );
}
