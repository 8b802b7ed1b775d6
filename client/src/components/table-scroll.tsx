import { Table } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A wide table's horizontal scroller. On a phone the table scrolls inside it, so keyboard users
 * must be able to focus it (axe `scrollable-region-focusable`), and a focusable region needs a name
 * saying which table it holds. A native scroller: Mantine's ScrollArea puts the scrolling on an
 * inner viewport that these attributes would not reach.
 */
export function TableScroll({
  label,
  labelledBy,
  minWidth,
  maxHeight,
  children,
}: {
  /** The table's name (or pass labelledBy, the id of its visible title). */
  label?: string;
  labelledBy?: string;
  minWidth: number;
  maxHeight?: number;
  children: ReactNode;
}) {
  return (
    <Table.ScrollContainer
      type="native"
      // The containing block of the table's absolutely placed parts (sort icons, hidden labels):
      // without it they escape the scroller and widen the whole page on a phone.
      pos="relative"
      minWidth={minWidth}
      maxHeight={maxHeight}
      tabIndex={0}
      role="region"
      aria-label={label}
      aria-labelledby={labelledBy}
    >
      {children}
    </Table.ScrollContainer>
  );
}
