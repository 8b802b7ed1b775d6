/**
 * The framework workbook's layout: one sheet per part of a framework, each with a Thai label row
 * (row 1, for the analysts who edit it) and a key row (row 2, what the importer reads), data from
 * row 3. Pure data, shared by the writer (server), the reader and the error messages.
 */

export type WorkbookCell = string | number | boolean | null;

export interface WorkbookColumn {
  key: string;
  th: string;
  width?: number;
}

export interface WorkbookSheetSpec {
  name: WorkbookSheetName;
  th: string;
  columns: WorkbookColumn[];
}

export const WORKBOOK_SHEETS = [
  'framework',
  'levels',
  'pillars',
  'pillar_levels',
  'indicators',
  'questions',
  'options',
  'matrix_rows',
  'criteria',
  'conditions',
] as const;
export type WorkbookSheetName = (typeof WORKBOOK_SHEETS)[number];

/** Data starts below the Thai label row and the key row. */
export const FIRST_DATA_ROW = 3;

const text = (key: string, th: string, width = 40): WorkbookColumn => ({ key, th, width });
const short = (key: string, th: string, width = 14): WorkbookColumn => ({ key, th, width });
const maturity: WorkbookColumn[] = [
  short('pillar', 'ด้าน (รหัส)'),
  short('level', 'ระดับที่เป็นหลักฐาน'),
  short('weight', 'น้ำหนัก'),
  short('required', 'เป็นเกณฑ์บังคับ (ใช่/ไม่ใช่)'),
  text('action_th', 'สิ่งที่ต้องทำเพื่อถึงระดับ (ไทย)'),
  text('action_en', 'Action to reach the level (English)'),
];

export const SHEET_SPECS: Record<WorkbookSheetName, WorkbookSheetSpec> = {
  framework: {
    name: 'framework',
    th: 'ข้อมูลกรอบการประเมิน',
    columns: [short('field', 'รายการ', 24), text('value', 'ค่า', 80)],
  },
  levels: {
    name: 'levels',
    th: 'ระดับความพร้อม',
    columns: [
      short('level', 'ระดับ'),
      text('name_th', 'ชื่อระดับ (ไทย)'),
      text('name_en', 'Level name (English)'),
      text('stage_th', 'ขั้น (ไทย)'),
      text('stage_en', 'Stage (English)'),
    ],
  },
  pillars: {
    name: 'pillars',
    th: 'ด้านและวิธีคิดคะแนน',
    columns: [
      short('key', 'รหัสด้าน'),
      short('number', 'ลำดับ'),
      text('name_th', 'ชื่อด้าน (ไทย)'),
      text('name_en', 'Pillar name (English)'),
      text('description_th', 'คำอธิบาย (ไทย)'),
      text('description_en', 'Description (English)'),
      short('weight', 'น้ำหนัก'),
      short('scoring_mode', 'วิธีคิด (staged/score/hybrid)'),
      short('min_optional_share', 'สัดส่วนเกณฑ์ไม่บังคับขั้นต่ำ (0-1)'),
      short('cut_points', 'จุดตัดคะแนนระดับ 2-5 (คั่นด้วย ;)', 20),
      short('previous_key', 'รหัสด้านปีก่อน'),
      text('changed_th', 'การเปลี่ยนแปลงจากปีก่อน (ไทย)'),
      text('changed_en', 'Change from the previous year (English)'),
    ],
  },
  pillar_levels: {
    name: 'pillar_levels',
    th: 'ชื่อระดับของแต่ละด้าน',
    columns: [
      short('pillar', 'รหัสด้าน'),
      short('level', 'ระดับ'),
      text('name_th', 'ชื่อระดับ (ไทย)'),
      text('name_en', 'Level name (English)'),
    ],
  },
  indicators: {
    name: 'indicators',
    th: 'ตัวชี้วัด',
    columns: [
      short('pillar', 'รหัสด้าน'),
      short('code', 'รหัสตัวชี้วัด'),
      text('name_th', 'ชื่อตัวชี้วัด (ไทย)', 60),
      text('name_en', 'Indicator name (English)', 60),
    ],
  },
  questions: {
    name: 'questions',
    th: 'คำถาม',
    columns: [
      short('indicator', 'รหัสตัวชี้วัด'),
      short('code', 'รหัสคำถาม', 20),
      short('type', 'ชนิดคำถาม'),
      text('text_th', 'ข้อความคำถาม (ไทย)', 60),
      text('text_en', 'Question text (English)', 60),
      text('help_th', 'คำอธิบายเพิ่มเติม (ไทย)'),
      text('help_en', 'Help (English)'),
      short('required', 'ต้องตอบ (ใช่/ไม่ใช่)'),
      short('tracks', 'กลุ่มผู้ตอบ (department, province)', 22),
      short('allow_na', 'ตอบไม่เกี่ยวข้องได้ (ใช่/ไม่ใช่)'),
      short('evidence', 'หลักฐาน (none/optional/required)'),
      short('unit_th', 'หน่วย (ไทย)'),
      short('unit_en', 'Unit (English)'),
      short('min', 'ค่าต่ำสุด'),
      short('max', 'ค่าสูงสุด'),
      short('integer', 'จำนวนเต็มเท่านั้น (ใช่/ไม่ใช่)'),
      short('topics', 'ประเด็นข้อค้นพบ (คั่นด้วย ,)', 24),
    ],
  },
  options: {
    name: 'options',
    th: 'ตัวเลือกคำตอบ',
    columns: [
      short('question', 'รหัสคำถาม', 20),
      short('code', 'รหัสตัวเลือก'),
      text('label_th', 'ข้อความตัวเลือก (ไทย)', 50),
      text('label_en', 'Option label (English)', 50),
      short('exclusive', 'ไม่เลือกข้ออื่นร่วม (ใช่/ไม่ใช่)'),
      short('other', 'อื่น ๆ ระบุ (ใช่/ไม่ใช่)'),
      ...maturity,
      text('criterion_th', 'ชื่อเกณฑ์ที่แสดงในผล (ไทย)', 50),
      text('criterion_en', 'Criterion name shown in results (English)', 50),
    ],
  },
  matrix_rows: {
    name: 'matrix_rows',
    th: 'แถวของคำถามตาราง',
    columns: [
      short('question', 'รหัสคำถาม', 20),
      short('code', 'รหัสแถว'),
      text('label_th', 'ข้อความแถว (ไทย)', 50),
      text('label_en', 'Row label (English)', 50),
    ],
  },
  criteria: {
    name: 'criteria',
    th: 'เกณฑ์และการให้คะแนน',
    columns: [
      short('question', 'รหัสคำถาม', 20),
      short('code', 'รหัสเกณฑ์', 24),
      text('label_th', 'ชื่อเกณฑ์ (ไทย)', 50),
      text('label_en', 'Criterion (English)', 50),
      ...maturity,
    ],
  },
  conditions: {
    name: 'conditions',
    th: 'เงื่อนไขการแสดงคำถามและเงื่อนไขของเกณฑ์',
    columns: [
      short('question', 'คำถามที่เป็นเจ้าของ', 20),
      short('criterion', 'รหัสเกณฑ์ (ว่าง = เงื่อนไขการแสดง)', 24),
      short('node', 'ลำดับในเงื่อนไข (1, 1.1, 1.2 ...)'),
      short('logic', 'ตรรกะ (all/any/not; ว่าง = เงื่อนไขย่อย)'),
      short('reads', 'คำถามที่อ่านคำตอบ', 20),
      short('row', 'แถว (คำถามตาราง)'),
      short('op', 'ตัวดำเนินการ'),
      short('value', 'ค่า'),
      short('values', 'หลายค่า (คั่นด้วย ,)', 24),
    ],
  },
};

/** Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export const YES_TH = 'ใช่';
export const NO_TH = 'ไม่ใช่';
