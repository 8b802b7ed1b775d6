import { AppShell, Box, Burger, Button, Group, NavLink, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconLogin, IconLogout } from '@tabler/icons-react';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { useAuth } from '../lib/auth';
import { PrivacyNoticeBanner } from './privacy-notice';

interface NavItem {
  to: string;
  label: string;
  roles?: string[];
}

/** "name · role", or the name alone when it already is the role's name. */
export function withRole(name: string, role: string): string {
  const norm = (x: string) => x.trim().replace(/\s+/g, ' ').toLowerCase();
  return norm(name) === norm(role) ? name : `${name} · ${role}`;
}

export function AppLayout() {
  const { t, i18n } = useTranslation();
  const { user, ready, signOut } = useAuth();
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();

  const items: NavItem[] = [
    { to: '/', label: t('nav.home') },
    { to: '/questionnaire', label: t('nav.questionnaire'), roles: ['respondent', 'cio', 'viewer'] },
    { to: '/results', label: t('nav.results'), roles: ['respondent', 'cio', 'viewer'] },
    { to: '/agency/people', label: t('nav.agencyPeople'), roles: ['cio'] },
    { to: '/review', label: t('nav.review'), roles: ['analyst', 'admin'] },
    { to: '/monitoring', label: t('nav.monitoring'), roles: ['analyst', 'admin'] },
    { to: '/analytics', label: t('nav.analytics'), roles: ['analyst', 'admin', 'respondent', 'cio', 'viewer'] },
    { to: '/admin/cycles', label: t('nav.cycles'), roles: ['admin', 'analyst'] },
    { to: '/admin/targets', label: t('targetsAdmin.nav'), roles: ['admin', 'analyst'] },
    { to: '/admin/frameworks', label: t('nav.frameworks'), roles: ['admin', 'analyst'] },
    { to: '/admin/agencies', label: t('nav.agencies'), roles: ['admin', 'analyst'] },
    { to: '/admin/users', label: t('nav.users'), roles: ['admin'] },
    { to: '/admin/onboarding', label: t('nav.onboarding'), roles: ['admin'] },
    { to: '/admin/import', label: t('nav.import'), roles: ['admin'] },
    { to: '/audit', label: t('nav.audit'), roles: ['analyst', 'admin'] },
    { to: '/account/security', label: t('nav.security'), roles: ['respondent', 'cio', 'viewer', 'analyst', 'admin'] },
    // public (issue 21): published results, open to everyone
    { to: '/public', label: t('publicResults.indexTitle') },
  ];
  const visible = items.filter((i) => !i.roles || (user && i.roles.includes(user.role)));

  return (
    <AppShell
      header={{ height: 64 }}
      navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="xl"
    >
      <a href="#main" className="skip-link">
        {i18n.language === 'th' ? 'ข้ามไปยังเนื้อหาหลัก' : 'Skip to main content'}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" miw={0} style={{ flex: 1 }}>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={i18n.language === 'th' ? 'เปิดเมนู' : 'Open menu'}
            />
            <img src="/favicon.svg" alt="" width={32} height={32} />
            <div style={{ minWidth: 0, flex: 1 }}>
              {/*
               * The header keeps its fixed height: a laptop shows the title on one line; a phone a
               * shorter one that may wrap to two lines, only between its words (never cut mid-word).
               */}
              <Title order={1} className="app-title" title={t('appName')}>
                <span className="app-title-full">{t('appShort')}</span>
                <span className="app-title-phone" data-testid="app-title-phone">
                  {/* Each part stays whole: the title wraps at the spaces only. */}
                  {t('appPhone')
                    .split(' ')
                    .map((part, i) => (
                      // The space sits between the parts (outside their nowrap) so the line can break there.
                      <Fragment key={part}>
                        {i > 0 ? ' ' : null}
                        <span className="app-title-part">{part}</span>
                      </Fragment>
                    ))}
                </span>
              </Title>
              <Text size="xs" c="dimmed" visibleFrom="sm">
                {t('org')}
              </Text>
            </div>
          </Group>
          <Group gap="md" wrap="nowrap">
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
            {user ? (
              <Group gap="xs" wrap="nowrap">
                <Text size="sm" visibleFrom="md" data-testid="signed-in-user">
                  {/* An account named after its role ("นักวิเคราะห์ สพร.") does not say it twice. */}
                  {withRole(user.displayName, t(`roles.${user.role}`))}
                </Text>
                {/* On a phone the button is an icon (named for screen readers) so the title has room. */}
                <Button
                  variant="default"
                  size="xs"
                  px={{ base: 6, sm: 'sm' }}
                  onClick={() => void signOut()}
                  aria-label={t('auth.signOut')}
                >
                  <IconLogout size={16} aria-hidden />
                  <Box component="span" visibleFrom="sm" ml={6}>
                    {t('auth.signOut')}
                  </Box>
                </Button>
              </Group>
            ) : !ready ? null : (
              // Not offered while the session is being restored (a signed-in reader would see it flash);
              // an icon on a phone, like signing out, so the title has room.
              <Button component={Link} to="/login" size="xs" px={{ base: 6, sm: 'sm' }} aria-label={t('auth.signIn')}>
                <IconLogin size={16} aria-hidden />
                <Box component="span" visibleFrom="sm" ml={6}>
                  {t('auth.signIn')}
                </Box>
              </Button>
            )}
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="md" aria-label={i18n.language === 'th' ? 'เมนูหลัก' : 'Main navigation'}>
        <Stack gap={4}>
          {visible.map((item) => (
            <NavLink
              key={item.to}
              component={Link}
              to={item.to}
              label={item.label}
              active={item.to === '/' ? location.pathname === '/' : location.pathname.startsWith(item.to)}
              onClick={close}
            />
          ))}
          <NavLink href="/api/docs/" label={t('nav.apiDocs')} component="a" />
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main id="main">
        <PrivacyNoticeBanner />
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
