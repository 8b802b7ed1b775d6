import { Grid, Stack } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';

interface Props {
  header: ReactNode;
  /** Contents and progress. */
  nav: ReactNode;
  /** Live preview and co-editors. */
  aside: ReactNode;
  questions: ReactNode;
  children?: ReactNode;
}

/** Where the header, contents, questions and preview sit on the screen. */
export function WorkspaceLayout({ header, nav, aside, questions, children }: Props) {
  const wide = useMediaQuery('(min-width: 88em)');
  return (
    <Stack gap="xl" maw={1600}>
      {header}
      <Grid gap="xl">
        {wide ? (
          <>
            <Grid.Col span={3}>
              <div style={{ position: 'sticky', top: 80 }}>{nav}</div>
            </Grid.Col>
            <Grid.Col span={6}>{questions}</Grid.Col>
            <Grid.Col span={3}>
              <div style={{ position: 'sticky', top: 80 }}>{aside}</div>
            </Grid.Col>
          </>
        ) : (
          <>
            <Grid.Col span={{ base: 12, md: 4 }}>
              <Stack gap="md">
                {nav}
                {aside}
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 8 }}>{questions}</Grid.Col>
          </>
        )}
      </Grid>
      {children}
    </Stack>
  );
}
