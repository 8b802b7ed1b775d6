import type { z } from 'zod';
import { type FrameworkIssue, formatPath, issue } from './framework-issue';
import { stableStringify } from './framework-stable-json';

/** The first pass: the zod schema's issues (shape), each with a Thai message for the admin UI. */
export function schemaIssues(zodIssues: readonly z.core.$ZodIssue[]): FrameworkIssue[] {
  return zodIssues.map((zi) => {
    const path = zi.path.map((p) => (typeof p === 'number' ? p : String(p)));
    const where = path.length > 0 ? formatPath(path) : '(root)';
    return issue(path, 'schema', `${where}: ${zi.message}`, `${where}: ${zodMessageTh(zi)}`);
  });
}

const JSON_TYPE_TH: Record<string, string> = {
  string: 'ข้อความ (string)',
  number: 'ตัวเลข (number)',
  int: 'จำนวนเต็ม (integer)',
  boolean: 'ค่าตรรกะ (boolean)',
  array: 'อาร์เรย์ (array)',
  object: 'ออบเจกต์ (object)',
  record: 'ออบเจกต์ (object)',
  null: 'null',
};
const typeTh = (type: string) => JSON_TYPE_TH[type] ?? type;
const jsonTypeOf = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

/** A Thai rendering of a zod issue: the common codes are translated, anything else keeps zod's English text. */
function zodMessageTh(zi: z.core.$ZodIssue): string {
  switch (zi.code) {
    case 'invalid_type':
      return zi.input === undefined
        ? `ไม่ได้ระบุค่า ต้องเป็น${typeTh(zi.expected)}`
        : `ชนิดข้อมูลไม่ถูกต้อง ต้องเป็น${typeTh(zi.expected)} แต่ได้รับ${typeTh(jsonTypeOf(zi.input))}`;
    case 'too_small':
    case 'too_big': {
      const small = zi.code === 'too_small';
      const bound = String(small ? zi.minimum : zi.maximum);
      if (zi.origin === 'array' || zi.origin === 'set')
        return zi.exact ? `ต้องมี ${bound} รายการพอดี` : `ต้องมี${small ? 'อย่างน้อย' : 'ไม่เกิน'} ${bound} รายการ`;
      if (zi.origin === 'string')
        return zi.exact ? `ต้องยาว ${bound} ตัวอักษรพอดี` : `ต้องยาว${small ? 'อย่างน้อย' : 'ไม่เกิน'} ${bound} ตัวอักษร`;
      if (zi.origin === 'number' || zi.origin === 'int') {
        const relation = small ? (zi.inclusive ? 'ไม่น้อยกว่า' : 'มากกว่า') : zi.inclusive ? 'ไม่เกิน' : 'น้อยกว่า';
        return `ต้องมีค่า${relation} ${bound}`;
      }
      break;
    }
    case 'invalid_format':
      if (zi.format === 'regex' && zi.pattern !== undefined) {
        // A schema-specific hint (e.g. "Code must be UPPER_SNAKE") is kept; zod's generic text only repeats the pattern.
        const hint = zi.message.includes(zi.pattern) ? '' : ` (${zi.message})`;
        return `รูปแบบไม่ถูกต้อง ต้องตรงกับรูปแบบ ${zi.pattern}${hint}`;
      }
      return `รูปแบบ ${zi.format} ไม่ถูกต้อง`;
    case 'invalid_value':
      return `ต้องเป็นค่าใดค่าหนึ่งต่อไปนี้: ${zi.values.map((v) => stableStringify(v)).join(', ')}`;
    case 'unrecognized_keys':
      return `มีฟิลด์ที่ไม่รู้จัก: ${zi.keys.join(', ')}`;
    case 'invalid_union':
      return 'ข้อมูลไม่ตรงกับรูปแบบใดที่อนุญาต';
    case 'not_multiple_of':
      return `ต้องเป็นผลคูณของ ${zi.divisor}`;
    default:
      break;
  }
  return `รูปแบบข้อมูลไม่ถูกต้อง: ${zi.message}`;
}
