import { Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/page-state';
import { useAuth } from '../../lib/auth';

// An agency's home (its cycle, progress and latest result, with the maturity engine's explanations)
// loads after sign-in, not with the sign-in page.
const RespondentHome = lazy(() => import('./agency-home').then((m) => ({ default: m.RespondentHome })));
const ViewerHome = lazy(() => import('./agency-home').then((m) => ({ default: m.ViewerHome })));

const PILLARS = [
  { th: 'แนวนโยบายและหลักปฏิบัติ', en: 'Policies and Practices' },
  { th: 'กระบวนการพัฒนาด้วยข้อมูล', en: 'Data-driven Practices' },
  { th: 'ศักยภาพเจ้าหน้าที่ภาครัฐด้านดิจิทัล', en: 'Digital Capability' },
  { th: 'บริการภาครัฐ', en: 'Public Services' },
  { th: 'ระบบงานภายในอัจฉริยะ', en: 'Smart Back Office' },
  { th: 'โครงสร้างพื้นฐานที่มั่นคงปลอดภัยและมีประสิทธิภาพ', en: 'Secure & Efficient Infrastructure' },
  { th: 'การใช้เทคโนโลยีดิจิทัล', en: 'Digital Technology Practices' },
];

/** What to do next for an agency's people; the framework's overview for everyone else. */
export function HomePage() {
  const { user, ready } = useAuth();
  // A signed-in reader does not glimpse the public overview while the session is restored.
  if (!ready) return <Loading />;
  if (user?.role === 'cio' || user?.role === 'respondent')
    return (
      <Suspense fallback={<Loading />}>
        <RespondentHome user={user} />
      </Suspense>
    );
  if (user?.role === 'viewer')
    return (
      <Suspense fallback={<Loading />}>
        <ViewerHome user={user} />
      </Suspense>
    );
  return <FrameworkOverview />;
}

function FrameworkOverview() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'th';
  return (
    <Stack gap="xl" maw={1100}>
      <Stack gap="xs">
        <Title order={2}>{t('home.welcome')}</Title>
        <Text c="dimmed" maw={760}>
          {t('home.intro')}
        </Text>
      </Stack>
      <Title order={3}>{t('home.pillars')}</Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="lg">
        {PILLARS.map((p, i) => (
          <Card key={p.en} withBorder padding="lg">
            <Group gap="sm" wrap="nowrap" align="flex-start">
              <Badge size="lg" variant="light" circle>
                {i + 1}
              </Badge>
              <Text fw={500}>{p[lang]}</Text>
            </Group>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
