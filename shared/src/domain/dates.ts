/** Thai government years are Buddhist Era: B.E. = C.E. + 543. Storage stays C.E. */
export const BE_OFFSET = 543;

export const toBuddhistYear = (ceYear: number): number => ceYear + BE_OFFSET;
export const toCommonYear = (beYear: number): number => beYear - BE_OFFSET;

/** "2566" in Thai, "2023" in English. */
export function formatYear(ceYear: number, locale: 'th' | 'en'): string {
  return String(locale === 'th' ? toBuddhistYear(ceYear) : ceYear);
}

/** A date in the reader's calendar: Thai uses the Buddhist calendar (24 พ.ย. 2569). */
export function formatDate(value: Date | string, locale: 'th' | 'en', withTime = false): string {
  const d = typeof value === 'string' ? new Date(value) : value;
  const opts: Intl.DateTimeFormatOptions = {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'Asia/Bangkok',
    ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
  };
  return new Intl.DateTimeFormat(locale === 'th' ? 'th-TH-u-ca-buddhist' : 'en-GB', opts).format(d);
}
