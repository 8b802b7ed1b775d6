/**
 * Breaks a chart label into lines of at most about `width` characters at word boundaries. Thai has
 * no spaces between words, so words come from Intl.Segmenter (a long Thai pillar name otherwise
 * stays one line and is clipped at the chart's edge).
 */
const segmenter =
  typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter('th', { granularity: 'word' }) : null;

export function wrapLabel(text: string, width: number): string {
  if (text.length <= width) return text;
  const words = segmenter ? [...segmenter.segment(text)].map((s) => s.segment) : text.split(/(?<= )/);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && (line + w).trimEnd().length > width) {
      lines.push(line.trim());
      line = '';
    }
    line += w;
  }
  if (line.trim()) lines.push(line.trim());
  return lines.join('\n');
}
