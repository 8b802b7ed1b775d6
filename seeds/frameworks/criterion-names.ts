/**
 * What each option-based criterion is called in results, reports and exports. An option's own
 * label answers its question ("มี/ใช่", "ด้านการเปิดเผยข้อมูลภาครัฐ"); out of the questionnaire it
 * says nothing, so every such criterion gets a name that states the practice it credits.
 * Shared by the 2566 and 2565 editions: the same question code names the same practice.
 */
import { type PillarInput, type QuestionInput, type Text, t } from './builders';

/** yes/no questions: the practice a "yes" evidences. */
const YES: Record<string, Text> = {
  POL_CIO: t('มีการแต่งตั้งผู้บริหารเทคโนโลยีสารสนเทศระดับสูง (CIO)', 'Chief Information Officer (CIO) appointed'),
  PV_COMMITTEE: t(
    'มีคณะกรรมการผู้บริหารเทคโนโลยีสารสนเทศระดับสูงระดับจังหวัดที่กำหนดอำนาจหน้าที่ชัดเจน',
    'Provincial senior IT executive committee with clearly defined duties',
  ),
  POL_DIGITAL_COMMITTEE: t(
    'มีคณะทำงานขับเคลื่อนการพัฒนารัฐบาลดิจิทัลภายในหน่วยงาน',
    'Internal working group driving digital government',
  ),
  POL_PARTICIPATION_POLICY: t(
    'มีนโยบายหรือแนวปฏิบัติให้ประชาชนมีส่วนร่วมในการออกแบบนโยบายและบริการ',
    'Policy or guideline for public participation in designing policies and services',
  ),
  POL_DIGITAL_KPI: t(
    'กำหนดตัวชี้วัดด้านดิจิทัลไว้ในตัวชี้วัดผลการดำเนินงานหลัก (KPI) ของหน่วยงาน',
    "Digital indicators in the agency's key performance indicators (KPIs)",
  ),
  POL_OUTCOME_EVAL: t(
    'ประเมินผลลัพธ์และผลกระทบของโครงการด้านดิจิทัลด้วยข้อมูล และนำผลไปปรับปรุงแผน',
    'Outcomes and impact of digital projects evaluated with data and fed back into the plan',
  ),
  POL_BEST_PRACTICE: t(
    'ได้รับรางวัลหรือเผยแพร่แนวปฏิบัติที่ดีด้านดิจิทัลให้หน่วยงานอื่นนำไปใช้ในรอบปีที่ผ่านมา',
    'Award won or digital good practice shared with other agencies in the past year',
  ),
  POL_DG_POLICY: t('ประกาศนโยบายธรรมาภิบาลข้อมูลภาครัฐแล้ว', 'Data governance policy issued'),
  POL_OPEN_DATA_POLICY: t('มีนโยบายหรือแผนการเปิดเผยข้อมูลเปิดภาครัฐ', 'Open data policy or plan'),
  POL_PRIVACY_POLICY: t('ประกาศนโยบายการคุ้มครองข้อมูลส่วนบุคคลแล้ว', 'Personal data protection policy issued'),
  POL_DPO: t('แต่งตั้งเจ้าหน้าที่คุ้มครองข้อมูลส่วนบุคคล (DPO) แล้ว', 'Data Protection Officer (DPO) appointed'),
  POL_CYBER_POLICY: t(
    'มีนโยบายและแผนด้านการรักษาความมั่นคงปลอดภัยไซเบอร์ตาม พ.ร.บ. การรักษาความมั่นคงปลอดภัยไซเบอร์ พ.ศ. 2562',
    'Cybersecurity policy and plan under the Cybersecurity Act B.E. 2562',
  ),
  POL_REGULATION_REVIEW: t(
    'ทบทวนกฎ ระเบียบ ที่เป็นอุปสรรคต่อการให้บริการทางดิจิทัลตาม พ.ร.บ. การปฏิบัติราชการทางอิเล็กทรอนิกส์ พ.ศ. 2565',
    'Rules that hinder digital services reviewed under the Electronic Government Administration Act B.E. 2565',
  ),
  DG_DATA_CLASSIFICATION: t(
    'จัดหมวดหมู่และชั้นความลับของข้อมูลตามแนวทางธรรมาภิบาลข้อมูลภาครัฐแล้ว',
    'Data classified by category and sensitivity under the data governance framework',
  ),
  OD_USER_SURVEY: t(
    'สำรวจความต้องการของผู้ใช้ข้อมูลก่อนเปิดเผยชุดข้อมูลเปิด',
    "Data users' needs surveyed before publishing open datasets",
  ),
  OD_REUSE_PROMOTION: t(
    'ส่งเสริมให้ภาคเอกชนหรือประชาชนนำชุดข้อมูลเปิดภาครัฐไปพัฒนานวัตกรรมและบริการ',
    'Reuse of open datasets by businesses or citizens promoted',
  ),
  PDPA_TRAINING: t(
    'ฝึกอบรมบุคลากรเรื่อง พ.ร.บ. คุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562',
    'Staff trained on the Personal Data Protection Act B.E. 2562',
  ),
  DATA_EXCHANGE_CENTRAL: t(
    'เชื่อมโยงแลกเปลี่ยนข้อมูลกับหน่วยงานอื่นผ่านศูนย์แลกเปลี่ยนข้อมูลกลาง (GDX) หรือระบบกลางภาครัฐ',
    'Data exchanged with other agencies through GDX or another central system',
  ),
  DATA_ANALYTICS_TEAM: t('มีทีมหรือบุคลากรด้านการวิเคราะห์ข้อมูลโดยเฉพาะ', 'Dedicated data analytics team'),
  PV_DATA_PLATFORM: t(
    'มีศูนย์ข้อมูลหรือแพลตฟอร์มข้อมูลระดับจังหวัดที่รวบรวมข้อมูลของหน่วยงานในจังหวัด',
    'Provincial data centre or platform pooling the data of agencies in the province',
  ),
  PV_DATA_IN_PLANNING: t(
    'ใช้ผลการวิเคราะห์ข้อมูลในการจัดทำแผนพัฒนาจังหวัด',
    'Data analysis used in drafting the provincial development plan',
  ),
  SKILL_EXEC_TRAINING: t(
    'ผู้บริหารระดับสูงเข้ารับการพัฒนาด้านการนำองค์กรสู่รัฐบาลดิจิทัลในรอบปีที่ผ่านมา',
    'Senior executives attended digital leadership development in the past year',
  ),
  SKILL_HR_PLAN: t('มีแผนพัฒนาบุคลากรด้านดิจิทัล', 'Digital workforce development plan'),
  SKILL_IN_RECRUITMENT: t(
    'กำหนดทักษะด้านดิจิทัลไว้ในการสรรหาและการประเมินผลการปฏิบัติงาน',
    'Digital skills part of recruitment and performance appraisal',
  ),
  SA_PARTICIPATED: t(
    'บุคลากรทำแบบประเมินตนเองด้านทักษะดิจิทัล (dg-sa.tpqi.go.th)',
    'Staff took the digital skills self-assessment (dg-sa.tpqi.go.th)',
  ),
  SKILL_ONLINE_LEARNING: t(
    'บุคลากรเข้าถึงแหล่งเรียนรู้ด้านดิจิทัลออนไลน์ได้อย่างสะดวก',
    'Staff have ready access to online digital learning',
  ),
  SVC_REGISTERED: t(
    'เผยแพร่คู่มือสำหรับประชาชนของทุกบริการบน info.go.th แล้ว',
    'Citizen guides for all services published on info.go.th',
  ),
  SVC_COMPLAINTS_ONLINE: t('ผู้รับบริการร้องเรียนและติดตามผลการร้องเรียนทางออนไลน์ได้', 'Complaints filed and tracked online'),
  SVC_USER_RESEARCH: t(
    'ศึกษาประสบการณ์ผู้รับบริการก่อนออกแบบหรือปรับปรุงบริการ',
    'User experience researched before designing or improving services',
  ),
  SVC_E_PAYMENT: t('รับชำระค่าธรรมเนียมหรือค่าบริการทางอิเล็กทรอนิกส์', 'Fees accepted by electronic payment'),
  SVC_NO_COPIES: t(
    'ยกเลิกการเรียกสำเนาเอกสารที่ทางราชการออกให้ โดยใช้การเชื่อมโยงข้อมูลแทน',
    'Copies of government-issued documents no longer required (data links instead)',
  ),
  PV_ONE_STOP: t(
    'มีศูนย์บริการร่วมหรือช่องทางดิจิทัลที่รวมบริการของหน่วยงานในจังหวัดไว้ที่เดียว',
    'One-stop centre or digital channel for the services of agencies in the province',
  ),
  PLATFORM_CONNECTED: t(
    'ให้บริการโดยเชื่อมต่อผ่านแพลตฟอร์มของหน่วยงานอื่น',
    "Services delivered through other agencies' platforms",
  ),
  VULN_DESIGN: t('ออกแบบการให้บริการสำหรับกลุ่มเปราะบาง', 'Services designed for vulnerable groups'),
  SVC_ACCESSIBILITY: t(
    'เว็บไซต์และแอปพลิเคชันเป็นไปตามมาตรฐานการเข้าถึงเว็บ (WCAG) หรือมาตรฐานเว็บไซต์ภาครัฐ',
    'Website and apps meet web accessibility (WCAG) or the government website standard',
  ),
  EPART_FEEDBACK_LOOP: t('แจ้งผลการนำความคิดเห็นไปใช้ให้ผู้มีส่วนร่วมทราบ', 'Participants told how their input was used'),
  BO_SARABAN_LINKED: t(
    'ระบบสารบรรณเชื่อมต่อกับหน่วยงานอื่นเพื่อรับส่งหนังสือราชการได้โดยตรง',
    'Correspondence system linked to other agencies for official letters',
  ),
  BO_E_PROCUREMENT: t('จัดซื้อจัดจ้างผ่านระบบ e-GP ครบทุกขั้นตอนที่ระบบรองรับ', 'Procurement through every step e-GP supports'),
  BO_ASSET_SYSTEM: t('มีระบบทะเบียนครุภัณฑ์และทรัพย์สินอิเล็กทรอนิกส์', 'Electronic asset register'),
  BO_REMOTE_WORK: t(
    'มีระบบและระเบียบรองรับการปฏิบัติงานจากภายนอกสำนักงาน',
    'Systems and rules for working away from the office',
  ),
  BO_HR_SELF_SERVICE: t('บุคลากรทำธุรกรรมด้านบุคคลผ่านระบบบริการตนเองได้', 'HR transactions through staff self-service'),
  BO_PROCESS_REDESIGN: t(
    'ปรับปรุงกระบวนงานภายในด้วยเทคโนโลยีดิจิทัลเพื่อลดขั้นตอนหรือระยะเวลาในรอบปีที่ผ่านมา',
    'Internal processes redesigned with digital technology in the past year',
  ),
  BO_EXEC_DASHBOARD: t(
    'ผู้บริหารติดตามผลการดำเนินงานผ่านแดชบอร์ดที่ปรับปรุงข้อมูลอัตโนมัติ',
    'Executives follow performance on automatically updated dashboards',
  ),
  BO_INTEROP_STANDARD: t('ระบบงานภายในใช้มาตรฐานการเชื่อมโยงข้อมูลภาครัฐ (TH e-GIF)', 'Internal systems follow TH e-GIF'),
  BO_RESOURCE_ANALYTICS: t(
    'วิเคราะห์ข้อมูลจากระบบงานภายในเพื่อวางแผนกำลังคน งบประมาณ และทรัพยากร',
    'Internal system data analysed to plan staff, budget and resources',
  ),
  INFRA_ASSET_INVENTORY: t('มีทะเบียนทรัพย์สินสารสนเทศที่เป็นปัจจุบัน', 'Up-to-date IT asset register'),
  INFRA_IPV6: t('เครือข่ายและบริการออนไลน์รองรับ IPv6', 'Network and online services support IPv6'),
  INFRA_GOV_CLOUD: t('ใช้บริการระบบคลาวด์กลางภาครัฐ (GDCC)', 'Government cloud (GDCC) in use'),
  INFRA_MONITORING: t(
    'มีระบบเฝ้าระวังประสิทธิภาพและความพร้อมใช้ของระบบและเครือข่ายตลอด 24 ชั่วโมง',
    'Round-the-clock monitoring of system and network availability',
  ),
  CYBER_RISK_ASSESSMENT: t(
    'ประเมินความเสี่ยงด้านความมั่นคงปลอดภัยไซเบอร์ในรอบปีที่ผ่านมา',
    'Cybersecurity risks assessed in the past year',
  ),
  CYBER_STANDARD: t('ดำเนินการตามมาตรฐานการรักษาความมั่นคงปลอดภัยไซเบอร์', 'A cybersecurity standard followed'),
  CYBER_INCIDENT_PLAN: t(
    'มีแผนรับมือภัยคุกคามทางไซเบอร์และซ้อมแผนในรอบปีที่ผ่านมา',
    'Cyber incident response plan, exercised in the past year',
  ),
  CYBER_INCIDENT_REPORTING: t(
    'รายงานและประสานเหตุภัยคุกคามทางไซเบอร์กับ สกมช. หรือหน่วยงานกำกับดูแล',
    'Cyber incidents reported to and coordinated with the NCSA or the regulator',
  ),
  CYBER_CONTINUOUS: t(
    'เฝ้าระวังภัยคุกคามอย่างต่อเนื่องและใช้สถาปัตยกรรม Zero Trust กับระบบสำคัญ',
    'Continuous threat monitoring and zero trust for critical systems',
  ),
  TECH_API_OPEN: t(
    'เปิดให้หน่วยงานอื่นหรือภาคเอกชนเชื่อมต่อข้อมูลหรือบริการผ่าน API',
    'Data or services offered to others through APIs',
  ),
  TECH_ROADMAP: t('มีแผนหรือแนวทางการนำเทคโนโลยีใหม่มาใช้', 'Technology roadmap'),
  TECH_OPEN_STANDARDS: t(
    'กำหนดให้ใช้มาตรฐานเปิดหรือซอฟต์แวร์โอเพนซอร์สเมื่อเหมาะสม',
    'Open standards or open-source software required where suitable',
  ),
  TECH_SANDBOX: t(
    'ทดลองเทคโนโลยีใหม่ร่วมกับภาคเอกชน สตาร์ทอัพ หรือสถาบันการศึกษาในรอบปีที่ผ่านมา',
    'New technology trialled with partners in the past year',
  ),
  TECH_AI_GOVERNANCE: t('มีแนวปฏิบัติด้านจริยธรรมและการกำกับดูแลการใช้ปัญญาประดิษฐ์', 'AI ethics and governance guidelines'),
  PV_SMART_CITY: t(
    'มีพื้นที่เมืองอัจฉริยะที่ได้รับการรับรองหรือโครงการเมืองอัจฉริยะที่ดำเนินการแล้ว',
    'Certified smart city area or operating smart city project',
  ),
  TECH_INNOVATION_TEAM: t('มีทีมหรือห้องปฏิบัติการนวัตกรรมดิจิทัล', 'Digital innovation team or lab'),
  TECH_CLOUD_NATIVE: t(
    'ระบบที่พัฒนาใหม่ออกแบบตามแนวทาง Cloud-native หรือ Microservices',
    'New systems designed cloud-native or as microservices',
  ),
  TECH_GENAI: t(
    'ใช้ปัญญาประดิษฐ์แบบรู้สร้าง (Generative AI) ในงานตามแนวทางการใช้อย่างปลอดภัย',
    'Generative AI used at work under safe-use guidelines',
  ),
};

/** Choice questions: what the chosen option is an instance of; the name is "<this>: <option>". */
const CHOICE: Record<string, Text> = {
  POL_PLAN_ALIGNMENT: t('แผนดิจิทัลของหน่วยงานสอดคล้องกับ', 'Digital plan aligned with'),
  POL_TRANSPARENCY: t('เปิดเผยต่อสาธารณะ', 'Published'),
  POL_INSIGHT_USES: t('นำข้อมูลเชิงลึกจากการประเมินผลไป', 'Use of evaluation insights'),
  POL_SUSTAINABILITY: t('กลไกความต่อเนื่องของการพัฒนาดิจิทัล', 'Continuity of digital development'),
  DG_PRACTICE_1: t('กำหนดสิทธิ หน้าที่ และความรับผิดชอบในการบริหารจัดการข้อมูล', 'Data management rights and duties assigned'),
  DG_PRACTICE_2: t('กำหนดบทบาทของส่วนงานตามวงจรชีวิตข้อมูล', 'Roles defined along the data life cycle'),
  DG_PRACTICE_3: t('มีระบบบริหารจัดการและคุ้มครองข้อมูลครบวงจร', 'Complete data management and protection system'),
  DG_PRACTICE_4: t('กำหนดกฎเกณฑ์การเข้าถึงและใช้ประโยชน์จากข้อมูล', 'Rules on access to and use of data'),
  DG_PRACTICE_5: t('มีกระบวนการตรวจสอบและประเมินคุณภาพข้อมูล', 'Data quality checks'),
  DG_PRACTICE_6: t('มีบัญชีข้อมูล คำอธิบายข้อมูล และพจนานุกรมข้อมูล', 'Data catalog, metadata and data dictionary'),
  OD_PRACTICES: t('ข้อมูลเปิดภาครัฐ', 'Open data'),
  OD_REUSE_ACTIVITIES: t('ส่งเสริมการนำข้อมูลเปิดไปใช้', 'Open data reuse promoted'),
  PDPA_TRAINING_TIERS: t('ฝึกอบรมเรื่องข้อมูลส่วนบุคคลแก่', 'Personal data training'),
  PDPA_COMPLIANCE: t('ปฏิบัติตาม พ.ร.บ. คุ้มครองข้อมูลส่วนบุคคล', 'PDPA'),
  DATA_DECISIONS: t('ใช้ข้อมูลประกอบการบริหารและตัดสินใจ', 'Data in management decisions'),
  PV_DATA_SOURCES: t('จังหวัดใช้ข้อมูลจาก', 'Provincial data source'),
  SKILL_PROMOTION: t('พัฒนาทักษะบุคลากร', 'Staff skills developed'),
  SKILL_MEASUREMENT: t('วัดผลทักษะบุคลากร', 'Staff skills measured'),
  PV_SKILL_AREA_STAFF: t('จังหวัดพัฒนาทักษะดิจิทัลให้', 'Provincial digital skills training'),
  SA_RESULTS_USE: t('นำผลการประเมินทักษะดิจิทัลไป', 'Use of the skills self-assessment'),
  SKILL_KNOWLEDGE_SHARING: t('กลไกแลกเปลี่ยนเรียนรู้', 'Knowledge sharing'),
  SVC_CHANNELS: t('ช่องทางบริการดิจิทัล', 'Digital service channel'),
  SVC_PROACTIVE: t('บริการเชิงรุก', 'Proactive service'),
  SVC_COVID_ONLINE: t('บริการที่ปรับเป็นออนไลน์ช่วงโควิด-19', 'Moved online during COVID-19'),
  PLATFORM_TARGETS: t('เชื่อมต่อกับ', 'Connected platform'),
  EPART_CHANNELS: t('ช่องทางการมีส่วนร่วมของประชาชน', 'Public participation'),
  EDECISION_SCOPE: t('การมีส่วนร่วมในการตัดสินใจ', 'e-Decision-making'),
  PV_SHARED_SYSTEMS: t('ระบบงานที่ใช้ร่วมกันในจังหวัด', 'Shared provincial system'),
  BO_AUTOMATION: t('ระบบอัตโนมัติในงานภายใน', 'Internal automation'),
  INFRA_NETWORK: t('โครงสร้างพื้นฐานเครือข่าย', 'Network infrastructure'),
  PV_SHARED_INFRA: t('โครงสร้างพื้นฐานที่จังหวัดใช้ร่วมกัน', 'Shared provincial infrastructure'),
  CYBER_CONTROLS: t('มาตรการความมั่นคงปลอดภัยไซเบอร์', 'Cybersecurity control'),
  CYBER_STANDARDS_USED: t('ใช้', 'Standard followed'),
  TECHNOLOGIES: t('ประยุกต์ใช้เทคโนโลยี', 'Technology in use'),
};

/** Thai heads that read straight on into the option ("เชื่อมต่อกับ" + "ThaiD"); English always takes a colon. */
const RUN_ON = new Set([
  'POL_PLAN_ALIGNMENT',
  'POL_INSIGHT_USES',
  'PDPA_TRAINING_TIERS',
  'PV_DATA_SOURCES',
  'PV_SKILL_AREA_STAFF',
  'SA_RESULTS_USE',
  'PLATFORM_TARGETS',
  'CYBER_STANDARDS_USED',
]);

function join(code: string, head: Text, option: Text): Text {
  return RUN_ON.has(code)
    ? { th: `${head.th}${option.th}`, en: `${head.en}: ${option.en}` }
    : { th: `${head.th}: ${option.th}`, en: `${head.en}: ${option.en}` };
}

function nameQuestion(q: QuestionInput): QuestionInput {
  if (!q.options?.some((o) => o.maturity)) return q;
  const yes = q.type === 'yes_no' ? YES[q.code] : undefined;
  const head = CHOICE[q.code];
  return {
    ...q,
    options: q.options.map((o) => {
      if (!o.maturity || o.maturity.label) return o;
      const label = yes ?? (head ? join(q.code, head, o.label) : undefined);
      return label ? { ...o, maturity: { ...o.maturity, label } } : o;
    }),
  };
}

/** The pillar with every option-based criterion named (explicit names in the data win). */
export function nameCriteria(pillar: PillarInput): PillarInput {
  return {
    ...pillar,
    indicators: pillar.indicators.map((ind) => ({ ...ind, questions: ind.questions.map(nameQuestion) })),
  };
}
