import { PasswordSchema } from '@dg/shared/schemas/auth';
import { InvitationInfoSchema, UserSummarySchema } from '@dg/shared/schemas/users';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Card, Loader, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { z } from 'zod';
import { getJson, sendJson } from '../../lib/api';
import { errorMessage } from '../../lib/error-message';

const FormSchema = z
  .object({ displayName: z.string().trim().max(120).optional(), password: PasswordSchema, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'mismatch' });
type FormValues = z.infer<typeof FormSchema>;

/** Where an invitation or password-reset link lands: the invitee sets a password. */
export function InvitePage() {
  const { token = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'th';
  const info = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => getJson(`/api/invitations/${encodeURIComponent(token)}`, InvitationInfoSchema),
    retry: false,
  });
  const form = useForm<FormValues>({ resolver: zodResolver(FormSchema) });
  const accept = useMutation({
    mutationFn: (v: FormValues) =>
      sendJson(`/api/invitations/${encodeURIComponent(token)}/accept`, UserSummarySchema, {
        password: v.password,
        ...(v.displayName ? { displayName: v.displayName } : {}),
      }),
  });

  if (info.isLoading) return <Loader aria-label={t('state.loading')} />;
  if (info.error) {
    return (
      <Alert color="red" role="alert" title={t('invite.invalid')} maw={520}>
        {errorMessage(info.error, t)}
      </Alert>
    );
  }
  if (accept.isSuccess) {
    return (
      <Card withBorder maw={520} padding="xl">
        <Stack>
          <Title order={2}>{t('invite.done')}</Title>
          <Button component={Link} to="/login">
            {t('auth.signIn')}
          </Button>
        </Stack>
      </Card>
    );
  }
  const data = info.data;
  return (
    <Card withBorder maw={520} padding="xl">
      <form onSubmit={form.handleSubmit((v) => accept.mutate(v))} noValidate>
        <Stack>
          <Title order={2}>{data?.kind === 'reset' ? t('invite.resetTitle') : t('invite.title')}</Title>
          <Text>
            {data?.email}
            {data?.role ? ` · ${t(`roles.${data.role}`)}` : ''}
            {data?.agencyName ? ` · ${data.agencyName[lang]}` : ''}
          </Text>
          {accept.error && (
            <Alert color="red" role="alert">
              {errorMessage(accept.error, t)}
            </Alert>
          )}
          {data?.kind === 'invite' && (
            <TextInput label={t('invite.displayName')} autoComplete="name" {...form.register('displayName')} />
          )}
          <PasswordInput
            label={t('auth.password')}
            description={t('invite.passwordRule')}
            autoComplete="new-password"
            // The schema's own messages are English: the rule is said in the user's language instead.
            error={form.formState.errors.password ? t('agencyUx.passwordRuleBroken') : undefined}
            {...form.register('password')}
          />
          <PasswordInput
            label={t('invite.confirm')}
            autoComplete="new-password"
            error={form.formState.errors.confirm ? t('agencyUx.passwordMismatch') : undefined}
            {...form.register('confirm')}
          />
          <Button type="submit" loading={accept.isPending}>
            {t('invite.submit')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
