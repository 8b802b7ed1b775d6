import type { ColumnType, Generated } from 'kysely';

// Tables of migration 0021, merged into the Database interface (kept apart from schema.ts so
// parallel work on other tables does not collide).

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface AnalystAssignmentsTable {
  agency_id: number;
  analyst_id: number;
  assigned_by: number | null;
  assigned_at: Generated<Date>;
}

export interface RemindersTable {
  id: Generated<number>;
  cycle_id: number;
  agency_id: number;
  kind: 'not_submitted' | 'returned';
  status: Generated<'scheduled' | 'sent' | 'failed' | 'no_recipient' | 'cancelled'>;
  scheduled_for: Timestamp;
  sent_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** jsonb: the addresses the reminder went to. */
  recipients: ColumnType<string[], string | undefined, string>;
  error: string | null;
  created_by: number | null;
  created_at: Generated<Date>;
  /** The mail job of the sending (migration 0031); null for sendings before it. */
  job_id: string | null;
  cancelled_by: number | null;
}

declare module './schema' {
  interface Database {
    analyst_assignments: AnalystAssignmentsTable;
    reminders: RemindersTable;
  }
}
