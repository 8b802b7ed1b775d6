import { Anchor, Box, Container, Group, SegmentedControl, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import './public-results.css';

/**
 * The public pages' own frame: no navigation, no session, a language switch and a way in for
 * agency users. Light enough for a phone on a slow connection, and it prints cleanly.
 */
export function PublicLayout({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  return (
    <Box mih="100vh">
      <a href="#main" className="skip-link">
        {i18n.language === 'th' ? 'ข้ามไปยังเนื้อหาหลัก' : 'Skip to main content'}
      </a>
      <Box component="header" px="md" py="xs" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Group justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <img src="/favicon.svg" alt="" width={32} height={32} />
            <div style={{ minWidth: 0 }}>
              <Text fw={700} size="sm" lineClamp={1}>
                {t('appShort')}
              </Text>
              <Text size="xs" c="dimmed" visibleFrom="sm">
                {t('org')}
              </Text>
            </div>
          </Group>
          <Group gap="sm" wrap="nowrap" className="dg-public-no-print">
            <SegmentedControl
              size="xs"
              aria-label={t('language')}
              value={i18n.language}
              onChange={(v) => void i18n.changeLanguage(v)}
              data={[
                { value: 'th', label: 'ไทย' },
                { value: 'en', label: 'EN' },
              ]}
            />
            <Anchor component={Link} to="/login" size="sm" visibleFrom="xs">
              {t('publicResults.signIn')}
            </Anchor>
          </Group>
        </Group>
      </Box>
      <Container component="main" id="main" size="lg" px={{ base: 'sm', sm: 'md' }} py="md">
        {children}
      </Container>
    </Box>
  );
}

export function PageTitle({ children }: { children: ReactNode }) {
  return (
    <Title order={1} fz={{ base: 'h3', sm: 'h2' }} lh={1.3}>
      {children}
    </Title>
  );
}
