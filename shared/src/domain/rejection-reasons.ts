import type { LocalizedText } from '../schemas/i18n';
import { REJECTION_REASONS } from '../schemas/review';

/**
 * The readable label of an analyst's rejection reason. Answers store the code; a value that is no
 * known code (free text from an older import) is shown as written rather than hidden.
 */
export function rejectionReasonLabel(reason: string | null | undefined): LocalizedText | null {
  if (!reason) return null;
  const known = Object.hasOwn(REJECTION_REASONS, reason)
    ? REJECTION_REASONS[reason as keyof typeof REJECTION_REASONS]
    : undefined;
  return known ? { th: known.th, en: known.en } : { th: reason, en: reason };
}

/** The reason's label followed by the analyst's comment, if any, in one language. */
export function rejectionReasonText(
  reason: string | null | undefined,
  comment: string | null | undefined,
  lang: 'th' | 'en',
): string {
  const label = rejectionReasonLabel(reason)?.[lang] ?? '';
  const note = comment?.trim() ?? '';
  return label && note ? `${label} — ${note}` : label || note;
}
