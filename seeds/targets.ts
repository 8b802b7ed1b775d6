import type { Kysely } from 'kysely';
import type { Database } from '../server/src/db/schema';

/**
 * The national strategy's target for the survey, as data per cycle: "share of department-level
 * agencies at digital government readiness level 4 or above, at least 20%" (DGA's action plans
 * restate it). Seeded for the demo cycles; an administrator sets targets of later cycles.
 */
export async function seedNationalTargets(db: Kysely<Database>, cycleIds: readonly number[]) {
  if (cycleIds.length === 0) return;
  await db
    .insertInto('national_targets')
    .values(
      cycleIds.map((cycleId) => ({
        cycle_id: cycleId,
        code: 'NS_DEPT_LEVEL4',
        label_th: 'สัดส่วนหน่วยงานระดับกรมที่มีระดับความพร้อมรัฐบาลดิจิทัลตั้งแต่ระดับ 4 ขึ้นไป',
        label_en: 'Share of department-level agencies at digital government readiness level 4 or above',
        indicator_kind: 'level_at_least' as const,
        level: 4,
        derived_code: null,
        track: 'department' as const,
        comparison: 'gte' as const,
        target_percent: 20,
        source_th: 'ยุทธศาสตร์ชาติ ตัวชี้วัดระดับความพร้อมรัฐบาลดิจิทัลของหน่วยงานภาครัฐ (แผนปฏิบัติการของ สพร.)',
        source_en:
          "National strategy indicator on agencies' digital government readiness (restated in DGA's action plans)",
        updated_by: null,
      })),
    )
    .onConflict((oc) => oc.columns(['cycle_id', 'code']).doNothing())
    .execute();
}
