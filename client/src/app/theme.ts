import { Badge, createTheme, type MantineColorsTuple } from '@mantine/core';

// A calm government blue, with enough contrast for WCAG AA on white.
const dgBlue: MantineColorsTuple = [
  '#eaf2fb',
  '#d3e1f2',
  '#a5c1e6',
  '#739fda',
  '#4a82cf',
  '#3170c9',
  '#2466c7',
  '#1a56b0',
  '#124c9e',
  '#00418c',
];

export const theme = createTheme({
  primaryColor: 'dgBlue',
  primaryShade: 8,
  colors: { dgBlue },
  fontFamily: 'Sarabun, "Noto Sans Thai", system-ui, sans-serif',
  headings: { fontFamily: 'Sarabun, "Noto Sans Thai", system-ui, sans-serif', fontWeight: '600' },
  fontSizes: { xs: '0.85rem', sm: '0.95rem', md: '1.05rem', lg: '1.2rem', xl: '1.4rem' },
  lineHeights: { md: '1.7' },
  defaultRadius: 'md',
  components: {
    // A status badge is read whole: Mantine's ellipsis cut "ส่งแล้ว …" and "กำลัง…" in narrow table
    // columns. Badges keep their text's width (the column grows) and Thai marks above and below show.
    Badge: Badge.extend({
      styles: {
        root: { flexShrink: 0, minWidth: 'max-content', overflow: 'visible' },
        label: { overflow: 'visible', textOverflow: 'clip' },
      },
    }),
  },
});
