import { z } from 'zod';

// The query every staff list (data grid) takes, and the page it answers with. Pages count from 1.

export const PAGE_SIZES = [25, 50, 100] as const;

export const GridPagingSchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  /** Free text over the row's code and names. */
  search: z.string().trim().max(200).optional(),
});
export type GridPaging = z.infer<typeof GridPagingSchema>;

/** `key:asc` or `key:desc` over the list's sortable columns. */
export function sortSchema<const K extends string>(keys: readonly [K, ...K[]], fallback: `${K}:${'asc' | 'desc'}`) {
  const values = keys.flatMap((k) => [`${k}:asc`, `${k}:desc`]) as [`${K}:asc` | `${K}:desc`, ...string[]];
  return z
    .enum(values as unknown as [`${K}:${'asc' | 'desc'}`, ...`${K}:${'asc' | 'desc'}`[]])
    .default(fallback as never);
}

export function parseSort<K extends string>(sort: `${K}:${'asc' | 'desc'}`): { key: K; desc: boolean } {
  const [key, dir] = sort.split(':') as [K, string];
  return { key, desc: dir === 'desc' };
}

/** A page of a list: its rows and how many match in all. */
export function gridPageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    items: z.array(item),
  });
}

/** What a bulk action did to each selected row: done, or why not (the others still go ahead). */
export const BulkOutcomeSchema = z.object({
  id: z.number().int(),
  ok: z.boolean(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export const BulkResultSchema = z.object({
  done: z.number().int(),
  failed: z.number().int(),
  outcomes: z.array(BulkOutcomeSchema),
});
export type BulkResult = z.infer<typeof BulkResultSchema>;
