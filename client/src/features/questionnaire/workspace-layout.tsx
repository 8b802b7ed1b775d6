import type { Completeness } from '@dg/shared/schemas/result';
import { Box, Button, Drawer, Grid, Group, Paper, Progress, ScrollArea, Stack, Tabs, Text } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { IconChartBar, IconListNumbers } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  header: ReactNode;
  /** Contents and progress by pillar. */
  nav: ReactNode;
  /** Live maturity preview. */
  preview: ReactNode;
  coEditors: ReactNode;
  overall: Completeness;
  questions: ReactNode;
  children?: ReactNode;
}

/** Below the app header (64 px) with a little air. */
const STICKY_TOP = 80;
/** A panel that scrolls on its own takes the keyboard focus, so it scrolls with the arrow keys too. */
const KEYBOARD_SCROLL = { tabIndex: 0 };
const panelHeight = `calc(100dvh - ${STICKY_TOP + 16}px)`;

/**
 * Where the header, contents, questions and preview sit.
 * - 88em (1408 px) and up: contents | questions | preview, both side panels sticky.
 * - 64em (1024 px) to 88em: questions | one sticky panel with the overall progress and tabs
 *   (preview first, so it stays in view while answering; contents one click away).
 * - Below 64em (tablets, phones): questions first; a bar at the bottom opens contents or the
 *   preview in a drawer.
 */
export function WorkspaceLayout({ header, nav, preview, coEditors, overall, questions, children }: Props) {
  const { t } = useTranslation();
  const wide = useMediaQuery('(min-width: 88em)');
  const laptop = useMediaQuery('(min-width: 64em)');
  const [navOpen, navDrawer] = useDisclosure(false);
  const [previewOpen, previewDrawer] = useDisclosure(false);
  const progressLine = (
    <Stack gap={4}>
      <Progress value={Math.round(overall.share * 100)} size="sm" aria-hidden />
      <Text size="xs" c="dimmed">
        {t('questionnaire.answeredOf', { answered: overall.answered, required: overall.required })}
      </Text>
    </Stack>
  );
  let body: ReactNode;
  if (wide) {
    body = (
      <Grid gap="xl">
        <Grid.Col span={3}>
          <ScrollArea.Autosize
            mah={panelHeight}
            style={{ position: 'sticky', top: STICKY_TOP }}
            type="auto"
            viewportProps={KEYBOARD_SCROLL}
          >
            {nav}
          </ScrollArea.Autosize>
        </Grid.Col>
        <Grid.Col span={6}>{questions}</Grid.Col>
        <Grid.Col span={3}>
          <ScrollArea.Autosize
            mah={panelHeight}
            style={{ position: 'sticky', top: STICKY_TOP }}
            type="auto"
            viewportProps={KEYBOARD_SCROLL}
            data-testid="side-panel"
          >
            <Stack gap="md">
              {preview}
              {coEditors}
            </Stack>
          </ScrollArea.Autosize>
        </Grid.Col>
      </Grid>
    );
  } else if (laptop) {
    body = (
      <Grid gap="lg">
        <Grid.Col span={7}>{questions}</Grid.Col>
        <Grid.Col span={5}>
          <Paper
            withBorder
            radius="md"
            p="sm"
            style={{ position: 'sticky', top: STICKY_TOP }}
            component="aside"
            aria-label={t('questionnaire.layout.panels')}
            data-testid="side-panel"
          >
            <Stack gap="xs">
              {progressLine}
              <Tabs defaultValue="preview" keepMounted={false}>
                <Tabs.List grow>
                  <Tabs.Tab value="preview" leftSection={<IconChartBar size={14} aria-hidden />}>
                    {t('questionnaire.layout.preview')}
                  </Tabs.Tab>
                  <Tabs.Tab value="contents" leftSection={<IconListNumbers size={14} aria-hidden />}>
                    {t('questionnaire.layout.contents')}
                  </Tabs.Tab>
                </Tabs.List>
                <ScrollArea.Autosize
                  mah={`calc(100dvh - ${STICKY_TOP + 140}px)`}
                  type="auto"
                  viewportProps={KEYBOARD_SCROLL}
                  pt="sm"
                >
                  <Tabs.Panel value="preview">
                    <Stack gap="md">
                      {preview}
                      {coEditors}
                    </Stack>
                  </Tabs.Panel>
                  <Tabs.Panel value="contents">{nav}</Tabs.Panel>
                </ScrollArea.Autosize>
              </Tabs>
            </Stack>
          </Paper>
        </Grid.Col>
      </Grid>
    );
  } else {
    body = (
      <>
        {questions}
        {/* Stays at the bottom of the screen while scrolling through the questions. */}
        <Paper
          withBorder
          shadow="sm"
          p="xs"
          data-testid="panel-bar"
          style={{ position: 'sticky', bottom: 0, zIndex: 10 }}
        >
          <Group grow gap="xs" wrap="nowrap">
            <Button
              variant="light"
              size="sm"
              leftSection={<IconListNumbers size={16} aria-hidden />}
              onClick={navDrawer.open}
              data-testid="open-contents"
            >
              <Text span size="sm" truncate>
                {t('questionnaire.layout.contentsProgress', {
                  answered: overall.answered,
                  required: overall.required,
                })}
              </Text>
            </Button>
            <Button
              variant="light"
              size="sm"
              leftSection={<IconChartBar size={16} aria-hidden />}
              onClick={previewDrawer.open}
              data-testid="open-preview"
            >
              <Text span size="sm" truncate>
                {t('questionnaire.layout.preview')}
              </Text>
            </Button>
          </Group>
        </Paper>
        <Drawer
          opened={navOpen}
          onClose={navDrawer.close}
          title={t('questionnaire.layout.contents')}
          position="left"
          size="90%"
          closeButtonProps={{ 'aria-label': t('questionnaire.close') }}
        >
          {/* Choosing a pillar closes the drawer (the click bubbles up from the nav's buttons). */}
          <Box onClickCapture={(e) => (e.target as HTMLElement).closest('button, a') && navDrawer.close()}>{nav}</Box>
        </Drawer>
        <Drawer
          opened={previewOpen}
          onClose={previewDrawer.close}
          title={t('questionnaire.layout.preview')}
          position="bottom"
          size="85%"
          closeButtonProps={{ 'aria-label': t('questionnaire.close') }}
        >
          <Stack gap="md">
            {preview}
            {coEditors}
          </Stack>
        </Drawer>
      </>
    );
  }
  return (
    <Stack gap="xl" maw={1600} miw={0}>
      {header}
      {body}
      {children}
    </Stack>
  );
}
