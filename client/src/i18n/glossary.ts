/**
 * One word for each concept, in both languages. Screens, the PDF and exports take these words
 * (through i18n keys `glossary.*` or by importing this file) so a pillar is never "ตัวชี้วัด" in
 * one place and "มิติ" in another. The Thai words follow DGA's published survey report.
 */
export const glossary = {
  th: {
    pillar: 'ตัวชี้วัด',
    pillars: 'ตัวชี้วัด',
    indicator: 'ประเด็นการประเมิน',
    criterion: 'เกณฑ์',
    level: 'ระดับ',
    evidence: 'หลักฐาน',
    questionnaire: 'แบบสำรวจ',
    cycle: 'รอบการสำรวจ',
    agency: 'หน่วยงาน',
    respondent: 'ผู้ประสานงาน',
    result: 'ผลการประเมิน',
    selfAssessed: 'ประเมินตนเอง',
    verified: 'ตรวจสอบแล้ว',
  },
  en: {
    pillar: 'pillar',
    pillars: 'pillars',
    indicator: 'indicator',
    criterion: 'criterion',
    level: 'level',
    evidence: 'evidence',
    questionnaire: 'questionnaire',
    cycle: 'survey cycle',
    agency: 'agency',
    respondent: 'coordinator',
    result: 'result',
    selfAssessed: 'self-assessed',
    verified: 'verified',
  },
} as const;

export type GlossaryTerm = keyof (typeof glossary)['th'];
