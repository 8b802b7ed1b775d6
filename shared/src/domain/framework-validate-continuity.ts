import type { Framework } from '../schemas/framework';
import type { AddIssue } from './framework-issue';

/** A framework that continues another: previousCode names it, each previousKey is one of its pillars. */
export function checkContinuity(fw: Framework, previous: Framework, add: AddIssue): void {
  if (fw.previousCode !== previous.code) {
    add(
      ['previousCode'],
      'previous_code_mismatch',
      `previousCode is ${fw.previousCode === undefined ? 'missing' : `"${fw.previousCode}"`} but the previous framework given is "${previous.code}".`,
      `${fw.previousCode === undefined ? 'ไม่ได้ระบุ previousCode' : `previousCode คือ "${fw.previousCode}"`} แต่กรอบการประเมินก่อนหน้าที่ระบุคือ "${previous.code}"`,
    );
  }
  const previousKeys = new Set(previous.pillars.map((p) => p.key));
  fw.pillars.forEach((pillar, pi) => {
    if (pillar.previousKey !== undefined && !previousKeys.has(pillar.previousKey)) {
      add(
        ['pillars', pi, 'previousKey'],
        'unknown_previous_key',
        `Pillar ${pillar.key} continues previousKey ${pillar.previousKey}, which ${previous.code} does not define (its pillars: ${[...previousKeys].join(', ')}).`,
        `ตัวชี้วัด ${pillar.key} ต่อเนื่องจาก previousKey ${pillar.previousKey} ซึ่งไม่มีในกรอบ ${previous.code} (ตัวชี้วัดของกรอบนั้น: ${[...previousKeys].join(', ')})`,
      );
    }
  });
}
