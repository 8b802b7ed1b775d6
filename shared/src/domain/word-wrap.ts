/**
 * Breaks a label into lines of at most `maxColumns` visible characters, only between words. Thai has
 * no spaces between words, and a chart library that breaks by width cuts through a word and even
 * detaches a vowel sign from its consonant ("ดิจ / ิทัล"); Intl.Segmenter knows Thai word boundaries.
 * A single word longer than a line stays whole on its own line.
 */
export function wrapWords(text: string, maxColumns: number, locale = 'th'): string[] {
  const lines: string[] = [];
  let line = '';
  for (const { segment } of new Intl.Segmenter(locale, { granularity: 'word' }).segment(text)) {
    if (line && columns(line + segment) > maxColumns && segment.trim()) {
      lines.push(line.trimEnd());
      line = segment.trimStart();
    } else {
      line += segment;
    }
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

/** Visible width in characters: combining marks (Thai vowels above and below, tone marks) take none. */
function columns(s: string): number {
  return s.replace(/\p{M}/gu, '').length;
}
