import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** jsonb: read as parsed JSON, written as a JSON string so pg and PGlite agree. */
type Json<T = unknown> = ColumnType<T, string, string>;
type NullableJson<T = unknown> = ColumnType<T | null, string | null | undefined, string | null>;

export interface MinistriesTable {
  code: string;
  name_th: string;
  name_en: string;
}

export interface AgenciesTable {
  id: Generated<number>;
  code: string;
  track: 'department' | 'province';
  name_th: string;
  name_en: string;
  ministry_code: string | null;
  org_type: string | null;
  role: string | null;
  region: string | null;
  active: Generated<boolean>;
  merged_into_id: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface AgencyHistoryTable {
  id: Generated<number>;
  agency_id: number;
  kind: string;
  before: NullableJson;
  after: NullableJson;
  changed_by: number | null;
  changed_at: Generated<Date>;
}

export interface FrameworksTable {
  id: Generated<number>;
  code: string;
  year: number;
  title_th: string;
  title_en: string;
  document: Json;
  hash: string;
  created_by: number | null;
  created_at: Generated<Date>;
  /** Bumped by each correction of the (frozen) document. */
  revision: Generated<number>;
}

/** Superseded documents of corrected frameworks. */
export interface FrameworkRevisionsTable {
  id: Generated<number>;
  framework_id: number;
  revision: number;
  hash: string;
  document: Json;
  superseded_by_hash: string;
  note: string;
  superseded_by: number | null;
  superseded_at: Generated<Date>;
}

export interface CyclesTable {
  id: Generated<number>;
  fiscal_year: number;
  name_th: string;
  name_en: string;
  framework_id: number;
  status: Generated<'draft' | 'open' | 'closed' | 'published'>;
  opens_at: NullableTimestamp;
  closes_at: NullableTimestamp;
  published_at: NullableTimestamp;
  created_at: Generated<Date>;
  /** Only the agency's CIO submits, with a declaration of accuracy (migration 0015). */
  signoff_required: Generated<boolean>;
}

/** Disclosure control of a cycle's aggregates for agency users and open data (migration 0010). */
export interface CycleDisclosurePoliciesTable {
  cycle_id: number;
  min_segment_size: number;
  updated_by: number | null;
  updated_at: Generated<Date>;
}

/** National targets per cycle (migration 0016). */
export interface NationalTargetsTable {
  cycle_id: number;
  code: string;
  label_th: string;
  label_en: string;
  indicator_kind: 'level_at_least' | 'derived';
  level: number | null;
  derived_code: string | null;
  track: 'department' | 'province' | null;
  comparison: 'gte' | 'lte';
  /** numeric: a string from `pg`, a number from PGlite; read through Number(). */
  target_percent: number | string;
  source_th: string;
  source_en: string;
  /** Gregorian fiscal year the plan sets the target for (null: no year stated). */
  target_year: number | null;
  updated_by: number | null;
  updated_at: Generated<Date>;
}

export interface CycleAgenciesTable {
  cycle_id: number;
  agency_id: number;
  invited_at: Generated<Date>;
  deadline_override: NullableTimestamp;
}

export interface UsersTable {
  id: Generated<number>;
  email: string;
  display_name: string;
  password_hash: string | null;
  role: 'respondent' | 'viewer' | 'cio' | 'analyst' | 'admin';
  agency_id: number | null;
  disabled_at: NullableTimestamp;
  failed_logins: Generated<number>;
  locked_until: NullableTimestamp;
  last_login_at: NullableTimestamp;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  /** Bumped by every change that must end the user's access tokens (claim `ver`). */
  token_version: Generated<number>;
  /** The privacy notice version the user acknowledged, and when (PDPA). */
  privacy_ack_version: string | null;
  privacy_ack_at: NullableTimestamp;
  /** Set when retention anonymised a long-disabled account. */
  anonymised_at: NullableTimestamp;
}

/** One sign-in (a refresh-token family); access tokens carry its id as claim `sid`. */
export interface SessionsTable {
  id: string;
  user_id: number;
  created_at: Generated<Date>;
  revoked_at: NullableTimestamp;
}

export interface RateLimitHitsTable {
  key: string;
  window_start: Timestamp;
  hits: number;
}

export interface LoginThrottleTable {
  email: string;
  ip: string;
  failures: Generated<number>;
  last_attempt_at: Generated<Date>;
  blocked_until: NullableTimestamp;
}

export interface RefreshTokensTable {
  id: string;
  family_id: string;
  user_id: number;
  token_hash: string;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  ip: string | null;
  user_agent: string | null;
  created_at: Generated<Date>;
}

export interface InvitationsTable {
  id: string;
  kind: 'invite' | 'reset';
  token_hash: string;
  email: string;
  role: string | null;
  agency_id: number | null;
  user_id: number | null;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
  created_by: number | null;
  created_at: Generated<Date>;
  display_name: string | null;
  opened_at: NullableTimestamp;
  /** Withdrawn by an administrator (migration 0020): the link no longer works. */
  revoked_at: NullableTimestamp;
  revoked_by: number | null;
}

export interface OnboardingBatchesTable {
  id: string;
  created_by: number | null;
  file_name: string;
  total: number;
  job_id: string | null;
  created_at: Generated<Date>;
}

export interface OnboardingContactsTable {
  id: Generated<number>;
  batch_id: string;
  row_number: number;
  agency_id: number;
  display_name: string;
  email: string;
  role: 'respondent' | 'viewer' | 'cio';
  invitation_id: string | null;
  mail_status: Generated<'queued' | 'sent' | 'bounced' | 'failed'>;
  mail_error: string | null;
  mailed_at: NullableTimestamp;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Generated<Date>;
  actor_user_id: number | null;
  actor_email: string | null;
  ip: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  agency_id: number | null;
  before: NullableJson;
  after: NullableJson;
  meta: NullableJson;
}

export interface ResponsesTable {
  id: Generated<number>;
  cycle_id: number;
  agency_id: number;
  status: Generated<'not_started' | 'in_progress' | 'submitted' | 'returned' | 'verified'>;
  round: Generated<number>;
  started_at: NullableTimestamp;
  submitted_at: NullableTimestamp;
  submitted_by: number | null;
  last_activity_at: NullableTimestamp;
  created_at: Generated<Date>;
  ready_for_signoff_at: NullableTimestamp;
  ready_for_signoff_by: number | null;
  declaration_text: string | null;
  declared_by: number | null;
  declared_by_name: string | null;
  declared_at: NullableTimestamp;
}

export interface AnswersTable {
  response_id: number;
  question_code: string;
  value: NullableJson;
  not_applicable: NullableJson<{ justification: string }>;
  revision: Generated<number>;
  updated_by: number | null;
  updated_at: Generated<Date>;
  verification: Generated<'self_reported' | 'verified' | 'rejected'>;
  verification_reason: string | null;
  verification_comment: string | null;
  verified_by: number | null;
  verified_at: NullableTimestamp;
  coded_category: string | null;
}

export interface AnswerSavesTable {
  idempotency_key: string;
  response_id: number;
  question_code: string;
  revision: number;
  created_at: Generated<Date>;
}

export interface EvidenceTable {
  id: string;
  response_id: number;
  question_code: string;
  kind: 'file' | 'url';
  url: string | null;
  file_name: string | null;
  mime: string | null;
  size: ColumnType<number | null, number | null | undefined, number | null>;
  sha256: string | null;
  storage_key: string | null;
  verification: Generated<'self_reported' | 'verified' | 'rejected'>;
  verification_reason: ColumnType<string | null, string | null | undefined, string | null>;
  verification_comment: ColumnType<string | null, string | null | undefined, string | null>;
  verified_by: ColumnType<number | null, number | null | undefined, number | null>;
  verified_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_by: number | null;
  created_at: Generated<Date>;
}

export interface ReviewCommentsTable {
  id: Generated<number>;
  response_id: number;
  round: number;
  question_code: string | null;
  comment: string;
  created_by: number | null;
  created_at: Generated<Date>;
}

export interface ResultSnapshotsTable {
  id: Generated<string>;
  response_id: number;
  cycle_id: number;
  agency_id: number;
  reason: string;
  revision: number;
  is_current: Generated<boolean>;
  published: Generated<boolean>;
  self_overall: number | null;
  verified_overall: number | null;
  self_result: Json;
  verified_result: Json;
  engine_version: string;
  framework_hash: string;
  created_by: number | null;
  created_at: Generated<Date>;
}

export interface SnapshotPillarsTable {
  snapshot_id: string;
  pillar_key: string;
  self_level: number | null;
  verified_level: number | null;
  self_score: number | null;
  verified_score: number | null;
}

export interface PresenceTable {
  response_id: number;
  user_id: number;
  pillar_key: string | null;
  seen_at: Generated<Date>;
}

export interface ReasonCategoriesTable {
  id: Generated<number>;
  cycle_id: number;
  question_code: string;
  code: string;
  label_th: string;
  label_en: string;
}

export interface BackgroundJobsTable {
  id: string;
  kind: string;
  created_by: number | null;
  params: Json;
  status: Generated<'queued' | 'running' | 'done' | 'failed'>;
  done: Generated<number>;
  total: Generated<number>;
  error: string | null;
  result_key: string | null;
  file_name: string | null;
  cache_key: string | null;
  lease_until: Date | null;
  attempts: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  finished_at: Date | null;
}

export interface BackgroundJobItemsTable {
  job_id: string;
  item_key: string;
  storage_key: string;
  file_name: string;
  renders: Generated<number>;
  created_at: Generated<Date>;
}

export interface UserMfaTable {
  user_id: number;
  secret_enc: string;
  confirmed_at: NullableTimestamp;
  last_step: string | number | bigint | null;
  created_at: Generated<Date>;
}

export interface MfaRecoveryCodesTable {
  id: Generated<number>;
  user_id: number;
  code_hash: string;
  used_at: NullableTimestamp;
  created_at: Generated<Date>;
}

export interface MfaChallengesTable {
  token_hash: string;
  user_id: number;
  purpose: 'verify' | 'enrol';
  attempts: Generated<number>;
  expires_at: Timestamp;
  created_at: Generated<Date>;
}

/** The dashboards' data version (migration 0032): moved by triggers, read by analytics.cache.ts. */
export interface AnalyticsVersionTable {
  id: number;
  version: string;
}

export interface Database {
  analytics_version: AnalyticsVersionTable;
  onboarding_batches: OnboardingBatchesTable;
  onboarding_contacts: OnboardingContactsTable;
  user_mfa: UserMfaTable;
  mfa_recovery_codes: MfaRecoveryCodesTable;
  mfa_challenges: MfaChallengesTable;
  background_jobs: BackgroundJobsTable;
  background_job_items: BackgroundJobItemsTable;
  ministries: MinistriesTable;
  agencies: AgenciesTable;
  agency_history: AgencyHistoryTable;
  frameworks: FrameworksTable;
  framework_revisions: FrameworkRevisionsTable;
  cycles: CyclesTable;
  cycle_agencies: CycleAgenciesTable;
  cycle_disclosure_policies: CycleDisclosurePoliciesTable;
  national_targets: NationalTargetsTable;
  users: UsersTable;
  sessions: SessionsTable;
  refresh_tokens: RefreshTokensTable;
  invitations: InvitationsTable;
  audit_log: AuditLogTable;
  responses: ResponsesTable;
  answers: AnswersTable;
  answer_saves: AnswerSavesTable;
  evidence: EvidenceTable;
  review_comments: ReviewCommentsTable;
  result_snapshots: ResultSnapshotsTable;
  snapshot_pillars: SnapshotPillarsTable;
  reason_categories: ReasonCategoriesTable;
  presence: PresenceTable;
  rate_limit_hits: RateLimitHitsTable;
  login_throttle: LoginThrottleTable;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Agency = Selectable<AgenciesTable>;
export type Cycle = Selectable<CyclesTable>;
