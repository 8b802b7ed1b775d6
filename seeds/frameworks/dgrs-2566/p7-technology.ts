import {
  cell,
  crit,
  DEPT,
  has,
  indicator,
  longText,
  mat,
  matrix,
  multiple,
  none,
  opt,
  type PillarInput,
  PROV,
  pct,
  row,
  t,
  text,
  yesNo,
} from '../builders';

const P = 'P7';

const adoption = [
  opt('not_used', 'ยังไม่ใช้', 'Not used'),
  opt('pilot', 'ทดลองหรือนำร่อง', 'Pilot'),
  opt('production', 'ใช้งานจริงในบางระบบ', 'In production in some systems'),
  opt('scaled', 'ขยายผลใช้งานทั้งองค์กร', 'Scaled across the organization'),
];

export const p7Technology: PillarInput = {
  key: P,
  number: 7,
  name: t('ด้านการประยุกต์ใช้เทคโนโลยีดิจิทัล', 'Digital Technology Practices'),
  description: t(
    'การนำเทคโนโลยีดิจิทัล เช่น API การวิเคราะห์ข้อมูลขนาดใหญ่ ปัญญาประดิษฐ์ มาใช้ในการทำงานและการให้บริการ',
    'Adoption of digital technologies such as APIs, big-data analytics and AI in operations and services.',
  ),
  levelNames: [
    t('ล้าสมัย', 'Outdated'),
    t('ตามมาตรฐาน', 'Standard'),
    t('เทคโนโลยีพลิกโฉม', 'Disruptive-tech'),
    t('เทคโนโลยีชั้นนำ', 'Leading-tech'),
    t('เทคโนโลยีแห่งอนาคต', 'Future-tech'),
  ],
  // A breadth score rewards agencies for each technology in use; the AI-in-production gate keeps
  // level 4+ from being reached by ticking many pilots.
  scoring: { mode: 'hybrid', minOptionalShare: 0, cutPoints: [15, 35, 60, 85] },
  previousKey: 'P6',
  changedFromPrevious: t(
    'ตัวชี้วัดใหม่ในปี 2566 แยกจากตัวชี้วัดที่ 6 เดิม (โครงสร้างพื้นฐานและเทคโนโลยีดิจิทัล) ของปี 2565 เปรียบเทียบกับปีก่อนได้เฉพาะคำถามด้านเทคโนโลยี',
    "New in 2566, split from 2565's pillar 6 (infrastructure and digital technology); only its technology questions compare with the previous year.",
  ),
  indicators: [
    indicator('P7.1', t('การใช้เทคโนโลยีดิจิทัล', 'Technology adoption'), [
      multiple(
        'TECHNOLOGIES',
        t(
          'หน่วยงานประยุกต์ใช้เทคโนโลยีใดในการทำงานหรือการให้บริการ',
          'Which technologies does the agency use in its work or services?',
        ),
        [
          opt('cloud', 'ระบบคลาวด์ (Cloud computing)', 'Cloud computing', {
            maturity: mat(P, 2, 'ใช้บริการระบบคลาวด์ในการทำงาน', 'Use cloud services'),
          }),
          opt('gis', 'ระบบสารสนเทศภูมิศาสตร์ (GIS)', 'Geographic information systems (GIS)', {
            maturity: mat(P, 2, 'ใช้ระบบสารสนเทศภูมิศาสตร์ประกอบงาน', 'Use GIS in operations'),
          }),
          opt(
            'api',
            'การเชื่อมโยงข้อมูลผ่าน Application Programming Interface (API)',
            'Application Programming Interfaces (API)',
            {
              maturity: mat(P, 3, 'เชื่อมโยงระบบงานด้วย API', 'Connect systems through APIs', { weight: 2 }),
            },
          ),
          opt(
            'big_data',
            'การใช้โปรแกรมโดยภาษาคอมพิวเตอร์เพื่อวิเคราะห์ข้อมูลปริมาณมาก (Big data)',
            'Programmatic analysis of large data volumes (big data)',
            {
              maturity: mat(
                P,
                3,
                'วิเคราะห์ข้อมูลปริมาณมากด้วยเครื่องมือทางโปรแกรม',
                'Analyse large data volumes with programmatic tools',
                { weight: 2 },
              ),
            },
          ),
          opt('rpa', 'ระบบอัตโนมัติสำหรับงานซ้ำ ๆ (RPA)', 'Robotic process automation (RPA)', {
            maturity: mat(P, 3, 'ใช้ RPA ในงานที่ทำซ้ำ', 'Use RPA for repetitive work'),
          }),
          opt('chatbot', 'แชตบอต', 'Chatbots', {
            maturity: mat(P, 3, 'ให้บริการตอบคำถามด้วยแชตบอต', 'Answer enquiries with a chatbot'),
          }),
          opt('ai', 'ปัญญาประดิษฐ์ (AI)', 'Artificial intelligence (AI)', {
            maturity: mat(P, 4, 'ประยุกต์ใช้ปัญญาประดิษฐ์ในงานหรือบริการ', 'Apply AI in work or services', { weight: 2 }),
          }),
          opt('iot', 'อินเทอร์เน็ตของสรรพสิ่ง (IoT)', 'Internet of Things (IoT)', {
            maturity: mat(
              P,
              4,
              'ใช้อุปกรณ์ IoT เก็บข้อมูลเพื่อการทำงานหรือบริการ',
              'Use IoT devices to collect data for work or services',
            ),
          }),
          opt('blockchain', 'บล็อกเชน (Blockchain)', 'Blockchain', {
            maturity: mat(P, 5, 'ใช้บล็อกเชนในงานที่ต้องการความน่าเชื่อถือของข้อมูล', 'Use blockchain where data trust matters'),
          }),
          opt('digital_twin', 'แบบจำลองดิจิทัล (Digital twin)', 'Digital twins', {
            maturity: mat(P, 5, 'ใช้แบบจำลองดิจิทัลในการวางแผนหรือบริหารงาน', 'Use digital twins for planning or operations'),
          }),
          opt('ar_vr', 'เทคโนโลยีความจริงเสริมหรือความจริงเสมือน (AR/VR)', 'Augmented or virtual reality (AR/VR)'),
          opt('low_code', 'แพลตฟอร์มพัฒนาระบบแบบ Low-code/No-code', 'Low-code/no-code platforms'),
          none('ไม่ได้ใช้เทคโนโลยีข้างต้น', 'None of these'),
        ],
        { evidence: 'required', topics: ['technologies'] },
      ),
      matrix(
        'TECH_ADOPTION_STAGE',
        t('ระดับการใช้งานเทคโนโลยีต่อไปนี้', 'How far has each technology been adopted?'),
        [
          row('api', 'API', 'APIs'),
          row('big_data', 'การวิเคราะห์ข้อมูลขนาดใหญ่', 'Big-data analytics'),
          row('ai', 'ปัญญาประดิษฐ์', 'Artificial intelligence'),
        ],
        adoption,
        {
          criteria: [
            crit(
              'TECH_ADOPTION_STAGE.ai_production',
              mat(P, 4, 'นำปัญญาประดิษฐ์ไปใช้งานจริงในระบบงานหรือบริการ', 'Put AI into production in a system or service', {
                required: true,
                weight: 2,
              }),
              t('ใช้ AI ในระบบงานจริง', 'AI in production'),
              cell('TECH_ADOPTION_STAGE', 'ai', ['production', 'scaled']),
            ),
            crit(
              'TECH_ADOPTION_STAGE.ai_scaled',
              mat(P, 5, 'ขยายผลการใช้ปัญญาประดิษฐ์ให้ครอบคลุมทั้งองค์กร', 'Scale AI across the organization', {
                required: true,
                weight: 2,
              }),
              t('ขยายผล AI ทั้งองค์กร', 'AI scaled across the organization'),
              cell('TECH_ADOPTION_STAGE', 'ai', ['scaled']),
            ),
          ],
        },
      ),
      yesNo(
        'TECH_API_OPEN',
        t(
          'หน่วยงานเปิดให้หน่วยงานอื่นหรือภาคเอกชนเชื่อมต่อข้อมูลหรือบริการผ่าน API หรือไม่',
          'Does the agency offer APIs to other agencies or businesses?',
        ),
        {
          showIf: has('TECHNOLOGIES', 'api'),
          yes: mat(P, 4, 'เปิดให้บริการ API แก่หน่วยงานอื่นหรือภาคเอกชน', 'Offer APIs to other agencies or businesses'),
        },
      ),
      pct(
        'TECH_LEGACY_SHARE',
        t(
          'สัดส่วนระบบงานเดิม (Legacy) ที่ต้องปรับปรุงหรือทดแทน (ร้อยละ)',
          'Share of legacy systems needing upgrade or replacement (%)',
        ),
        {
          criteria: [
            crit(
              'TECH_LEGACY_SHARE.low',
              mat(
                P,
                3,
                'ปรับปรุงหรือทดแทนระบบงานเดิมจนเหลือไม่เกินร้อยละ 50',
                'Modernize legacy systems until no more than half remain',
              ),
              t('ระบบงานเดิมที่ต้องปรับปรุงหรือทดแทนไม่เกินร้อยละ 50', 'At most 50% legacy systems awaiting replacement'),
              { question: 'TECH_LEGACY_SHARE', op: 'lte', value: 50 },
            ),
          ],
        },
      ),
    ]),
    indicator('P7.2', t('การบริหารจัดการเทคโนโลยีและนวัตกรรม', 'Technology and innovation management'), [
      yesNo(
        'TECH_ROADMAP',
        t(
          'หน่วยงานมีแผนหรือแนวทางการนำเทคโนโลยีใหม่มาใช้ (Technology roadmap) หรือไม่',
          'Does the agency have a technology roadmap?',
        ),
        {
          yes: mat(P, 3, 'จัดทำแผนการนำเทคโนโลยีใหม่มาใช้', 'Adopt a technology roadmap'),
        },
      ),
      yesNo(
        'TECH_OPEN_STANDARDS',
        t(
          'หน่วยงานกำหนดให้ใช้มาตรฐานเปิดหรือซอฟต์แวร์โอเพนซอร์สเมื่อเหมาะสมหรือไม่',
          'Does the agency require open standards or open-source software where suitable?',
        ),
        {
          yes: mat(
            P,
            2,
            'กำหนดแนวทางการใช้มาตรฐานเปิดหรือซอฟต์แวร์โอเพนซอร์ส',
            'Set guidance on open standards and open-source software',
          ),
        },
      ),
      yesNo(
        'TECH_SANDBOX',
        t(
          'หน่วยงานทดลองเทคโนโลยีใหม่ร่วมกับภาคเอกชน สตาร์ทอัพ หรือสถาบันการศึกษาในรอบปีที่ผ่านมาหรือไม่',
          'Did the agency trial new technology with businesses, start-ups or universities in the past year?',
        ),
        {
          yes: mat(
            P,
            4,
            'ทดลองเทคโนโลยีใหม่ร่วมกับภาคเอกชน สตาร์ทอัพ หรือสถาบันการศึกษา',
            'Trial new technology with businesses, start-ups or universities',
          ),
        },
      ),
      yesNo(
        'TECH_AI_GOVERNANCE',
        t(
          'หน่วยงานมีแนวปฏิบัติด้านจริยธรรมและการกำกับดูแลการใช้ปัญญาประดิษฐ์หรือไม่',
          'Does the agency have AI ethics and governance guidelines?',
        ),
        {
          yes: mat(P, 5, 'กำหนดแนวปฏิบัติด้านจริยธรรมและการกำกับดูแลปัญญาประดิษฐ์', 'Adopt AI ethics and governance guidelines'),
        },
      ),
      yesNo(
        'PV_SMART_CITY',
        t(
          'จังหวัดมีพื้นที่ที่ได้รับการรับรองเป็นเมืองอัจฉริยะ (Smart City) หรือมีโครงการเมืองอัจฉริยะที่ดำเนินการแล้วหรือไม่',
          'Does the province have a certified smart city area or an operating smart city project?',
        ),
        {
          tracks: PROV,
          yes: mat(
            P,
            4,
            'ผลักดันพื้นที่ในจังหวัดให้เป็นเมืองอัจฉริยะที่ได้รับการรับรอง',
            'Develop a certified smart city area in the province',
          ),
        },
      ),
      yesNo(
        'TECH_INNOVATION_TEAM',
        t('หน่วยงานมีทีมหรือห้องปฏิบัติการนวัตกรรมดิจิทัลหรือไม่', 'Does the agency have a digital innovation team or lab?'),
        {
          tracks: DEPT,
          yes: mat(P, 4, 'จัดตั้งทีมหรือห้องปฏิบัติการนวัตกรรมดิจิทัล', 'Set up a digital innovation team or lab'),
        },
      ),
      yesNo(
        'TECH_CLOUD_NATIVE',
        t(
          'ระบบที่พัฒนาใหม่ออกแบบตามแนวทาง Cloud-native หรือ Microservices หรือไม่',
          'Are new systems designed cloud-native or as microservices?',
        ),
        {
          tracks: DEPT,
          yes: mat(P, 4, 'ออกแบบระบบใหม่ตามแนวทาง Cloud-native', 'Design new systems cloud-native'),
        },
      ),
      yesNo(
        'TECH_GENAI',
        t(
          'หน่วยงานใช้ปัญญาประดิษฐ์แบบรู้สร้าง (Generative AI) ในงาน โดยมีแนวทางการใช้อย่างปลอดภัยหรือไม่',
          'Does the agency use generative AI at work under safe-use guidelines?',
        ),
        {
          tracks: DEPT,
          yes: mat(
            P,
            5,
            'นำปัญญาประดิษฐ์แบบรู้สร้างมาใช้ในงานพร้อมแนวทางการใช้อย่างปลอดภัย',
            'Use generative AI at work with safe-use guidelines',
          ),
        },
      ),
      multiple(
        'TECH_PLANNED',
        t('เทคโนโลยีที่หน่วยงานมีแผนจะนำมาใช้ในปีถัดไป', 'Technologies the agency plans to adopt next year'),
        [
          opt('api', 'API', 'APIs'),
          opt('big_data', 'การวิเคราะห์ข้อมูลขนาดใหญ่', 'Big-data analytics'),
          opt('ai', 'ปัญญาประดิษฐ์', 'Artificial intelligence'),
          opt('generative_ai', 'ปัญญาประดิษฐ์แบบรู้สร้าง', 'Generative AI'),
          opt('iot', 'อินเทอร์เน็ตของสรรพสิ่ง', 'Internet of Things'),
          opt('blockchain', 'บล็อกเชน', 'Blockchain'),
          none('ยังไม่มีแผน', 'No plans yet'),
        ],
        { tracks: DEPT, required: false },
      ),
      pct(
        'TECH_NEW_DEV_BUDGET_SHARE',
        t(
          'สัดส่วนงบประมาณด้านเทคโนโลยีที่ใช้พัฒนาระบบใหม่ เทียบกับการบำรุงรักษาระบบเดิม (ร้อยละ)',
          'Share of technology budget spent on new development rather than maintenance (%)',
        ),
        {
          tracks: DEPT,
          required: false,
        },
      ),
      text(
        'TECH_FLAGSHIP',
        t('ชื่อโครงการด้านเทคโนโลยีดิจิทัลที่โดดเด่นของหน่วยงาน', "Name of the agency's flagship digital technology project"),
        {},
      ),
      longText(
        'TECH_RESULTS',
        t('ผลลัพธ์ที่เกิดขึ้นจากการประยุกต์ใช้เทคโนโลยีดิจิทัล', 'Results achieved with digital technology'),
        {},
      ),
    ]),
  ],
};
