import { z } from 'zod';

export const LocalizedTextSchema = z.object({
  th: z.string().trim().min(1, 'Thai text is required'),
  en: z.string().trim().min(1, 'English text is required'),
});
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

export const LocaleSchema = z.enum(['th', 'en']);
export type Locale = z.infer<typeof LocaleSchema>;
