import {
  all,
  atLeast,
  cell,
  crit,
  DEPT,
  indicator,
  is,
  isIn,
  type MaturityInput,
  mat,
  matrix,
  multiple,
  none,
  num,
  type OptionInput,
  opt,
  type PillarInput,
  PROV,
  pct,
  row,
  single,
  t,
  yesNo,
} from '../builders';

const P = 'P3';

/** The civil-service digital skill areas; promotion and measurement are asked against the same list. */
function skillAreas(credit: (code: string) => MaturityInput | undefined): OptionInput[] {
  const area = (code: string, th: string, en: string) => {
    const maturity = credit(code);
    return opt(code, th, en, maturity === undefined ? {} : { maturity });
  };
  return [
    area(
      'digital_literacy',
      'ความเข้าใจและใช้เทคโนโลยีดิจิทัล',
      'Digital literacy: understanding and using digital technology',
    ),
    area('digital_tools', 'การใช้เครื่องมือดิจิทัลในการปฏิบัติงาน', 'Using digital tools at work'),
    area('digital_law', 'ความเข้าใจกฎหมาย มาตรฐาน และจริยธรรมด้านดิจิทัล', 'Digital law, standards and ethics'),
    area('data_skills', 'การบริหารจัดการและวิเคราะห์ข้อมูล', 'Data management and analysis'),
    area('cybersecurity', 'ความมั่นคงปลอดภัยไซเบอร์', 'Cybersecurity'),
    area('service_design', 'การออกแบบบริการและกระบวนงานดิจิทัล', 'Digital service and process design'),
    area(
      'digital_leadership',
      'การบริหารเชิงกลยุทธ์และการนำการเปลี่ยนแปลงด้านดิจิทัล',
      'Digital strategy and leading digital change',
    ),
    none('ไม่มีการดำเนินการ', 'None'),
  ];
}

const promotionLevel: Record<string, { level: 2 | 3 | 4; th: string; en: string }> = {
  digital_literacy: {
    level: 2,
    th: 'ส่งเสริมความเข้าใจและการใช้เทคโนโลยีดิจิทัลแก่บุคลากร',
    en: 'Promote digital literacy among staff',
  },
  digital_tools: { level: 2, th: 'ส่งเสริมการใช้เครื่องมือดิจิทัลในการปฏิบัติงาน', en: 'Promote the use of digital tools at work' },
  digital_law: {
    level: 3,
    th: 'ส่งเสริมความรู้ด้านกฎหมายและมาตรฐานดิจิทัล',
    en: 'Build knowledge of digital law and standards',
  },
  data_skills: {
    level: 3,
    th: 'พัฒนาทักษะการบริหารจัดการและวิเคราะห์ข้อมูล',
    en: 'Develop data management and analysis skills',
  },
  cybersecurity: { level: 3, th: 'พัฒนาทักษะความมั่นคงปลอดภัยไซเบอร์ของบุคลากร', en: 'Develop staff cybersecurity skills' },
  service_design: {
    level: 4,
    th: 'พัฒนาทักษะการออกแบบบริการและกระบวนงานดิจิทัล',
    en: 'Develop digital service design skills',
  },
  digital_leadership: {
    level: 4,
    th: 'พัฒนาผู้บริหารด้านกลยุทธ์และการนำการเปลี่ยนแปลงด้านดิจิทัล',
    en: 'Develop leaders in digital strategy and change',
  },
};

const adequacy = [
  opt('none', 'ไม่มี', 'None'),
  opt('insufficient', 'มีแต่ไม่เพียงพอ', 'Some, not enough'),
  opt('sufficient', 'มีเพียงพอ', 'Enough'),
];

export const p3Capability: PillarInput = {
  key: P,
  number: 3,
  name: t('ด้านศักยภาพเจ้าหน้าที่ภาครัฐด้านดิจิทัล', 'Digital Capability'),
  description: t(
    'บทบาทของผู้นำในการริเริ่มรัฐบาลดิจิทัล การส่งเสริมความรู้และพัฒนาบุคลากร และทักษะด้านดิจิทัล ข้อมูล และความมั่นคงปลอดภัยไซเบอร์ของเจ้าหน้าที่',
    'Leadership of digital initiatives, staff development, and staff skills in digital technology, data and cybersecurity.',
  ),
  levelNames: [
    t('ยังขาดประสิทธิภาพ', 'Inefficient'),
    t('ขั้นพื้นฐาน', 'Elementary'),
    t('ขั้นกลาง', 'Intermediate'),
    t('มีประสิทธิผล', 'Effective'),
    t('เชี่ยวชาญด้านดิจิทัล', 'Digital savvy'),
  ],
  // Skills accumulate in many small steps and no single one gates the next: a score with cut points fits better than gates.
  scoring: { mode: 'score', cutPoints: [20, 40, 65, 85] },
  previousKey: 'P3',
  indicators: [
    indicator('P3.1', t('ผู้นำและการวางแผนพัฒนาบุคลากร', 'Leadership and workforce planning'), [
      yesNo(
        'SKILL_EXEC_TRAINING',
        t(
          'ผู้บริหารระดับสูงของหน่วยงานเข้ารับการพัฒนาด้านการนำองค์กรสู่รัฐบาลดิจิทัลในรอบปีที่ผ่านมาหรือไม่',
          'Did senior executives attend digital leadership development in the past year?',
        ),
        {
          yes: mat(
            P,
            2,
            'ส่งผู้บริหารระดับสูงเข้ารับการพัฒนาด้านการนำองค์กรสู่รัฐบาลดิจิทัล',
            'Send senior executives to digital leadership development',
          ),
        },
      ),
      yesNo(
        'SKILL_HR_PLAN',
        t('หน่วยงานมีแผนพัฒนาบุคลากรด้านดิจิทัลหรือไม่', 'Does the agency have a digital workforce development plan?'),
        {
          evidence: 'required',
          yes: mat(P, 2, 'จัดทำแผนพัฒนาบุคลากรด้านดิจิทัล', 'Adopt a digital workforce development plan', { weight: 2 }),
        },
      ),
      single(
        'SKILL_DIGITAL_UNIT',
        t('หน่วยงานมีส่วนงานที่รับผิดชอบการขับเคลื่อนด้านดิจิทัลในรูปแบบใด', 'What unit leads digital work in the agency?'),
        [
          opt('none', 'ไม่มีส่วนงานรับผิดชอบโดยตรง', 'No dedicated unit'),
          opt('it_unit', 'ศูนย์เทคโนโลยีสารสนเทศหรือส่วนงานด้านไอที', 'An IT centre or IT unit'),
          opt(
            'transformation_unit',
            'ส่วนงานขับเคลื่อนการเปลี่ยนผ่านสู่ดิจิทัลโดยเฉพาะ',
            'A dedicated digital transformation unit',
          ),
          opt(
            'cdo_office',
            'สำนักงานผู้บริหารด้านดิจิทัลหรือข้อมูล (CDO) ที่รายงานตรงต่อผู้บริหารสูงสุด',
            'A chief digital/data office reporting to the head of the agency',
          ),
        ],
        {
          tracks: DEPT,
          criteria: [
            crit(
              'SKILL_DIGITAL_UNIT.dedicated',
              mat(P, 3, 'จัดตั้งส่วนงานขับเคลื่อนการเปลี่ยนผ่านสู่ดิจิทัลโดยเฉพาะ', 'Set up a dedicated digital transformation unit'),
              t('มีส่วนงานขับเคลื่อนดิจิทัลโดยเฉพาะ', 'Dedicated digital unit'),
              isIn('SKILL_DIGITAL_UNIT', ['transformation_unit', 'cdo_office']),
            ),
          ],
        },
      ),
      yesNo(
        'SKILL_IN_RECRUITMENT',
        t(
          'หน่วยงานกำหนดทักษะด้านดิจิทัลไว้ในการสรรหาและการประเมินผลการปฏิบัติงานหรือไม่',
          'Are digital skills part of recruitment and performance appraisal?',
        ),
        {
          yes: mat(
            P,
            4,
            'กำหนดทักษะด้านดิจิทัลในการสรรหาและการประเมินผลการปฏิบัติงาน',
            'Make digital skills part of recruitment and appraisal',
          ),
        },
      ),
      matrix(
        'SKILL_WORKFORCE',
        t('หน่วยงานมีบุคลากรเฉพาะทางต่อไปนี้เพียงพอหรือไม่', 'Does the agency have enough of the following specialists?'),
        [
          row('it_staff', 'บุคลากรด้านเทคโนโลยีสารสนเทศ', 'IT staff'),
          row('data_staff', 'นักวิเคราะห์ข้อมูลหรือนักวิทยาการข้อมูล', 'Data analysts or data scientists'),
          row('security_staff', 'บุคลากรด้านความมั่นคงปลอดภัยไซเบอร์', 'Cybersecurity staff'),
        ],
        adequacy,
        {
          tracks: DEPT,
          criteria: [
            crit(
              'SKILL_WORKFORCE.data',
              mat(P, 3, 'สรรหาหรือพัฒนานักวิเคราะห์ข้อมูลของหน่วยงาน', 'Recruit or develop in-house data analysts'),
              t('มีนักวิเคราะห์ข้อมูล', 'Data analysts on staff'),
              cell('SKILL_WORKFORCE', 'data_staff', ['insufficient', 'sufficient']),
            ),
            crit(
              'SKILL_WORKFORCE.sufficient',
              mat(
                P,
                5,
                'จัดให้มีบุคลากรด้านไอที ข้อมูล และความมั่นคงปลอดภัยไซเบอร์อย่างเพียงพอ',
                'Staff IT, data and cybersecurity roles sufficiently',
                { weight: 2 },
              ),
              t('มีบุคลากรเฉพาะทางด้านดิจิทัลเพียงพอทุกด้าน', 'Enough digital specialists in every area'),
              all(
                cell('SKILL_WORKFORCE', 'it_staff', ['sufficient']),
                cell('SKILL_WORKFORCE', 'data_staff', ['sufficient']),
                cell('SKILL_WORKFORCE', 'security_staff', ['sufficient']),
              ),
            ),
          ],
        },
      ),
    ]),
    indicator('P3.2', t('การส่งเสริมและวัดผลทักษะด้านดิจิทัล', 'Promoting and measuring digital skills'), [
      multiple(
        'SKILL_PROMOTION',
        t(
          'ในรอบ 1 ปีที่ผ่านมา หน่วยงานส่งเสริมความรู้และพัฒนาทักษะด้านดิจิทัลใดให้บุคลากรบ้าง',
          'In the past year, which digital skills did the agency promote among staff?',
        ),
        skillAreas((code) => {
          const c = promotionLevel[code];
          return c === undefined ? undefined : mat(P, c.level, c.th, c.en);
        }),
        { evidence: 'required', topics: ['digital_skill_promotion'] },
      ),
      multiple(
        'SKILL_MEASUREMENT',
        t('หน่วยงานวัดผลทักษะด้านดิจิทัลของบุคลากรในด้านใดบ้าง', 'Which digital skills does the agency measure among staff?'),
        skillAreas((code) => {
          if (code === 'digital_literacy')
            return mat(P, 3, 'วัดผลความเข้าใจและการใช้เทคโนโลยีดิจิทัลของบุคลากร', 'Measure staff digital literacy');
          if (code === 'data_skills') return mat(P, 4, 'วัดผลทักษะด้านข้อมูลของบุคลากร', 'Measure staff data skills');
          if (code === 'cybersecurity')
            return mat(P, 4, 'วัดผลทักษะด้านความมั่นคงปลอดภัยไซเบอร์ของบุคลากร', 'Measure staff cybersecurity skills');
          if (code === 'digital_leadership')
            return mat(
              P,
              5,
              'วัดผลทักษะการนำการเปลี่ยนแปลงด้านดิจิทัลของผู้บริหาร',
              'Measure digital leadership skills of managers',
            );
          return undefined;
        }),
        { evidence: 'required', topics: ['digital_skill_measurement'] },
      ),
      num(
        'SKILL_TRAINING_HOURS',
        t(
          'จำนวนชั่วโมงการพัฒนาทักษะด้านดิจิทัลเฉลี่ยต่อคนในรอบปีที่ผ่านมา',
          'Average hours of digital skills development per person in the past year',
        ),
        { unit: t('ชั่วโมง', 'hours'), min: 0, max: 2000 },
        {
          criteria: [
            crit(
              'SKILL_TRAINING_HOURS.six',
              mat(
                P,
                3,
                'จัดการพัฒนาทักษะด้านดิจิทัลเฉลี่ยอย่างน้อย 6 ชั่วโมงต่อคนต่อปี',
                'Provide at least 6 hours of digital training per person per year',
              ),
              t(
                'บุคลากรได้รับการพัฒนาทักษะดิจิทัลเฉลี่ยอย่างน้อย 6 ชั่วโมงต่อคนต่อปี',
                'Digital skills training of at least 6 hours per person per year',
              ),
              atLeast('SKILL_TRAINING_HOURS', 6),
            ),
            crit(
              'SKILL_TRAINING_HOURS.eighteen',
              mat(
                P,
                5,
                'จัดการพัฒนาทักษะด้านดิจิทัลเฉลี่ยอย่างน้อย 18 ชั่วโมงต่อคนต่อปี',
                'Provide at least 18 hours of digital training per person per year',
              ),
              t(
                'บุคลากรได้รับการพัฒนาทักษะดิจิทัลเฉลี่ยอย่างน้อย 18 ชั่วโมงต่อคนต่อปี',
                'Digital skills training of at least 18 hours per person per year',
              ),
              atLeast('SKILL_TRAINING_HOURS', 18),
            ),
          ],
        },
      ),
      pct(
        'SKILL_TRAINED_SHARE',
        t(
          'สัดส่วนบุคลากรที่ได้รับการพัฒนาทักษะด้านดิจิทัลในรอบปีที่ผ่านมา (ร้อยละ)',
          'Share of staff who received digital skills development in the past year (%)',
        ),
        {
          criteria: [
            crit(
              'SKILL_TRAINED_SHARE.half',
              mat(
                P,
                3,
                'พัฒนาทักษะด้านดิจิทัลให้บุคลากรอย่างน้อยครึ่งหนึ่งของหน่วยงานในแต่ละปี',
                'Develop the digital skills of at least half the staff each year',
              ),
              t(
                'บุคลากรอย่างน้อยร้อยละ 50 ได้รับการพัฒนาทักษะดิจิทัลในรอบปี',
                'At least 50% of staff trained in digital skills this year',
              ),
              atLeast('SKILL_TRAINED_SHARE', 50),
            ),
            crit(
              'SKILL_TRAINED_SHARE.most',
              mat(
                P,
                4,
                'พัฒนาทักษะด้านดิจิทัลให้บุคลากรอย่างน้อยร้อยละ 80 ในแต่ละปี',
                'Develop the digital skills of at least 80% of staff each year',
              ),
              t(
                'บุคลากรอย่างน้อยร้อยละ 80 ได้รับการพัฒนาทักษะดิจิทัลในรอบปี',
                'At least 80% of staff trained in digital skills this year',
              ),
              atLeast('SKILL_TRAINED_SHARE', 80),
            ),
          ],
        },
      ),
      multiple(
        'PV_SKILL_AREA_STAFF',
        t(
          'จังหวัดพัฒนาทักษะด้านดิจิทัลให้บุคลากรกลุ่มใดในพื้นที่บ้าง',
          'Which groups in the province did the province train in digital skills?',
        ),
        [
          opt('provincial_staff', 'บุคลากรของส่วนราชการส่วนภูมิภาค', 'Staff of regional offices', {
            maturity: mat(
              P,
              2,
              'พัฒนาทักษะดิจิทัลให้บุคลากรส่วนราชการส่วนภูมิภาค',
              'Train regional office staff in digital skills',
            ),
          }),
          opt('district_staff', 'บุคลากรระดับอำเภอ', 'District staff', {
            maturity: mat(P, 3, 'ขยายการพัฒนาทักษะดิจิทัลไปถึงบุคลากรระดับอำเภอ', 'Extend digital training to district staff'),
          }),
          opt('local_government_staff', 'บุคลากรขององค์กรปกครองส่วนท้องถิ่น', 'Local government staff', {
            maturity: mat(P, 4, 'พัฒนาทักษะดิจิทัลร่วมกับองค์กรปกครองส่วนท้องถิ่น', 'Train local government staff jointly'),
          }),
          opt('community_leaders', 'ผู้นำชุมชนหรืออาสาสมัครดิจิทัล', 'Community leaders or digital volunteers', {
            maturity: mat(
              P,
              5,
              'สร้างเครือข่ายผู้นำชุมชนและอาสาสมัครดิจิทัลในจังหวัด',
              'Build a network of community leaders and digital volunteers',
            ),
          }),
          none(),
        ],
        { tracks: PROV },
      ),
    ]),
    indicator('P3.3', t('การประเมินตนเองด้านทักษะดิจิทัล', 'Digital skills self-assessment'), [
      yesNo(
        'SA_PARTICIPATED',
        t(
          'บุคลากรของหน่วยงานเข้าทำแบบประเมินตนเองด้านทักษะดิจิทัลผ่านเว็บไซต์ https://dg-sa.tpqi.go.th หรือไม่',
          'Did staff take the digital skills self-assessment at https://dg-sa.tpqi.go.th?',
        ),
        {
          tracks: DEPT,
          topics: ['staff_self_assessment'],
          yes: mat(
            P,
            2,
            'ให้บุคลากรเข้าทำแบบประเมินตนเองด้านทักษะดิจิทัล',
            'Have staff take the digital skills self-assessment',
          ),
        },
      ),
      num(
        'SA_STAFF_TOTAL',
        t('จำนวนบุคลากรทั้งหมดของหน่วยงาน', 'Total number of staff'),
        { unit: t('คน', 'persons'), min: 0, integer: true },
        { tracks: DEPT, topics: ['staff_self_assessment'], showIf: is('SA_PARTICIPATED', 'yes') },
      ),
      num(
        'SA_STAFF_ASSESSED',
        t('จำนวนบุคลากรที่ทำแบบประเมินตนเอง', 'Number of staff who took the self-assessment'),
        { unit: t('คน', 'persons'), min: 0, integer: true },
        { tracks: DEPT, topics: ['staff_self_assessment'], showIf: is('SA_PARTICIPATED', 'yes') },
      ),
      num(
        'SA_SAMPLE_RATIO',
        t(
          'สัดส่วนจำนวนคนที่ทำแบบประเมินตนเองต่อจำนวนตัวอย่างตามสูตร Krejcie and Morgan',
          'Ratio of staff who took the self-assessment to the Krejcie and Morgan sample size',
        ),
        { min: 0, max: 100 },
        {
          tracks: DEPT,
          topics: ['staff_self_assessment'],
          showIf: is('SA_PARTICIPATED', 'yes'),
          help: t(
            'เช่น 0.53 หมายถึงมีผู้ทำแบบประเมินร้อยละ 53 ของขนาดตัวอย่าง',
            'For example 0.53 means 53% of the sample size took it',
          ),
          criteria: [
            crit(
              'SA_SAMPLE_RATIO.half',
              mat(
                P,
                3,
                'ให้บุคลากรทำแบบประเมินตนเองอย่างน้อยครึ่งหนึ่งของขนาดตัวอย่าง',
                'Get at least half the sample size to take the self-assessment',
              ),
              t(
                'ผู้ทำแบบประเมินตนเองด้านทักษะดิจิทัลอย่างน้อยครึ่งหนึ่งของขนาดตัวอย่าง',
                'Skills self-assessment taken by at least half the sample size',
              ),
              atLeast('SA_SAMPLE_RATIO', 0.5),
            ),
            crit(
              'SA_SAMPLE_RATIO.full',
              mat(
                P,
                4,
                'ให้บุคลากรทำแบบประเมินตนเองครบตามขนาดตัวอย่าง',
                'Get the full sample size to take the self-assessment',
              ),
              t('ผู้ทำแบบประเมินตนเองด้านทักษะดิจิทัลครบตามขนาดตัวอย่าง', 'Skills self-assessment taken by the full sample size'),
              atLeast('SA_SAMPLE_RATIO', 1),
            ),
          ],
        },
      ),
      num(
        'SA_AVG_SCORE',
        t(
          'คะแนนเฉลี่ยของบุคลากรที่ทำแบบประเมินตนเอง (เต็ม 100)',
          'Average self-assessment score of participating staff (out of 100)',
        ),
        { unit: t('คะแนน', 'points'), min: 0, max: 100 },
        {
          tracks: DEPT,
          topics: ['staff_self_assessment'],
          showIf: is('SA_PARTICIPATED', 'yes'),
          criteria: [
            crit(
              'SA_AVG_SCORE.sixty',
              mat(
                P,
                4,
                'ยกระดับทักษะจนคะแนนประเมินตนเองเฉลี่ยอย่างน้อย 60 คะแนน',
                'Raise skills to an average self-assessment score of at least 60',
              ),
              t('คะแนนเฉลี่ยการประเมินตนเองด้านทักษะดิจิทัลอย่างน้อย 60', 'Average skills self-assessment score at least 60'),
              atLeast('SA_AVG_SCORE', 60),
            ),
            crit(
              'SA_AVG_SCORE.seventyfive',
              mat(
                P,
                5,
                'ยกระดับทักษะจนคะแนนประเมินตนเองเฉลี่ยอย่างน้อย 75 คะแนน',
                'Raise skills to an average self-assessment score of at least 75',
                { weight: 2 },
              ),
              t('คะแนนเฉลี่ยการประเมินตนเองด้านทักษะดิจิทัลอย่างน้อย 75', 'Average skills self-assessment score at least 75'),
              atLeast('SA_AVG_SCORE', 75),
            ),
          ],
        },
      ),
      multiple(
        'SA_RESULTS_USE',
        t('หน่วยงานนำผลการประเมินตนเองไปใช้อย่างไร', 'How does the agency use the self-assessment results?'),
        [
          opt('individual_plan', 'จัดทำแผนพัฒนารายบุคคล (IDP)', 'Individual development plans (IDP)', {
            maturity: mat(
              P,
              4,
              'นำผลการประเมินตนเองไปจัดทำแผนพัฒนารายบุคคล',
              'Turn self-assessment results into individual development plans',
            ),
          }),
          opt('course_design', 'ออกแบบหลักสูตรการพัฒนา', 'Designing training courses', {
            maturity: mat(
              P,
              4,
              'ออกแบบหลักสูตรตามช่องว่างทักษะที่พบจากการประเมิน',
              'Design courses around the skill gaps found',
            ),
          }),
          opt('appraisal', 'ประกอบการประเมินผลการปฏิบัติงาน', 'Performance appraisal', {
            maturity: mat(
              P,
              5,
              'เชื่อมโยงผลการประเมินทักษะกับการประเมินผลการปฏิบัติงาน',
              'Link skill results to performance appraisal',
            ),
          }),
          none('ยังไม่ได้นำไปใช้', 'Not used yet'),
        ],
        { tracks: DEPT, showIf: is('SA_PARTICIPATED', 'yes') },
      ),
    ]),
    indicator('P3.4', t('วัฒนธรรมการเรียนรู้ด้านดิจิทัล', 'Digital learning culture'), [
      multiple(
        'SKILL_KNOWLEDGE_SHARING',
        t('หน่วยงานมีกลไกแลกเปลี่ยนเรียนรู้ด้านดิจิทัลใดบ้าง', 'Which digital knowledge-sharing mechanisms does the agency have?'),
        [
          opt('km_platform', 'ระบบจัดการความรู้ออนไลน์', 'An online knowledge management system', {
            maturity: mat(P, 3, 'จัดทำระบบจัดการความรู้ด้านดิจิทัลออนไลน์', 'Run an online digital knowledge base'),
          }),
          opt('community_of_practice', 'ชุมชนนักปฏิบัติ (CoP) ด้านดิจิทัล', 'A digital community of practice', {
            maturity: mat(P, 4, 'จัดตั้งชุมชนนักปฏิบัติด้านดิจิทัล', 'Start a digital community of practice'),
          }),
          opt('internal_trainers', 'วิทยากรภายในด้านดิจิทัล', 'In-house digital trainers', {
            maturity: mat(P, 4, 'พัฒนาวิทยากรภายในด้านดิจิทัล', 'Develop in-house digital trainers'),
          }),
          opt('innovation_contest', 'การประกวดนวัตกรรมภายในหน่วยงาน', 'Internal innovation contests', {
            maturity: mat(
              P,
              5,
              'จัดการประกวดนวัตกรรมดิจิทัลภายในหน่วยงานเป็นประจำ',
              'Hold regular internal digital innovation contests',
            ),
          }),
          none(),
        ],
      ),
      yesNo(
        'SKILL_ONLINE_LEARNING',
        t(
          'บุคลากรเข้าถึงแหล่งเรียนรู้ด้านดิจิทัลออนไลน์ เช่น TDGA Academy หรือ OCSC Learning Space ได้อย่างสะดวกหรือไม่',
          'Can staff readily use online digital learning such as TDGA Academy or OCSC Learning Space?',
        ),
        { yes: mat(P, 2, 'จัดให้บุคลากรเข้าถึงแหล่งเรียนรู้ด้านดิจิทัลออนไลน์', 'Give staff access to online digital learning') },
      ),
      num(
        'SKILL_BUDGET_PER_PERSON',
        t('งบประมาณพัฒนาทักษะด้านดิจิทัลเฉลี่ยต่อคนต่อปี', 'Yearly digital skills budget per person'),
        { unit: t('บาท', 'baht'), min: 0 },
        { tracks: DEPT, required: false },
      ),
      num(
        'SKILL_CERTIFIED_STAFF',
        t(
          'จำนวนบุคลากรที่ได้รับประกาศนียบัตรวิชาชีพด้านดิจิทัล (เช่น ด้านคลาวด์ ข้อมูล ความมั่นคงปลอดภัย)',
          'Number of staff holding professional digital certifications (cloud, data, security, ...)',
        ),
        { unit: t('คน', 'persons'), min: 0, integer: true },
        { tracks: DEPT, required: false },
      ),
    ]),
  ],
};
