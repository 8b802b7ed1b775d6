import { UserSummaryListSchema } from '@dg/shared/schemas/accounts';
import { InvitationLinkSchema, type UserSummary, UserSummarySchema } from '@dg/shared/schemas/users';
import { Alert, Button, Card, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { getJson, sendJson } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { errorMessage } from '../../lib/error-message';

type IssuedLink = z.infer<typeof InvitationLinkSchema>;

const KEY = ['agency-users'];

/** The agency CIO invites and removes the agency's coordinators and viewers. */
export function AgencyPeoplePage() {
  const { t, i18n } = useTranslation();
  const { user } = useAuth();
  const qc = useQueryClient();
  const users = useQuery({
    queryKey: KEY,
    queryFn: () => getJson('/api/agency/users', UserSummaryListSchema),
    enabled: user?.role === 'cio',
  });
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<string | null>('respondent');
  const [issued, setIssued] = useState<IssuedLink | null>(null);
  const invite = useMutation({
    mutationFn: () => sendJson('/api/agency/invitations', InvitationLinkSchema, { email, role }),
    onSuccess: (data) => {
      setIssued(data);
      setEmail('');
      void qc.invalidateQueries({ queryKey: KEY });
    },
  });
  const toggle = useMutation({
    mutationFn: (u: UserSummary) =>
      sendJson(`/api/agency/users/${u.id}`, UserSummarySchema, { disabled: !u.disabled }, { method: 'PATCH' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });

  if (user?.role !== 'cio') return <Alert color="yellow">{t('admin.noAccess')}</Alert>;
  const error = invite.error ?? toggle.error ?? users.error;
  const agencyName = user.agencyName ? user.agencyName[i18n.language === 'en' ? 'en' : 'th'] : '';

  return (
    <Stack gap="lg" maw={1000}>
      <div>
        <Title order={2}>{t('agencyPeople.title')}</Title>
        <Text c="dimmed">{agencyName}</Text>
      </div>
      <Text>{t('agencyPeople.intro')}</Text>
      <Card withBorder padding="lg">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            invite.mutate();
          }}
        >
          <Stack>
            <Title order={3} size="h4">
              {t('agencyPeople.invite')}
            </Title>
            <Group align="flex-end" wrap="wrap">
              <TextInput
                label={t('auth.email')}
                type="email"
                required
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
                w={280}
              />
              <Select
                label={t('users.role')}
                value={role}
                onChange={setRole}
                allowDeselect={false}
                data={(['respondent', 'viewer'] as const).map((r) => ({ value: r, label: t(`roles.${r}`) }))}
                w={220}
              />
              <Button type="submit" loading={invite.isPending} disabled={!email}>
                {t('agencyPeople.sendInvite')}
              </Button>
            </Group>
            {issued && (
              <Alert color="green" title={t('agencyPeople.inviteLink')} data-testid="agency-invite-link">
                <TextInput value={issued.link} readOnly aria-label={t('agencyPeople.inviteLink')} />
              </Alert>
            )}
            {error && (
              <Alert color="red" role="alert">
                {errorMessage(error, t)}
              </Alert>
            )}
          </Stack>
        </form>
      </Card>
      {users.isLoading && <Text role="status">{t('state.loading')}</Text>}
      {users.data && users.data.length === 0 && <Text c="dimmed">{t('agencyPeople.empty')}</Text>}
      {users.data && users.data.length > 0 && (
        <Table.ScrollContainer minWidth={700}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('auth.email')}</Table.Th>
                <Table.Th>{t('users.name')}</Table.Th>
                <Table.Th>{t('users.role')}</Table.Th>
                <Table.Th>{t('users.status')}</Table.Th>
                <Table.Th>{t('users.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data.map((u) => {
                const managed = u.id !== user.id && (u.role === 'respondent' || u.role === 'viewer');
                return (
                  <Table.Tr key={u.id}>
                    <Table.Td>{u.email}</Table.Td>
                    <Table.Td>{u.displayName}</Table.Td>
                    <Table.Td>{t(`roles.${u.role}`)}</Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={u.disabled ? 400 : 600}>
                        {u.disabled ? t('users.disabled') : t('users.active')}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {managed ? (
                        <Button
                          size="xs"
                          variant="default"
                          onClick={() => toggle.mutate(u)}
                          aria-label={`${u.disabled ? t('agencyPeople.restore') : t('agencyPeople.remove')} ${u.email}`}
                        >
                          {u.disabled ? t('agencyPeople.restore') : t('agencyPeople.remove')}
                        </Button>
                      ) : u.id === user.id ? (
                        <Text size="sm" c="dimmed">
                          {t('agencyPeople.you')}
                        </Text>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
