import type { LocalizedText } from '@dg/shared/schemas/i18n';
import type { ReminderKind } from '@dg/shared/schemas/reminders';
import type { Mail } from '../../lib/mailer';

export interface ReminderMailData {
  agencyName: LocalizedText;
  cycleName: LocalizedText;
  fiscalYear: number;
  kind: ReminderKind;
  /** The agency's own deadline (an extension), else the cycle's closing time. */
  deadline: Date | null;
  /** Where the agency answers (the questionnaire page). */
  link: string;
  /** For a returned response: the questions the reviewer sent back (codes). */
  returnedItems?: readonly string[];
}

const thaiDate = new Intl.DateTimeFormat('th-TH-u-ca-buddhist', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Asia/Bangkok',
});
const englishDate = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Asia/Bangkok',
});

/** The reminder mail: Thai first (B.E. dates), then English (C.E.); one mail per agency to its active accounts. */
export function reminderMail(to: readonly string[], d: ReminderMailData): Mail {
  const be = d.fiscalYear + 543;
  const thWhat =
    d.kind === 'returned'
      ? `แบบสำรวจ "${d.cycleName.th}" (ปีงบประมาณ พ.ศ. ${be}) ของหน่วยงานถูกส่งกลับให้แก้ไข และยังไม่ได้ส่งกลับมา`
      : `หน่วยงานยังไม่ได้ส่งแบบสำรวจ "${d.cycleName.th}" (ปีงบประมาณ พ.ศ. ${be})`;
  const enWhat =
    d.kind === 'returned'
      ? `the "${d.cycleName.en}" survey (fiscal year ${d.fiscalYear}) was returned to your agency for changes and has not been sent back yet`
      : `your agency has not yet submitted the "${d.cycleName.en}" survey (fiscal year ${d.fiscalYear})`;
  const items = d.kind === 'returned' ? (d.returnedItems ?? []) : [];
  const shown = items.slice(0, 20).join(', ') + (items.length > 20 ? ', …' : '');
  const thItems = items.length ? ['', `ข้อที่ส่งกลับให้แก้ไข ${items.length} ข้อ: ${shown}`] : [];
  const enItems = items.length ? ['', `Items returned for changes (${items.length}): ${shown}`] : [];
  const thBy = d.deadline ? `ภายใน ${thaiDate.format(d.deadline)} ` : '';
  const enBy = d.deadline ? ` by ${englishDate.format(d.deadline)} (Bangkok time)` : '';
  return {
    to: to.join(', '),
    subject: `แจ้งเตือนการส่งแบบสำรวจ ${d.cycleName.th} / Reminder: ${d.cycleName.en}`,
    text: [
      `เรียน ${d.agencyName.th}`,
      '',
      `${thWhat} กรุณาตอบและส่งแบบสำรวจ${thBy}ได้ที่`,
      d.link,
      ...thItems,
      '',
      'สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน)',
      '',
      '----',
      `Dear ${d.agencyName.en},`,
      '',
      `This is a reminder that ${enWhat}. Please complete and submit it${enBy} at`,
      d.link,
      ...enItems,
      '',
      'Digital Government Development Agency (DGA)',
      '',
    ].join('\n'),
  };
}
