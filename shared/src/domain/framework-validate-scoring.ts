import type { Framework, Pillar, Question, Track } from '../schemas/framework';
import { type AddIssue, type FrameworkPath, formatPath, type QuestionEntry } from './framework-issue';
import { checkCondition } from './framework-validate-conditions';
import type { FrameworkIndex } from './framework-validate-structure';

/**
 * Scoring rules: cut points of score-based pillars; criteria (a question's `criteria` and its
 * options' `maturity`) with unique codes, credited to pillars that exist, their conditions sound;
 * and in every track a pillar asks questions in, some criterion for each of levels 2..5.
 */

const ALL_LEVELS_ABOVE_ONE = [2, 3, 4, 5] as const;

/** Score and hybrid pillars need 4 cut points, strictly ascending within 0..100. */
export function checkCutPoints(pillar: Pillar, pPath: FrameworkPath, add: AddIssue): void {
  const { mode, cutPoints } = pillar.scoring;
  if (mode !== 'score' && mode !== 'hybrid') return;
  if (cutPoints === undefined) {
    add(
      [...pPath, 'scoring', 'cutPoints'],
      'cut_points_missing',
      `Pillar ${pillar.key} uses ${mode} scoring and needs 4 cutPoints (minimum scores for levels 2..5).`,
      `ตัวชี้วัด ${pillar.key} คิดคะแนนแบบ ${mode} จึงต้องกำหนด cutPoints 4 ค่า (คะแนนขั้นต่ำของระดับ 2..5)`,
    );
    return;
  }
  const inRange = cutPoints.every((c) => c >= 0 && c <= 100);
  const ascending = cutPoints.every((c, i) => i === 0 || c > (cutPoints[i - 1] as number));
  if (!inRange || !ascending) {
    add(
      [...pPath, 'scoring', 'cutPoints'],
      'cut_points_invalid',
      `Pillar ${pillar.key} cutPoints [${cutPoints.join(', ')}] must be strictly ascending and within 0..100.`,
      `cutPoints [${cutPoints.join(', ')}] ของตัวชี้วัด ${pillar.key} ต้องเรียงจากน้อยไปมากโดยแต่ละค่ามากกว่าค่าก่อนหน้า และอยู่ในช่วง 0..100`,
    );
  }
}

/** The criteria rules, fed one question at a time (document order), then asked for level coverage. */
export function scoringRules(index: FrameworkIndex, add: AddIssue) {
  const criterionCodes = new Map<string, string>();
  // Tracks -> pillar -> levels evidenced, for the level coverage rule.
  const coverage = new Map<string, Set<number>>();
  const coverKey = (track: Track, pillar: string) => `${track}|${pillar}`;

  const claimCriterionCode = (code: string, path: FrameworkPath) => {
    const seen = criterionCodes.get(code);
    if (seen !== undefined) {
      add(
        path,
        'duplicate_criterion_code',
        `Criterion code ${code} is already used at ${seen}; criterion codes must be unique (option criteria are named QUESTION.option).`,
        `รหัสเกณฑ์ ${code} ถูกใช้แล้วที่ ${seen} รหัสเกณฑ์ต้องไม่ซ้ำกัน (เกณฑ์ของตัวเลือกมีรหัสในรูป QUESTION.option)`,
      );
    } else criterionCodes.set(code, formatPath(path));
  };
  const checkPillarRef = (pillar: string, path: FrameworkPath, q: Question) => {
    if (!index.pillarKeys.has(pillar)) {
      add(
        path,
        'unknown_pillar',
        `Question ${q.code} credits pillar ${pillar}, which this framework does not define (pillars: ${[...index.pillarKeys.keys()].join(', ')}).`,
        `คำถาม ${q.code} นับผลเข้าตัวชี้วัด ${pillar} ซึ่งไม่มีในกรอบการประเมินนี้ (ตัวชี้วัดที่มี: ${[...index.pillarKeys.keys()].join(', ')})`,
      );
    }
  };
  const recordCoverage = (q: Question, pillar: string, level: number) => {
    for (const track of q.tracks) {
      const key = coverKey(track, pillar);
      let set = coverage.get(key);
      if (set === undefined) {
        set = new Set();
        coverage.set(key, set);
      }
      set.add(level);
    }
  };

  const checkQuestion = (entry: QuestionEntry) => {
    const q = entry.question;
    (q.options ?? []).forEach((option, oi) => {
      if (option.maturity === undefined) return;
      const mPath: FrameworkPath = [...entry.path, 'options', oi, 'maturity'];
      claimCriterionCode(`${q.code}.${option.code}`, [...entry.path, 'options', oi, 'code']);
      checkPillarRef(option.maturity.pillar, [...mPath, 'pillar'], q);
      recordCoverage(q, option.maturity.pillar, option.maturity.level);
    });
    (q.criteria ?? []).forEach((criterion, ci) => {
      const cPath: FrameworkPath = [...entry.path, 'criteria', ci];
      claimCriterionCode(criterion.code, [...cPath, 'code']);
      checkPillarRef(criterion.pillar, [...cPath, 'pillar'], q);
      recordCoverage(q, criterion.pillar, criterion.level);
      checkCondition(criterion.when, [...cPath, 'when'], entry, index.questions, 'criterion', add);
    });
  };

  // Every track a pillar asks questions in must be able to tell levels 2..5 apart.
  const checkLevelCoverage = (fw: Framework) => {
    fw.pillars.forEach((pillar, pi) => {
      const tracks = new Set<Track>();
      for (const indicator of pillar.indicators)
        for (const q of indicator.questions) for (const t of q.tracks) tracks.add(t);
      for (const track of tracks) {
        const levels = coverage.get(coverKey(track, pillar.key)) ?? new Set<number>();
        const missing = ALL_LEVELS_ABOVE_ONE.filter((l) => !levels.has(l));
        if (missing.length > 0) {
          add(
            ['pillars', pi],
            'pillar_level_without_criteria',
            `Pillar ${pillar.key} has ${track}-track questions but no criterion for level ${missing.join(', ')} in that track; an agency could never be placed at that level.`,
            `ตัวชี้วัด ${pillar.key} มีคำถามสำหรับกลุ่มผู้ตอบ ${track} แต่ไม่มีเกณฑ์ของระดับ ${missing.join(', ')} ในกลุ่มนั้น หน่วยงานจึงไม่มีทางได้ระดับดังกล่าว`,
          );
        }
      }
    });
  };

  return { checkQuestion, checkLevelCoverage };
}
