export interface Ministry {
  code: string;
  nameTh: string;
  nameEn: string;
  /** 'ministry' for the 20 ministry-level bodies; groupings collect agencies outside any ministry. */
  kind: 'ministry' | 'grouping';
}

/**
 * The 20 ministry-level bodies of the Thai government (the Office of the Prime Minister ranks as a
 * ministry, with 19 ministries proper), plus groupings for agencies that belong to none.
 */
export const ministries: Ministry[] = [
  { code: 'OPM', nameTh: 'สำนักนายกรัฐมนตรี', nameEn: 'Office of the Prime Minister', kind: 'ministry' },
  { code: 'MOD', nameTh: 'กระทรวงกลาโหม', nameEn: 'Ministry of Defence', kind: 'ministry' },
  { code: 'MOF', nameTh: 'กระทรวงการคลัง', nameEn: 'Ministry of Finance', kind: 'ministry' },
  { code: 'MFA', nameTh: 'กระทรวงการต่างประเทศ', nameEn: 'Ministry of Foreign Affairs', kind: 'ministry' },
  { code: 'MOTS', nameTh: 'กระทรวงการท่องเที่ยวและกีฬา', nameEn: 'Ministry of Tourism and Sports', kind: 'ministry' },
  {
    code: 'MSDHS',
    nameTh: 'กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์',
    nameEn: 'Ministry of Social Development and Human Security',
    kind: 'ministry',
  },
  {
    code: 'MHESI',
    nameTh: 'กระทรวงการอุดมศึกษา วิทยาศาสตร์ วิจัยและนวัตกรรม',
    nameEn: 'Ministry of Higher Education, Science, Research and Innovation',
    kind: 'ministry',
  },
  {
    code: 'MOAC',
    nameTh: 'กระทรวงเกษตรและสหกรณ์',
    nameEn: 'Ministry of Agriculture and Cooperatives',
    kind: 'ministry',
  },
  { code: 'MOT', nameTh: 'กระทรวงคมนาคม', nameEn: 'Ministry of Transport', kind: 'ministry' },
  {
    code: 'MNRE',
    nameTh: 'กระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม',
    nameEn: 'Ministry of Natural Resources and Environment',
    kind: 'ministry',
  },
  {
    code: 'MDES',
    nameTh: 'กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม',
    nameEn: 'Ministry of Digital Economy and Society',
    kind: 'ministry',
  },
  { code: 'MOEN', nameTh: 'กระทรวงพลังงาน', nameEn: 'Ministry of Energy', kind: 'ministry' },
  { code: 'MOC', nameTh: 'กระทรวงพาณิชย์', nameEn: 'Ministry of Commerce', kind: 'ministry' },
  { code: 'MOI', nameTh: 'กระทรวงมหาดไทย', nameEn: 'Ministry of Interior', kind: 'ministry' },
  { code: 'MOJ', nameTh: 'กระทรวงยุติธรรม', nameEn: 'Ministry of Justice', kind: 'ministry' },
  { code: 'MOL', nameTh: 'กระทรวงแรงงาน', nameEn: 'Ministry of Labour', kind: 'ministry' },
  { code: 'MOCUL', nameTh: 'กระทรวงวัฒนธรรม', nameEn: 'Ministry of Culture', kind: 'ministry' },
  { code: 'MOE', nameTh: 'กระทรวงศึกษาธิการ', nameEn: 'Ministry of Education', kind: 'ministry' },
  { code: 'MOPH', nameTh: 'กระทรวงสาธารณสุข', nameEn: 'Ministry of Public Health', kind: 'ministry' },
  { code: 'MOIND', nameTh: 'กระทรวงอุตสาหกรรม', nameEn: 'Ministry of Industry', kind: 'ministry' },
  {
    code: 'IND',
    nameTh: 'องค์กรอิสระและหน่วยงานตามรัฐธรรมนูญ',
    nameEn: 'Independent and constitutional bodies',
    kind: 'grouping',
  },
  {
    code: 'LEG',
    nameTh: 'หน่วยงานของรัฐสภาและหน่วยงานที่ไม่สังกัดกระทรวง',
    nameEn: 'Parliamentary and other non-ministerial bodies',
    kind: 'grouping',
  },
  {
    code: 'OTH',
    nameTh: 'หน่วยงานของรัฐอื่น ๆ (กองทุน หน่วยบริการรูปแบบพิเศษ)',
    nameEn: 'Other state bodies (funds, special service units)',
    kind: 'grouping',
  },
];
