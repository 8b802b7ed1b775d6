import type { FrameworkChangeItem } from '@dg/shared/schemas/framework-authoring';
import { Alert, Anchor, Badge, Group, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { LoadError, Loading, StaffOnly } from '../../components/page-state';
import { ApiRequestError } from '../../lib/api';
import { useFrameworkChanges } from './authoring-api';

export function FrameworkChangesPage() {
  return (
    <StaffOnly>
      <ChangesContent />
    </StaffOnly>
  );
}

type Kind = 'added' | 'removed' | 'changed';
const COLORS: Record<Kind, string> = { added: '#1b5e20', removed: '#b71c1c', changed: '#6a3d00' };

function ChangeTable({ items, kind, label }: { items: FrameworkChangeItem[]; kind: Kind; label: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'th';
  return (
    <Stack gap={6}>
      <Group gap="xs">
        <Title order={4}>{t(`authoring.${kind}`)}</Title>
        <Badge color={COLORS[kind]} variant="filled">
          {items.length}
        </Badge>
      </Group>
      {items.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('authoring.none')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing={6} data-testid={`changes-${label}-${kind}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('admin.frameworks.code')}</Table.Th>
                <Table.Th scope="col">{t('authoring.pillars')}</Table.Th>
                <Table.Th scope="col">{t(`authoring.${label}`)}</Table.Th>
                {kind === 'changed' && <Table.Th scope="col">{t('authoring.fields')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item) => (
                <Table.Tr key={item.code}>
                  <Table.Td>
                    <Text ff="monospace" size="sm" style={{ overflowWrap: 'anywhere' }}>
                      {item.code}
                    </Text>
                  </Table.Td>
                  <Table.Td>{item.pillar}</Table.Td>
                  <Table.Td>{item.text[lang]}</Table.Td>
                  {kind === 'changed' && <Table.Td>{item.fields.join(', ')}</Table.Td>}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function ChangesContent() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'th';
  const id = Number(useParams().id);
  const changes = useFrameworkChanges(id);
  const back = (
    <Anchor component={Link} to="/admin/frameworks" size="sm">
      <Group gap={4} component="span">
        <IconArrowLeft size={16} aria-hidden />
        {t('authoring.back')}
      </Group>
    </Anchor>
  );
  if (changes.isPending) return <Loading />;
  if (changes.isError) {
    if (changes.error instanceof ApiRequestError && changes.error.status === 404) {
      return (
        <Stack maw={1100}>
          {back}
          <Alert color="gray">{t('authoring.noPrevious')}</Alert>
        </Stack>
      );
    }
    return <LoadError error={changes.error} onRetry={() => void changes.refetch()} />;
  }
  const c = changes.data;
  return (
    <Stack gap="lg" maw={1100}>
      {back}
      <Stack gap={4}>
        <Title order={2}>{t('authoring.changesTitle', { previous: c.previousCode })}</Title>
        <Text c="dimmed">{t('authoring.changesIntro')}</Text>
        <Badge variant="light" ff="monospace" w="fit-content">
          {c.previousCode} → {c.code}
        </Badge>
      </Stack>
      <Tabs defaultValue="questions">
        <Tabs.List>
          <Tabs.Tab value="questions">
            {t('authoring.questions')} (
            {c.questions.added.length + c.questions.removed.length + c.questions.changed.length})
          </Tabs.Tab>
          <Tabs.Tab value="criteria">
            {t('authoring.criteria')} ({c.criteria.added.length + c.criteria.removed.length + c.criteria.changed.length}
            )
          </Tabs.Tab>
          <Tabs.Tab value="pillars">{t('authoring.pillars')}</Tabs.Tab>
        </Tabs.List>
        {(['questions', 'criteria'] as const).map((label) => (
          <Tabs.Panel key={label} value={label} pt="md">
            <Stack gap="lg">
              {(['added', 'removed', 'changed'] as const).map((kind) => (
                <ChangeTable key={kind} items={c[label][kind]} kind={kind} label={label} />
              ))}
            </Stack>
          </Tabs.Panel>
        ))}
        <Tabs.Panel value="pillars" pt="md">
          <Table verticalSpacing={6}>
            <Table.Tbody>
              {c.pillars.map((p) => (
                <Table.Tr key={p.key}>
                  <Table.Th scope="row">{p.key}</Table.Th>
                  <Table.Td>{p.name[lang]}</Table.Td>
                  <Table.Td>{p.previousKey ?? '—'}</Table.Td>
                  <Table.Td>{t(`authoring.${p.status}`)}</Table.Td>
                </Table.Tr>
              ))}
              {c.droppedPillars.map((p) => (
                <Table.Tr key={`dropped-${p.key}`}>
                  <Table.Th scope="row">{p.key}</Table.Th>
                  <Table.Td>{p.name[lang]}</Table.Td>
                  <Table.Td>{p.key}</Table.Td>
                  <Table.Td>{t('authoring.dropped')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
