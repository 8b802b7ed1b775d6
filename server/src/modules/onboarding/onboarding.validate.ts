import { ONBOARDING_COLUMNS, ONBOARDING_ROLE_WORDS, type OnboardingRowError } from '@dg/shared/schemas/onboarding';
import { z } from 'zod';
import type { Table } from '../imports/imports.parse';

export interface ValidContact {
  row: number;
  agencyId: number;
  displayName: string;
  email: string;
  role: 'cio' | 'respondent' | 'viewer';
}

export interface Known {
  agencies: Map<string, { id: number; active: boolean }>;
  /** Emails that already have an account, or an invitation still open. */
  taken: Map<string, 'account' | 'invitation'>;
}

const Email = z.string().trim().toLowerCase().email().max(254);
type Column = keyof typeof ONBOARDING_COLUMNS;
const MAX_ROWS = 5000;

/**
 * Checks every row and names each problem by row and column, in Thai then English; the list is
 * used only when it has no problem at all (nothing is invited from a half-right file).
 */
export function validateContacts(
  table: Table,
  known: Known,
): { contacts: ValidContact[]; errors: OnboardingRowError[] } {
  const errors: OnboardingRowError[] = [];
  const index = {} as Record<Column, number>;
  const header = table.header.map((h) => h.trim().toLowerCase());
  for (const [key, names] of Object.entries(ONBOARDING_COLUMNS) as [Column, readonly string[]][]) {
    const at = header.findIndex((h) => names.includes(h));
    if (at < 0) {
      errors.push({
        row: 1,
        column: names[0] as string,
        message: `ไม่พบคอลัมน์ "${names[1]}" (${names[0]}) ในแถวหัวตาราง · Column "${names[0]}" is missing from the header row`,
      });
    }
    index[key] = at;
  }
  if (errors.length) return { contacts: [], errors };
  if (table.rows.length === 0) {
    return { contacts: [], errors: [{ row: 2, column: 'email', message: 'ไม่มีรายชื่อในไฟล์ · The file lists nobody' }] };
  }
  if (table.rows.length > MAX_ROWS) {
    return {
      contacts: [],
      errors: [
        {
          row: MAX_ROWS + 2,
          column: 'email',
          message: `ไฟล์หนึ่งมีได้ไม่เกิน ${MAX_ROWS} รายชื่อ · At most ${MAX_ROWS} people per file`,
        },
      ],
    };
  }

  const contacts: ValidContact[] = [];
  const seen = new Map<string, number>();
  const colName = (k: Column) => table.header[index[k]] ?? ONBOARDING_COLUMNS[k][0];
  for (const { row, cells } of table.rows) {
    const cell = (k: Column) => (cells[index[k]] ?? '').trim();
    const problem = (k: Column, message: string) => errors.push({ row, column: colName(k), message });
    const before = errors.length;

    const code = cell('agencyCode');
    const agency = known.agencies.get(code);
    if (!code) problem('agencyCode', 'ต้องระบุรหัสหน่วยงาน · The agency code is required');
    else if (!agency)
      problem('agencyCode', `ไม่พบหน่วยงานรหัส "${code}" ในทะเบียน · No agency with code "${code}" in the registry`);
    else if (!agency.active)
      problem('agencyCode', `หน่วยงาน "${code}" ถูกยุบหรือรวมแล้ว · Agency "${code}" is no longer active`);

    const displayName = cell('displayName');
    if (!displayName) problem('displayName', 'ต้องระบุชื่อ · The name is required');
    else if (displayName.length > 200)
      problem('displayName', 'ชื่อยาวเกิน 200 ตัวอักษร · The name is longer than 200 characters');

    const parsed = Email.safeParse(cell('email'));
    if (!parsed.success) problem('email', `"${cell('email')}" ไม่ใช่อีเมลที่ถูกต้อง · is not a valid e-mail address`);
    const email = parsed.success ? parsed.data : '';
    if (email) {
      const first = seen.get(email);
      if (first) problem('email', `อีเมลนี้ซ้ำกับแถว ${first} · The same e-mail is on row ${first}`);
      else seen.set(email, row);
      const taken = known.taken.get(email);
      if (taken === 'account') problem('email', 'มีบัญชีที่ใช้อีเมลนี้อยู่แล้ว · An account with this e-mail already exists');
      if (taken === 'invitation') {
        problem('email', 'มีคำเชิญที่ยังใช้ได้สำหรับอีเมลนี้อยู่แล้ว · An open invitation for this e-mail already exists');
      }
    }

    const roleWord = cell('role').toLowerCase();
    const role = ONBOARDING_ROLE_WORDS[roleWord];
    if (!role) {
      problem(
        'role',
        `บทบาท "${cell('role')}" ไม่ถูกต้อง ใช้ cio, respondent หรือ viewer · Role must be cio, respondent or viewer`,
      );
    }

    if (errors.length === before && agency && role) {
      contacts.push({ row, agencyId: agency.id, displayName, email, role });
    }
  }
  return { contacts, errors };
}
