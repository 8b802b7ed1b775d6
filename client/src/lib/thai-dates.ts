import { BE_OFFSET } from '@dg/shared/domain/dates';
import type { DateInputProps } from '@mantine/dates';
import dayjs from 'dayjs';
import buddhistEra from 'dayjs/plugin/buddhistEra';
import 'dayjs/locale/th';

// Mantine formats with this same dayjs instance, so its `BBBB` token needs the plugin here, once.
dayjs.extend(buddhistEra);

export type DateLang = 'th' | 'en';

/** Thai readers expect Buddhist Era years wherever a year is shown; storage stays C.E. */
const YEAR: Record<DateLang, string> = { th: 'BBBB', en: 'YYYY' };
const DAY_FORMAT: Record<DateLang, string> = { th: 'D MMM BBBB', en: 'D MMM YYYY' };

/** A stored `YYYY-MM-DD` day as the reader reads it: "25 ธ.ค. 2568" / "25 Dec 2025". */
export function formatDay(iso: string, lang: DateLang): string {
  return dayjs(iso).locale(lang).format(DAY_FORMAT[lang]);
}

// No C.E. date this platform handles is past 2400, and no B.E. one before it, so a typed year
// reads unambiguously in either language (a Thai reader may still type C.E. from a document).
const commonYear = (year: number) => (year > 2400 ? year - BE_OFFSET : year);

const THAI_DIGITS = /[๐-๙]/g;
const toArabicDigits = (s: string) => s.replace(THAI_DIGITS, (d) => String(d.charCodeAt(0) - 0x0e50));

// Lets a reader edit the input's own display text ("25 ธ.ค. 2568") as well as numeric dates.
const monthNames = new Map<string, number>();
for (const lang of ['th', 'en'] as const) {
  for (let m = 0; m < 12; m++) {
    const d = dayjs(new Date(2000, m, 1)).locale(lang);
    for (const f of ['MMM', 'MMMM']) monthNames.set(d.format(f).toLowerCase(), m + 1);
  }
}

function isoDay(year: number, month: number, day: number): string | null {
  const y = commonYear(year);
  const d = new Date(Date.UTC(y, month - 1, day));
  // Date.UTC rolls 31/02 over into March; only a day that exists comes back unchanged.
  if (d.getUTCFullYear() !== y || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return d.toISOString().slice(0, 10);
}

/**
 * Typed text to a stored `YYYY-MM-DD` day, or null while it is not (yet) a whole date: day first
 * `25/12/2568`, `25-12-2025`, `25.12.2568`, ISO `2025-12-25`, or `25 ธ.ค. 2568` / `25 Dec 2025`.
 * A four-digit year is required so that half-typed years are not taken as the first century.
 */
export function parseDay(text: string): string | null {
  const s = toArabicDigits(text).trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return isoDay(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) return isoDay(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{1,2})\s+(\S+)\s+(\d{4})$/.exec(s);
  const month = m?.[2] ? monthNames.get(m[2].toLowerCase()) : undefined;
  if (m && month) return isoDay(Number(m[3]), month, Number(m[1]));
  return null;
}

// Mantine's calendar buttons have no names of their own; a screen reader needs them in the page's language.
const LABELS: Record<
  DateLang,
  Required<NonNullable<DateInputProps['ariaLabels']>> & { placeholder: string; clear: string }
> = {
  th: {
    placeholder: 'เช่น 25/12/2568',
    clear: 'ล้างวันที่',
    monthLevelControl: 'เลือกเดือน',
    yearLevelControl: 'เลือกปี',
    nextMonth: 'เดือนถัดไป',
    previousMonth: 'เดือนก่อนหน้า',
    nextYear: 'ปีถัดไป',
    previousYear: 'ปีก่อนหน้า',
    nextDecade: 'ทศวรรษถัดไป',
    previousDecade: 'ทศวรรษก่อนหน้า',
  },
  en: {
    placeholder: 'e.g. 25/12/2025',
    clear: 'Clear date',
    monthLevelControl: 'Choose month',
    yearLevelControl: 'Choose year',
    nextMonth: 'Next month',
    previousMonth: 'Previous month',
    nextYear: 'Next year',
    previousYear: 'Previous year',
    nextDecade: 'Next decade',
    previousDecade: 'Previous decade',
  },
};

type DayInputSettings = Pick<
  DateInputProps,
  | 'valueFormat'
  | 'dateParser'
  | 'monthLabelFormat'
  | 'yearLabelFormat'
  | 'decadeLabelFormat'
  | 'yearsListFormat'
  | 'getDayAriaLabel'
  | 'ariaLabels'
  | 'placeholder'
  | 'clearButtonProps'
>;

/**
 * What every Mantine `DateInput` here needs so that the field, the calendar header and the
 * screen-reader names of the days all read in the reader's era. The locale itself comes from
 * the app's `DatesProvider`.
 */
export function dayInputProps(lang: DateLang): DayInputSettings {
  const { placeholder, clear, ...ariaLabels } = LABELS[lang];
  return {
    valueFormat: DAY_FORMAT[lang],
    dateParser: parseDay,
    monthLabelFormat: `MMMM ${YEAR[lang]}`,
    yearLabelFormat: YEAR[lang],
    decadeLabelFormat: YEAR[lang],
    yearsListFormat: YEAR[lang],
    getDayAriaLabel: (date) => dayjs(date).locale(lang).format(`D MMMM ${YEAR[lang]}`),
    ariaLabels,
    // The format to type, since the field shows dates differently ("25 ธ.ค. 2568").
    placeholder,
    clearButtonProps: { 'aria-label': clear },
  };
}
