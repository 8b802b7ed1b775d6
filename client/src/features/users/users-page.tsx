import { AdminUserListSchema, type AdminUserSummary } from '@dg/shared/schemas/accounts';
import { isAgencyRole } from '@dg/shared/schemas/auth';
import { AgencySummaryListSchema } from '@dg/shared/schemas/registry';
import { InvitationLinkSchema, UserSummarySchema } from '@dg/shared/schemas/users';
import {
  Alert,
  Badge,
  Button,
  Card,
  CopyButton,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyOk } from '../../components/page-state';
import { api, getJson, sendJson } from '../../lib/api';
import { errorMessage } from '../../lib/error-message';
import { type IssuedLink, invitationsKey, PendingInvitations } from './pending-invitations';

function LinkBox({ issued, label }: { issued: IssuedLink; label: string }) {
  const { t } = useTranslation();
  return (
    // The primary (dark blue) shade keeps the title at WCAG AA contrast; light green did not.
    <Alert title={label}>
      <Group gap="xs" wrap="nowrap">
        <TextInput value={issued.link} readOnly aria-label={label} style={{ flex: 1 }} />
        <CopyButton value={issued.link}>
          {({ copied, copy }) => (
            <Button size="xs" onClick={copy} variant={copied ? 'light' : 'filled'}>
              {copied ? t('users.copied') : t('users.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Alert>
  );
}

/** Administrators invite people, disable accounts and issue password-reset links. */
export function UsersPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'th';
  const qc = useQueryClient();
  const users = useQuery({
    queryKey: ['admin-users'],
    queryFn: () => getJson('/api/admin/users', AdminUserListSchema),
  });
  const agencies = useQuery({
    queryKey: ['agencies-options'],
    queryFn: () => getJson('/api/agencies', AgencySummaryListSchema),
  });
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<string | null>('respondent');
  const [agencyId, setAgencyId] = useState<string | null>(null);
  const [issued, setIssued] = useState<{ kind: 'invite' | 'reset'; data: IssuedLink } | null>(null);

  const invite = useMutation({
    mutationFn: () =>
      sendJson('/api/admin/invitations', InvitationLinkSchema, {
        email,
        role,
        agencyId: isAgencyRole(role) ? Number(agencyId) : null,
      }),
    onSuccess: (data) => {
      setIssued({ kind: 'invite', data });
      setEmail('');
      void qc.invalidateQueries({ queryKey: invitationsKey });
    },
  });
  const toggle = useMutation({
    mutationFn: (u: AdminUserSummary) =>
      sendJson(`/api/admin/users/${u.id}`, UserSummarySchema, { disabled: !u.disabled }, { method: 'PATCH' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['admin-users'] }),
  });
  const reset = useMutation({
    mutationFn: (u: AdminUserSummary) => sendJson(`/api/admin/users/${u.id}/reset-link`, InvitationLinkSchema, {}),
    onSuccess: (data) => setIssued({ kind: 'reset', data }),
  });
  // A lost phone: the administrator clears the second factor (after confirming), the user enrols again.
  const [mfaTarget, setMfaTarget] = useState<AdminUserSummary | null>(null);
  const mfaReset = useMutation({
    mutationFn: (u: AdminUserSummary) => api(`/api/admin/users/${u.id}/mfa`, { method: 'DELETE' }) /* 204: no body */,
    onSuccess: (_data, u) => {
      setMfaTarget(null);
      notifyOk(t('agencyUx.mfaResetDone', { email: u.email }));
      void qc.invalidateQueries({ queryKey: ['admin-users'] });
    },
  });

  const agencyName = (id: number | null) => {
    const a = agencies.data?.find((x) => x.id === id);
    return a ? a.name[lang] : '';
  };
  const needsAgency = isAgencyRole(role);
  const error = invite.error ?? toggle.error ?? reset.error;

  return (
    <Stack gap="lg" maw={1100}>
      <Title order={2}>{t('users.title')}</Title>
      <Card withBorder padding="lg">
        <Stack>
          <Title order={3} size="h4">
            {t('users.invite')}
          </Title>
          <Group align="flex-end" wrap="wrap">
            <TextInput
              label={t('auth.email')}
              type="email"
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              w={{ base: '100%', sm: 260 }}
            />
            <Select
              label={t('users.role')}
              value={role}
              onChange={setRole}
              data={(['respondent', 'viewer', 'cio', 'analyst', 'admin'] as const).map((r) => ({
                value: r,
                label: t(`roles.${r}`),
              }))}
              w={{ base: '100%', sm: 200 }}
            />
            {needsAgency && (
              <Select
                label={t('users.agency')}
                searchable
                value={agencyId}
                onChange={setAgencyId}
                data={(agencies.data ?? []).map((a) => ({
                  value: String(a.id),
                  label: `${a.code} ${a.name[lang]}`,
                }))}
                w={{ base: '100%', sm: 420 }}
                limit={100}
              />
            )}
            <Button
              onClick={() => invite.mutate()}
              loading={invite.isPending}
              disabled={!email || (needsAgency && !agencyId)}
            >
              {t('users.sendInvite')}
            </Button>
          </Group>
          {issued && (
            <LinkBox
              issued={issued.data}
              label={issued.kind === 'invite' ? t('users.inviteLink') : t('users.resetLink')}
            />
          )}
          {error && (
            <Alert color="red" role="alert">
              {errorMessage(error, t)}
            </Alert>
          )}
        </Stack>
      </Card>
      <Card withBorder padding="lg">
        <PendingInvitations onIssued={(data) => setIssued({ kind: 'invite', data })} />
      </Card>
      <Title order={3} size="h4">
        {t('season.invitations.accounts')}
      </Title>
      {users.isLoading && <Text>{t('state.loading')}</Text>}
      {users.data && (
        <Table.ScrollContainer minWidth={800}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('auth.email')}</Table.Th>
                <Table.Th>{t('users.name')}</Table.Th>
                <Table.Th>{t('users.role')}</Table.Th>
                <Table.Th>{t('users.agency')}</Table.Th>
                <Table.Th>{t('users.status')}</Table.Th>
                <Table.Th>{t('users.mfa')}</Table.Th>
                <Table.Th>{t('users.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data.map((u) => (
                <Table.Tr key={u.id}>
                  <Table.Td>{u.email}</Table.Td>
                  <Table.Td>{u.displayName}</Table.Td>
                  <Table.Td>{t(`roles.${u.role}`)}</Table.Td>
                  <Table.Td>{agencyName(u.agencyId)}</Table.Td>
                  <Table.Td>
                    {u.disabled ? (
                      <Badge color="#495057">{t('users.disabled')}</Badge>
                    ) : u.locked ? (
                      <Badge color="#8a3b00">{t('users.locked')}</Badge>
                    ) : (
                      <Badge color="#1b5e20">{t('users.active')}</Badge>
                    )}
                  </Table.Td>
                  <Table.Td data-testid={`mfa-state-${u.id}`}>
                    {u.mfaEnabled ? (
                      <Badge color="#1b5e20">{t('users.mfaOn')}</Badge>
                    ) : (
                      <Badge color="#495057" variant="outline">
                        {t('users.mfaOff')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button size="xs" variant="default" onClick={() => toggle.mutate(u)}>
                        {u.disabled ? t('users.enable') : t('users.disable')}
                      </Button>
                      <Button size="xs" variant="default" onClick={() => reset.mutate(u)}>
                        {t('users.reset')}
                      </Button>
                      {/* Only a second factor that is set up can be cleared. */}
                      {u.mfaEnabled && (
                        <Button
                          size="xs"
                          variant="default"
                          color="red"
                          onClick={() => {
                            mfaReset.reset();
                            setMfaTarget(u);
                          }}
                          aria-label={t('agencyUx.mfaResetLabel', { email: u.email })}
                        >
                          {t('agencyUx.mfaReset')}
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal
        opened={mfaTarget !== null}
        onClose={() => setMfaTarget(null)}
        title={t('agencyUx.mfaResetTitle')}
        centered
      >
        <Stack>
          <Text size="sm">{t('agencyUx.mfaResetBody', { email: mfaTarget?.email ?? '' })}</Text>
          {mfaReset.error && (
            <Alert color="red" role="alert">
              {errorMessage(mfaReset.error, t)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setMfaTarget(null)}>
              {t('agencyUx.cancel')}
            </Button>
            <Button
              color="red"
              loading={mfaReset.isPending}
              onClick={() => mfaTarget && mfaReset.mutate(mfaTarget)}
              data-testid="mfa-reset-confirm"
            >
              {t('agencyUx.mfaResetConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
