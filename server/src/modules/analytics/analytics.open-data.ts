import type { LevelsQuery, SegmentQuery } from '@dg/shared/schemas/analytics';
import type { QuestionType } from '@dg/shared/schemas/framework';
import type { LocalizedText } from '@dg/shared/schemas/i18n';
import archiver from 'archiver';
import type { Db } from '../../db/database';
import * as disclosure from './analytics.disclosure';
import { ITEM_COLUMNS, itemRowsOf, LEVEL_COLUMNS, levelRowsOf } from './analytics.export';
import type * as repo from './analytics.repository';
import * as service from './analytics.service';
import { type Cell, rateTable, type Table, tableCsv } from './analytics.tables';

/**
 * The open-data package for data.go.th: aggregate CSVs (UTF-8 with BOM) and the dataset metadata
 * of DGA's 14-item standard. Only counts over segments go in: no agency names, codes or free text
 * (the "other, specify" texts of reason questions are left out; their analyst codings stay).
 * It is public: every table follows the cycle's disclosure policy, whoever downloads it (a segment
 * of fewer agencies than the minimum is a "withheld" row with no numbers, see analytics.disclosure).
 */

/** Questions whose answers are from a fixed list: their statistics are counts of codes. */
const CLOSED: ReadonlySet<QuestionType> = new Set(['single', 'multiple', 'yes_no', 'staged', 'reason', 'matrix']);

export interface OpenDataContact {
  maintainer?: string;
  maintainerEmail?: string;
}

interface MetadataItem {
  key: string;
  label: LocalizedText;
  value: LocalizedText;
}

const SEGMENT_COLUMNS = ['segment_by', 'segment_value'] as const;

async function levelTable(db: Db, cycle: repo.CycleRow, min: number): Promise<Table> {
  const segments: [string, string, SegmentQuery][] = [['all', 'all', {}]];
  for (const track of Object.keys(service.TRACK_LABELS)) segments.push(['track', track, { track: track as never }]);
  // Organization type and role are department attributes.
  for (const orgType of Object.keys(service.ORG_TYPE_LABELS))
    segments.push(['org_type', orgType, { track: 'department', orgType }]);
  for (const role of Object.keys(service.ROLE_LABELS)) segments.push(['role', role, { track: 'department', role }]);
  const rows: Cell[][] = [];
  for (const [by, value, seg] of segments) {
    const q: LevelsQuery = { ...seg, basis: 'verified', atLeast: 3 };
    const l = await disclosure.levels(db, cycle, q, min);
    for (const r of levelRowsOf(l)) rows.push([by, value, ...r]);
  }
  return { columns: [...SEGMENT_COLUMNS, ...LEVEL_COLUMNS], rows };
}

async function itemTable(db: Db, cycle: repo.CycleRow, min: number): Promise<Table> {
  const framework = await service.cycleFramework(db, cycle);
  const rows: Cell[][] = [];
  for (const p of framework.pillars) {
    for (const ind of p.indicators) {
      for (const q of ind.questions) {
        if (!CLOSED.has(q.type)) continue;
        const s = await disclosure.itemStatistics(db, cycle, q.code, {}, 'track', min);
        for (const r of itemRowsOf(s)) {
          if (r[2] === 'other_text') continue; // free text an agency typed: never published
          rows.push([p.key, q.code, q.type, q.text.th, q.text.en, ...r]);
        }
      }
    }
  }
  return {
    columns: ['pillar_key', 'question_code', 'question_type', 'question_th', 'question_en', ...ITEM_COLUMNS],
    rows,
  };
}

export function openDataMetadata(cycle: repo.CycleRow, contact: OpenDataContact, min: number): MetadataItem[] {
  const be = cycle.fiscal_year + 543;
  const ce = cycle.fiscal_year;
  const item = (key: string, th: string, en: string, vth: string, ven: string): MetadataItem => ({
    key,
    label: { th, en },
    value: { th: vth, en: ven },
  });
  const maintainer = contact.maintainer ?? 'ทีมสำรวจความพร้อมรัฐบาลดิจิทัล สพร.';
  return [
    item(
      'title',
      'ชื่อชุดข้อมูล',
      'Title',
      `ผลการสำรวจความพร้อมรัฐบาลดิจิทัลของหน่วยงานภาครัฐ ประจำปี พ.ศ. ${be}`,
      `Digital Government Readiness Survey of government agencies, ${ce}: aggregate results`,
    ),
    item(
      'owner_org',
      'หน่วยงานเจ้าของข้อมูล',
      'Owner organization',
      'สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน) (สพร.)',
      'Digital Government Development Agency (Public Organization) (DGA)',
    ),
    item('maintainer', 'ผู้ติดต่อ', 'Maintainer', maintainer, contact.maintainer ?? 'DGA readiness survey team'),
    item(
      'maintainer_email',
      'อีเมลผู้ติดต่อ',
      'Maintainer email',
      contact.maintainerEmail ?? 'contact@dga.or.th',
      contact.maintainerEmail ?? 'contact@dga.or.th',
    ),
    item(
      'tags',
      'คำสำคัญ',
      'Tags',
      'รัฐบาลดิจิทัล,ความพร้อมรัฐบาลดิจิทัล,สำรวจ,หน่วยงานภาครัฐ,ระดับความพร้อม',
      'digital government,digital government readiness,survey,government agencies,maturity level',
    ),
    item(
      'description',
      'รายละเอียด',
      'Description',
      `สถิติรวมจากแบบสำรวจความพร้อมรัฐบาลดิจิทัล ปี พ.ศ. ${be}: อัตราการตอบแบบสำรวจ การกระจายระดับความพร้อมรายตัวชี้วัดและรายกลุ่ม (ระดับกรม ระดับจังหวัด ประเภทหน่วยงาน บทบาทหลัก) และสถิติรายข้อคำถามปลายปิด ทุกตัวเลขมีตัวตั้งและตัวหาร ไม่มีชื่อหน่วยงานหรือข้อความอิสระ กลุ่มที่มีหน่วยงานน้อยกว่า ${min} แห่งไม่แสดงตัวเลข (แถว withheld) เพื่อคุ้มครองข้อมูลรายหน่วยงาน`,
      `Aggregate statistics of the ${ce} Digital Government Readiness Survey: response rates, maturity level distributions by pillar and segment (department and province tracks, organization type, primary role) and item statistics of every closed question. Every figure carries its numerator and denominator; no agency names or free text. Segments of fewer than ${min} agencies show no numbers ("withheld" rows) to protect individual agencies.`,
    ),
    item(
      'objective',
      'วัตถุประสงค์',
      'Objective',
      'เผยแพร่ผลการสำรวจและประเมินความพร้อมรัฐบาลดิจิทัลตามพระราชบัญญัติการบริหารงานและการให้บริการภาครัฐผ่านระบบดิจิทัล พ.ศ. 2562 มาตรา 10(3)',
      'Publish the results of the digital government readiness assessment under the Digital Government Act B.E. 2562 (2019), section 10(3)',
    ),
    item('update_frequency', 'ความถี่ในการปรับปรุงข้อมูล', 'Update frequency', 'รายปี', 'Yearly'),
    item('geographic_scope', 'ขอบเขตเชิงภูมิศาสตร์', 'Geographic scope', 'ประเทศ', 'National (Thailand)'),
    item(
      'source',
      'แหล่งที่มา',
      'Source',
      `คำตอบแบบสำรวจความพร้อมรัฐบาลดิจิทัล ปี พ.ศ. ${be} ของหน่วยงานภาครัฐ ตรวจสอบหลักฐานโดย สพร.`,
      `Answers of government agencies to the ${ce} readiness survey, evidence verified by DGA`,
    ),
    item('format', 'รูปแบบการจัดเก็บข้อมูล', 'Data format', 'CSV', 'CSV'),
    item(
      'category',
      'หมวดหมู่ข้อมูลตามธรรมาภิบาลข้อมูลภาครัฐ',
      'Data category (government data governance)',
      'ข้อมูลสาธารณะ',
      'Public data',
    ),
    item('license', 'สัญญาอนุญาต', 'License', 'Open Data Common', 'Open Data Common'),
    item('access_conditions', 'เงื่อนไขในการเข้าถึงข้อมูล', 'Access conditions', 'ไม่มีเงื่อนไข', 'None'),
  ];
}

export const OPEN_DATA_FILES = {
  levels: 'level-distribution.csv',
  rates: 'response-rates.csv',
  items: 'item-statistics.csv',
  metadataCsv: 'metadata.csv',
  metadataJson: 'metadata.json',
} as const;

/** The whole package in memory: aggregates are small, and a failure must not send half a ZIP. */
export async function openDataZip(db: Db, cycle: repo.CycleRow, contact: OpenDataContact = {}): Promise<Buffer> {
  const min = await disclosure.minSegmentSize(db, cycle.id);
  const levels = await levelTable(db, cycle, min);
  const rates = rateTable(await disclosure.responseRates(db, cycle.id, min), false);
  const items = await itemTable(db, cycle, min);
  const metadata = openDataMetadata(cycle, contact, min);
  const metaCsv = tableCsv({
    columns: ['key', 'field_th', 'field_en', 'value_th', 'value_en'],
    rows: metadata.map((m) => [m.key, m.label.th, m.label.en, m.value.th, m.value.en]),
  });
  const json = {
    standard: 'DGA dataset metadata (14 items)',
    fiscalYear: { ce: cycle.fiscal_year, be: cycle.fiscal_year + 543 },
    metadata,
    resources: [
      { file: OPEN_DATA_FILES.levels, th: 'การกระจายระดับความพร้อมรายตัวชี้วัดและรายกลุ่ม', en: 'Level distributions' },
      { file: OPEN_DATA_FILES.rates, th: 'อัตราการตอบแบบสำรวจ', en: 'Response rates' },
      { file: OPEN_DATA_FILES.items, th: 'สถิติรายข้อคำถามปลายปิด', en: 'Item statistics of closed questions' },
    ],
  };
  const zip = archiver('zip', { zlib: { level: 6 } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    zip.on('data', (c: Buffer) => chunks.push(c));
    zip.on('end', () => resolve(Buffer.concat(chunks)));
    zip.on('error', reject);
  });
  zip.append(tableCsv(levels), { name: OPEN_DATA_FILES.levels });
  zip.append(tableCsv(rates), { name: OPEN_DATA_FILES.rates });
  zip.append(tableCsv(items), { name: OPEN_DATA_FILES.items });
  zip.append(metaCsv, { name: OPEN_DATA_FILES.metadataCsv });
  zip.append(`${JSON.stringify(json, null, 2)}\n`, { name: OPEN_DATA_FILES.metadataJson });
  await zip.finalize();
  return done;
}
