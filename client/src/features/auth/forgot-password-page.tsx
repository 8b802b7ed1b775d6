import { ForgotPasswordRequestSchema, ForgotPasswordResultSchema } from '@dg/shared/schemas/users';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Anchor, Button, Card, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import { sendJson } from '../../lib/api';
import { errorMessage } from '../../lib/error-message';

type Form = z.infer<typeof ForgotPasswordRequestSchema>;

/** Asks for a reset link by e-mail; the answer is the same whether or not the address has an account. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [answered, setAnswered] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Form>({ resolver: zodResolver(ForgotPasswordRequestSchema) });
  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    try {
      // The server's answer is the same for every address; the client says it in the user's language.
      await sendJson('/api/auth/forgot-password', ForgotPasswordResultSchema, values);
      setAnswered(true);
    } catch (e) {
      setError(errorMessage(e, t));
    }
  });
  return (
    <Card withBorder maw={440} mx="auto" mt="xl" padding="xl">
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <Title order={2}>{t('forgot.title')}</Title>
          <Text size="sm">{t('forgot.intro')}</Text>
          {answered && (
            <Alert color="green" role="status" data-testid="forgot-answer">
              {t('agencyUx.forgotSent')}
            </Alert>
          )}
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
          <Button type="submit" loading={form.formState.isSubmitting}>
            {t('forgot.submit')}
          </Button>
          <Anchor component={Link} to="/login" size="sm">
            {t('forgot.back')}
          </Anchor>
        </Stack>
      </form>
    </Card>
  );
}
