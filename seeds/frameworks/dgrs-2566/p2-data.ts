import {
  atLeast,
  crit,
  DEPT,
  indicator,
  is,
  isIn,
  mat,
  multiple,
  none,
  num,
  type OptionInput,
  opt,
  type PillarInput,
  PROV,
  pct,
  type QuestionInput,
  reason,
  single,
  stageAtLeast,
  staged,
  t,
  text,
  yesNo,
} from '../builders';

const P = 'P2';
const inOperation = is('DG_STATUS', 'in_operation');

/** The three aspects DGA counts data governance items against. */
function aspects(credit?: { item: string; level: 3 | 4 }): OptionInput[] {
  const credited = (code: string, th: string, en: string, aspectTh: string, aspectEn: string) =>
    opt(
      code,
      th,
      en,
      credit === undefined
        ? {}
        : {
            maturity: mat(
              P,
              code === 'open_data' ? 3 : credit.level,
              `ดำเนินการธรรมาภิบาลข้อมูลข้อ ${credit.item} ให้ครอบคลุม${aspectTh}`,
              `Apply data governance item ${credit.item} to ${aspectEn}`,
            ),
          },
    );
  return [
    credited('open_data', 'ด้านการเปิดเผยข้อมูลภาครัฐ', 'Open data', 'ด้านการเปิดเผยข้อมูลภาครัฐ', 'open data'),
    credited('data_exchange', 'ด้านการแลกเปลี่ยนข้อมูล', 'Data exchange', 'ด้านการแลกเปลี่ยนข้อมูล', 'data exchange'),
    credited(
      'analytics',
      'ด้านการวิเคราะห์และใช้ประโยชน์จากข้อมูล',
      'Data analytics and use',
      'ด้านการวิเคราะห์และใช้ประโยชน์จากข้อมูล',
      'data analytics',
    ),
    none('ยังไม่ได้ดำเนินการในด้านใด', 'Not done in any aspect'),
  ];
}

const dgPractices: [string, string, string][] = [
  [
    '1',
    'มีการกำหนดสิทธิ หน้าที่ ความรับผิดชอบในการบริหารจัดการข้อมูลของแต่ละส่วนงาน',
    'Rights, duties and responsibilities for managing data are assigned to each unit',
  ],
  [
    '2',
    'มีการกำหนดบทบาทของส่วนงานต่าง ๆ ในองค์กรตามวงจรชีวิตข้อมูล (create, collect, classify, process/use, store, publish/disclose, inspect, terminate)',
    "Units' roles are defined along the data life cycle (create, collect, classify, process/use, store, publish/disclose, inspect, terminate)",
  ],
  [
    '3',
    'มีระบบบริหารและกระบวนการจัดการและคุ้มครองข้อมูลที่ครบถ้วน ตั้งแต่การจัดทำ การจัดเก็บ การจำแนกหมวดหมู่ การประมวลผลหรือใช้ข้อมูล การปกปิดหรือเปิดเผยข้อมูล การตรวจสอบและการทำลาย',
    'A complete system for managing and protecting data, from creation, storage, classification and processing to disclosure, inspection and destruction',
  ],
  ['4', 'มีการกำหนดนโยบายหรือกฎเกณฑ์การเข้าถึงและใช้ประโยชน์จากข้อมูล', 'Policies or rules on access to and use of data'],
  [
    '5',
    'มีการกำหนดมาตรการหรือกระบวนการตรวจสอบ ประเมินคุณภาพข้อมูล ได้แก่ ถูกต้อง ครบถ้วน สอดคล้องกัน เป็นปัจจุบัน ตรงความต้องการผู้ใช้ และพร้อมใช้',
    'Measures or processes to check data quality: accurate, complete, consistent, current, relevant and available',
  ],
];

const practiceQuestions: QuestionInput[] = dgPractices.map(([n, th, en]) =>
  multiple(
    `DG_PRACTICE_${n}`,
    t(`ข้อ ${n}: ${th} — ดำเนินการแล้วในด้านใดบ้าง`, `Item ${n}: ${en}. In which aspects is it done?`),
    aspects({ item: n, level: 4 }),
    { showIf: inOperation, evidence: 'required', topics: ['data_governance_practices'] },
  ),
);

const stageQuestions: QuestionInput[] = (
  [
    [
      '6_1',
      'stage_6_1',
      'มีแผนสำหรับการจัดทำบัญชีรายชื่อข้อมูล คำอธิบายข้อมูล และพจนานุกรมข้อมูล',
      'A plan for the data catalog, metadata and data dictionary',
    ],
    [
      '6_2',
      'stage_6_2',
      'มีการจัดทำบัญชีรายชื่อข้อมูล คำอธิบายข้อมูล และพจนานุกรมข้อมูล แต่ยังไม่ได้เผยแพร่',
      'Data catalog, metadata and data dictionary compiled but not yet published',
    ],
    [
      '6_3',
      'stage_6_3',
      'มีการเผยแพร่บัญชีรายชื่อข้อมูล คำอธิบายข้อมูล และพจนานุกรมข้อมูล',
      'Data catalog, metadata and data dictionary published',
    ],
  ] as const
).map(([n, stage, th, en]) =>
  multiple(
    `DG_PRACTICE_${n}`,
    t(
      `ข้อ ${n.replace('_', '.')}: ${th} — ดำเนินการแล้วในด้านใดบ้าง`,
      `Item ${n.replace('_', '.')}: ${en}. In which aspects?`,
    ),
    aspects(),
    { showIf: stageAtLeast('DG_PRACTICE_6', stage), evidence: 'required', topics: ['data_governance_practices'] },
  ),
);

export const p2Data: PillarInput = {
  key: P,
  number: 2,
  name: t('ด้านกระบวนการพัฒนาด้วยข้อมูล', 'Data-driven Practices'),
  description: t(
    'ธรรมาภิบาลข้อมูลภาครัฐ ข้อมูลเปิดภาครัฐ การคุ้มครองข้อมูลส่วนบุคคล และการใช้ข้อมูลประกอบการตัดสินใจ',
    'Data governance, open government data, personal data protection and data-driven decisions.',
  ),
  levelNames: [
    t('ขั้นพื้นฐาน', 'Foundational'),
    t('มีมาตรฐาน', 'Standardized'),
    t('มีประสิทธิภาพสูงสุด', 'Optimized'),
    t('บูรณาการ', 'Integrated'),
    t('เป็นแบบอย่าง', 'Exemplary'),
  ],
  // DGA reads data governance as a sequence (plan, then operate, then publish the catalog): staged gates fit.
  scoring: { mode: 'staged', minOptionalShare: 0.5 },
  previousKey: 'P2',
  indicators: [
    indicator('P2.1', t('ธรรมาภิบาลข้อมูลภาครัฐ', 'Data governance'), [
      single(
        'DG_STATUS',
        t(
          'สถานะการจัดทำแผนและการดำเนินการธรรมาภิบาลข้อมูลภาครัฐ (Data Governance) ของหน่วยงาน',
          'Status of the agency data governance plan and implementation',
        ),
        [
          opt(
            'none_plan',
            'ยังไม่มีแผนและรายชื่อชุดข้อมูลที่คาดว่าจะทำธรรมาภิบาลข้อมูล',
            'No plan and no list of datasets to govern',
          ),
          opt('list_only', 'มีรายชื่อชุดข้อมูล แต่ยังไม่มีการดำเนินการ', 'Dataset list, not started'),
          opt(
            'list_and_plan',
            'มีรายชื่อชุดข้อมูลและแผนการดำเนินงานแล้ว แต่ยังไม่มีการดำเนินงาน',
            'Dataset list and plan, not started',
          ),
          opt('in_operation', 'มีการดำเนินงานธรรมาภิบาลข้อมูลภาครัฐแล้ว', 'Data governance in operation'),
        ],
        {
          evidence: 'required',
          topics: ['data_governance_status'],
          criteria: [
            crit(
              'DG_STATUS.listed',
              mat(
                P,
                2,
                'จัดทำรายชื่อชุดข้อมูลที่จะดำเนินการธรรมาภิบาลข้อมูล',
                'Compile the list of datasets to bring under data governance',
                { required: true },
              ),
              t('มีรายชื่อชุดข้อมูลที่จะทำธรรมาภิบาลข้อมูล', 'Dataset list for data governance'),
              isIn('DG_STATUS', ['list_only', 'list_and_plan', 'in_operation']),
            ),
            crit(
              'DG_STATUS.operating',
              mat(P, 3, 'เริ่มดำเนินการธรรมาภิบาลข้อมูลตามแผน', 'Start operating data governance according to the plan', {
                required: true,
              }),
              t('ดำเนินการธรรมาภิบาลข้อมูลแล้ว', 'Data governance in operation'),
              inOperation,
            ),
          ],
        },
      ),
      ...practiceQuestions,
      staged(
        'DG_PRACTICE_6',
        t(
          'ข้อ 6: บัญชีรายชื่อข้อมูล (Data Catalog) คำอธิบายข้อมูล (Metadata) และพจนานุกรมข้อมูล (Data Dictionary) — หน่วยงานดำเนินการถึงขั้นใด',
          'Item 6: data catalog, metadata and data dictionary. Which stage has the agency reached?',
        ),
        [
          opt('stage_6_1', '6.1 มีแผนสำหรับการจัดทำบัญชีรายชื่อข้อมูล คำอธิบายข้อมูล และพจนานุกรมข้อมูล', '6.1 Planned'),
          opt('stage_6_2', '6.2 จัดทำแล้วแต่ยังไม่ได้เผยแพร่', '6.2 Compiled, not yet published'),
          opt('stage_6_3', '6.3 เผยแพร่แล้ว', '6.3 Published'),
        ],
        {
          showIf: inOperation,
          evidence: 'required',
          topics: ['data_governance_practices'],
          criteria: [
            crit(
              'DG_PRACTICE_6.compiled',
              mat(
                P,
                3,
                'จัดทำบัญชีรายชื่อข้อมูล คำอธิบายข้อมูล และพจนานุกรมข้อมูล',
                'Compile the data catalog, metadata and data dictionary',
              ),
              t('จัดทำบัญชีข้อมูลแล้ว (ขั้น 6.2 ขึ้นไป)', 'Catalog compiled (stage 6.2 or later)'),
              stageAtLeast('DG_PRACTICE_6', 'stage_6_2'),
            ),
            crit(
              'DG_PRACTICE_6.published',
              mat(
                P,
                4,
                'เผยแพร่บัญชีรายชื่อข้อมูล คำอธิบายข้อมูล และพจนานุกรมข้อมูล',
                'Publish the data catalog, metadata and data dictionary',
                { required: true },
              ),
              t('เผยแพร่บัญชีข้อมูลแล้ว (ขั้น 6.3)', 'Catalog published (stage 6.3)'),
              stageAtLeast('DG_PRACTICE_6', 'stage_6_3'),
            ),
          ],
        },
      ),
      ...stageQuestions,
      text('DG_CATALOG_URL', t('ที่อยู่เว็บไซต์ (URL) ของบัญชีข้อมูลหน่วยงาน', "URL of the agency's data catalog"), {
        showIf: stageAtLeast('DG_PRACTICE_6', 'stage_6_3'),
      }),
      num(
        'DG_DATASET_COUNT',
        t('จำนวนชุดข้อมูลในบัญชีข้อมูลของหน่วยงาน', "Number of datasets in the agency's data catalog"),
        { unit: t('ชุดข้อมูล', 'datasets'), min: 0, integer: true },
        { showIf: inOperation },
      ),
      yesNo(
        'DG_DATA_CLASSIFICATION',
        t(
          'หน่วยงานจัดหมวดหมู่และชั้นความลับของข้อมูลตามแนวทางธรรมาภิบาลข้อมูลภาครัฐแล้วหรือไม่',
          'Has the agency classified its data by category and sensitivity under the data governance framework?',
        ),
        {
          yes: mat(P, 3, 'จัดหมวดหมู่และชั้นความลับของข้อมูล', 'Classify data by category and sensitivity'),
        },
      ),
    ]),
    indicator('P2.2', t('ข้อมูลเปิดภาครัฐ', 'Open government data'), [
      multiple(
        'OD_PRACTICES',
        t(
          'หน่วยงานดำเนินการด้านข้อมูลเปิดภาครัฐ (Open Data) ในเรื่องใดบ้าง',
          'Which open data practices does the agency carry out?',
        ),
        [
          opt(
            'valuable_dataset_list',
            'รายชื่อชุดข้อมูลที่มีคุณค่า สามารถนำไปใช้ต่อบริการพัฒนาประเทศหรือบริการประชาชน',
            'A list of high-value datasets usable for national development or public services',
            {
              maturity: mat(P, 2, 'คัดเลือกและจัดทำรายชื่อชุดข้อมูลเปิดที่มีคุณค่า', 'Select and list high-value open datasets'),
            },
          ),
          opt(
            'metadata_standard',
            'คำอธิบายชุดข้อมูล (Metadata) ที่สอดคล้องกับมาตรฐานที่ สพร. กำหนด (14 รายการ)',
            'Dataset metadata meeting the DGA standard (14 elements)',
            {
              maturity: mat(
                P,
                3,
                'จัดทำคำอธิบายชุดข้อมูลตามมาตรฐาน 14 รายการของ สพร.',
                "Describe datasets with DGA's 14-element metadata standard",
              ),
            },
          ),
          opt(
            'resource_description',
            'คำอธิบายทรัพยากรข้อมูลของชุดข้อมูลเปิดทั้งหมด',
            'Resource descriptions for all open datasets',
            {
              maturity: mat(
                P,
                3,
                'จัดทำคำอธิบายทรัพยากรข้อมูลของชุดข้อมูลเปิดทุกชุด',
                'Describe the resources of every open dataset',
              ),
            },
          ),
          opt('catalog_system', 'ระบบบัญชีข้อมูลหน่วยงาน', 'An agency data catalog system', {
            maturity: mat(P, 3, 'ติดตั้งและใช้งานระบบบัญชีข้อมูลหน่วยงาน', 'Deploy and use an agency data catalog system'),
          }),
          opt(
            'published_portal',
            'เผยแพร่ชุดข้อมูลเปิดผ่านศูนย์กลางข้อมูลเปิดภาครัฐ (data.go.th)',
            'Open datasets published on the government open data portal (data.go.th)',
            {
              maturity: mat(P, 2, 'เผยแพร่ชุดข้อมูลเปิดผ่าน data.go.th', 'Publish open datasets on data.go.th'),
            },
          ),
          opt('machine_readable', 'ชุดข้อมูลเปิดอยู่ในรูปแบบที่เครื่องสามารถอ่านได้', 'Open datasets in machine-readable formats'),
          opt(
            'regular_update',
            'ปรับปรุงชุดข้อมูลเปิดให้เป็นปัจจุบันตามรอบที่กำหนด',
            'Open datasets updated on a defined schedule',
            {
              maturity: mat(
                P,
                4,
                'กำหนดรอบและปรับปรุงชุดข้อมูลเปิดให้เป็นปัจจุบัน',
                'Set and keep an update schedule for open datasets',
              ),
            },
          ),
          opt(
            'concrete_reuse',
            'มีการนำข้อมูลเปิดไปใช้ประโยชน์ได้อย่างเป็นรูปธรรมต่อบริการตามประเด็นขอบเขตการนำข้อมูลไปใช้',
            'Open data demonstrably reused in services within the defined scope of use',
            {
              maturity: mat(
                P,
                4,
                'ติดตามและแสดงผลการนำข้อมูลเปิดไปใช้ประโยชน์ต่อบริการ',
                'Track and show concrete reuse of open data in services',
              ),
            },
          ),
          none(),
        ],
        { evidence: 'required', topics: ['open_data_practices'] },
      ),
      num(
        'OD_DATASETS_PUBLISHED',
        t('จำนวนชุดข้อมูลเปิดที่หน่วยงานเผยแพร่แล้ว', 'Number of open datasets the agency has published'),
        { unit: t('ชุดข้อมูล', 'datasets'), min: 0, integer: true },
      ),
      yesNo(
        'OD_USER_SURVEY',
        t(
          'หน่วยงานสำรวจความต้องการของผู้ใช้ข้อมูลก่อนการเปิดเผยชุดข้อมูลเปิดหรือไม่',
          'Did the agency survey data users’ needs before publishing open datasets?',
        ),
        {
          evidence: 'required',
          topics: ['open_data_user_survey'],
          yes: mat(
            P,
            4,
            'สำรวจความต้องการของผู้ใช้ข้อมูลก่อนเปิดเผยชุดข้อมูลเปิด',
            'Survey data users’ needs before publishing open datasets',
          ),
        },
      ),
      reason(
        'OD_USER_SURVEY_REASON',
        t('สาเหตุที่ไม่มีการสำรวจความต้องการจากผู้ใช้ข้อมูล', 'Why were data users not surveyed?'),
        [
          opt(
            'internal_meeting',
            'ประชุมภายในหน่วยงานเพื่อคัดเลือกชุดข้อมูลตามภารกิจของหน่วยงาน',
            'Datasets chosen in internal meetings according to the mission',
          ),
          opt('not_yet', 'ยังไม่มีดำเนินการ', 'Not done yet'),
          opt('in_progress', 'อยู่ระหว่างดำเนินการจัดทำ', 'In progress'),
          opt('not_specified', 'ไม่ระบุ', 'Not specified'),
          opt('not_core_mission', 'ไม่ใช่ภารกิจหลัก', 'Not a core mission'),
          opt('under_study', 'อยู่ระหว่างการศึกษา', 'Under study'),
          opt('no_budget', 'ขาดงบประมาณ', 'No budget'),
          opt('no_staff', 'ขาดบุคลากร', 'No staff'),
          opt(
            'evidence_no_action',
            'ตรวจสอบหลักฐาน/เนื้อหาของคำตอบ สรุปได้ว่าไม่มีการดำเนินการ',
            'Evidence checked: no action taken',
          ),
        ],
        { showIf: is('OD_USER_SURVEY', 'no'), topics: ['open_data_user_survey_reasons'] },
      ),
      yesNo(
        'OD_REUSE_PROMOTION',
        t(
          'หน่วยงานส่งเสริมให้ภาคเอกชนหรือประชาชนนำชุดข้อมูลเปิดภาครัฐที่เผยแพร่ผ่านศูนย์ข้อมูลเปิดภาครัฐไปใช้พัฒนานวัตกรรมและบริการหรือไม่',
          'Does the agency promote reuse of its open datasets on the government open data portal by businesses or citizens to build innovations and services?',
        ),
        {
          evidence: 'required',
          topics: ['open_data_reuse_promotion'],
          yes: mat(
            P,
            4,
            'จัดกิจกรรมส่งเสริมให้ภาคเอกชนและประชาชนนำข้อมูลเปิดไปใช้',
            'Run activities that get businesses and citizens to reuse open data',
          ),
        },
      ),
      multiple(
        'OD_REUSE_ACTIVITIES',
        t('รูปแบบการส่งเสริมการนำข้อมูลเปิดไปใช้', 'How is open-data reuse promoted?'),
        [
          opt('hackathon', 'การแข่งขันหรือแฮกกาธอน', 'Competitions or hackathons'),
          opt('open_api', 'เปิดให้เข้าถึงข้อมูลผ่าน API', 'Data access through APIs', {
            maturity: mat(
              P,
              5,
              'เปิดให้เข้าถึงข้อมูลเปิดผ่าน API เพื่อให้นำไปพัฒนาบริการได้ทันที',
              'Offer open data through APIs ready for service developers',
            ),
          }),
          opt('showcase', 'เผยแพร่ตัวอย่างผลงานที่นำข้อมูลไปใช้', 'Showcasing reuse examples'),
          opt('workshop', 'การอบรมหรือสัมมนาเชิงปฏิบัติการ', 'Training or workshops'),
          opt(
            'co_creation',
            'ร่วมพัฒนาบริการกับภาคเอกชนหรือภาคประชาสังคม',
            'Co-creating services with business or civil society',
            {
              maturity: mat(
                P,
                5,
                'ร่วมพัฒนาบริการจากข้อมูลเปิดกับภาคเอกชนหรือภาคประชาสังคม',
                'Co-create open-data services with business or civil society',
              ),
            },
          ),
        ],
        { showIf: is('OD_REUSE_PROMOTION', 'yes') },
      ),
    ]),
    indicator('P2.3', t('การคุ้มครองข้อมูลส่วนบุคคล', 'Personal data protection'), [
      yesNo(
        'PDPA_TRAINING',
        t(
          'หน่วยงานฝึกอบรมบุคลากรให้มีความเข้าใจในพระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562 หรือไม่',
          'Has the agency trained its staff on the Personal Data Protection Act B.E. 2562?',
        ),
        {
          evidence: 'required',
          topics: ['pdpa_training'],
          yes: mat(
            P,
            2,
            'จัดฝึกอบรมบุคลากรเรื่องพระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล',
            'Train staff on the Personal Data Protection Act',
          ),
        },
      ),
      multiple(
        'PDPA_TRAINING_TIERS',
        t('กลุ่มบุคลากรที่ได้รับการฝึกอบรม', 'Which staff groups were trained?'),
        [
          opt('tier_1_data_staff', 'บุคลากรผู้รับผิดชอบดูแลข้อมูลส่วนบุคคล', 'Staff responsible for personal data', {
            maturity: mat(P, 3, 'ฝึกอบรมบุคลากรผู้รับผิดชอบดูแลข้อมูลส่วนบุคคล', 'Train the staff responsible for personal data', {
              required: true,
            }),
          }),
          opt(
            'tier_2_service_staff',
            'บุคลากรที่ให้บริการประชาชน หรือรับผิดชอบภารกิจหลักของหน่วยงาน',
            'Front-line service staff or staff of core missions',
            {
              maturity: mat(
                P,
                3,
                'ฝึกอบรมบุคลากรที่ให้บริการประชาชนหรือรับผิดชอบภารกิจหลัก',
                'Train front-line and core-mission staff',
              ),
            },
          ),
          opt('tier_3_all_staff', 'บุคลากรทุกส่วนงาน', 'All staff', {
            maturity: mat(
              P,
              4,
              'ฝึกอบรมบุคลากรทุกส่วนงานเรื่องการคุ้มครองข้อมูลส่วนบุคคล',
              'Train all staff on personal data protection',
            ),
          }),
        ],
        { showIf: is('PDPA_TRAINING', 'yes'), topics: ['pdpa_training_tiers'] },
      ),
      pct(
        'PDPA_TRAINED_SHARE',
        t(
          'สัดส่วนบุคลากรที่ผ่านการฝึกอบรมด้านการคุ้มครองข้อมูลส่วนบุคคล (ร้อยละ)',
          'Share of staff trained on personal data protection (%)',
        ),
        {
          showIf: is('PDPA_TRAINING', 'yes'),
          criteria: [
            crit(
              'PDPA_TRAINED_SHARE.most',
              mat(
                P,
                5,
                'ฝึกอบรมบุคลากรด้านการคุ้มครองข้อมูลส่วนบุคคลให้ครอบคลุมอย่างน้อยร้อยละ 80',
                'Train at least 80% of staff on personal data protection',
              ),
              t('บุคลากรผ่านการอบรมอย่างน้อยร้อยละ 80', 'At least 80% of staff trained'),
              atLeast('PDPA_TRAINED_SHARE', 80),
            ),
          ],
        },
      ),
      multiple(
        'PDPA_COMPLIANCE',
        t(
          'หน่วยงานปฏิบัติตามพระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562 ในเรื่องใดบ้าง',
          'Which PDPA obligations does the agency meet?',
        ),
        [
          opt(
            's23_25',
            'แจ้งรายละเอียดการเก็บรวบรวมข้อมูลส่วนบุคคลให้เจ้าของข้อมูลทราบ (มาตรา 23 และมาตรา 25)',
            'Data subjects informed of collection (sections 23 and 25)',
            {
              maturity: mat(
                P,
                2,
                'แจ้งรายละเอียดการเก็บรวบรวมข้อมูลส่วนบุคคล (ประกาศความเป็นส่วนตัว) ตามมาตรา 23 และ 25',
                'Publish privacy notices under sections 23 and 25',
              ),
            },
          ),
          opt(
            's24_26_27',
            'เก็บรวบรวม ใช้ หรือเปิดเผยข้อมูลส่วนบุคคลสอดคล้องกับฐานทางกฎหมาย (มาตรา 24, 26, 27)',
            'Collection, use and disclosure on a lawful basis (sections 24, 26, 27)',
            {
              maturity: mat(
                P,
                3,
                'ทบทวนฐานทางกฎหมายของการประมวลผลข้อมูลส่วนบุคคลทุกกิจกรรม',
                'Establish the lawful basis of every processing activity',
              ),
            },
          ),
          opt(
            's37_1',
            'มีมาตรการรักษาความมั่นคงปลอดภัยที่เหมาะสม (มาตรา 37(1))',
            'Appropriate security measures (section 37(1))',
            {
              maturity: mat(
                P,
                3,
                'จัดให้มีมาตรการรักษาความมั่นคงปลอดภัยของข้อมูลส่วนบุคคลตามมาตรา 37(1)',
                'Put section 37(1) security measures in place',
              ),
            },
          ),
          opt(
            's37_3',
            'มีระบบตรวจสอบเพื่อลบหรือทำลายข้อมูลส่วนบุคคลเมื่อพ้นกำหนดระยะเวลาเก็บรักษา (มาตรา 37(3))',
            'A system to erase personal data after the retention period (section 37(3))',
            {
              maturity: mat(
                P,
                4,
                'จัดระบบตรวจสอบเพื่อลบหรือทำลายข้อมูลส่วนบุคคลเมื่อพ้นระยะเวลาเก็บรักษา',
                'Build a check that erases personal data after its retention period',
              ),
            },
          ),
          opt(
            's37_4',
            'มีขั้นตอนแจ้งเหตุการละเมิดข้อมูลส่วนบุคคล (มาตรา 37(4))',
            'A breach notification procedure (section 37(4))',
            {
              maturity: mat(
                P,
                4,
                'กำหนดขั้นตอนแจ้งเหตุการละเมิดข้อมูลส่วนบุคคลภายใน 72 ชั่วโมง',
                'Set a procedure to notify breaches within 72 hours',
              ),
            },
          ),
          opt(
            's39_ropa',
            'มีบันทึกรายการกิจกรรมการประมวลผลข้อมูลส่วนบุคคล (มาตรา 39)',
            'A record of processing activities (section 39)',
            {
              maturity: mat(
                P,
                3,
                'จัดทำบันทึกรายการกิจกรรมการประมวลผลข้อมูลส่วนบุคคล',
                'Keep a record of processing activities',
              ),
            },
          ),
          opt(
            's30_36_rights',
            'มีช่องทางให้เจ้าของข้อมูลใช้สิทธิ (มาตรา 30-36)',
            'A channel for data subject rights (sections 30-36)',
          ),
          none('ยังไม่ได้ดำเนินการในเรื่องใด', 'None yet'),
        ],
        { evidence: 'required', topics: ['pdpa_compliance_sections'] },
      ),
    ]),
    indicator('P2.4', t('การใช้ข้อมูลประกอบการตัดสินใจ', 'Data-driven decisions'), [
      multiple(
        'DATA_DECISIONS',
        t(
          'หน่วยงานใช้ข้อมูลประกอบการบริหารและตัดสินใจในรูปแบบใดบ้าง',
          'How does the agency use data in management and decisions?',
        ),
        [
          opt('exec_dashboard', 'แดชบอร์ดข้อมูลสำหรับผู้บริหาร', 'Executive data dashboards', {
            maturity: mat(P, 3, 'จัดทำแดชบอร์ดข้อมูลสำหรับผู้บริหาร', 'Build executive data dashboards'),
          }),
          opt('policy_analysis', 'วิเคราะห์ข้อมูลประกอบการกำหนดนโยบาย', 'Data analysis for policy-making', {
            maturity: mat(P, 4, 'ใช้ผลการวิเคราะห์ข้อมูลประกอบการกำหนดนโยบาย', 'Use data analysis in policy-making'),
          }),
          opt('predictive', 'การวิเคราะห์เชิงคาดการณ์', 'Predictive analytics', {
            maturity: mat(
              P,
              5,
              'ใช้การวิเคราะห์เชิงคาดการณ์ในการวางแผนและให้บริการ',
              'Use predictive analytics in planning and services',
              { required: true },
            ),
          }),
          opt('cross_agency', 'วิเคราะห์ข้อมูลร่วมกับหน่วยงานอื่น', 'Joint analysis with other agencies', {
            maturity: mat(
              P,
              5,
              'วิเคราะห์ข้อมูลร่วมกับหน่วยงานอื่นเพื่อแก้ปัญหาร่วม',
              'Analyse data jointly with other agencies on shared problems',
            ),
          }),
          none(),
        ],
        { evidence: 'optional' },
      ),
      yesNo(
        'DATA_EXCHANGE_CENTRAL',
        t(
          'หน่วยงานเชื่อมโยงแลกเปลี่ยนข้อมูลกับหน่วยงานอื่นผ่านศูนย์แลกเปลี่ยนข้อมูลกลาง (GDX) หรือระบบกลางภาครัฐหรือไม่',
          'Does the agency exchange data with other agencies through the Government Data Exchange (GDX) or another central system?',
        ),
        {
          yes: mat(
            P,
            4,
            'เชื่อมโยงแลกเปลี่ยนข้อมูลผ่านศูนย์แลกเปลี่ยนข้อมูลกลาง (GDX)',
            'Exchange data through the Government Data Exchange (GDX)',
          ),
        },
      ),
      yesNo(
        'DATA_ANALYTICS_TEAM',
        t('หน่วยงานมีทีมหรือบุคลากรด้านการวิเคราะห์ข้อมูลโดยเฉพาะหรือไม่', 'Does the agency have a dedicated data analytics team?'),
        {
          tracks: DEPT,
          yes: mat(P, 4, 'จัดตั้งทีมวิเคราะห์ข้อมูลของหน่วยงาน', 'Set up an agency data analytics team'),
        },
      ),
      yesNo(
        'PV_DATA_PLATFORM',
        t(
          'จังหวัดมีศูนย์ข้อมูลหรือแพลตฟอร์มข้อมูลระดับจังหวัดที่รวบรวมข้อมูลของหน่วยงานในจังหวัดหรือไม่',
          'Does the province run a provincial data centre or platform that pools the data of agencies in the province?',
        ),
        {
          tracks: PROV,
          yes: mat(P, 3, 'จัดทำศูนย์ข้อมูลหรือแพลตฟอร์มข้อมูลระดับจังหวัด', 'Set up a provincial data centre or platform'),
        },
      ),
      multiple(
        'PV_DATA_SOURCES',
        t(
          'ข้อมูลที่จังหวัดใช้ในการบริหารและวางแผนได้มาจากแหล่งใดบ้าง',
          'Where does the data the province uses for management and planning come from?',
        ),
        [
          opt('regional_offices', 'ส่วนราชการส่วนภูมิภาคในจังหวัด', 'Regional offices in the province', {
            maturity: mat(
              P,
              2,
              'รวบรวมข้อมูลจากส่วนราชการส่วนภูมิภาคในจังหวัด',
              'Collect data from the regional offices in the province',
            ),
          }),
          opt('parent_agencies', 'หน่วยงานต้นสังกัดส่วนกลาง', 'Parent agencies in the central administration', {
            maturity: mat(P, 3, 'เชื่อมโยงข้อมูลกับหน่วยงานต้นสังกัดส่วนกลาง', 'Link data with the parent central agencies'),
          }),
          opt('local_government', 'องค์กรปกครองส่วนท้องถิ่น', 'Local government organizations', {
            maturity: mat(
              P,
              4,
              'บูรณาการข้อมูลร่วมกับองค์กรปกครองส่วนท้องถิ่น',
              'Integrate data with local government organizations',
            ),
          }),
          opt('own_survey', 'จังหวัดสำรวจหรือจัดเก็บเอง', 'Collected by the province itself'),
        ],
        { tracks: PROV },
      ),
      yesNo(
        'PV_DATA_IN_PLANNING',
        t(
          'จังหวัดใช้ผลการวิเคราะห์ข้อมูลในการจัดทำแผนพัฒนาจังหวัดหรือไม่',
          'Does the province use data analysis in drafting the provincial development plan?',
        ),
        {
          tracks: PROV,
          yes: mat(
            P,
            5,
            'ใช้ผลการวิเคราะห์ข้อมูลเป็นฐานในการจัดทำแผนพัฒนาจังหวัด',
            'Base the provincial development plan on data analysis',
          ),
        },
      ),
    ]),
  ],
};
