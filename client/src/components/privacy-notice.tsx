import { PrivacyNoticeSchema } from '@dg/shared/schemas/privacy';
import { Button, Collapse, Group, Paper, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { getJson, sendJson } from '../lib/api';
import { useAuth } from '../lib/auth';
import { formatDay } from '../lib/thai-dates';

/**
 * The privacy notice (PDPA) at the top of every page until the signed-in user acknowledges its
 * current version; a new version is shown again. Thai first, English beneath. It does not block the
 * page: a CIO on deadline day can still save, but the notice stays until it is acknowledged.
 */
export function PrivacyNoticeBanner() {
  const { t, i18n } = useTranslation();
  const { user } = useAuth();
  const qc = useQueryClient();
  const [expanded, { toggle }] = useDisclosure(false);
  const notice = useQuery({
    queryKey: ['privacy-notice', user?.id],
    queryFn: () => getJson('/api/privacy/notice', PrivacyNoticeSchema),
    enabled: Boolean(user),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const ack = useMutation({
    mutationFn: (version: string) => sendJson('/api/privacy/acknowledgement', PrivacyNoticeSchema, { version }),
    onSuccess: (data) => qc.setQueryData(['privacy-notice', user?.id], data),
  });
  const n = notice.data;
  if (!user || !n || n.acknowledged) return null;
  return (
    <Paper
      component="section"
      aria-labelledby="privacy-notice-title"
      withBorder
      p="sm"
      mb="md"
      data-testid="privacy-notice"
    >
      <Stack gap="xs">
        <div>
          {/* A labelled region, not a heading: each page keeps its own title as its only h2. */}
          <Text fw={700} id="privacy-notice-title">
            {n.title.th}
          </Text>
          <Text size="sm" lang="en">
            {n.title.en}
          </Text>
        </div>
        <Text size="sm">{t('privacy.summary')}</Text>
        {/* The full text folds away so the acknowledge button stays in view on a phone. */}
        <Collapse expanded={expanded} id="privacy-notice-details">
          <Stack gap="sm" pb="xs">
            {n.sections.map((s) => (
              <div key={s.heading.en}>
                <Text fw={600} size="sm">
                  {s.heading.th} · <span lang="en">{s.heading.en}</span>
                </Text>
                <Text size="sm">{s.body.th}</Text>
                <Text size="sm" lang="en">
                  {s.body.en}
                </Text>
              </div>
            ))}
          </Stack>
        </Collapse>
        <Group gap="sm">
          <Button size="sm" onClick={() => ack.mutate(n.version)} loading={ack.isPending}>
            {t('privacy.acknowledge')}
          </Button>
          <Button
            size="sm"
            variant="subtle"
            onClick={toggle}
            aria-expanded={expanded}
            aria-controls="privacy-notice-details"
          >
            {expanded ? t('privacy.readLess') : t('privacy.readMore')}
          </Button>
          <Text size="xs">
            {t('privacy.version', {
              // Versions are dated (YYYY-MM-DD): shown as a date the reader reads, B.E. in Thai.
              version: /^\d{4}-\d{2}-\d{2}$/.test(n.version)
                ? formatDay(n.version, i18n.language === 'en' ? 'en' : 'th')
                : n.version,
            })}
          </Text>
        </Group>
        {ack.isError ? (
          <Text size="sm" c="red" role="alert">
            {t('privacy.failed')}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}
