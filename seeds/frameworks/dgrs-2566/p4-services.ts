import {
  atLeast,
  crit,
  DEPT,
  has,
  hasAny,
  indicator,
  is,
  isIn,
  mat,
  multiple,
  none,
  num,
  opt,
  otherSpecify,
  type PillarInput,
  PROV,
  pct,
  type QuestionInput,
  reason,
  single,
  t,
  yesNo,
} from '../builders';

const P = 'P4';

const hasServices = is('SVC_HAS_PUBLIC_SERVICES', 'yes');

/** Four counts of the same shape: digital vs all core-service transactions, this year vs last. */
const transactionQuestions: QuestionInput[] = (
  [
    [
      'TX_DIGITAL_THIS_YEAR',
      'ปริมาณธุรกรรมบริการหลักที่ดำเนินการผ่านช่องทางดิจิทัล ปีปัจจุบัน',
      'Core-service transactions through digital channels, this year',
    ],
    ['TX_TOTAL_THIS_YEAR', 'ปริมาณธุรกรรมบริการหลักทั้งหมด ปีปัจจุบัน', 'All core-service transactions, this year'],
    [
      'TX_DIGITAL_LAST_YEAR',
      'ปริมาณธุรกรรมบริการหลักที่ดำเนินการผ่านช่องทางดิจิทัล ปีก่อนหน้า',
      'Core-service transactions through digital channels, last year',
    ],
    ['TX_TOTAL_LAST_YEAR', 'ปริมาณธุรกรรมบริการหลักทั้งหมด ปีก่อนหน้า', 'All core-service transactions, last year'],
  ] as const
).map(([code, th, en]) =>
  num(
    code,
    t(th, en),
    { unit: t('ธุรกรรม', 'transactions'), min: 0, integer: true },
    {
      tracks: DEPT,
      topics: ['transaction_volumes'],
      // Policy and regulatory bodies may have no public-facing service at all.
      allowNotApplicable: true,
      help: t(
        'นับตามปีงบประมาณ หากไม่ทราบจำนวนให้ระบุว่าไม่เกี่ยวข้องพร้อมเหตุผล',
        'Count by fiscal year; if unknown, mark not applicable and explain',
      ),
    },
  ),
);

export const p4Services: PillarInput = {
  key: P,
  number: 4,
  name: t('ด้านบริการภาครัฐ', 'Public Services'),
  description: t(
    'การให้บริการดิจิทัลแก่ประชาชนและภาคธุรกิจ การเชื่อมต่อแพลตฟอร์มกลาง การออกแบบบริการสำหรับกลุ่มเปราะบาง และการมีส่วนร่วมของประชาชน',
    'Digital services to citizens and businesses, connection to central platforms, inclusive design for vulnerable groups and public participation.',
  ),
  levelNames: [
    t('ตอบสนองตามคำขอ', 'Reactive'),
    t('ให้บริการผ่านตัวกลาง', 'Intermediated'),
    t('ให้บริการเชิงรุก', 'Proactive'),
    t('บริการที่ผสานในชีวิตประจำวัน', 'Embedded'),
    t('บริการเชิงคาดการณ์', 'Predictive'),
  ],
  // Services vary so much between agencies that a score rewards breadth, while a few gates (end-to-end
  // digital service, platform connection) keep the upper levels meaning the same thing everywhere.
  scoring: { mode: 'hybrid', minOptionalShare: 0, cutPoints: [15, 35, 60, 85] },
  previousKey: 'P4',
  indicators: [
    indicator('P4.1', t('บริการดิจิทัล', 'Digital services'), [
      yesNo(
        'SVC_HAS_PUBLIC_SERVICES',
        t(
          'หน่วยงานมีบริการที่ให้แก่ประชาชนหรือภาคธุรกิจโดยตรงหรือไม่',
          'Does the agency provide services directly to citizens or businesses?',
        ),
      ),
      yesNo(
        'SVC_REGISTERED',
        t(
          'หน่วยงานเผยแพร่คู่มือสำหรับประชาชนของทุกบริการบนศูนย์รวมข้อมูลเพื่อติดต่อราชการ (info.go.th) แล้วหรือไม่',
          'Has the agency published citizen guides for all its services on the government services information centre (info.go.th)?',
        ),
        {
          showIf: hasServices,
          yes: mat(
            P,
            2,
            'เผยแพร่คู่มือสำหรับประชาชนของทุกบริการบน info.go.th',
            'Publish citizen guides for every service on info.go.th',
          ),
        },
      ),
      yesNo(
        'SVC_COMPLAINTS_ONLINE',
        t('ผู้รับบริการร้องเรียนและติดตามผลการร้องเรียนทางออนไลน์ได้หรือไม่', 'Can users file and track complaints online?'),
        {
          yes: mat(P, 2, 'เปิดช่องทางร้องเรียนและติดตามผลทางออนไลน์', 'Open an online channel to file and track complaints'),
        },
      ),
      yesNo(
        'SVC_USER_RESEARCH',
        t(
          'หน่วยงานศึกษาประสบการณ์ผู้รับบริการ (เช่น Customer journey) ก่อนออกแบบหรือปรับปรุงบริการหรือไม่',
          'Does the agency research user experience (e.g. customer journeys) before designing or improving services?',
        ),
        {
          showIf: hasServices,
          yes: mat(P, 4, 'ศึกษาประสบการณ์ผู้รับบริการก่อนออกแบบบริการ', 'Research user journeys before designing services'),
        },
      ),
      num(
        'SVC_CORE_COUNT',
        t('จำนวนบริการหลักของหน่วยงาน', 'Number of core services'),
        { unit: t('บริการ', 'services'), min: 0, max: 10000, integer: true },
        { showIf: hasServices },
      ),
      single(
        'SVC_DIGITAL_STAGE',
        t('บริการหลักส่วนใหญ่ของหน่วยงานให้บริการทางดิจิทัลถึงขั้นใด', 'How far are most core services delivered digitally?'),
        [
          opt('info_only', 'เผยแพร่ข้อมูลบริการทางออนไลน์เท่านั้น', 'Service information online only'),
          opt('download_forms', 'ดาวน์โหลดแบบฟอร์มได้', 'Forms can be downloaded'),
          opt('online_request', 'ยื่นคำขอทางออนไลน์ได้บางขั้นตอน', 'Some steps can be done online'),
          opt('end_to_end', 'ให้บริการทางดิจิทัลตลอดกระบวนการ (end-to-end)', 'Fully digital end to end'),
          opt('proactive', 'ให้บริการเชิงรุกโดยประชาชนไม่ต้องร้องขอ', 'Delivered proactively without an application'),
        ],
        {
          showIf: hasServices,
          evidence: 'required',
          criteria: [
            crit(
              'SVC_DIGITAL_STAGE.forms',
              mat(P, 2, 'เผยแพร่แบบฟอร์มและขั้นตอนการรับบริการทางออนไลน์', 'Put service forms and procedures online'),
              t('บริการดาวน์โหลดแบบฟอร์มได้เป็นอย่างน้อย', 'Services offer downloadable forms or better'),
              isIn('SVC_DIGITAL_STAGE', ['download_forms', 'online_request', 'end_to_end', 'proactive']),
            ),
            crit(
              'SVC_DIGITAL_STAGE.online',
              mat(P, 3, 'เปิดให้ยื่นคำขอรับบริการทางออนไลน์', 'Accept service applications online', { weight: 2 }),
              t('บริการยื่นคำขอทางออนไลน์ได้เป็นอย่างน้อย', 'Services take online applications or better'),
              isIn('SVC_DIGITAL_STAGE', ['online_request', 'end_to_end', 'proactive']),
            ),
            crit(
              'SVC_DIGITAL_STAGE.end_to_end',
              mat(P, 4, 'ปรับบริการหลักให้ดำเนินการทางดิจิทัลได้ตลอดกระบวนการ', 'Make core services digital end to end', {
                required: true,
                weight: 2,
              }),
              t('บริการดิจิทัลตลอดกระบวนการ', 'End-to-end digital services'),
              isIn('SVC_DIGITAL_STAGE', ['end_to_end', 'proactive']),
            ),
            crit(
              'SVC_DIGITAL_STAGE.proactive',
              mat(P, 5, 'พัฒนาบริการเชิงรุกที่ประชาชนไม่ต้องยื่นคำขอ', 'Deliver services proactively, without an application', {
                required: true,
                weight: 2,
              }),
              t('บริการดิจิทัลเชิงรุก', 'Proactive digital services'),
              is('SVC_DIGITAL_STAGE', 'proactive'),
            ),
          ],
        },
      ),
      multiple(
        'SVC_CHANNELS',
        t('ช่องทางการให้บริการดิจิทัลของหน่วยงาน', 'Digital service channels'),
        [
          opt('website', 'เว็บไซต์', 'Website', {
            maturity: mat(P, 2, 'ให้บริการผ่านเว็บไซต์ของหน่วยงาน', 'Offer services on the agency website'),
          }),
          opt('mobile_app', 'แอปพลิเคชันบนมือถือ', 'Mobile app', {
            maturity: mat(P, 3, 'ให้บริการผ่านแอปพลิเคชันบนมือถือ', 'Offer services through a mobile app'),
          }),
          opt('line_oa', 'LINE Official Account หรือแชตบอต', 'LINE Official Account or chatbot', {
            maturity: mat(P, 3, 'ให้บริการผ่าน LINE OA หรือแชตบอต', 'Offer services through LINE OA or a chatbot'),
          }),
          opt('kiosk', 'ตู้บริการอัตโนมัติ (Kiosk)', 'Self-service kiosks'),
          opt(
            'central_portal',
            'แพลตฟอร์มกลางภาครัฐ เช่น แอปพลิเคชันทางรัฐ',
            'Central government platforms such as the Tang Rat app',
          ),
          none('ไม่มีช่องทางดิจิทัล', 'No digital channel'),
        ],
        { showIf: hasServices },
      ),
      yesNo(
        'SVC_E_PAYMENT',
        t('หน่วยงานรับชำระค่าธรรมเนียมหรือค่าบริการทางอิเล็กทรอนิกส์หรือไม่', 'Does the agency accept electronic payment of fees?'),
        {
          showIf: hasServices,
          allowNotApplicable: true,
          yes: mat(P, 3, 'เปิดรับชำระค่าธรรมเนียมทางอิเล็กทรอนิกส์', 'Accept fees electronically'),
        },
      ),
      yesNo(
        'SVC_NO_COPIES',
        t(
          'หน่วยงานยกเลิกการเรียกสำเนาเอกสารที่ทางราชการออกให้จากประชาชน โดยใช้การเชื่อมโยงข้อมูลแทนหรือไม่',
          'Has the agency stopped asking citizens for copies of government-issued documents, using data links instead?',
        ),
        {
          showIf: hasServices,
          evidence: 'required',
          yes: mat(
            P,
            4,
            'ยกเลิกการเรียกสำเนาเอกสารราชการโดยเชื่อมโยงข้อมูลกับหน่วยงานเจ้าของข้อมูล',
            'Stop requiring copies of government documents by linking data with the issuing agency',
          ),
        },
      ),
      pct('SVC_SATISFACTION', t('ระดับความพึงพอใจของผู้รับบริการดิจิทัล (ร้อยละ)', 'Satisfaction with digital services (%)'), {
        showIf: hasServices,
        required: false,
        criteria: [
          crit(
            'SVC_SATISFACTION.high',
            mat(
              P,
              4,
              'สำรวจและยกระดับความพึงพอใจต่อบริการดิจิทัลให้ถึงร้อยละ 85',
              'Measure digital service satisfaction and raise it to 85%',
            ),
            t('ความพึงพอใจของผู้รับบริการอย่างน้อยร้อยละ 85', 'User satisfaction at least 85%'),
            atLeast('SVC_SATISFACTION', 85),
          ),
        ],
      }),
      multiple(
        'SVC_PROACTIVE',
        t('หน่วยงานมีบริการลักษณะใดต่อไปนี้', 'Which of these service features does the agency offer?'),
        [
          opt('expiry_notice', 'แจ้งเตือนก่อนสิทธิหรือใบอนุญาตหมดอายุ', 'Reminders before rights or licences expire', {
            maturity: mat(
              P,
              4,
              'แจ้งเตือนผู้รับบริการล่วงหน้าก่อนสิทธิหรือใบอนุญาตหมดอายุ',
              'Remind users before rights or licences expire',
            ),
          }),
          opt(
            'auto_eligibility',
            'ตรวจสอบสิทธิอัตโนมัติโดยไม่ต้องยื่นเอกสาร',
            'Automatic eligibility checks without documents',
            {
              maturity: mat(
                P,
                4,
                'ตรวจสอบสิทธิของผู้รับบริการอัตโนมัติจากข้อมูลที่เชื่อมโยง',
                'Check eligibility automatically from linked data',
              ),
            },
          ),
          opt('life_event', 'บริการตามเหตุการณ์สำคัญในชีวิต (Life event)', 'Life-event services', {
            maturity: mat(
              P,
              5,
              'ออกแบบบริการตามเหตุการณ์สำคัญในชีวิตร่วมกับหน่วยงานอื่น',
              'Design life-event services with other agencies',
            ),
          }),
          opt('predictive_need', 'คาดการณ์ความต้องการของผู้รับบริการด้วยข้อมูล', 'Predicting user needs from data', {
            maturity: mat(P, 5, 'ใช้ข้อมูลคาดการณ์ความต้องการของผู้รับบริการ', 'Use data to predict user needs'),
          }),
          none(),
        ],
        { showIf: hasServices },
      ),
      ...transactionQuestions,
      yesNo(
        'PV_ONE_STOP',
        t(
          'จังหวัดมีศูนย์บริการร่วมหรือช่องทางดิจิทัลที่รวมบริการของหน่วยงานในจังหวัดไว้ที่เดียวหรือไม่',
          'Does the province offer a one-stop centre or digital channel combining the services of agencies in the province?',
        ),
        {
          tracks: PROV,
          yes: mat(
            P,
            3,
            'รวมบริการของหน่วยงานในจังหวัดไว้ในช่องทางดิจิทัลเดียว',
            "Bring the province's agency services into one digital channel",
          ),
        },
      ),
    ]),
    indicator('P4.2', t('การเชื่อมต่อแพลตฟอร์มกลาง', 'Central platform connection'), [
      yesNo(
        'PLATFORM_CONNECTED',
        t(
          'หน่วยงานให้บริการโดยเชื่อมต่อผ่านแพลตฟอร์มของหน่วยงานอื่นหรือไม่',
          "Does the agency deliver services through other agencies' platforms?",
        ),
        {
          evidence: 'required',
          topics: ['platform_connections'],
          yes: mat(
            P,
            3,
            'เชื่อมต่อบริการของหน่วยงานกับแพลตฟอร์มกลางภาครัฐ',
            'Connect agency services to central government platforms',
          ),
        },
      ),
      multiple(
        'PLATFORM_TARGETS',
        t('หน่วยงานเชื่อมต่อกับแพลตฟอร์มใดบ้าง', 'Which platforms is the agency connected to?'),
        [
          opt(
            'citizen_portal',
            'ระบบพอร์ทัลเพื่อประชาชน (Citizen Portal) / แอปพลิเคชันทางรัฐ',
            'Citizen Portal / Tang Rat app',
            {
              maturity: mat(
                P,
                4,
                'เชื่อมต่อบริการกับระบบพอร์ทัลเพื่อประชาชน (Citizen Portal)',
                'Connect services to the Citizen Portal',
                { required: true },
              ),
            },
          ),
          opt(
            'thaid',
            'ระบบรองรับการพิสูจน์และยืนยันตัวตนทางดิจิทัลผ่านแอปพลิเคชัน (ThaiD)',
            'Digital identity verification via the ThaiD app',
            {
              maturity: mat(P, 4, 'ใช้ ThaiD ในการพิสูจน์และยืนยันตัวตนของผู้รับบริการ', 'Verify user identity with ThaiD'),
            },
          ),
          opt('biz_portal', 'ระบบอำนวยความสะดวกในการประกอบธุรกิจ (Biz Portal)', 'Biz Portal for businesses', {
            maturity: mat(P, 4, 'เชื่อมต่อบริการสำหรับภาคธุรกิจกับ Biz Portal', 'Connect business services to the Biz Portal'),
          }),
          opt('gdx', 'ศูนย์แลกเปลี่ยนข้อมูลกลาง (GDX)', 'Government Data Exchange (GDX)'),
          opt('e_payment', 'ระบบรับชำระเงินกลางภาครัฐ', 'Central government payment gateway'),
          opt('traffy_fondue', 'ระบบรับแจ้งปัญหา Traffy Fondue', 'Traffy Fondue issue reporting'),
          opt('ndid', 'ระบบยืนยันตัวตนดิจิทัลผ่านธนาคาร (NDID)', 'Bank-based digital ID (NDID)'),
          otherSpecify(),
        ],
        { showIf: is('PLATFORM_CONNECTED', 'yes'), topics: ['platform_connection_targets'] },
      ),
    ]),
    indicator('P4.3', t('การออกแบบบริการสำหรับทุกกลุ่ม', 'Inclusive service design'), [
      yesNo(
        'VULN_DESIGN',
        t('หน่วยงานออกแบบการให้บริการสำหรับกลุ่มเปราะบางหรือไม่', 'Does the agency design its services for vulnerable groups?'),
        {
          evidence: 'required',
          topics: ['vulnerable_group_design'],
          yes: mat(
            P,
            4,
            'ออกแบบบริการให้กลุ่มเปราะบางเข้าถึงได้ (Inclusion by Design)',
            'Design services vulnerable groups can use (inclusion by design)',
          ),
        },
      ),
      multiple(
        'VULN_GROUPS',
        t('กลุ่มเปราะบางที่หน่วยงานออกแบบบริการรองรับ', 'Which vulnerable groups are the services designed for?'),
        [
          opt('elderly', 'ผู้สูงอายุ', 'Older people'),
          opt('disabled', 'คนพิการ', 'People with disabilities'),
          opt('low_income', 'ผู้มีรายได้น้อย', 'Low-income people'),
          opt('low_digital_literacy', 'ผู้ที่ไม่คุ้นเคยกับเทคโนโลยีดิจิทัล', 'People with low digital literacy'),
          opt('remote_areas', 'ผู้อยู่ในพื้นที่ห่างไกล', 'People in remote areas'),
          otherSpecify(),
        ],
        { showIf: is('VULN_DESIGN', 'yes') },
      ),
      reason(
        'VULN_REASON',
        t('สาเหตุที่ไม่มีการออกแบบการให้บริการสำหรับกลุ่มเปราะบาง', 'Why are services not designed for vulnerable groups?'),
        [
          opt('not_related_mission', 'ไม่เกี่ยวข้องกับภารกิจ', 'Not related to the mission'),
          opt('not_specified', 'ไม่ระบุเหตุผล', 'No reason given'),
          opt('under_study', 'อยู่ระหว่างดำเนินการศึกษาและดำเนินการจัดทำ', 'Being studied and prepared'),
          opt(
            'no_vulnerable_target',
            'กลุ่มเป้าหมายของบริการไม่มีกลุ่มเปราะบาง',
            'No vulnerable people among the service users',
          ),
          opt('serves_everyone', 'บริการให้ประชาชนทุกกลุ่ม', 'The service is for everyone'),
          opt('no_policy_plan', 'ไม่มีนโยบายหรือแผนการดำเนินงาน', 'No policy or plan'),
          opt('few_services', 'การให้บริการของกรมมีจำนวนน้อย', 'The department has few services'),
          opt(
            'core_service_not_ready',
            'บริการหลักของหน่วยงานยังไม่สามารถพัฒนาให้รองรับกลุ่มเปราะบางได้',
            'Core services cannot yet be adapted for vulnerable groups',
          ),
          opt(
            'space_for_disabled_vendors',
            'มีการจัดสรรพื้นที่สำหรับผู้พิการ เพื่อขายสินค้า',
            'Space allocated for vendors with disabilities',
          ),
          opt(
            'physical_only',
            'มีแต่การให้บริการทางกายภาพ เช่น ช่องทางด่วนสำหรับผู้พิการ',
            'Physical accommodations only, such as a fast lane for people with disabilities',
          ),
          opt('via_coordinator', 'ผู้รับบริการประสานผ่านผู้ประสานงานของหน่วยงาน', 'Users are served through a coordinator'),
          opt('fraud_risk', 'เพื่อป้องกันความเสี่ยงจากภัยทุจริตในกลุ่มผู้เปราะบาง', 'To protect vulnerable people from fraud'),
          opt(
            'evidence_no_action',
            'ตรวจสอบหลักฐาน/เนื้อหาของคำตอบ สรุปได้ว่าไม่มีการดำเนินการ',
            'Evidence checked: no action taken',
          ),
        ],
        { showIf: is('VULN_DESIGN', 'no'), topics: ['vulnerable_group_reasons'] },
      ),
      yesNo(
        'SVC_ACCESSIBILITY',
        t(
          'เว็บไซต์และแอปพลิเคชันของหน่วยงานเป็นไปตามมาตรฐานการเข้าถึงเว็บ (WCAG) หรือมาตรฐานเว็บไซต์ภาครัฐหรือไม่',
          "Do the agency's website and apps meet web accessibility (WCAG) or the government website standard?",
        ),
        {
          yes: mat(
            P,
            3,
            'ปรับเว็บไซต์และแอปพลิเคชันให้เป็นไปตามมาตรฐานการเข้าถึง',
            'Make websites and apps meet accessibility standards',
          ),
        },
      ),
    ]),
    indicator('P4.4', t('การมีส่วนร่วมของประชาชนทางดิจิทัล', 'Digital public participation'), [
      multiple(
        'EPART_CHANNELS',
        t(
          'หน่วยงานมีช่องทางบริการเพื่อการมีส่วนร่วมของประชาชนในรูปแบบใดบ้าง',
          'Which forms of public participation does the agency offer?',
        ),
        [
          opt('e_information', 'การให้ข้อมูลข่าวสาร (e-Information)', 'e-Information', {
            maturity: mat(
              P,
              2,
              'เผยแพร่ข้อมูลข่าวสารที่ประชาชนต้องใช้ทางช่องทางดิจิทัล',
              'Publish the information citizens need through digital channels',
            ),
          }),
          opt('e_consultation', 'การรับฟังความคิดเห็น (e-Consultation)', 'e-Consultation', {
            maturity: mat(P, 3, 'เปิดรับฟังความคิดเห็นของประชาชนทางดิจิทัล', 'Consult the public through digital channels'),
          }),
          opt('e_decision_making', 'การมีส่วนร่วมในการตัดสินใจ (e-Decision-making)', 'e-Decision-making', {
            maturity: mat(
              P,
              4,
              'เปิดให้ผู้รับบริการมีส่วนร่วมในการตัดสินใจทางดิจิทัล',
              'Let service users take part in decisions digitally',
            ),
          }),
          none('ไม่มีช่องทางการมีส่วนร่วม', 'No participation channel'),
        ],
        { topics: ['eparticipation_channels'] },
      ),
      multiple(
        'EPART_DIGITAL_CHANNELS',
        t('ช่องทางดิจิทัลที่ใช้เพื่อการมีส่วนร่วมของประชาชน', 'Which digital channels are used for participation?'),
        [
          opt('website', 'เว็บไซต์', 'Website'),
          opt('social_media', 'สื่อสังคมออนไลน์ (Social media)', 'Social media'),
          opt('email', 'อีเมล', 'E-mail'),
          opt('mobile_app', 'แอปพลิเคชันบนมือถือ', 'Mobile app'),
          opt('line_oa', 'LINE Official Account', 'LINE Official Account'),
          opt(
            'central_platform',
            'แพลตฟอร์มกลาง เช่น ระบบกลางทางกฎหมาย (law.go.th)',
            'Central platforms such as the Central Law System (law.go.th)',
          ),
          opt('online_meeting', 'การประชุมหรือเวทีออนไลน์', 'Online meetings or forums'),
          otherSpecify(),
        ],
        {
          showIf: hasAny('EPART_CHANNELS', ['e_information', 'e_consultation', 'e_decision_making']),
          topics: ['eparticipation_digital_channels'],
        },
      ),
      multiple(
        'EDECISION_SCOPE',
        t(
          'ผู้รับบริการมีส่วนร่วมในการตัดสินใจ (e-Decision-making) ในเรื่องใดบ้าง',
          'What do service users take part in deciding (e-Decision-making)?',
        ),
        [
          opt(
            'service_development',
            'การออกแบบนโยบายและบริการที่เกี่ยวข้องกับการพัฒนาบริการของหน่วยงาน',
            'Designing policies and services for service development',
          ),
          opt(
            'regulation_revision',
            'การออกแบบนโยบายและบริการที่เกี่ยวข้องกับการปรับแก้ระเบียบ ข้อบังคับ หรือกฎหมาย',
            'Designing policies for revising regulations or laws',
          ),
          opt(
            'vulnerable_codesign',
            'กลุ่มเปราะบางมีส่วนร่วมในการออกแบบนโยบายและบริการของหน่วยงาน',
            'Vulnerable groups co-designing policies and services',
            {
              maturity: mat(
                P,
                5,
                'เปิดให้กลุ่มเปราะบางร่วมออกแบบนโยบายและบริการ',
                'Have vulnerable groups co-design policies and services',
              ),
            },
          ),
          opt('project_priorities', 'การจัดลำดับความสำคัญของโครงการหรืองบประมาณ', 'Setting project or budget priorities', {
            maturity: mat(
              P,
              5,
              'เปิดให้ประชาชนร่วมจัดลำดับความสำคัญของโครงการหรืองบประมาณ',
              'Let citizens help prioritize projects or budgets',
            ),
          }),
          otherSpecify(),
        ],
        { showIf: has('EPART_CHANNELS', 'e_decision_making'), topics: ['edecision_scope'] },
      ),
      yesNo(
        'EPART_FEEDBACK_LOOP',
        t(
          'หน่วยงานแจ้งผลการนำความคิดเห็นไปใช้ให้ผู้มีส่วนร่วมทราบหรือไม่',
          'Does the agency report back to participants how their input was used?',
        ),
        {
          yes: mat(
            P,
            4,
            'แจ้งผลการนำความคิดเห็นของประชาชนไปใช้ให้ผู้มีส่วนร่วมทราบ',
            'Tell participants how their input was used',
          ),
        },
      ),
    ]),
  ],
};
