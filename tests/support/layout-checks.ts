import type { Page } from 'playwright-core';

/** The app header's fixed height (client/src/components/app-layout.tsx). */
export const HEADER_HEIGHT = 64;

/**
 * What is wrong with a screen's layout at the current viewport, as readable sentences (an empty
 * list when nothing is): the page scrolls sideways, the header is not its fixed height, the app
 * title in it is cut (an ellipsis, clipped lines, a word broken across lines) or drawn outside it,
 * or content of the page is cut at the right edge.
 */
export async function layoutProblems(page: Page): Promise<string[]> {
  // Measured in the page's own font: before Sarabun has swapped in, a wider fallback font could
  // cut the title on a phone.
  await page.evaluate(async () => {
    await document.fonts.ready;
  });
  return page.evaluate((headerHeight) => {
    const problems: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth) problems.push(`scrolls sideways by ${doc.scrollWidth - doc.clientWidth}px`);
    const header = document.querySelector('header');
    const h1 = header?.querySelector('h1');
    if (!header || !h1) return [...problems, 'no header with a title'];
    const hb = header.getBoundingClientRect();
    if (Math.round(hb.height) !== headerHeight) problems.push(`header is ${hb.height}px high`);
    const tb = h1.getBoundingClientRect();
    if (tb.bottom > hb.bottom || tb.top < hb.top || tb.right > hb.right)
      problems.push('title drawn outside the header');
    // Clipped: the text needs more room than the title has (an ellipsis or a hidden line).
    if (h1.scrollHeight > h1.clientHeight + 1 || h1.scrollWidth > h1.clientWidth + 1)
      problems.push(`title clipped: "${h1.textContent}"`);
    for (const el of h1.querySelectorAll<HTMLElement>('span')) {
      if (getComputedStyle(el).display === 'none' || el.closest('[style*="display: none"]')) continue;
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).display === 'block')
        problems.push(`title cut with an ellipsis: "${el.textContent}"`);
    }
    // A word (a nowrap part) split across two lines would be a cut mid-word.
    for (const part of h1.querySelectorAll<HTMLElement>('.app-title-part')) {
      if (part.offsetParent === null) continue;
      const tops = new Set([...part.getClientRects()].map((r) => Math.round(r.top)));
      if (tops.size > 1) problems.push(`title word broken across lines: "${part.textContent}"`);
    }
    // Content cut at the right edge: a visible element of the page reaching past the viewport while
    // the page does not scroll (a clipped control), unless it sits in a region that scrolls sideways.
    const scrolls = (el: Element | null): boolean => {
      for (let e = el; e && e !== document.body; e = e.parentElement) {
        const o = getComputedStyle(e).overflowX;
        if ((o === 'auto' || o === 'scroll') && e.scrollWidth > e.clientWidth) return true;
      }
      return false;
    };
    for (const el of document.querySelectorAll<HTMLElement>('main *')) {
      const r = el.getBoundingClientRect();
      if (r.width < 2 || r.height < 2 || r.right <= window.innerWidth + 1 || !el.textContent?.trim()) continue;
      if (el.closest('[aria-hidden="true"]') || getComputedStyle(el).visibility === 'hidden') continue;
      if (scrolls(el.parentElement)) continue;
      problems.push(
        `cut at the right edge by ${Math.round(r.right - window.innerWidth)}px: "${el.textContent.trim().slice(0, 60)}"`,
      );
      break;
    }
    return problems;
  }, HEADER_HEIGHT);
}
