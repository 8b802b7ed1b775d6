import {
  all,
  atLeast,
  BOTH,
  cell,
  crit,
  DEPT,
  date,
  indicator,
  is,
  isIn,
  longText,
  mat,
  matrix,
  multiple,
  none,
  num,
  opt,
  type PillarInput,
  PROV,
  pct,
  row,
  single,
  t,
  yesNo,
} from '../builders';

const P = 'P1';

const reviewFrequency = [
  opt('never', 'ไม่มีการติดตาม', 'Not reviewed'),
  opt('yearly', 'ปีละครั้ง', 'Yearly'),
  opt('half_yearly', 'ทุก 6 เดือน', 'Every six months'),
  opt('quarterly', 'ทุกไตรมาส', 'Quarterly'),
  opt('monthly', 'ทุกเดือนหรือบ่อยกว่า', 'Monthly or more often'),
];

export const p1Policies: PillarInput = {
  key: P,
  number: 1,
  name: t('ด้านแนวนโยบายและหลักปฏิบัติ', 'Policies and Practices'),
  description: t(
    'นโยบาย แผน และการกำกับดูแลด้านดิจิทัล ความโปร่งใส การมีส่วนร่วมของประชาชน และนโยบายด้านข้อมูล การคุ้มครองข้อมูลส่วนบุคคล และความมั่นคงปลอดภัยไซเบอร์',
    'Digital policy, planning and governance; transparency; public participation; and policies on data, personal data protection and cybersecurity.',
  ),
  levelNames: [
    t('การปฏิบัติตามข้อกำหนด', 'Compliance'),
    t('ความโปร่งใส', 'Transparency'),
    t('การสร้างคุณค่าแก่ประชาชน', 'Constituent value'),
    t('การปรับเปลี่ยนองค์กรด้วยข้อมูลเชิงลึก', 'Insight-driven transformation'),
    t('ความยั่งยืน', 'Sustainability'),
  ],
  // Policies are documents an agency either has or has not: a staged ladder with gates reads naturally.
  scoring: { mode: 'staged', minOptionalShare: 0.5 },
  previousKey: 'P1',
  indicators: [
    indicator('P1.1', t('แผนและการกำกับดูแลด้านดิจิทัล', 'Digital planning and governance'), [
      single(
        'POL_DG_PLAN',
        t(
          'หน่วยงานมีแผนปฏิบัติการด้านดิจิทัลของหน่วยงานหรือไม่ และอยู่ในสถานะใด',
          "Does the agency have a digital action plan, and what is the plan's status?",
        ),
        [
          opt('none', 'ยังไม่มีแผน', 'No plan'),
          opt('drafting', 'อยู่ระหว่างจัดทำแผน', 'Plan being drafted'),
          opt('approved', 'แผนได้รับความเห็นชอบจากหัวหน้าหน่วยงานแล้ว', 'Plan approved by the head of the agency'),
          opt(
            'approved_monitored',
            'แผนได้รับความเห็นชอบและมีการติดตามผลการดำเนินงานตามแผนอย่างสม่ำเสมอ',
            'Plan approved and its implementation monitored regularly',
          ),
        ],
        {
          evidence: 'required',
          criteria: [
            crit(
              'POL_DG_PLAN.approved',
              mat(
                P,
                2,
                'จัดทำแผนปฏิบัติการด้านดิจิทัลและเสนอหัวหน้าหน่วยงานให้ความเห็นชอบ',
                'Draft a digital action plan and have it approved by the head of the agency',
                { required: true },
              ),
              t('มีแผนปฏิบัติการด้านดิจิทัลที่ได้รับความเห็นชอบ', 'Approved digital action plan'),
              isIn('POL_DG_PLAN', ['approved', 'approved_monitored']),
            ),
            crit(
              'POL_DG_PLAN.monitored',
              mat(
                P,
                3,
                'กำหนดกลไกติดตามผลการดำเนินงานตามแผนปฏิบัติการด้านดิจิทัลอย่างสม่ำเสมอ',
                'Set up regular monitoring of the digital action plan',
                { required: true },
              ),
              t('ติดตามผลการดำเนินงานตามแผนอย่างสม่ำเสมอ', 'Plan implementation monitored regularly'),
              is('POL_DG_PLAN', 'approved_monitored'),
            ),
          ],
        },
      ),
      date(
        'POL_PLAN_APPROVED_ON',
        t('วันที่แผนปฏิบัติการด้านดิจิทัลฉบับปัจจุบันได้รับความเห็นชอบ', 'Date the current digital action plan was approved'),
        { showIf: isIn('POL_DG_PLAN', ['approved', 'approved_monitored']), required: false },
      ),
      multiple(
        'POL_PLAN_ALIGNMENT',
        t('แผนปฏิบัติการด้านดิจิทัลของหน่วยงานสอดคล้องกับแผนใดบ้าง', 'Which plans is the digital action plan aligned with?'),
        [
          opt('national_strategy', 'ยุทธศาสตร์ชาติ', 'National Strategy'),
          opt('national_dg_plan', 'แผนพัฒนารัฐบาลดิจิทัลของประเทศไทย', "Thailand's Digital Government Development Plan", {
            maturity: mat(
              P,
              2,
              'ถ่ายทอดเป้าหมายของแผนพัฒนารัฐบาลดิจิทัลของประเทศลงสู่แผนของหน่วยงาน',
              "Cascade the national Digital Government Development Plan's targets into the agency plan",
            ),
          }),
          opt('ministry_plan', 'แผนของกระทรวงหรือหน่วยงานต้นสังกัด', "The ministry's or parent agency's plan"),
          opt('area_plan', 'แผนพัฒนาจังหวัดหรือกลุ่มจังหวัด', 'The provincial or provincial-cluster development plan'),
          none('ไม่ได้อ้างอิงแผนใด', 'Not aligned with any plan'),
        ],
        { showIf: isIn('POL_DG_PLAN', ['drafting', 'approved', 'approved_monitored']) },
      ),
      yesNo(
        'POL_CIO',
        t(
          'หน่วยงานมีการแต่งตั้งผู้บริหารเทคโนโลยีสารสนเทศระดับสูง (CIO) หรือไม่',
          'Has the agency appointed a Chief Information Officer (CIO)?',
        ),
        {
          tracks: DEPT,
          evidence: 'required',
          yes: mat(
            P,
            2,
            'แต่งตั้งผู้บริหารเทคโนโลยีสารสนเทศระดับสูง (CIO) ของหน่วยงาน',
            'Appoint a Chief Information Officer (CIO)',
            { required: true },
          ),
        },
      ),
      single(
        'POL_CIO_ROLE',
        t('CIO ของหน่วยงานดำรงตำแหน่งใด', 'What position does the CIO hold?'),
        [
          opt('head', 'หัวหน้าหน่วยงาน', 'Head of the agency'),
          opt('deputy_head', 'รองหัวหน้าหน่วยงาน', 'Deputy head of the agency'),
          opt('advisor', 'ผู้ช่วยหัวหน้าหน่วยงานหรือที่ปรึกษา', 'Assistant head or advisor'),
          opt('director', 'ผู้อำนวยการกองหรือเทียบเท่า', 'Division director or equivalent'),
        ],
        {
          tracks: DEPT,
          showIf: is('POL_CIO', 'yes'),
          criteria: [
            crit(
              'POL_CIO_ROLE.executive',
              mat(
                P,
                3,
                'มอบหมายให้ผู้บริหารระดับรองหัวหน้าหน่วยงานขึ้นไปทำหน้าที่ CIO',
                'Assign the CIO role to a deputy head of agency or above',
              ),
              t('CIO เป็นผู้บริหารระดับรองหัวหน้าหน่วยงานขึ้นไป', 'CIO at deputy-head level or above'),
              isIn('POL_CIO_ROLE', ['head', 'deputy_head']),
            ),
          ],
        },
      ),
      yesNo(
        'PV_COMMITTEE',
        t(
          'จังหวัดมีการแต่งตั้งคณะกรรมการผู้บริหารเทคโนโลยีสารสนเทศระดับสูงระดับจังหวัด และกำหนดอำนาจหน้าที่ไว้อย่างชัดเจนหรือไม่',
          'Has the province appointed its senior IT executive committee with clearly defined duties?',
        ),
        {
          tracks: PROV,
          evidence: 'required',
          yes: mat(
            P,
            2,
            'แต่งตั้งคณะกรรมการผู้บริหารเทคโนโลยีสารสนเทศระดับสูงระดับจังหวัดและกำหนดอำนาจหน้าที่',
            "Appoint the province's senior IT executive committee and define its duties",
            { required: true },
          ),
        },
      ),
      num(
        'PV_COMMITTEE_MEETINGS',
        t(
          'ในรอบปีที่ผ่านมา คณะกรรมการฯ ระดับจังหวัดมีการประชุมกี่ครั้ง',
          'How many times did the provincial committee meet in the past year?',
        ),
        { unit: t('ครั้ง', 'meetings'), min: 0, max: 52, integer: true },
        {
          tracks: PROV,
          showIf: is('PV_COMMITTEE', 'yes'),
          criteria: [
            crit(
              'PV_COMMITTEE_MEETINGS.regular',
              mat(
                P,
                3,
                'จัดประชุมคณะกรรมการฯ ระดับจังหวัดอย่างน้อยปีละ 2 ครั้งเพื่อติดตามการขับเคลื่อนดิจิทัล',
                'Convene the provincial committee at least twice a year to steer digital work',
                { required: true },
              ),
              t('คณะกรรมการฯ ประชุมอย่างน้อยปีละ 2 ครั้ง', 'Committee meets at least twice a year'),
              atLeast('PV_COMMITTEE_MEETINGS', 2),
            ),
          ],
        },
      ),
      pct(
        'POL_DIGITAL_BUDGET_SHARE',
        t(
          'สัดส่วนงบประมาณด้านดิจิทัลต่องบประมาณทั้งหมดของหน่วยงานในปีงบประมาณนี้ (ร้อยละ)',
          "Digital budget as a share of the agency's total budget this fiscal year (%)",
        ),
        { tracks: DEPT },
      ),
      matrix(
        'POL_PLAN_REVIEW',
        t('ผู้บริหารติดตามเรื่องต่อไปนี้บ่อยเพียงใด', 'How often does management review the following?'),
        [
          row('plan_progress', 'ความก้าวหน้าของแผนปฏิบัติการด้านดิจิทัล', 'Progress of the digital action plan'),
          row('project_results', 'ผลลัพธ์และประโยชน์ของโครงการด้านดิจิทัล', 'Results and benefits of digital projects'),
          row('digital_risks', 'ความเสี่ยงด้านดิจิทัลและความมั่นคงปลอดภัย', 'Digital and security risks'),
        ],
        reviewFrequency,
        {
          criteria: [
            crit(
              'POL_PLAN_REVIEW.quarterly',
              mat(
                P,
                4,
                'ติดตามความก้าวหน้าของแผนและผลลัพธ์ของโครงการด้านดิจิทัลอย่างน้อยทุกไตรมาส',
                'Review plan progress and digital project results at least quarterly',
              ),
              t('ติดตามแผนและผลลัพธ์โครงการอย่างน้อยทุกไตรมาส', 'Plan and project results reviewed at least quarterly'),
              all(
                cell('POL_PLAN_REVIEW', 'plan_progress', ['quarterly', 'monthly']),
                cell('POL_PLAN_REVIEW', 'project_results', ['quarterly', 'monthly']),
              ),
            ),
          ],
        },
      ),
      yesNo(
        'POL_DIGITAL_COMMITTEE',
        t(
          'หน่วยงานมีคณะทำงานขับเคลื่อนการพัฒนารัฐบาลดิจิทัลภายในหน่วยงานหรือไม่',
          'Does the agency have an internal working group driving digital government?',
        ),
        {
          tracks: DEPT,
          yes: mat(
            P,
            2,
            'ตั้งคณะทำงานขับเคลื่อนการพัฒนารัฐบาลดิจิทัลภายในหน่วยงาน',
            'Set up an internal working group to drive digital government',
          ),
        },
      ),
    ]),
    indicator('P1.2', t('ธรรมาภิบาล ความโปร่งใส และการสร้างคุณค่า', 'Governance, transparency and value'), [
      multiple(
        'POL_TRANSPARENCY',
        t('หน่วยงานเปิดเผยข้อมูลต่อไปนี้ต่อสาธารณะหรือไม่', 'Which of the following does the agency publish?'),
        [
          opt('publish_plan', 'แผนปฏิบัติการด้านดิจิทัล', 'The digital action plan', {
            maturity: mat(
              P,
              2,
              'เผยแพร่แผนปฏิบัติการด้านดิจิทัลบนเว็บไซต์ของหน่วยงาน',
              'Publish the digital action plan on the agency website',
            ),
          }),
          opt('publish_procurement', 'ข้อมูลการจัดซื้อจัดจ้างโครงการด้านดิจิทัล', 'Procurement of digital projects', {
            maturity: mat(
              P,
              2,
              'เผยแพร่ข้อมูลการจัดซื้อจัดจ้างโครงการด้านดิจิทัล',
              'Publish procurement information for digital projects',
            ),
          }),
          opt('publish_progress', 'ผลการดำเนินงานตามแผนปฏิบัติการด้านดิจิทัล', 'Results against the digital action plan', {
            maturity: mat(
              P,
              3,
              'เผยแพร่ผลการดำเนินงานตามแผนปฏิบัติการด้านดิจิทัลเป็นประจำ',
              'Publish results against the digital action plan regularly',
            ),
          }),
          opt('publish_budget', 'งบประมาณและการใช้จ่ายด้านดิจิทัล', 'Digital budget and spending', {
            maturity: mat(P, 3, 'เผยแพร่งบประมาณและการใช้จ่ายด้านดิจิทัล', 'Publish digital budget and spending'),
          }),
          none('ไม่ได้เปิดเผยข้อมูลข้างต้น', 'None of these is published'),
        ],
        { evidence: 'required' },
      ),
      yesNo(
        'POL_PARTICIPATION_POLICY',
        t(
          'หน่วยงานมีนโยบายหรือแนวปฏิบัติให้ประชาชนมีส่วนร่วมในการออกแบบนโยบายและบริการหรือไม่',
          'Does the agency have a policy or guideline for public participation in designing policies and services?',
        ),
        {
          evidence: 'required',
          yes: mat(
            P,
            3,
            'ประกาศนโยบายหรือแนวปฏิบัติการมีส่วนร่วมของประชาชนในการออกแบบนโยบายและบริการ',
            'Issue a policy or guideline on public participation in policy and service design',
          ),
        },
      ),
      yesNo(
        'POL_DIGITAL_KPI',
        t(
          'หน่วยงานกำหนดตัวชี้วัดด้านดิจิทัลไว้ในตัวชี้วัดผลการดำเนินงานหลัก (KPI) ของหน่วยงานหรือไม่',
          "Are digital indicators part of the agency's key performance indicators (KPIs)?",
        ),
        {
          yes: mat(
            P,
            3,
            'กำหนดตัวชี้วัดด้านดิจิทัลไว้ใน KPI ของหน่วยงานและส่วนงาน',
            'Include digital indicators in agency and unit KPIs',
          ),
        },
      ),
      yesNo(
        'POL_OUTCOME_EVAL',
        t(
          'หน่วยงานประเมินผลลัพธ์และผลกระทบของโครงการด้านดิจิทัลด้วยข้อมูล และนำผลไปปรับปรุงแผนหรือไม่',
          'Does the agency evaluate the outcomes and impact of digital projects with data and feed the findings back into the plan?',
        ),
        {
          evidence: 'required',
          yes: mat(
            P,
            4,
            'ประเมินผลลัพธ์ของโครงการด้านดิจิทัลด้วยข้อมูลและนำผลไปปรับแผน',
            'Evaluate digital project outcomes with data and revise the plan accordingly',
            { required: true },
          ),
        },
      ),
      multiple(
        'POL_INSIGHT_USES',
        t('หน่วยงานนำข้อมูลเชิงลึกจากการประเมินผลไปใช้อย่างไร', 'How does the agency use insights from evaluations?'),
        [
          opt('revise_policy', 'ปรับปรุงนโยบายหรือแผน', 'Revise policies or plans', {
            maturity: mat(P, 4, 'ใช้ข้อมูลเชิงลึกจากการประเมินผลปรับปรุงนโยบาย', 'Use evaluation insights to revise policy'),
          }),
          opt('redesign_service', 'ออกแบบบริการหรือกระบวนงานใหม่', 'Redesign services or processes', {
            maturity: mat(
              P,
              4,
              'ใช้ข้อมูลเชิงลึกจากการประเมินผลออกแบบบริการใหม่',
              'Use evaluation insights to redesign services',
            ),
          }),
          opt('reallocate_budget', 'จัดสรรงบประมาณใหม่', 'Reallocate budget'),
          none(),
        ],
        { tracks: DEPT, showIf: is('POL_OUTCOME_EVAL', 'yes') },
      ),
      multiple(
        'POL_SUSTAINABILITY',
        t(
          'หน่วยงานมีกลไกเพื่อความต่อเนื่องและยั่งยืนของการพัฒนาดิจิทัลใดบ้าง',
          'Which mechanisms keep digital development continuous and sustainable?',
        ),
        [
          opt('long_term_roadmap', 'แผนที่นำทางด้านดิจิทัลระยะยาว 5 ปีขึ้นไป', 'A digital roadmap of five years or more', {
            maturity: mat(
              P,
              5,
              'จัดทำแผนที่นำทางด้านดิจิทัลระยะยาวอย่างน้อย 5 ปี',
              'Adopt a digital roadmap covering at least five years',
              { required: true },
            ),
          }),
          opt(
            'continuity_budget',
            'งบประมาณต่อเนื่องสำหรับบำรุงรักษาและพัฒนาระบบ',
            'Recurring budget for maintaining and developing systems',
            {
              maturity: mat(
                P,
                5,
                'จัดสรรงบประมาณต่อเนื่องสำหรับบำรุงรักษาและพัฒนาระบบ',
                'Secure recurring budget for system upkeep and development',
              ),
            },
          ),
          opt('knowledge_transfer', 'ระบบถ่ายทอดความรู้และสืบทอดงาน', 'Knowledge transfer and succession', {
            maturity: mat(
              P,
              5,
              'วางระบบถ่ายทอดความรู้และสืบทอดงานด้านดิจิทัล',
              'Put knowledge transfer and succession in place for digital work',
            ),
          }),
          opt(
            'external_partnership',
            'ความร่วมมือกับภาคเอกชน สถาบันการศึกษา หรือภาคประชาสังคม',
            'Partnerships with business, academia or civil society',
            {
              maturity: mat(
                P,
                5,
                'สร้างความร่วมมือระยะยาวกับภาคเอกชน สถาบันการศึกษา หรือภาคประชาสังคม',
                'Build long-term partnerships with business, academia or civil society',
              ),
            },
          ),
          none(),
        ],
        { evidence: 'required' },
      ),
      yesNo(
        'POL_BEST_PRACTICE',
        t(
          'ในรอบปีที่ผ่านมา หน่วยงานได้รับรางวัลหรือได้เผยแพร่แนวปฏิบัติที่ดีด้านดิจิทัลให้หน่วยงานอื่นนำไปใช้หรือไม่',
          'In the past year, did the agency win an award or share a digital good practice adopted by other agencies?',
        ),
        {
          tracks: DEPT,
          yes: mat(
            P,
            5,
            'เผยแพร่แนวปฏิบัติที่ดีด้านดิจิทัลให้หน่วยงานอื่นนำไปใช้',
            'Share digital good practice for other agencies to adopt',
          ),
        },
      ),
    ]),
    indicator('P1.3', t('นโยบายด้านข้อมูล ความเป็นส่วนตัว และความมั่นคงปลอดภัย', 'Data, privacy and security policies'), [
      yesNo(
        'POL_DG_POLICY',
        t('หน่วยงานประกาศนโยบายธรรมาภิบาลข้อมูลภาครัฐแล้วหรือไม่', 'Has the agency issued a data governance policy?'),
        {
          evidence: 'required',
          yes: mat(P, 2, 'ประกาศนโยบายธรรมาภิบาลข้อมูลภาครัฐของหน่วยงาน', 'Issue the agency data governance policy'),
        },
      ),
      yesNo(
        'POL_OPEN_DATA_POLICY',
        t('หน่วยงานมีนโยบายหรือแผนการเปิดเผยข้อมูลเปิดภาครัฐหรือไม่', 'Does the agency have an open data policy or plan?'),
        {
          yes: mat(P, 3, 'กำหนดนโยบายหรือแผนการเปิดเผยข้อมูลเปิดภาครัฐ', 'Adopt an open data policy or plan'),
        },
      ),
      yesNo(
        'POL_PRIVACY_POLICY',
        t(
          'หน่วยงานประกาศนโยบายการคุ้มครองข้อมูลส่วนบุคคลแล้วหรือไม่',
          'Has the agency issued a personal data protection policy?',
        ),
        {
          evidence: 'required',
          yes: mat(
            P,
            2,
            'ประกาศนโยบายการคุ้มครองข้อมูลส่วนบุคคลของหน่วยงาน',
            'Issue the agency personal data protection policy',
            { required: true },
          ),
        },
      ),
      yesNo(
        'POL_DPO',
        t(
          'หน่วยงานแต่งตั้งเจ้าหน้าที่คุ้มครองข้อมูลส่วนบุคคล (DPO) แล้วหรือไม่',
          'Has the agency appointed a Data Protection Officer (DPO)?',
        ),
        {
          tracks: DEPT,
          yes: mat(P, 3, 'แต่งตั้งเจ้าหน้าที่คุ้มครองข้อมูลส่วนบุคคล (DPO)', 'Appoint a Data Protection Officer (DPO)'),
        },
      ),
      yesNo(
        'POL_CYBER_POLICY',
        t(
          'หน่วยงานมีนโยบายและแผนด้านการรักษาความมั่นคงปลอดภัยไซเบอร์ตามพระราชบัญญัติการรักษาความมั่นคงปลอดภัยไซเบอร์ พ.ศ. 2562 หรือไม่',
          'Does the agency have a cybersecurity policy and plan under the Cybersecurity Act B.E. 2562?',
        ),
        {
          evidence: 'required',
          yes: mat(P, 3, 'จัดทำนโยบายและแผนด้านการรักษาความมั่นคงปลอดภัยไซเบอร์', 'Adopt a cybersecurity policy and plan'),
        },
      ),
      yesNo(
        'POL_REGULATION_REVIEW',
        t(
          'หน่วยงานทบทวนกฎ ระเบียบ ที่เป็นอุปสรรคต่อการให้บริการทางดิจิทัลตามพระราชบัญญัติการปฏิบัติราชการทางอิเล็กทรอนิกส์ พ.ศ. 2565 หรือไม่',
          'Has the agency reviewed rules that hinder digital services, under the Electronic Government Administration Act B.E. 2565?',
        ),
        {
          tracks: DEPT,
          yes: mat(
            P,
            4,
            'ทบทวนและแก้ไขกฎ ระเบียบ ที่เป็นอุปสรรคต่อการให้บริการทางดิจิทัล',
            'Review and amend rules that hinder digital services',
          ),
        },
      ),
      longText(
        'POL_OBSTACLES',
        t('อุปสรรคและข้อเสนอแนะด้านนโยบายดิจิทัลของหน่วยงาน', 'Obstacles and suggestions on digital policy'),
        { tracks: BOTH },
      ),
    ]),
  ],
};
