import { formatDate } from '@dg/shared/domain/dates';
import { Alert, Anchor, Button, Center, Group, List, Loader, Stack, Text } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiRequestError } from '../../lib/api';
import { DownloadsSection, PermalinkSection } from './downloads-section';
import { ExplorerSection } from './explorer-section';
import { OverviewSection } from './overview-section';
import { tx, useLang, usePublicCycles, usePublicOverview } from './public-api';
import { PageTitle, PublicLayout } from './public-layout';

function Loading() {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Loader aria-label={t('state.loading')} />
    </Center>
  );
}

function useTitle(title: string) {
  useEffect(() => {
    document.title = title;
  }, [title]);
}

/** /public: every published cycle, newest first. */
export function PublicIndexPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const cycles = usePublicCycles();
  useTitle(t('publicResults.indexTitle'));
  return (
    <PublicLayout>
      <Stack gap="md">
        <PageTitle>{t('publicResults.indexTitle')}</PageTitle>
        <Text>{t('publicResults.indexIntro')}</Text>
        {cycles.isPending ? (
          <Loading />
        ) : cycles.isError ? (
          <Alert color="red">{t('state.error')}</Alert>
        ) : cycles.data.cycles.length === 0 ? (
          <Text c="dimmed">{t('publicResults.noneYet')}</Text>
        ) : (
          <List spacing="xs">
            {cycles.data.cycles.map((c) => (
              <List.Item key={c.fiscalYear}>
                <Anchor component={Link} to={`/public/${c.yearBE}`} fw={500}>
                  {t('publicResults.yearLink', { year: lang === 'th' ? c.yearBE : c.fiscalYear })}
                </Anchor>
                <Text span size="sm" c="dimmed">
                  {' '}
                  · {tx(c.name, lang)}
                </Text>
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </PublicLayout>
  );
}

/** /public/<B.E. year>: a published cycle's overview, explorer and downloads, without signing in. */
export function PublicResultsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const param = Number(useParams().year);
  const year = Number.isInteger(param) ? param : 0;
  const overview = usePublicOverview(year);
  const o = overview.data;
  const shownYear = o ? (lang === 'th' ? o.cycle.yearBE : o.cycle.fiscalYear) : year;
  useTitle(o ? t('publicResults.titleYear', { year: shownYear }) : t('publicResults.title'));
  const notFound = !year || (overview.error instanceof ApiRequestError && overview.error.status === 404);

  let body: React.ReactNode;
  if (notFound) {
    body = (
      <Stack gap="sm" align="flex-start" data-testid="public-not-found">
        <PageTitle>{t('publicResults.notFoundTitle', { year: param || '' })}</PageTitle>
        <Text c="dimmed">404 · {t('publicResults.notFoundText')}</Text>
        <Button component={Link} to="/public" variant="default">
          {t('publicResults.allYears')}
        </Button>
      </Stack>
    );
  } else if (overview.isPending) {
    body = <Loading />;
  } else if (!o) {
    body = <Alert color="red">{t('state.error')}</Alert>;
  } else {
    const tracks = [
      { value: 'all', label: t('publicResults.all') },
      ...o.responseRates.byTrack.map((r) => ({ value: r.key, label: tx(r.label, lang) })),
    ];
    body = (
      <Stack gap="xl">
        <Stack gap={6}>
          <PageTitle>{t('publicResults.titleYear', { year: shownYear })}</PageTitle>
          <Group gap="md">
            {o.cycle.publishedAt && (
              <Text size="sm" c="dimmed">
                {t('publicResults.publishedOn', { date: formatDate(o.cycle.publishedAt, lang) })}
              </Text>
            )}
            <Text size="sm" c="dimmed">
              {t('publicResults.framework', { name: tx(o.cycle.framework.name, lang) })}
            </Text>
          </Group>
          <Text size="sm">{t('publicResults.disclosure', { min: o.cycle.minSegmentSize })}</Text>
          <Group gap="md" className="dg-public-no-print" component="nav" aria-label={t('publicResults.contents')}>
            <Anchor href="#overview" size="sm">
              {t('publicResults.overview')}
            </Anchor>
            <Anchor href="#explorer" size="sm">
              {t('publicResults.explorer')}
            </Anchor>
            <Anchor href="#downloads" size="sm">
              {t('publicResults.downloads')}
            </Anchor>
            <Anchor component={Link} to="/public" size="sm">
              {t('publicResults.allYears')}
            </Anchor>
          </Group>
        </Stack>
        <OverviewSection o={o} />
        <ExplorerSection year={o.cycle.yearBE} tracks={tracks} />
        <DownloadsSection year={o.cycle.yearBE} />
        <PermalinkSection year={o.cycle.yearBE} />
      </Stack>
    );
  }
  return <PublicLayout>{body}</PublicLayout>;
}
