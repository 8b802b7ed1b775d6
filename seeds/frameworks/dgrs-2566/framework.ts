import { type Framework, FrameworkSchema } from '../../../shared/src/schemas/framework';
import document from '../dgrs-2566.json';

/**
 * DGA's 2566 (2023) Digital Government Readiness framework: 7 pillars x 5 levels, two tracks.
 * Its source is the workbook `seeds/frameworks/dgrs-2566.xlsx`, which DGA edits; this module reads
 * the JSON generated from it (`npm run seeds:frameworks`, docs/framework-authoring.md).
 */
export const dgrs2566: Framework = FrameworkSchema.parse(document);
