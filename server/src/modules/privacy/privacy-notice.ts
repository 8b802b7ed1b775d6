import type { PrivacyNotice } from '@dg/shared/schemas/privacy';

/**
 * The privacy notice under Thailand's Personal Data Protection Act B.E. 2562 (PDPA), sections 23
 * and 24. Change PRIVACY_NOTICE_VERSION whenever the text changes in substance: every user is
 * then shown the new notice at their next sign-in and asked to acknowledge it again.
 */
export const PRIVACY_NOTICE_VERSION = '2026-12-06';

export interface RetentionDays {
  auditIpDays: number;
  disabledAccountDays: number;
}

export function privacyNotice(
  days: RetentionDays,
): Omit<PrivacyNotice, 'acknowledgedVersion' | 'acknowledgedAt' | 'acknowledged'> {
  return {
    version: PRIVACY_NOTICE_VERSION,
    title: {
      th: 'ประกาศความเป็นส่วนตัว (พ.ร.บ. คุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562)',
      en: 'Privacy notice (Personal Data Protection Act B.E. 2562)',
    },
    sections: [
      {
        heading: { th: 'ผู้ควบคุมข้อมูลและวัตถุประสงค์', en: 'Controller and purpose' },
        body: {
          th: 'สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน) (สพร.) เก็บและใช้ข้อมูลส่วนบุคคลของท่านเพื่อดำเนินการสำรวจความพร้อมรัฐบาลดิจิทัลตามมาตรา 10(3) แห่ง พ.ร.บ. การบริหารงานและการให้บริการภาครัฐผ่านระบบดิจิทัล พ.ศ. 2562 ฐานทางกฎหมาย: การปฏิบัติหน้าที่ในการดำเนินภารกิจเพื่อประโยชน์สาธารณะ (มาตรา 24(4))',
          en: 'The Digital Government Development Agency (DGA) collects and uses your personal data to run the Digital Government Readiness Survey under section 10(3) of the Digital Government Act B.E. 2562. Legal basis: a task carried out in the public interest (PDPA section 24(4)).',
        },
      },
      {
        heading: { th: 'ข้อมูลที่เก็บ', en: 'What is collected' },
        body: {
          th: 'ชื่อ อีเมล หน่วยงานและบทบาทของท่าน เวลาเข้าสู่ระบบ และบันทึกการตรวจสอบ (ผู้ใด ทำอะไร เมื่อใด และจากที่อยู่ IP ใด) เพื่อความปลอดภัยและความโปร่งใสของการสำรวจ',
          en: 'Your name, e-mail, agency and role, sign-in times, and the audit log (who did what, when, and from which IP address) for the security and accountability of the survey.',
        },
      },
      {
        heading: { th: 'ระยะเวลาการเก็บ', en: 'How long it is kept' },
        body: {
          th: `ที่อยู่ IP ในบันทึกการตรวจสอบและในรายการเข้าสู่ระบบจะถูกลบเมื่อครบ ${days.auditIpDays} วัน ข้อมูลส่วนบุคคลของบัญชีที่ถูกปิดใช้งานเกิน ${days.disabledAccountDays} วันจะถูกทำให้ไม่สามารถระบุตัวตนได้ คำตอบแบบสำรวจเป็นข้อมูลของหน่วยงานและเก็บไว้เป็นหลักฐานของการสำรวจ`,
          en: `IP addresses in the audit log and on sessions are removed after ${days.auditIpDays} days. The personal data of an account disabled for more than ${days.disabledAccountDays} days is anonymised. Survey answers belong to the agency and are kept as the record of the survey.`,
        },
      },
      {
        heading: { th: 'สิทธิของท่าน', en: 'Your rights' },
        body: {
          th: 'ท่านมีสิทธิขอเข้าถึงและขอรับสำเนาข้อมูลส่วนบุคคลของท่าน ขอแก้ไข ขอลบ หรือคัดค้านการประมวลผล โดยติดต่อผู้ดูแลระบบหรือเจ้าหน้าที่คุ้มครองข้อมูลส่วนบุคคลของ สพร. และมีสิทธิร้องเรียนต่อสำนักงานคณะกรรมการคุ้มครองข้อมูลส่วนบุคคล',
          en: "You may ask for access to and a copy of your personal data, its correction or erasure, or object to its processing, through the system's administrators or DGA's data protection officer, and you may complain to the Personal Data Protection Committee.",
        },
      },
    ],
  };
}
