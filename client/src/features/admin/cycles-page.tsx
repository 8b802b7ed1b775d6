import { formatDate, formatYear } from '@dg/shared/domain/dates';
import { Alert, Anchor, Badge, Button, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { NationalReportDialog } from '../../components/national-report-dialog';
import { Empty, errorMessage, isAdmin, LoadError, Loading, StaffOnly } from '../../components/page-state';
import { useAuth } from '../../lib/auth';
import { type AdminCycle, type CycleStatus, useAdminCycles, useCycleTransition } from './api';
import { DisclosureDialog } from './cycle-disclosure';
import { CreateCycleDialog, ExtendCycleDialog } from './cycle-life';
import { RecomputeDialog } from './cycle-recompute';

const NEXT: Record<CycleStatus, Exclude<CycleStatus, 'draft'> | null> = {
  draft: 'open',
  open: 'closed',
  closed: 'published',
  published: null,
};

/** Filled dark shades keep the badge text at WCAG AA contrast. */
const STATUS_COLOR: Record<CycleStatus, string> = {
  draft: '#495057',
  open: '#1b5e20',
  closed: '#8a3b00',
  published: '#1c4f9c',
};

export function CyclesPage() {
  return (
    <StaffOnly>
      <CyclesContent />
    </StaffOnly>
  );
}

function CyclesContent() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'th';
  const { user } = useAuth();
  const cycles = useAdminCycles();
  const transition = useCycleTransition();
  const [pending, setPending] = useState<{ cycle: AdminCycle; to: Exclude<CycleStatus, 'draft'> } | null>(null);
  const [recomputing, setRecomputing] = useState<AdminCycle | null>(null);
  const [disclosing, setDisclosing] = useState<AdminCycle | null>(null);
  const [reporting, setReporting] = useState<AdminCycle | null>(null);
  const [creating, setCreating] = useState(false);
  const [extending, setExtending] = useState<AdminCycle | null>(null);

  const confirm = async () => {
    if (!pending) return;
    try {
      await transition.mutateAsync({ id: pending.cycle.id, status: pending.to });
      notifications.show({ color: 'green', message: t('admin.cycles.done') });
      setPending(null);
    } catch (e) {
      notifications.show({ color: 'red', title: t('state.error'), message: errorMessage(e) });
    }
  };
  const date = (v: string | null) => (v ? formatDate(v, lang) : '—');

  return (
    <Stack gap="lg" maw={1200}>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Stack gap={4}>
          <Title order={2}>{t('admin.cycles.title')}</Title>
          <Text c="dimmed">{t('admin.cycles.intro')}</Text>
        </Stack>
        {isAdmin(user?.role) && <Button onClick={() => setCreating(true)}>{t('season.cycle.new')}</Button>}
      </Group>
      {cycles.isPending ? (
        <Loading />
      ) : cycles.isError ? (
        <LoadError error={cycles.error} onRetry={() => void cycles.refetch()} />
      ) : cycles.data.length === 0 ? (
        <Empty>{t('admin.cycles.empty')}</Empty>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped highlightOnHover verticalSpacing="sm" data-testid="cycles-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('admin.cycles.year')}</Table.Th>
                <Table.Th scope="col">{t('admin.cycles.status')}</Table.Th>
                <Table.Th scope="col">{t('admin.cycles.framework')}</Table.Th>
                <Table.Th scope="col">{t('admin.cycles.opensAt')}</Table.Th>
                <Table.Th scope="col">{t('admin.cycles.closesAt')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('admin.cycles.invited')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('admin.cycles.started')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('admin.cycles.submitted')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('admin.cycles.verified')}
                </Table.Th>
                {isAdmin(user?.role) && <Table.Th scope="col">{t('admin.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {cycles.data.map((c) => {
                const next = NEXT[c.status];
                return (
                  <Table.Tr key={c.id} data-cycle={c.fiscalYear}>
                    <Table.Th scope="row">
                      <Text fw={600}>{formatYear(c.fiscalYear, lang)}</Text>
                      <Text size="xs" c="dimmed">
                        {c.name[lang]}
                      </Text>
                    </Table.Th>
                    <Table.Td>
                      <Badge color={STATUS_COLOR[c.status]} variant="filled" tt="none" miw="max-content">
                        {t(`admin.cycles.statusName.${c.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Anchor
                        component={Link}
                        to={`/admin/frameworks/${c.frameworkId}/preview`}
                        aria-label={`${t('admin.cycles.preview')} ${c.frameworkCode}`}
                        ff="monospace"
                        size="sm"
                      >
                        {c.frameworkCode}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{date(c.opensAt)}</Table.Td>
                    <Table.Td>{date(c.closesAt)}</Table.Td>
                    <Table.Td ta="right">{c.counts.invited.toLocaleString(lang)}</Table.Td>
                    <Table.Td ta="right">{c.counts.started.toLocaleString(lang)}</Table.Td>
                    <Table.Td ta="right">{c.counts.submitted.toLocaleString(lang)}</Table.Td>
                    <Table.Td ta="right">{c.counts.verified.toLocaleString(lang)}</Table.Td>
                    {isAdmin(user?.role) && (
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          {next && (
                            <Button
                              size="xs"
                              variant={next === 'published' ? 'filled' : 'light'}
                              onClick={() => setPending({ cycle: c, to: next })}
                              aria-label={`${t(`admin.cycles.action.${next}`)} ${formatYear(c.fiscalYear, lang)}`}
                            >
                              {t(`admin.cycles.action.${next}`)}
                            </Button>
                          )}
                          {(c.status === 'draft' || c.status === 'open') && (
                            <Button
                              size="xs"
                              variant="default"
                              onClick={() => setExtending(c)}
                              aria-label={`${t('season.cycle.extend')} ${formatYear(c.fiscalYear, lang)}`}
                            >
                              {t('season.cycle.extend')}
                            </Button>
                          )}
                          {c.status !== 'draft' && (
                            <Button
                              size="xs"
                              variant="default"
                              onClick={() => setRecomputing(c)}
                              aria-label={t('admin.cycles.recompute.aria', { year: formatYear(c.fiscalYear, lang) })}
                            >
                              {t('admin.cycles.recompute.action')}
                            </Button>
                          )}
                          {(c.status === 'closed' || c.status === 'published') && (
                            <Button
                              size="xs"
                              variant="default"
                              onClick={() => setReporting(c)}
                              aria-label={t('nationalReport.aria', { year: formatYear(c.fiscalYear, lang) })}
                            >
                              {t('nationalReport.action')}
                            </Button>
                          )}
                          <Button
                            size="xs"
                            variant="default"
                            onClick={() => setDisclosing(c)}
                            aria-label={t('admin.cycles.disclosure.aria', { year: formatYear(c.fiscalYear, lang) })}
                          >
                            {t('admin.cycles.disclosure.action')}
                          </Button>
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal
        opened={pending !== null}
        onClose={() => setPending(null)}
        title={pending ? t(`admin.cycles.confirmTitle.${pending.to}`) : ''}
        centered
        closeButtonProps={{ 'aria-label': t('admin.close') }}
      >
        {pending && (
          <Stack>
            <Text>
              {t(`admin.cycles.confirmBody.${pending.to}`, {
                year: formatYear(pending.cycle.fiscalYear, lang),
                framework: pending.cycle.frameworkCode,
              })}
            </Text>
            <Alert color={pending.to === 'open' ? 'blue' : STATUS_COLOR.closed} title={t('season.cycle.whatHappens')}>
              <span data-testid="transition-consequence">
                {t(`season.cycle.consequence.${pending.to}`, {
                  invited: pending.cycle.counts.invited.toLocaleString(lang),
                  submitted: pending.cycle.counts.submitted.toLocaleString(lang),
                  pending: (pending.cycle.counts.invited - pending.cycle.counts.submitted).toLocaleString(lang),
                  verified: pending.cycle.counts.verified.toLocaleString(lang),
                  closes: pending.cycle.closesAt ? formatDate(pending.cycle.closesAt, lang) : '—',
                })}
              </span>
            </Alert>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setPending(null)}>
                {t('admin.cancel')}
              </Button>
              <Button
                // The status colours (dark shades): white text at WCAG AA contrast.
                color={STATUS_COLOR[pending.to]}
                loading={transition.isPending}
                onClick={() => void confirm()}
              >
                {t(`admin.cycles.action.${pending.to}`)}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
      <CreateCycleDialog opened={creating} onClose={() => setCreating(false)} />
      <ExtendCycleDialog cycle={extending} onClose={() => setExtending(null)} />
      <RecomputeDialog cycle={recomputing} onClose={() => setRecomputing(null)} />
      <DisclosureDialog cycle={disclosing} onClose={() => setDisclosing(null)} />
      <NationalReportDialog cycle={reporting} onClose={() => setReporting(null)} />
    </Stack>
  );
}
