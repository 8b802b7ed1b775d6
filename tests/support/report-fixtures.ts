import { type Framework, type FrameworkInput, FrameworkSchema, type Track } from '@dg/shared/schemas/framework';
import { dgrs2566 } from '../../seeds/frameworks/dgrs-2566/framework';
import type { Db } from '../../server/src/db/database';
import { importFramework } from '../../server/src/modules/frameworks/frameworks.service';
import { storeSnapshot } from '../../server/src/modules/responses/snapshots';
import { rng } from './engine-fixtures';

/** Shared by the results/report tests and the reports bench: the 2566 framework, a cycle, agencies and snapshots. */

export const LONG_THAI_ACTION =
  'หน่วยงานควรจัดทำแผนพัฒนาบุคลากรด้านดิจิทัลที่สอดคล้องกับยุทธศาสตร์ขององค์กรและกำหนดตัวชี้วัดความสำเร็จที่ชัดเจนเพื่อติดตามผลการดำเนินงานอย่างต่อเนื่องทุกไตรมาสรวมทั้งเปิดเผยข้อมูลสาธารณะในรูปแบบที่เครื่องสามารถอ่านได้ผ่านศูนย์กลางข้อมูลเปิดภาครัฐและสำรวจความต้องการของผู้ใช้ข้อมูลก่อนการเผยแพร่ทุกครั้งเพื่อให้ประชาชนและภาคธุรกิจนำข้อมูลไปใช้ประโยชน์ได้จริงโดยคำนึงถึงการคุ้มครองข้อมูลส่วนบุคคลตามพระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล';

/** The 2566 framework with the first P1 level-2 criterion's Thai action replaced by `action`. */
export function frameworkWithAction(action: string | null): FrameworkInput {
  const f = structuredClone(dgrs2566) as FrameworkInput;
  if (!action) return f;
  const p1 = f.pillars.find((p) => p.key === 'P1');
  for (const ind of p1?.indicators ?? []) {
    for (const q of ind.questions) {
      for (const m of [...(q.options ?? []).map((o) => o.maturity), ...(q.criteria ?? [])]) {
        if (m && m.pillar === 'P1' && m.level === 2) {
          m.action = { ...m.action, th: action };
          return f;
        }
      }
    }
  }
  throw new Error('no P1 level-2 criterion');
}

export async function importTestFramework(db: Db, input: FrameworkInput = dgrs2566) {
  const { row } = await importFramework(db, input, { userId: null, email: null, ip: null });
  return { id: row.id, framework: FrameworkSchema.parse(input) as Framework };
}

export async function insertCycle(
  db: Db,
  frameworkId: number,
  fiscalYear: number,
  status: 'open' | 'closed' | 'published' = 'published',
) {
  return db
    .insertInto('cycles')
    .values({
      fiscal_year: fiscalYear,
      name_th: `การสำรวจ ปี ${fiscalYear + 543}`,
      name_en: `Survey ${fiscalYear}`,
      framework_id: frameworkId,
      status,
      opens_at: `${fiscalYear}-01-01T00:00:00Z`,
      closes_at: `${fiscalYear}-06-30T00:00:00Z`,
      published_at: status === 'published' ? `${fiscalYear}-10-01T00:00:00Z` : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertNamedAgency(
  db: Db,
  code: string,
  nameTh: string,
  nameEn: string,
  track: Track = 'department',
  orgType: string | null = 'government_agency',
  role: string | null = 'service',
) {
  return db
    .insertInto('agencies')
    .values({
      code,
      track,
      name_th: nameTh,
      name_en: nameEn,
      ministry_code: null,
      org_type: track === 'department' ? orgType : null,
      role: track === 'department' ? role : null,
      region: null,
      merged_into_id: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

type Value = string | number | string[] | Record<string, string> | { choice: string };

/**
 * Answers of a given strength (0..1): the higher, the more practices claimed. Options are ranked
 * by the maturity level they evidence. `skipPillars` leaves a pillar's questions unanswered.
 */
export function strengthAnswers(
  framework: Framework,
  track: Track,
  strength: number,
  seed: number,
  skipPillars: string[] = [],
): Record<string, Value> {
  const r = rng(seed);
  const out: Record<string, Value> = {};
  for (const p of framework.pillars) {
    if (skipPillars.includes(p.key)) continue;
    for (const ind of p.indicators) {
      for (const q of ind.questions) {
        if (!q.tracks.includes(track)) continue;
        const opts = [...(q.options ?? [])].sort((a, b) => (a.maturity?.level ?? 0) - (b.maturity?.level ?? 0));
        const claim = () => r() < strength;
        switch (q.type) {
          case 'yes_no':
            out[q.code] = claim() ? 'yes' : 'no';
            break;
          case 'single':
          case 'staged': {
            if (!opts.length) break;
            const idx = Math.min(opts.length - 1, Math.floor((strength * 0.7 + r() * 0.3) * opts.length));
            out[q.code] = (opts[idx] as { code: string }).code;
            break;
          }
          case 'multiple':
            out[q.code] = opts.filter((o) => !o.exclusive && !o.other && claim()).map((o) => o.code);
            if ((out[q.code] as string[]).length === 0 && opts[0]) out[q.code] = [opts[0].code];
            break;
          case 'reason':
            if (opts[0]) out[q.code] = { choice: opts[0].code };
            break;
          case 'matrix':
            if (opts.length)
              out[q.code] = Object.fromEntries(
                (q.rows ?? []).map((row) => [row.code, (opts[claim() ? opts.length - 1 : 0] as { code: string }).code]),
              );
            break;
          case 'number':
            out[q.code] = Math.round(strength * 100);
            break;
          case 'percentage':
            out[q.code] = Math.round(strength * 100);
            break;
          case 'date':
            out[q.code] = '2023-05-01';
            break;
          default:
            out[q.code] = 'ดำเนินการแล้ว';
        }
      }
    }
  }
  return out;
}

/**
 * A submitted response with the answers and its current snapshot (storeSnapshot: both bases).
 * `rejected` maps question codes to an analyst's reason.
 */
export async function submitWithSnapshot(
  db: Db,
  cycleId: number,
  agencyId: number,
  answers: Record<string, Value>,
  rejected: Record<string, string> = {},
): Promise<number> {
  const resp = await db
    .insertInto('responses')
    .values({ cycle_id: cycleId, agency_id: agencyId, status: 'verified', submitted_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  const rows = Object.entries(answers).map(([code, value]) => ({
    response_id: resp.id,
    question_code: code,
    value: JSON.stringify(value),
    verification: (code in rejected ? 'rejected' : 'verified') as 'rejected' | 'verified',
    verification_reason: rejected[code] ?? null,
    verification_comment: code in rejected ? 'ตรวจสอบหลักฐานแล้วไม่พบการดำเนินการ' : null,
  }));
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('answers')
      .values(rows.slice(i, i + 200))
      .execute();
  await db.transaction().execute((trx) => storeSnapshot(trx, resp.id, 'submitted', null));
  return resp.id;
}

/** Question codes of a pillar (for rejecting a pillar's answers). */
export function pillarQuestionCodes(framework: Framework, pillarKey: string, track: Track = 'department'): string[] {
  const p = framework.pillars.find((x) => x.key === pillarKey);
  return (p?.indicators ?? []).flatMap((i) => i.questions.filter((q) => q.tracks.includes(track)).map((q) => q.code));
}
