import type { ColumnType, Generated } from 'kysely';

// Tables of migration 0029 (framework trial runs), merged into the Database interface.

type Json = ColumnType<unknown, string | null, string | null>;

export interface FrameworkTrialsTable {
  id: Generated<number>;
  framework_id: number;
  opened_by: number | null;
  opened_at: Generated<Date>;
}

export interface FrameworkTrialAnswersTable {
  trial_id: number;
  track: 'department' | 'province';
  question_code: string;
  value: Json;
  not_applicable: Json;
  updated_by: number | null;
  updated_at: Generated<Date>;
}

declare module './schema' {
  interface Database {
    framework_trials: FrameworkTrialsTable;
    framework_trial_answers: FrameworkTrialAnswersTable;
  }
}
