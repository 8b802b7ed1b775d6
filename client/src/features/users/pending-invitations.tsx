import { formatDate } from '@dg/shared/domain/dates';
import {
  InvitationRevokedSchema,
  type PendingInvitation,
  PendingInvitationListSchema,
} from '@dg/shared/schemas/invitations';
import { InvitationLinkSchema } from '@dg/shared/schemas/users';
import { Badge, Button, Group, Stack, Table, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Empty, LoadError, Loading, notifyError, notifyOk } from '../../components/page-state';
import { getJson, sendJson } from '../../lib/api';

export type IssuedLink = z.infer<typeof InvitationLinkSchema>;
export const invitationsKey = ['admin-invitations'] as const;

/** Invitations not yet accepted: send a fresh link, or withdraw one sent by mistake. */
export function PendingInvitations({ onIssued }: { onIssued: (link: IssuedLink) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'th';
  const qc = useQueryClient();
  const list = useQuery({
    queryKey: invitationsKey,
    queryFn: () => getJson('/api/admin/invitations', PendingInvitationListSchema),
  });
  const [revoking, setRevoking] = useState<PendingInvitation | null>(null);
  const resend = useMutation({
    mutationFn: (inv: PendingInvitation) =>
      sendJson(`/api/admin/invitations/${inv.id}/resend`, InvitationLinkSchema, {}),
    onSuccess: (link) => {
      onIssued(link);
      notifyOk(t('season.invitations.resent'));
      void qc.invalidateQueries({ queryKey: invitationsKey });
    },
    onError: notifyError,
  });
  const revoke = useMutation({
    mutationFn: (inv: PendingInvitation) =>
      getJson(`/api/admin/invitations/${inv.id}`, InvitationRevokedSchema, { method: 'DELETE' }),
    onSuccess: () => {
      setRevoking(null);
      notifyOk(t('season.invitations.revoked'));
      void qc.invalidateQueries({ queryKey: invitationsKey });
    },
    onError: notifyError,
  });

  return (
    <Stack gap="xs" component="section" aria-labelledby="pending-title" data-testid="pending-invitations">
      <Title order={3} size="h4" id="pending-title">
        {t('season.invitations.title')}
      </Title>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.invitations.length === 0 ? (
        <Empty>{t('season.invitations.empty')}</Empty>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('auth.email')}</Table.Th>
                <Table.Th scope="col">{t('users.role')}</Table.Th>
                <Table.Th scope="col">{t('users.agency')}</Table.Th>
                <Table.Th scope="col">{t('season.invitations.invitedBy')}</Table.Th>
                <Table.Th scope="col">{t('season.invitations.expires')}</Table.Th>
                <Table.Th scope="col">{t('users.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.invitations.map((inv) => (
                <Table.Tr key={inv.id} data-email={inv.email}>
                  <Table.Td style={{ wordBreak: 'break-all' }}>{inv.email}</Table.Td>
                  <Table.Td>{t(`roles.${inv.role}`)}</Table.Td>
                  <Table.Td>{inv.agencyName ? inv.agencyName[lang] : '—'}</Table.Td>
                  <Table.Td>{inv.invitedBy ?? '—'}</Table.Td>
                  <Table.Td>
                    {inv.expired ? (
                      <Badge color="#8a3b00" variant="filled" tt="none" miw="max-content">
                        {t('season.invitations.expired')}
                      </Badge>
                    ) : (
                      formatDate(inv.expiresAt, lang, true)
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button
                        size="xs"
                        variant="default"
                        loading={resend.isPending && resend.variables?.id === inv.id}
                        onClick={() => resend.mutate(inv)}
                        aria-label={`${t('season.invitations.resend')} ${inv.email}`}
                      >
                        {t('season.invitations.resend')}
                      </Button>
                      <Button
                        size="xs"
                        variant="default"
                        color="red"
                        onClick={() => setRevoking(inv)}
                        aria-label={`${t('season.invitations.revoke')} ${inv.email}`}
                      >
                        {t('season.invitations.revoke')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ConfirmDialog
        subject={revoking}
        title={t('season.invitations.revokeTitle')}
        body={(inv) => t('season.invitations.revokeBody', { email: inv.email })}
        confirmLabel={t('season.invitations.revoke')}
        cancelLabel={t('admin.cancel')}
        closeLabel={t('admin.close')}
        busy={revoke.isPending}
        centered
        onConfirm={(inv) => revoke.mutate(inv)}
        onClose={() => setRevoking(null)}
      />
    </Stack>
  );
}
