import { Anchor, Button, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { publicBase, reportUrl, useReportAvailable } from './public-api';

export function DownloadsSection({ year }: { year: number }) {
  const { t } = useTranslation();
  const report = useReportAvailable(year);
  const langs = [
    { lang: 'th' as const, name: t('publicResults.langTh') },
    { lang: 'en' as const, name: t('publicResults.langEn') },
  ];
  return (
    <Stack gap="xs">
      <Title order={2} id="downloads">
        {t('publicResults.downloads')}
      </Title>
      <List spacing="xs">
        <List.Item>
          <Anchor href={`${publicBase(year)}/open-data.zip`} download>
            {t('publicResults.openData')}
          </Anchor>
        </List.Item>
        <List.Item>
          <Text span fw={500}>
            {t('publicResults.report')}
          </Text>
          {report.data ? (
            <Group gap="md" mt={4}>
              {langs.flatMap(({ lang, name }) =>
                (['pdf', 'docx'] as const).map((format) => (
                  <Anchor key={`${format}-${lang}`} href={reportUrl(year, format, lang)} download>
                    {t(format === 'pdf' ? 'publicResults.reportPdf' : 'publicResults.reportDocx', { lang: name })}
                  </Anchor>
                )),
              )}
            </Group>
          ) : (
            <Text size="sm" c="dimmed" data-testid="report-pending">
              {report.isPending ? t('state.loading') : t('publicResults.reportPending')}
            </Text>
          )}
        </List.Item>
      </List>
    </Stack>
  );
}

/** The page's stable address and its QR code (SVG, drawn in the browser), for printed material. */
export function PermalinkSection({ year }: { year: number }) {
  const { t } = useTranslation();
  const url = `${window.location.origin}/public/${year}`;
  const qr = useQuery({
    queryKey: ['public', 'qr', url],
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: async () => {
      const QRCode = (await import('qrcode')).default;
      return QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
    },
  });
  return (
    <Stack gap="xs">
      <Title order={2} id="permalink">
        {t('publicResults.permalink')}
      </Title>
      <Card withBorder padding="md">
        <Group align="center" gap="lg" wrap="wrap">
          {qr.data && (
            <img
              src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(qr.data)}`}
              alt={t('publicResults.qrAlt', { url })}
              width={160}
              height={160}
              data-testid="public-qr"
            />
          )}
          <Stack gap={6} miw={0} style={{ flex: 1, minWidth: 200 }}>
            <Anchor href={url} fw={600} style={{ wordBreak: 'break-all' }}>
              {url}
            </Anchor>
            <Text size="sm" c="dimmed">
              {t('publicResults.permalinkHint')}
            </Text>
            <Button
              className="dg-public-no-print"
              variant="default"
              size="xs"
              w="fit-content"
              onClick={() => window.print()}
            >
              {t('publicResults.print')}
            </Button>
          </Stack>
        </Group>
      </Card>
    </Stack>
  );
}
