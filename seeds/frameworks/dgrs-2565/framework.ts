import type { FrameworkInput } from '../../../shared/src/schemas/framework';
import {
  filterQuestions,
  type IndicatorInput,
  levels,
  mat,
  multiple,
  none,
  opt,
  type PillarInput,
  pct,
  type QuestionInput,
  t,
} from '../builders';
import { nameCriteria } from '../criterion-names';
import { p1Policies } from '../dgrs-2566/p1-policies';
import { p2Data } from '../dgrs-2566/p2-data';
import { p3Capability } from '../dgrs-2566/p3-capability';
import { p4Services } from '../dgrs-2566/p4-services';
import { p5BackOffice } from '../dgrs-2566/p5-back-office';
import { p6InfrastructureTechnology2565 } from './p6-infrastructure-technology';

/**
 * The 2565 (2022) edition, reconstructed as 2566's predecessor: the same question codes where the
 * question carried over, so year-on-year comparisons can join on code. What differs:
 * - infrastructure and technology were one pillar (P6), split in 2566 into P6 and P7;
 * - data governance item 6 was one multiple-choice item, without the 6.1-6.3 stages;
 * - no e-decision-making scope, no last-year transaction counts, no self-assessment sample ratio;
 * - COVID-19 era questions on services moved online and work from home.
 */
const droppedIn2565 = new Set([
  'DG_PRACTICE_6_1',
  'DG_PRACTICE_6_2',
  'DG_PRACTICE_6_3',
  'DG_CATALOG_URL',
  'EDECISION_SCOPE',
  'TX_DIGITAL_LAST_YEAR',
  'TX_TOTAL_LAST_YEAR',
  'SA_SAMPLE_RATIO',
  'POL_REGULATION_REVIEW',
]);

/** 2565 asked item 6 like items 1-5: which aspects have a catalog, metadata and dictionary. */
const dgPractice6As2565: QuestionInput = multiple(
  'DG_PRACTICE_6',
  t(
    'ข้อ 6: มีบัญชีรายชื่อข้อมูล (Data Catalog) คำอธิบายข้อมูล (Metadata) และพจนานุกรมข้อมูล (Data Dictionary) — ดำเนินการแล้วในด้านใดบ้าง',
    'Item 6: data catalog, metadata and data dictionary. In which aspects is it done?',
  ),
  [
    opt('open_data', 'ด้านการเปิดเผยข้อมูลภาครัฐ', 'Open data', {
      maturity: mat('P2', 3, 'จัดทำบัญชีข้อมูลสำหรับชุดข้อมูลเปิด', 'Catalog the open datasets'),
    }),
    opt('data_exchange', 'ด้านการแลกเปลี่ยนข้อมูล', 'Data exchange', {
      maturity: mat(
        'P2',
        4,
        'จัดทำบัญชีข้อมูลสำหรับข้อมูลที่แลกเปลี่ยนกับหน่วยงานอื่น',
        'Catalog the data exchanged with other agencies',
        { required: true },
      ),
    }),
    opt('analytics', 'ด้านการวิเคราะห์และใช้ประโยชน์จากข้อมูล', 'Data analytics and use', {
      maturity: mat('P2', 4, 'จัดทำบัญชีข้อมูลสำหรับข้อมูลที่ใช้วิเคราะห์', 'Catalog the data used for analytics'),
    }),
    none('ยังไม่ได้ดำเนินการในด้านใด', 'Not done in any aspect'),
  ],
  {
    showIf: { question: 'DG_STATUS', op: 'eq', value: 'in_operation' },
    evidence: 'required',
    topics: ['data_governance_practices'],
  },
);

function edit2565(pillar: PillarInput, extra: Record<string, QuestionInput[]> = {}): PillarInput {
  const indicators: IndicatorInput[] = filterQuestions(pillar.indicators, (q) => !droppedIn2565.has(q.code)).map(
    (ind) => ({
      ...ind,
      questions: [
        ...ind.questions.map((q) => (q.code === 'DG_PRACTICE_6' ? dgPractice6As2565 : q)),
        ...(extra[ind.code] ?? []),
      ],
    }),
  );
  // 2565 has no predecessor loaded in the platform, so the year-over-year links are dropped.
  const { previousKey: _previousKey, changedFromPrevious: _changed, ...rest } = pillar;
  return { ...rest, indicators };
}

const covidServices: QuestionInput = multiple(
  'SVC_COVID_ONLINE',
  t(
    'ในช่วงสถานการณ์การแพร่ระบาดของโรคติดเชื้อไวรัสโคโรนา 2019 หน่วยงานปรับบริการใดให้รับบริการทางออนไลน์ได้',
    'During the COVID-19 pandemic, which services did the agency move online?',
  ),
  [
    opt('applications', 'การยื่นคำขอ', 'Applications', {
      maturity: mat('P4', 3, 'ปรับการยื่นคำขอรับบริการให้ทำทางออนไลน์ได้', 'Move service applications online'),
    }),
    opt('payments', 'การชำระค่าธรรมเนียม', 'Fee payments'),
    opt('consultation', 'การให้คำปรึกษาทางออนไลน์', 'Online consultation'),
    opt('e_certificates', 'การออกใบอนุญาตหรือหนังสือรับรองอิเล็กทรอนิกส์', 'Electronic licences or certificates', {
      maturity: mat(
        'P4',
        4,
        'ออกใบอนุญาตหรือหนังสือรับรองในรูปแบบอิเล็กทรอนิกส์',
        'Issue licences and certificates electronically',
      ),
    }),
    none('ไม่ได้ปรับบริการ', 'No service moved online'),
  ],
  { showIf: { question: 'SVC_HAS_PUBLIC_SERVICES', op: 'eq', value: 'yes' } },
);

const workFromHome: QuestionInput = pct(
  'BO_WFH_SHARE',
  t(
    'สัดส่วนบุคลากรที่ปฏิบัติงานจากที่บ้านได้ในช่วงสถานการณ์การแพร่ระบาด (ร้อยละ)',
    'Share of staff able to work from home during the pandemic (%)',
  ),
  {
    criteria: [
      {
        code: 'BO_WFH_SHARE.most',
        label: t('บุคลากรอย่างน้อยร้อยละ 70 ปฏิบัติงานจากที่บ้านได้', 'At least 70% of staff can work from home'),
        when: { question: 'BO_WFH_SHARE', op: 'gte', value: 70 },
        ...mat(
          'P5',
          4,
          'จัดระบบให้บุคลากรอย่างน้อยร้อยละ 70 ปฏิบัติงานจากที่บ้านได้',
          'Enable at least 70% of staff to work from home',
        ),
      },
    ],
  },
);

export const dgrs2565: FrameworkInput = {
  code: 'DGRS-2565',
  year: 2022,
  title: t(
    'กรอบการประเมินระดับความพร้อมรัฐบาลดิจิทัลของหน่วยงานภาครัฐ ประจำปี 2565',
    'Digital Government Readiness Framework 2022',
  ),
  levels,
  overall: {
    method: 'floor_weighted_mean',
    rationale: t(
      'ระดับความพร้อมในภาพรวมคำนวณจากค่าเฉลี่ยถ่วงน้ำหนักของระดับรายตัวชี้วัดแล้วปัดเศษลง เพื่อสะท้อนความก้าวหน้าในทุกตัวชี้วัดโดยไม่ให้ระดับที่ยังไม่ได้บรรลุจริง',
      'The overall level is the weighted mean of pillar levels rounded down: it reflects progress on every pillar without crediting a level not yet reached.',
    ),
  },
  minApplicableShare: 0.5,
  pillars: [
    edit2565(p1Policies),
    edit2565(p2Data),
    edit2565(p3Capability),
    edit2565(p4Services, { 'P4.1': [covidServices] }),
    edit2565(p5BackOffice, { 'P5.1': [workFromHome] }),
    p6InfrastructureTechnology2565,
  ].map(nameCriteria),
};
