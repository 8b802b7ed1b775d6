import type { LocalizedText } from '../schemas/i18n';

export interface FactFindingTopic {
  id: string;
  name: LocalizedText;
}

/**
 * The fact-finding sections of DGA's 2566 findings, in the order the document presents them.
 * Questions tag these ids in `topics`, so the national report can find its source questions
 * even when a later framework renames or re-codes them.
 */
export const factFindingTopics = [
  {
    id: 'data_governance_status',
    name: {
      th: 'สถานะการจัดทำแผนและการดำเนินการธรรมาภิบาลข้อมูลภาครัฐ',
      en: 'Data governance plan and implementation status',
    },
  },
  {
    id: 'data_governance_practices',
    name: {
      th: 'การดำเนินการธรรมาภิบาลข้อมูลภาครัฐ 6 ข้อ (ข้อ 6 แบ่งเป็น 6.1-6.3) ใน 3 ด้าน',
      en: 'Data governance practices: 6 items (item 6 in stages 6.1-6.3) across 3 aspects',
    },
  },
  {
    id: 'open_data_practices',
    name: { th: 'การดำเนินการด้านข้อมูลเปิดภาครัฐ (Open Data)', en: 'Open data practices' },
  },
  {
    id: 'open_data_user_survey',
    name: {
      th: 'การสำรวจความต้องการของผู้ใช้ข้อมูลก่อนการเปิดเผยชุดข้อมูลเปิด',
      en: 'User-needs survey before publishing open data',
    },
  },
  {
    id: 'open_data_user_survey_reasons',
    name: {
      th: 'สาเหตุที่ไม่มีการสำรวจความต้องการจากผู้ใช้ข้อมูล',
      en: 'Reasons for not surveying data users',
    },
  },
  {
    id: 'open_data_reuse_promotion',
    name: {
      th: 'การส่งเสริมให้ภาคเอกชนหรือประชาชนนำชุดข้อมูลเปิดภาครัฐไปใช้พัฒนานวัตกรรมและบริการ',
      en: 'Promoting reuse of open government data by businesses and citizens',
    },
  },
  {
    id: 'pdpa_training',
    name: {
      th: 'การฝึกอบรมบุคลากรให้มีความเข้าใจในพระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562',
      en: 'Staff training on the Personal Data Protection Act B.E. 2562 (PDPA)',
    },
  },
  {
    id: 'pdpa_training_tiers',
    name: { th: 'กลุ่มบุคลากรที่ได้รับการฝึกอบรม PDPA (3 กลุ่ม)', en: 'PDPA training by staff tier (3 tiers)' },
  },
  {
    id: 'pdpa_compliance_sections',
    name: {
      th: 'การปฏิบัติตามพระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคลรายมาตรา',
      en: 'PDPA compliance by section',
    },
  },
  {
    id: 'digital_skill_promotion',
    name: { th: 'การส่งเสริมความรู้และพัฒนาทักษะด้านดิจิทัลของบุคลากร', en: 'Promotion of staff digital skills' },
  },
  {
    id: 'digital_skill_measurement',
    name: { th: 'การวัดผลทักษะด้านดิจิทัลของบุคลากร', en: 'Measurement of staff digital skills' },
  },
  {
    id: 'staff_self_assessment',
    name: {
      th: 'การประเมินตนเองด้านทักษะดิจิทัลของบุคลากร (จำนวนผู้ทำแบบประเมินและคะแนนเฉลี่ย)',
      en: 'Staff digital-skill self-assessment (participants and average scores)',
    },
  },
  {
    id: 'vulnerable_group_design',
    name: { th: 'การออกแบบการให้บริการสำหรับกลุ่มเปราะบาง', en: 'Service design for vulnerable groups' },
  },
  {
    id: 'vulnerable_group_reasons',
    name: {
      th: 'สาเหตุที่ไม่มีการออกแบบการให้บริการสำหรับกลุ่มเปราะบาง',
      en: 'Reasons for not designing services for vulnerable groups',
    },
  },
  {
    id: 'platform_connections',
    name: { th: 'การเชื่อมต่อผ่านแพลตฟอร์มของหน่วยงานอื่น', en: "Connection through other agencies' platforms" },
  },
  {
    id: 'platform_connection_targets',
    name: { th: 'แพลตฟอร์มที่หน่วยงานเชื่อมต่อ', en: 'Platforms connected to' },
  },
  {
    id: 'eparticipation_channels',
    name: { th: 'ช่องทางการมีส่วนร่วมของประชาชน', en: 'E-participation channels' },
  },
  {
    id: 'eparticipation_digital_channels',
    name: {
      th: 'ช่องทางดิจิทัลเพื่อการมีส่วนร่วมของประชาชน',
      en: 'Digital channels used for e-participation',
    },
  },
  {
    id: 'edecision_scope',
    name: {
      th: 'ขอบเขตการให้ผู้รับบริการมีส่วนร่วมในการตัดสินใจ (e-Decision-making)',
      en: 'Scope of e-decision-making',
    },
  },
  {
    id: 'transaction_volumes',
    name: {
      th: 'ปริมาณธุรกรรมบริการหลักของหน่วยงานในหนึ่งปี (ดิจิทัลและทั้งหมด)',
      en: 'Annual core-service transaction volumes (digital and total)',
    },
  },
  {
    id: 'cybersecurity_standard',
    name: {
      th: 'การดำเนินการตามมาตรฐานการรักษาความมั่นคงปลอดภัยทางไซเบอร์',
      en: 'Compliance with a cybersecurity standard',
    },
  },
  {
    id: 'cybersecurity_standard_reasons',
    name: {
      th: 'สาเหตุที่ไม่มีการดำเนินการตามมาตรฐานการรักษาความมั่นคงปลอดภัยทางไซเบอร์',
      en: 'Reasons for not following a cybersecurity standard',
    },
  },
  {
    id: 'technologies',
    name: { th: 'การใช้เทคโนโลยีต่าง ๆ ของหน่วยงาน', en: 'Technologies in use' },
  },
] as const satisfies readonly FactFindingTopic[];

export type FactFindingTopicId = (typeof factFindingTopics)[number]['id'];

export const factFindingTopicIds: readonly FactFindingTopicId[] = factFindingTopics.map((t) => t.id);
