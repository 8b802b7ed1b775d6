import { type Framework, FrameworkSchema } from '../../../shared/src/schemas/framework';
import document from '../dgrs-2565.json';

/**
 * The 2565 (2022) edition, reconstructed as 2566's predecessor: the same question codes where the
 * question carried over, so year-on-year comparisons join on code. Infrastructure and technology
 * are one pillar (P6, split in 2566), data governance item 6 has no stages, and COVID-19 era
 * questions are asked. Its source is the workbook `seeds/frameworks/dgrs-2565.xlsx`, which DGA
 * edits; this module reads the JSON generated from it (`npm run seeds:frameworks`).
 */
export const dgrs2565: Framework = FrameworkSchema.parse(document);
