import {
  atLeast,
  crit,
  DEPT,
  date,
  indicator,
  is,
  isIn,
  mat,
  multiple,
  none,
  opt,
  otherSpecify,
  type PillarInput,
  PROV,
  pct,
  reason,
  single,
  t,
  yesNo,
} from '../builders';

const P = 'P6';

export const p6Infrastructure: PillarInput = {
  key: P,
  number: 6,
  name: t('ด้านโครงสร้างพื้นฐานที่มั่นคงปลอดภัยและมีประสิทธิภาพ', 'Secure & Efficient Infrastructure'),
  description: t(
    'การใช้ประโยชน์โครงสร้างพื้นฐานกลางภาครัฐ ความพร้อมใช้ของระบบ และการรักษาความมั่นคงปลอดภัยทางไซเบอร์ตามมาตรฐาน',
    'Use of shared government infrastructure, system availability and standards-based cybersecurity.',
  ),
  levelNames: [
    t('ล้าสมัย', 'Obsolete'),
    t('พื้นฐาน', 'Fundamental'),
    t('รองรับหลายช่องทาง', 'Cross-channel'),
    t('บูรณาการ', 'Integrated'),
    t('ดิจิทัลเต็มรูปแบบ', 'Digitized'),
  ],
  // Security is only as strong as its weakest prerequisite (backups before DR, risk assessment before a
  // standard), so this pillar gates each level on its prerequisites.
  scoring: { mode: 'staged', minOptionalShare: 0.5 },
  previousKey: 'P6',
  changedFromPrevious: t(
    'แยกออกจากตัวชี้วัดที่ 6 เดิม (โครงสร้างพื้นฐานและเทคโนโลยีดิจิทัล) ของปี 2565 โดยคงเฉพาะโครงสร้างพื้นฐานและความมั่นคงปลอดภัย ส่วนการประยุกต์ใช้เทคโนโลยีแยกเป็นตัวชี้วัดที่ 7',
    "Split from 2565's pillar 6 (infrastructure and digital technology): this pillar keeps infrastructure and security; technology adoption moved to pillar 7.",
  ),
  indicators: [
    indicator('P6.1', t('โครงสร้างพื้นฐานดิจิทัล', 'Digital infrastructure'), [
      single(
        'INFRA_BACKUP_DR',
        t(
          'หน่วยงานมีการสำรองข้อมูลและเตรียมความพร้อมกรณีระบบขัดข้องในระดับใด',
          'How prepared is the agency for data loss and system outages?',
        ),
        [
          opt('none', 'ยังไม่มีการสำรองข้อมูลอย่างเป็นระบบ', 'No systematic backups'),
          opt('backup_only', 'สำรองข้อมูลอย่างสม่ำเสมอ', 'Regular backups'),
          opt('dr_plan', 'สำรองข้อมูลและมีแผนรองรับภัยพิบัติ (DRP)', 'Backups and a disaster recovery plan'),
          opt('dr_site_tested', 'มีศูนย์สำรองและทดสอบแผนรองรับภัยพิบัติอย่างน้อยปีละครั้ง', 'A recovery site and yearly DR tests'),
        ],
        {
          evidence: 'required',
          criteria: [
            crit(
              'INFRA_BACKUP_DR.backup',
              mat(P, 2, 'สำรองข้อมูลของระบบงานสำคัญอย่างสม่ำเสมอ', 'Back up critical systems regularly', { required: true }),
              t('สำรองข้อมูลสม่ำเสมอ', 'Regular backups'),
              isIn('INFRA_BACKUP_DR', ['backup_only', 'dr_plan', 'dr_site_tested']),
            ),
            crit(
              'INFRA_BACKUP_DR.plan',
              mat(P, 3, 'จัดทำแผนรองรับภัยพิบัติด้านสารสนเทศ (DRP)', 'Adopt an IT disaster recovery plan'),
              t('มีแผนรองรับภัยพิบัติ (DR)', 'Disaster recovery (DR) plan'),
              isIn('INFRA_BACKUP_DR', ['dr_plan', 'dr_site_tested']),
            ),
            crit(
              'INFRA_BACKUP_DR.tested',
              mat(
                P,
                4,
                'จัดให้มีศูนย์สำรองและทดสอบแผนรองรับภัยพิบัติเป็นประจำ',
                'Run a recovery site and test the DR plan regularly',
              ),
              t('ทดสอบแผนรองรับภัยพิบัติแล้ว', 'Disaster recovery plan tested'),
              is('INFRA_BACKUP_DR', 'dr_site_tested'),
            ),
          ],
        },
      ),
      multiple(
        'INFRA_NETWORK',
        t('หน่วยงานใช้โครงสร้างพื้นฐานเครือข่ายใดบ้าง', 'Which network infrastructure does the agency use?'),
        [
          opt('gin', 'เครือข่ายสื่อสารข้อมูลเชื่อมโยงหน่วยงานภาครัฐ (GIN)', 'Government Information Network (GIN)', {
            maturity: mat(
              P,
              2,
              'เชื่อมต่อเครือข่ายสื่อสารข้อมูลเชื่อมโยงหน่วยงานภาครัฐ (GIN)',
              'Connect to the Government Information Network (GIN)',
            ),
          }),
          opt(
            'redundant_internet',
            'อินเทอร์เน็ตสำรองจากผู้ให้บริการมากกว่าหนึ่งราย',
            'Redundant internet links from more than one provider',
            {
              maturity: mat(P, 3, 'จัดให้มีอินเทอร์เน็ตสำรองจากผู้ให้บริการมากกว่าหนึ่งราย', 'Provide redundant internet links'),
            },
          ),
          opt('secure_remote_access', 'การเข้าถึงระบบจากภายนอกอย่างปลอดภัย (VPN/ZTNA)', 'Secure remote access (VPN/ZTNA)', {
            maturity: mat(P, 3, 'จัดระบบเข้าถึงจากภายนอกอย่างปลอดภัย', 'Provide secure remote access'),
          }),
          opt('sd_wan', 'เครือข่ายที่บริหารจัดการจากศูนย์กลาง (SD-WAN)', 'Centrally managed network (SD-WAN)'),
          none(),
        ],
      ),
      yesNo(
        'INFRA_ASSET_INVENTORY',
        t(
          'หน่วยงานมีทะเบียนทรัพย์สินสารสนเทศที่เป็นปัจจุบัน (ฮาร์ดแวร์ ซอฟต์แวร์ และระบบงาน) หรือไม่',
          'Does the agency keep an up-to-date register of IT assets (hardware, software and systems)?',
        ),
        {
          yes: mat(P, 2, 'จัดทำทะเบียนทรัพย์สินสารสนเทศให้เป็นปัจจุบัน', 'Keep the IT asset register up to date'),
        },
      ),
      yesNo(
        'INFRA_IPV6',
        t(
          'ระบบเครือข่ายและบริการออนไลน์ของหน่วยงานรองรับ IPv6 หรือไม่',
          "Do the agency's network and online services support IPv6?",
        ),
        {
          tracks: DEPT,
          yes: mat(P, 4, 'ปรับระบบเครือข่ายและบริการออนไลน์ให้รองรับ IPv6', 'Make the network and online services IPv6-ready'),
        },
      ),
      yesNo(
        'INFRA_GOV_CLOUD',
        t(
          'หน่วยงานใช้บริการระบบคลาวด์กลางภาครัฐ (GDCC) หรือไม่',
          'Does the agency use the Government Data Center and Cloud (GDCC)?',
        ),
        {
          yes: mat(
            P,
            3,
            'ย้ายระบบงานที่เหมาะสมขึ้นระบบคลาวด์กลางภาครัฐ (GDCC)',
            'Move suitable systems to the government cloud (GDCC)',
          ),
        },
      ),
      pct(
        'INFRA_CLOUD_SHARE',
        t('สัดส่วนระบบงานที่ทำงานบนระบบคลาวด์ (ร้อยละ)', 'Share of systems running in the cloud (%)'),
        {
          criteria: [
            crit(
              'INFRA_CLOUD_SHARE.half',
              mat(P, 4, 'ย้ายระบบงานอย่างน้อยครึ่งหนึ่งขึ้นระบบคลาวด์', 'Run at least half the systems in the cloud'),
              t('ระบบงานอย่างน้อยร้อยละ 50 ทำงานบนระบบคลาวด์', 'At least 50% of systems run in the cloud'),
              atLeast('INFRA_CLOUD_SHARE', 50),
            ),
            crit(
              'INFRA_CLOUD_SHARE.most',
              mat(P, 5, 'ย้ายระบบงานอย่างน้อยร้อยละ 80 ขึ้นระบบคลาวด์', 'Run at least 80% of systems in the cloud'),
              t('ระบบงานอย่างน้อยร้อยละ 80 ทำงานบนระบบคลาวด์', 'At least 80% of systems run in the cloud'),
              atLeast('INFRA_CLOUD_SHARE', 80),
            ),
          ],
        },
      ),
      pct(
        'INFRA_OUTDATED_SHARE',
        t(
          'สัดส่วนเครื่องคอมพิวเตอร์และอุปกรณ์ที่ใช้งานเกิน 7 ปี (ร้อยละ)',
          'Share of computers and devices older than seven years (%)',
        ),
        {
          criteria: [
            crit(
              'INFRA_OUTDATED_SHARE.low',
              mat(
                P,
                3,
                'ทดแทนอุปกรณ์ที่ล้าสมัยจนเหลือไม่เกินร้อยละ 30',
                'Replace outdated equipment until no more than 30% remains',
              ),
              t('อุปกรณ์ที่ใช้งานเกิน 7 ปีไม่เกินร้อยละ 30', 'At most 30% of devices older than 7 years'),
              { question: 'INFRA_OUTDATED_SHARE', op: 'lte', value: 30 },
            ),
          ],
        },
      ),
      yesNo(
        'INFRA_MONITORING',
        t(
          'หน่วยงานมีระบบเฝ้าระวังประสิทธิภาพและความพร้อมใช้ของระบบและเครือข่ายตลอด 24 ชั่วโมงหรือไม่',
          'Does the agency monitor system and network performance and availability around the clock?',
        ),
        {
          yes: mat(
            P,
            4,
            'ติดตั้งระบบเฝ้าระวังประสิทธิภาพและความพร้อมใช้ตลอด 24 ชั่วโมง',
            'Monitor performance and availability around the clock',
          ),
        },
      ),
      multiple(
        'PV_SHARED_INFRA',
        t(
          'จังหวัดใช้โครงสร้างพื้นฐานร่วมกับหน่วยงานอื่นในรูปแบบใดบ้าง',
          'How does the province share infrastructure with other agencies?',
        ),
        [
          opt('parent_systems', 'ใช้ระบบของหน่วยงานต้นสังกัดส่วนกลาง', "Using parent agencies' central systems", {
            maturity: mat(
              P,
              2,
              'ใช้ระบบและเครือข่ายของหน่วยงานต้นสังกัดอย่างเป็นระบบ',
              "Use parent agencies' systems and networks systematically",
            ),
          }),
          opt(
            'provincial_network',
            'เครือข่ายกลางของจังหวัดที่เชื่อมส่วนราชการในจังหวัด',
            'A provincial network linking government offices',
            {
              maturity: mat(
                P,
                3,
                'เชื่อมส่วนราชการในจังหวัดด้วยเครือข่ายกลางของจังหวัด',
                'Link provincial offices through a provincial network',
              ),
            },
          ),
          opt('provincial_cloud', 'ระบบคลาวด์หรือศูนย์ข้อมูลร่วมของจังหวัด', 'A shared provincial cloud or data centre', {
            maturity: mat(P, 4, 'ใช้ระบบคลาวด์หรือศูนย์ข้อมูลร่วมของจังหวัด', 'Use a shared provincial cloud or data centre'),
          }),
          opt('shared_soc', 'ศูนย์เฝ้าระวังความมั่นคงปลอดภัยร่วม', 'A shared security operations centre', {
            maturity: mat(
              P,
              5,
              'เฝ้าระวังความมั่นคงปลอดภัยร่วมกับหน่วยงานในจังหวัด',
              'Monitor security jointly with agencies in the province',
            ),
          }),
          none(),
        ],
        { tracks: PROV },
      ),
    ]),
    indicator('P6.2', t('ความมั่นคงปลอดภัยไซเบอร์', 'Cybersecurity'), [
      multiple(
        'CYBER_CONTROLS',
        t('หน่วยงานมีมาตรการควบคุมด้านความมั่นคงปลอดภัยไซเบอร์ใดบ้าง', 'Which cybersecurity controls does the agency have?'),
        [
          opt('firewall', 'ไฟร์วอลล์', 'Firewall', {
            maturity: mat(P, 2, 'ติดตั้งไฟร์วอลล์ป้องกันเครือข่าย', 'Protect the network with a firewall', { required: true }),
          }),
          opt('endpoint', 'ระบบป้องกันภัยคุกคามบนเครื่องลูกข่าย', 'Endpoint protection', {
            maturity: mat(
              P,
              2,
              'ติดตั้งระบบป้องกันภัยคุกคามบนเครื่องลูกข่ายทุกเครื่อง',
              'Install endpoint protection on every device',
            ),
          }),
          opt('mfa', 'การยืนยันตัวตนหลายปัจจัย (MFA)', 'Multi-factor authentication (MFA)', {
            maturity: mat(P, 3, 'บังคับใช้การยืนยันตัวตนหลายปัจจัยกับระบบสำคัญ', 'Enforce MFA on critical systems'),
          }),
          opt('vulnerability_scan', 'การตรวจสอบช่องโหว่อย่างสม่ำเสมอ', 'Regular vulnerability scanning', {
            maturity: mat(P, 3, 'ตรวจสอบช่องโหว่ของระบบอย่างสม่ำเสมอ', 'Scan systems for vulnerabilities regularly'),
          }),
          opt('encryption', 'การเข้ารหัสข้อมูลสำคัญ', 'Encryption of sensitive data', {
            maturity: mat(P, 3, 'เข้ารหัสข้อมูลสำคัญทั้งขณะจัดเก็บและรับส่ง', 'Encrypt sensitive data at rest and in transit'),
          }),
          opt('pentest', 'การทดสอบเจาะระบบ (Penetration test)', 'Penetration testing', {
            maturity: mat(
              P,
              4,
              'ทดสอบเจาะระบบงานสำคัญอย่างน้อยปีละครั้ง',
              'Penetration-test critical systems at least yearly',
            ),
          }),
          opt('siem_soc', 'ระบบเฝ้าระวังและวิเคราะห์เหตุการณ์ (SIEM/SOC)', 'Security monitoring (SIEM/SOC)', {
            maturity: mat(
              P,
              4,
              'จัดให้มีการเฝ้าระวังและวิเคราะห์เหตุการณ์ด้านความมั่นคงปลอดภัย (SOC)',
              'Set up security monitoring and analysis (SOC)',
            ),
          }),
          none(),
        ],
        { evidence: 'required' },
      ),
      yesNo(
        'CYBER_RISK_ASSESSMENT',
        t(
          'หน่วยงานประเมินความเสี่ยงด้านความมั่นคงปลอดภัยไซเบอร์ในรอบปีที่ผ่านมาหรือไม่',
          'Did the agency assess its cybersecurity risks in the past year?',
        ),
        {
          evidence: 'required',
          yes: mat(P, 3, 'ประเมินความเสี่ยงด้านความมั่นคงปลอดภัยไซเบอร์เป็นประจำทุกปี', 'Assess cybersecurity risks every year', {
            required: true,
          }),
        },
      ),
      yesNo(
        'CYBER_STANDARD',
        t(
          'หน่วยงานดำเนินการตามมาตรฐานในการรักษาความมั่นคงปลอดภัยทางไซเบอร์หรือไม่',
          'Does the agency follow a cybersecurity standard?',
        ),
        {
          evidence: 'required',
          topics: ['cybersecurity_standard'],
          yes: mat(
            P,
            4,
            'ดำเนินการตามมาตรฐานการรักษาความมั่นคงปลอดภัยทางไซเบอร์ เช่น ISO/IEC 27001',
            'Adopt a cybersecurity standard such as ISO/IEC 27001',
            { required: true },
          ),
        },
      ),
      multiple(
        'CYBER_STANDARDS_USED',
        t('มาตรฐานที่หน่วยงานใช้', 'Which standards does the agency follow?'),
        [
          opt('iso27001', 'มาตรฐานสากล ISO/IEC 27001', 'ISO/IEC 27001', {
            maturity: mat(
              P,
              5,
              'ได้รับการรับรองมาตรฐาน ISO/IEC 27001 สำหรับระบบงานสำคัญ',
              'Get ISO/IEC 27001 certification for critical systems',
            ),
          }),
          opt('nist_csf', 'NIST Cybersecurity Framework', 'NIST Cybersecurity Framework'),
          opt(
            'ncsa_baseline',
            'ประมวลแนวทางปฏิบัติและกรอบมาตรฐานของสำนักงานคณะกรรมการการรักษาความมั่นคงปลอดภัยไซเบอร์แห่งชาติ (สกมช.)',
            'Code of practice and framework of the National Cyber Security Agency (NCSA)',
          ),
          opt('cis_controls', 'CIS Critical Security Controls', 'CIS Critical Security Controls'),
          opt('pci_dss', 'PCI DSS', 'PCI DSS'),
          opt('etda_standard', 'มาตรฐานหรือข้อเสนอแนะของ สพธอ. (ETDA)', 'ETDA standards or recommendations'),
          otherSpecify(),
        ],
        { showIf: is('CYBER_STANDARD', 'yes'), evidence: 'required', topics: ['cybersecurity_standard'] },
      ),
      reason(
        'CYBER_REASON',
        t(
          'สาเหตุที่ไม่มีการดำเนินการตามมาตรฐานในการรักษาความมั่นคงปลอดภัยทางไซเบอร์',
          'Why is no cybersecurity standard followed?',
        ),
        [
          opt('in_progress', 'อยู่ระหว่างการดำเนินการจัดทำ', 'In progress'),
          opt(
            'not_fully_benchmarked',
            'ไม่ได้มีการเปรียบเทียบตามมาตรฐานอย่างสมบูรณ์',
            'Not fully benchmarked against a standard',
          ),
          opt('not_specified', 'ไม่ระบุ', 'Not specified'),
          opt('no_budget_staff', 'ขาดงบประมาณ/บุคลากร', 'No budget or staff'),
          opt('not_yet', 'ยังไม่มีดำเนินการ', 'Not done yet'),
          opt('under_study', 'อยู่ระหว่างการศึกษาข้อมูล', 'Under study'),
          opt('not_core_mission', 'ไม่ใช่ภารกิจหลัก', 'Not a core mission'),
          opt(
            'evidence_no_action',
            'ตรวจสอบหลักฐาน/เนื้อหาของคำตอบ สรุปได้ว่าไม่มีดำเนินการ',
            'Evidence checked: no action taken',
          ),
        ],
        { showIf: is('CYBER_STANDARD', 'no'), topics: ['cybersecurity_standard_reasons'] },
      ),
      yesNo(
        'CYBER_INCIDENT_PLAN',
        t(
          'หน่วยงานมีแผนรับมือภัยคุกคามทางไซเบอร์และซ้อมแผนในรอบปีที่ผ่านมาหรือไม่',
          'Does the agency have a cyber incident response plan that was exercised in the past year?',
        ),
        {
          evidence: 'required',
          yes: mat(
            P,
            4,
            'จัดทำแผนรับมือภัยคุกคามทางไซเบอร์และซ้อมแผนทุกปี',
            'Adopt a cyber incident response plan and exercise it yearly',
          ),
        },
      ),
      yesNo(
        'CYBER_INCIDENT_REPORTING',
        t(
          'หน่วยงานรายงานและประสานเหตุภัยคุกคามทางไซเบอร์กับ สกมช. หรือหน่วยงานกำกับดูแลหรือไม่',
          'Does the agency report and coordinate cyber incidents with the NCSA or its regulator?',
        ),
        {
          yes: mat(
            P,
            4,
            'กำหนดขั้นตอนรายงานเหตุภัยคุกคามทางไซเบอร์ต่อ สกมช. และหน่วยงานกำกับดูแล',
            'Set a procedure to report cyber incidents to the NCSA and the regulator',
          ),
        },
      ),
      yesNo(
        'CYBER_CONTINUOUS',
        t(
          'หน่วยงานเฝ้าระวังภัยคุกคามอย่างต่อเนื่องและใช้สถาปัตยกรรมแบบ Zero Trust กับระบบสำคัญหรือไม่',
          'Does the agency monitor threats continuously and apply a zero-trust architecture to critical systems?',
        ),
        {
          evidence: 'required',
          yes: mat(
            P,
            5,
            'เฝ้าระวังภัยคุกคามอย่างต่อเนื่องและปรับใช้สถาปัตยกรรม Zero Trust กับระบบสำคัญ',
            'Monitor threats continuously and apply zero trust to critical systems',
            { required: true },
          ),
        },
      ),
      pct(
        'CYBER_AWARENESS_SHARE',
        t(
          'สัดส่วนบุคลากรที่ผ่านการอบรมสร้างความตระหนักด้านความมั่นคงปลอดภัยไซเบอร์ในรอบปี (ร้อยละ)',
          'Share of staff who took cybersecurity awareness training this year (%)',
        ),
        {
          criteria: [
            crit(
              'CYBER_AWARENESS_SHARE.half',
              mat(
                P,
                3,
                'อบรมสร้างความตระหนักด้านไซเบอร์ให้บุคลากรอย่างน้อยครึ่งหนึ่งทุกปี',
                'Train at least half the staff in cyber awareness yearly',
              ),
              t(
                'บุคลากรอย่างน้อยร้อยละ 50 ผ่านการอบรมความตระหนักด้านไซเบอร์ในรอบปี',
                'At least 50% of staff trained in cyber awareness this year',
              ),
              atLeast('CYBER_AWARENESS_SHARE', 50),
            ),
            crit(
              'CYBER_AWARENESS_SHARE.all',
              mat(
                P,
                5,
                'อบรมสร้างความตระหนักด้านไซเบอร์ให้บุคลากรอย่างน้อยร้อยละ 90 ทุกปี',
                'Train at least 90% of staff in cyber awareness yearly',
              ),
              t(
                'บุคลากรอย่างน้อยร้อยละ 90 ผ่านการอบรมความตระหนักด้านไซเบอร์ในรอบปี',
                'At least 90% of staff trained in cyber awareness this year',
              ),
              atLeast('CYBER_AWARENESS_SHARE', 90),
            ),
          ],
        },
      ),
      date(
        'CYBER_LAST_AUDIT',
        t('วันที่ตรวจประเมินด้านความมั่นคงปลอดภัยสารสนเทศครั้งล่าสุด', 'Date of the latest information security audit'),
        { required: false },
      ),
      yesNo(
        'CYBER_CII',
        t(
          'หน่วยงานเป็นหน่วยงานโครงสร้างพื้นฐานสำคัญทางสารสนเทศ (CII) หรือไม่',
          'Is the agency a critical information infrastructure (CII) organization?',
        ),
        {
          tracks: DEPT,
          help: t('ใช้จำแนกกลุ่มในการวิเคราะห์ ไม่มีผลต่อระดับความพร้อม', 'Used to group results; does not affect the level'),
        },
      ),
    ]),
  ],
};
