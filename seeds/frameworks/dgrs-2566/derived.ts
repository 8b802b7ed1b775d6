import type { Condition, DerivedIndicatorDef } from '../../../shared/src/schemas/framework';
import { is, t } from '../builders';

/**
 * Figures of the 2566 findings that no single question holds, as framework data: the explorer
 * and its exports show each like a question (counts over its own population).
 */

const allAspects = (question: string): Condition => ({
  question,
  op: 'includes',
  value: ['open_data', 'data_exchange', 'analytics'],
});

type DerivedInput = Omit<DerivedIndicatorDef, 'measures'> & { measures?: DerivedIndicatorDef['measures'] };

export const derived2566: DerivedInput[] = [
  {
    code: 'TX_DIGITAL_SHARE_TREND',
    label: t(
      'อัตราการเติบโตของสัดส่วนปริมาณธุรกรรมดิจิทัลต่อปริมาณธุรกรรมทั้งหมด ปีปัจจุบันเทียบกับปีก่อนหน้า',
      'Digital share of core-service transactions, this year against last year',
    ),
    populationLabel: t(
      'หน่วยงานระดับกรมที่ตอบปริมาณธุรกรรมบริการหลัก (รวมที่ไม่ทราบจำนวน)',
      'Department-level agencies that answered the transaction volumes (unknown included)',
    ),
    tracks: ['department'],
    population: { question: 'TX_TOTAL_THIS_YEAR', op: 'answered' },
    measures: [
      { code: 'TX_SHARE_THIS_YEAR', ratio: ['TX_DIGITAL_THIS_YEAR', 'TX_TOTAL_THIS_YEAR'] },
      { code: 'TX_SHARE_LAST_YEAR', ratio: ['TX_DIGITAL_LAST_YEAR', 'TX_TOTAL_LAST_YEAR'] },
      { code: 'TX_SHARE_CHANGE', difference: ['TX_SHARE_THIS_YEAR', 'TX_SHARE_LAST_YEAR'] },
    ],
    categories: [
      { code: 'rose', label: t('เพิ่มขึ้น', 'Rose'), when: { question: 'TX_SHARE_CHANGE', op: 'gt', value: 0 } },
      { code: 'fell', label: t('ลดลง', 'Fell'), when: { question: 'TX_SHARE_CHANGE', op: 'lt', value: 0 } },
      { code: 'same', label: t('ไม่เปลี่ยนแปลง', 'Unchanged'), when: { question: 'TX_SHARE_CHANGE', op: 'eq', value: 0 } },
      // No change can be worked out: a count not known (not applicable) or a total of zero.
      { code: 'unknown', label: t('ไม่ทราบจำนวน', 'Unknown') },
    ],
    headline: 'rose',
    topics: ['transaction_volumes'],
  },
  {
    code: 'TX_FULLY_DIGITAL',
    label: t(
      'สัดส่วนปริมาณธุรกรรมดิจิทัลต่อปริมาณธุรกรรมทั้งหมดเป็นร้อยละ 100 ในปีปัจจุบัน',
      'All core-service transactions digital this year (100%)',
    ),
    populationLabel: t(
      'หน่วยงานระดับกรมที่ระบุปริมาณธุรกรรมทั้งหมดและธุรกรรมดิจิทัลของปีปัจจุบัน',
      "Department-level agencies that gave this year's digital and total transaction counts",
    ),
    tracks: ['department'],
    population: { question: 'TX_SHARE_THIS_YEAR', op: 'answered' },
    measures: [{ code: 'TX_SHARE_THIS_YEAR', ratio: ['TX_DIGITAL_THIS_YEAR', 'TX_TOTAL_THIS_YEAR'] }],
    categories: [
      {
        code: 'fully_digital',
        label: t('ดิจิทัลทั้งหมด (ร้อยละ 100)', 'Fully digital (100%)'),
        when: { question: 'TX_SHARE_THIS_YEAR', op: 'gte', value: 1 },
      },
      { code: 'partly', label: t('ยังไม่ถึงร้อยละ 100', 'Below 100%') },
    ],
    headline: 'fully_digital',
    topics: ['transaction_volumes'],
  },
  {
    code: 'DG_ALL_ASPECTS_ALL_ITEMS',
    label: t(
      'การดำเนินการธรรมาภิบาลข้อมูลภาครัฐครบทั้ง 3 ด้าน ทั้ง 6 ข้อ',
      'Data governance: all three aspects on all six practices',
    ),
    populationLabel: t('หน่วยงานที่มีการดำเนินการใช้ธรรมาภิบาลข้อมูลภาครัฐ', 'Agencies with data governance in operation'),
    tracks: ['department', 'province'],
    population: is('DG_STATUS', 'in_operation'),
    categories: [
      {
        code: 'all_items',
        label: t('ครบทั้ง 3 ด้าน ทั้ง 6 ข้อ', 'All three aspects on all six practices'),
        // Item 6 counts as complete when at least one of 6.1, 6.2, 6.3 has all three aspects (the findings' note).
        when: {
          all: [
            ...[1, 2, 3, 4, 5].map((i) => allAspects(`DG_PRACTICE_${i}`)),
            { any: [1, 2, 3].map((i) => allAspects(`DG_PRACTICE_6_${i}`)) },
          ],
        },
      },
      { code: 'not_all', label: t('ยังไม่ครบ', 'Not all') },
    ],
    headline: 'all_items',
    topics: ['data_governance_practices'],
  },
];
