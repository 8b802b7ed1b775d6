import {
  all,
  atLeast,
  cell,
  crit,
  DEPT,
  indicator,
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

const P = 'P5';

const usage = [
  opt('not_used', 'ยังไม่ใช้', 'Not used'),
  opt('partial', 'ใช้บางส่วนงาน', 'Used by some units'),
  opt('full', 'ใช้ทั้งหน่วยงาน', 'Used agency-wide'),
  opt('integrated', 'ใช้ทั้งหน่วยงานและเชื่อมโยงกับระบบอื่น', 'Agency-wide and integrated with other systems'),
];

export const p5BackOffice: PillarInput = {
  key: P,
  number: 5,
  name: t('ด้านการบริหารจัดการภายในอัจฉริยะ', 'Smart Back Office'),
  description: t(
    'การใช้ระบบดิจิทัลในงานสารบรรณ การประชุม การเงิน บุคลากร และการบริหารงานภายใน รวมถึงการปรับปรุงกระบวนงานด้วยดิจิทัล',
    'Digital systems for correspondence, meetings, finance, HR and internal management, and digital process redesign.',
  ),
  levelNames: [
    t('ขั้นพื้นฐาน', 'Basic'),
    t('มีการประสานงานกัน', 'Co-ordinated'),
    t('เป็นดิจิทัล', 'Digital'),
    t('เชิงกลยุทธ์', 'Strategic'),
    t('พลิกโฉมองค์กร', 'Transformational'),
  ],
  // Back-office systems are adopted piecemeal in any order, so breadth of adoption (a score) is the fair measure.
  scoring: { mode: 'score', cutPoints: [20, 40, 65, 85] },
  previousKey: 'P5',
  indicators: [
    indicator('P5.1', t('ระบบงานภายในดิจิทัล', 'Digital internal systems'), [
      matrix(
        'BO_SYSTEMS',
        t('ระดับการใช้ระบบงานภายในต่อไปนี้', 'How far are the following internal systems used?'),
        [
          row('e_document', 'ระบบสารบรรณอิเล็กทรอนิกส์', 'Electronic correspondence (e-Saraban)'),
          row('e_meeting', 'ระบบการประชุมอิเล็กทรอนิกส์', 'Electronic meetings'),
          row('e_signature', 'ลายมือชื่ออิเล็กทรอนิกส์', 'Electronic signatures'),
          row('hr', 'ระบบบริหารทรัพยากรบุคคล', 'Human resources system'),
          row('finance', 'ระบบการเงิน บัญชี และพัสดุ', 'Finance, accounting and procurement system'),
          row('knowledge', 'ระบบจัดการความรู้', 'Knowledge management system'),
        ],
        usage,
        {
          criteria: [
            crit(
              'BO_SYSTEMS.e_document',
              mat(
                P,
                2,
                'ใช้ระบบสารบรรณอิเล็กทรอนิกส์ในการรับส่งหนังสือราชการ',
                'Use electronic correspondence for official letters',
                { weight: 2 },
              ),
              t('ใช้ระบบสารบรรณอิเล็กทรอนิกส์', 'Electronic correspondence in use'),
              cell('BO_SYSTEMS', 'e_document', ['partial', 'full', 'integrated']),
            ),
            crit(
              'BO_SYSTEMS.e_meeting',
              mat(P, 2, 'จัดการประชุมผ่านสื่ออิเล็กทรอนิกส์', 'Hold meetings electronically'),
              t('ใช้ระบบการประชุมอิเล็กทรอนิกส์', 'Electronic meetings in use'),
              cell('BO_SYSTEMS', 'e_meeting', ['partial', 'full', 'integrated']),
            ),
            crit(
              'BO_SYSTEMS.e_signature',
              mat(P, 3, 'ใช้ลายมือชื่ออิเล็กทรอนิกส์ทั้งหน่วยงาน', 'Use electronic signatures agency-wide', { weight: 2 }),
              t('ใช้ลายมือชื่ออิเล็กทรอนิกส์ทั้งหน่วยงาน', 'Electronic signatures agency-wide'),
              cell('BO_SYSTEMS', 'e_signature', ['full', 'integrated']),
            ),
            crit(
              'BO_SYSTEMS.agency_wide',
              mat(
                P,
                3,
                'ขยายการใช้ระบบสารบรรณ การเงิน และบุคลากรให้ครอบคลุมทั้งหน่วยงาน',
                'Roll out correspondence, finance and HR systems agency-wide',
              ),
              t('ระบบหลักใช้ทั้งหน่วยงาน', 'Core systems used agency-wide'),
              all(
                cell('BO_SYSTEMS', 'e_document', ['full', 'integrated']),
                cell('BO_SYSTEMS', 'finance', ['full', 'integrated']),
                cell('BO_SYSTEMS', 'hr', ['full', 'integrated']),
              ),
            ),
            crit(
              'BO_SYSTEMS.integrated',
              mat(
                P,
                4,
                'เชื่อมโยงระบบบุคลากรและระบบการเงินเข้ากับระบบงานอื่น',
                'Integrate HR and finance systems with other systems',
                { weight: 2 },
              ),
              t('ระบบบุคลากรและการเงินเชื่อมโยงกัน', 'HR and finance integrated'),
              all(cell('BO_SYSTEMS', 'hr', ['integrated']), cell('BO_SYSTEMS', 'finance', ['integrated'])),
            ),
          ],
        },
      ),
      pct(
        'BO_PAPERLESS_SHARE',
        t(
          'สัดส่วนหนังสือราชการที่รับส่งทางอิเล็กทรอนิกส์ (ร้อยละ)',
          'Share of official letters sent and received electronically (%)',
        ),
        {
          criteria: [
            crit(
              'BO_PAPERLESS_SHARE.half',
              mat(
                P,
                3,
                'รับส่งหนังสือราชการทางอิเล็กทรอนิกส์อย่างน้อยร้อยละ 50',
                'Send and receive at least 50% of official letters electronically',
              ),
              t(
                'รับส่งหนังสือราชการทางอิเล็กทรอนิกส์อย่างน้อยร้อยละ 50',
                'At least 50% of official letters sent and received electronically',
              ),
              atLeast('BO_PAPERLESS_SHARE', 50),
            ),
            crit(
              'BO_PAPERLESS_SHARE.most',
              mat(
                P,
                4,
                'รับส่งหนังสือราชการทางอิเล็กทรอนิกส์อย่างน้อยร้อยละ 90',
                'Send and receive at least 90% of official letters electronically',
              ),
              t(
                'รับส่งหนังสือราชการทางอิเล็กทรอนิกส์อย่างน้อยร้อยละ 90',
                'At least 90% of official letters sent and received electronically',
              ),
              atLeast('BO_PAPERLESS_SHARE', 90),
            ),
          ],
        },
      ),
      yesNo(
        'BO_SARABAN_LINKED',
        t(
          'ระบบสารบรรณของหน่วยงานเชื่อมต่อกับระบบของหน่วยงานอื่นเพื่อรับส่งหนังสือราชการได้โดยตรงหรือไม่',
          'Is the correspondence system linked to other agencies for direct exchange of official letters?',
        ),
        { yes: mat(P, 3, 'เชื่อมต่อระบบสารบรรณกับหน่วยงานอื่น', 'Link the correspondence system with other agencies') },
      ),
      single(
        'BO_RECORDS',
        t('การจัดเก็บเอกสารและจดหมายเหตุของหน่วยงานอยู่ในสถานะใด', 'What is the status of records and archives management?'),
        [
          opt('paper', 'จัดเก็บในรูปแบบกระดาษเป็นหลัก', 'Mainly on paper'),
          opt('scanning', 'สแกนเอกสารเก็บเป็นไฟล์', 'Scanned to files'),
          opt('e_records', 'มีระบบจัดเก็บเอกสารอิเล็กทรอนิกส์ที่สืบค้นได้', 'A searchable electronic records system'),
          opt(
            'e_archive',
            'มีระบบจดหมายเหตุอิเล็กทรอนิกส์ตามมาตรฐานการเก็บรักษาระยะยาว',
            'An electronic archive meeting long-term preservation standards',
          ),
        ],
        {
          criteria: [
            crit(
              'BO_RECORDS.e_records',
              mat(P, 3, 'จัดทำระบบจัดเก็บเอกสารอิเล็กทรอนิกส์ที่สืบค้นได้', 'Set up a searchable electronic records system'),
              t('มีระบบเอกสารอิเล็กทรอนิกส์', 'Electronic records system'),
              isIn('BO_RECORDS', ['e_records', 'e_archive']),
            ),
            crit(
              'BO_RECORDS.e_archive',
              mat(
                P,
                5,
                'จัดทำระบบจดหมายเหตุอิเล็กทรอนิกส์ตามมาตรฐานการเก็บรักษาระยะยาว',
                'Set up a standards-based electronic archive',
              ),
              t('มีระบบจดหมายเหตุอิเล็กทรอนิกส์', 'Electronic archive'),
              isIn('BO_RECORDS', ['e_archive']),
            ),
          ],
        },
      ),
      yesNo(
        'BO_E_PROCUREMENT',
        t(
          'หน่วยงานดำเนินการจัดซื้อจัดจ้างผ่านระบบการจัดซื้อจัดจ้างภาครัฐทางอิเล็กทรอนิกส์ (e-GP) ครบทุกขั้นตอนที่ระบบรองรับหรือไม่',
          'Does the agency run procurement through every step the e-GP system supports?',
        ),
        {
          tracks: DEPT,
          allowNotApplicable: true,
          yes: mat(P, 2, 'ดำเนินการจัดซื้อจัดจ้างผ่านระบบ e-GP ครบทุกขั้นตอน', 'Run procurement through every e-GP step'),
        },
      ),
      yesNo(
        'BO_ASSET_SYSTEM',
        t('หน่วยงานมีระบบทะเบียนครุภัณฑ์และทรัพย์สินอิเล็กทรอนิกส์หรือไม่', 'Does the agency keep an electronic asset register?'),
        {
          yes: mat(P, 3, 'จัดทำระบบทะเบียนครุภัณฑ์และทรัพย์สินอิเล็กทรอนิกส์', 'Keep an electronic asset register'),
        },
      ),
      num(
        'BO_APPROVAL_DAYS',
        t('ระยะเวลาเฉลี่ยในการอนุมัติเรื่องภายในทั่วไป', 'Average time to approve a routine internal request'),
        { unit: t('วัน', 'days'), min: 0, max: 365 },
        { tracks: DEPT, required: false },
      ),
      yesNo(
        'BO_REMOTE_WORK',
        t(
          'หน่วยงานมีระบบและระเบียบรองรับการปฏิบัติงานจากภายนอกสำนักงานหรือไม่',
          'Do systems and rules support working away from the office?',
        ),
        {
          yes: mat(P, 3, 'จัดระบบและระเบียบรองรับการปฏิบัติงานจากภายนอกสำนักงาน', 'Provide systems and rules for remote work'),
        },
      ),
      yesNo(
        'BO_HR_SELF_SERVICE',
        t(
          'บุคลากรทำธุรกรรมด้านบุคคล เช่น การลา การเบิกจ่าย ผ่านระบบบริการตนเองได้หรือไม่',
          'Can staff handle HR transactions such as leave and claims through self-service?',
        ),
        {
          tracks: DEPT,
          yes: mat(P, 3, 'เปิดให้บุคลากรทำธุรกรรมด้านบุคคลผ่านระบบบริการตนเอง', 'Offer HR self-service to staff'),
        },
      ),
      multiple(
        'PV_SHARED_SYSTEMS',
        t(
          'จังหวัดมีระบบงานที่ใช้ร่วมกันระหว่างส่วนราชการในจังหวัดใดบ้าง',
          'Which systems are shared among government offices in the province?',
        ),
        [
          opt('shared_saraban', 'ระบบสารบรรณกลางของจังหวัด', 'Provincial shared correspondence system', {
            maturity: mat(P, 2, 'ใช้ระบบสารบรรณกลางร่วมกันในจังหวัด', 'Share one correspondence system across the province'),
          }),
          opt('shared_meeting', 'ระบบการประชุมอิเล็กทรอนิกส์ของจังหวัด', 'Provincial e-meeting system', {
            maturity: mat(
              P,
              3,
              'ใช้ระบบการประชุมอิเล็กทรอนิกส์ร่วมกันในจังหวัด',
              'Share an e-meeting system across the province',
            ),
          }),
          opt('provincial_dashboard', 'แดชบอร์ดติดตามผลการดำเนินงานของจังหวัด', 'Provincial performance dashboard', {
            maturity: mat(P, 4, 'จัดทำแดชบอร์ดติดตามผลการดำเนินงานของจังหวัด', 'Build a provincial performance dashboard'),
          }),
          opt('shared_helpdesk', 'ศูนย์ช่วยเหลือด้านไอทีร่วมของจังหวัด', 'Shared provincial IT help desk'),
          none(),
        ],
        { tracks: PROV },
      ),
    ]),
    indicator('P5.2', t('การปรับปรุงกระบวนงานและการบริหารเชิงกลยุทธ์', 'Process redesign and strategic management'), [
      yesNo(
        'BO_PROCESS_REDESIGN',
        t(
          'ในรอบปีที่ผ่านมา หน่วยงานปรับปรุงกระบวนงานภายในโดยใช้เทคโนโลยีดิจิทัลเพื่อลดขั้นตอนหรือระยะเวลาหรือไม่',
          'In the past year, did the agency redesign internal processes with digital technology to cut steps or time?',
        ),
        {
          evidence: 'required',
          yes: mat(
            P,
            4,
            'ปรับปรุงกระบวนงานภายในด้วยเทคโนโลยีดิจิทัลเพื่อลดขั้นตอนและระยะเวลา',
            'Redesign internal processes digitally to cut steps and time',
            { weight: 2 },
          ),
        },
      ),
      multiple(
        'BO_AUTOMATION',
        t('หน่วยงานใช้ระบบอัตโนมัติในงานภายในรูปแบบใดบ้าง', 'Which kinds of automation does the agency use internally?'),
        [
          opt('workflow', 'ระบบสายงานอนุมัติอัตโนมัติ (Workflow)', 'Automated approval workflows', {
            maturity: mat(P, 3, 'ใช้ระบบสายงานอนุมัติอัตโนมัติ', 'Automate approval workflows'),
          }),
          opt('rpa', 'ระบบอัตโนมัติสำหรับงานซ้ำ ๆ (RPA)', 'Robotic process automation (RPA)', {
            maturity: mat(P, 4, 'ใช้ RPA ลดงานซ้ำ ๆ ในงานสนับสนุน', 'Use RPA to remove repetitive support work'),
          }),
          opt('internal_chatbot', 'แชตบอตตอบคำถามภายใน', 'Internal chatbot', {
            maturity: mat(P, 5, 'ใช้แชตบอตตอบคำถามด้านงานสนับสนุนภายใน', 'Use a chatbot for internal support questions'),
          }),
          none(),
        ],
      ),
      yesNo(
        'BO_EXEC_DASHBOARD',
        t(
          'ผู้บริหารติดตามผลการดำเนินงานผ่านแดชบอร์ดที่ปรับปรุงข้อมูลอัตโนมัติหรือไม่',
          'Do executives follow performance on automatically updated dashboards?',
        ),
        {
          yes: mat(
            P,
            4,
            'จัดทำแดชบอร์ดติดตามผลการดำเนินงานที่ปรับปรุงข้อมูลอัตโนมัติ',
            'Provide automatically updated performance dashboards',
          ),
        },
      ),
      yesNo(
        'BO_INTEROP_STANDARD',
        t(
          'ระบบงานภายในใช้มาตรฐานการเชื่อมโยงข้อมูลภาครัฐ (TH e-GIF) หรือไม่',
          'Do internal systems follow the government interoperability framework (TH e-GIF)?',
        ),
        {
          tracks: DEPT,
          yes: mat(P, 4, 'พัฒนาระบบงานภายในตามมาตรฐาน TH e-GIF', 'Build internal systems to TH e-GIF'),
        },
      ),
      yesNo(
        'BO_RESOURCE_ANALYTICS',
        t(
          'หน่วยงานใช้ข้อมูลจากระบบงานภายในวิเคราะห์เพื่อวางแผนกำลังคน งบประมาณ และทรัพยากรหรือไม่',
          'Does the agency analyse internal system data to plan staff, budget and resources?',
        ),
        {
          yes: mat(
            P,
            5,
            'วิเคราะห์ข้อมูลจากระบบงานภายในเพื่อวางแผนกำลังคน งบประมาณ และทรัพยากร',
            'Plan staff, budget and resources from internal system data',
            { weight: 2 },
          ),
        },
      ),
      num(
        'BO_SAVINGS',
        t(
          'ประมาณการค่าใช้จ่ายที่ประหยัดได้จากการปรับปรุงงานภายในด้วยดิจิทัลในรอบปี',
          'Estimated yearly savings from digital back-office improvements',
        ),
        { unit: t('บาท', 'baht'), min: 0 },
        { tracks: DEPT, required: false },
      ),
      longText(
        'BO_SHOWCASE',
        t('อธิบายตัวอย่างการปรับเปลี่ยนงานภายในด้วยดิจิทัลที่โดดเด่น', 'Describe a notable digital change in internal work'),
        {},
      ),
    ]),
  ],
};
