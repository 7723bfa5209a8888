// DDL of the mentorship read tables. The PRD names columns without types; the types here are the
// ones its rules imply (money as NUMERIC(12,2) in the marketplace currency, ratings NUMERIC(3,2),
// lists as text[]). `currency` on money tables is an addition: an amount without its currency is
// ambiguous once policies change.
#include <string>
#include <vector>

namespace edu::mentorship_ddl {

std::vector<std::string> Statements() {
  return {
      R"(CREATE TABLE IF NOT EXISTS {schema}.users (
        id uuid PRIMARY KEY, email text, phone text, name text, password_hash text,
        profile_image text, date_of_birth date, gender text,
        city text, state text, country text, timezone text,
        current_grade text, academic_level text, institution_name text,
        field_of_study text, graduation_year integer, gpa_score numeric(4,2),
        interests text[], career_goals text[], preferred_industries text[],
        primary_language text, languages_spoken text[], linkedin_url text,
        created_at timestamptz, updated_at timestamptz, is_verified boolean,
        onboarding_completed boolean, last_active timestamptz, account_status text,
        parent_email text))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.academic_details (
        id uuid PRIMARY KEY, user_id uuid, academic_level text,
        school_name text, board text, class_grade smallint, stream text,
        subjects text[], extracurricular text[],
        university_name text, degree_type text, major text, minor text,
        semester smallint, cgpa numeric(4,2), projects text[], internships text[],
        achievements text[], goals text[], challenges text[],
        created_at timestamptz, updated_at timestamptz))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.career_preferences (
        id uuid PRIMARY KEY, user_id uuid, preferred_roles text[], target_companies text[],
        desired_locations text[], work_preferences text, career_timeline text,
        specific_concerns text[], created_at timestamptz, updated_at timestamptz))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.mentors (
        id uuid PRIMARY KEY, user_id uuid, title text, university text, company text,
        experience_years integer, expertise_areas text[], academic_specializations text[],
        industry_focus text[], student_levels_served text[], hourly_rate numeric(12,2),
        currency char(3), bio text,
        linkedin_url text, verification_status text, verification_docs text[],
        verification_notes text, verified_by uuid, verified_at timestamptz, rejection_reason text,
        total_sessions integer NOT NULL DEFAULT 0, avg_rating numeric(3,2),
        response_time integer,
        primary_language text, languages_spoken text[], timezone text,
        is_active boolean, mentor_type text, performance_score numeric(5,2),
        payout_details text, tax_information text, background_check_status text))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.mentor_verification (
        id uuid PRIMARY KEY, mentor_id uuid, verification_type text, document_type text,
        document_url text, verification_status text, submitted_at timestamptz,
        reviewed_by uuid, reviewed_at timestamptz, rejection_reason text,
        expiry_date date, auto_reverify_date date))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.user_roles (
        id uuid PRIMARY KEY, user_id uuid, role_type text, permissions text[],
        assigned_by uuid, assigned_at timestamptz, is_active boolean))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.admin_users (
        id uuid PRIMARY KEY, user_id uuid, admin_type text, department text,
        permissions text[], managed_regions text[], managed_languages text[],
        created_at timestamptz))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.languages (
        id uuid PRIMARY KEY, language_code text, language_name text,
        is_active boolean, region text, native_speakers_count bigint))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.mentor_compatibility (
        id uuid PRIMARY KEY, mentor_id uuid, student_segment text, base_score numeric(6,4),
        language_score numeric(6,4), academic_score numeric(6,4), location_score numeric(6,4),
        last_computed timestamptz, is_active boolean))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.sessions (
        id uuid PRIMARY KEY, user_id uuid, mentor_id uuid, scheduled_at timestamptz,
        duration integer, amount numeric(12,2), currency char(3), status text, payment_id uuid,
        session_type text, session_language text, user_questions text[], mentor_notes text,
        video_room_id text, recording_url text, recording_access_expires timestamptz,
        follow_up_tasks text[], satisfaction_rating numeric(3,2), mentor_rating numeric(3,2),
        created_at timestamptz, cancellation_reason text, rescheduled_from timestamptz,
        conflict_resolution text))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.session_conflicts (
        id uuid PRIMARY KEY, session_id uuid, conflict_type text, reported_by uuid,
        reported_at timestamptz, resolution_type text, resolved_by uuid,
        resolved_at timestamptz, compensation_amount numeric(12,2), notes text))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.payments (
        id uuid PRIMARY KEY, session_id uuid, user_id uuid, mentor_id uuid, amount numeric(12,2),
        currency char(3), platform_fee numeric(12,2), mentor_earnings numeric(12,2),
        payment_method text, status text, payment_gateway_id text, gateway_response jsonb,
        refund_amount numeric(12,2), refund_reason text, refunded_at timestamptz,
        payout_id uuid, payout_status text, created_at timestamptz))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.mentor_payouts (
        id uuid PRIMARY KEY, mentor_id uuid, payout_period_start timestamptz,
        payout_period_end timestamptz, total_earnings numeric(12,2), platform_fee numeric(12,2),
        tax_deduction numeric(12,2), net_amount numeric(12,2), currency char(3),
        payout_method text, payout_reference text, status text, processed_at timestamptz,
        created_at timestamptz))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.user_progress (
        id uuid PRIMARY KEY, user_id uuid, milestone_type text, milestone_data jsonb,
        achieved_at timestamptz, mentor_id uuid, session_id uuid, progress_notes text,
        next_steps text[]))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.quality_reviews (
        id uuid PRIMARY KEY, mentor_id uuid, review_type text, reviewer_id uuid,
        review_date timestamptz, rating numeric(3,2), feedback text, action_taken text,
        follow_up_required boolean, created_at timestamptz))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.support_tickets (
        id uuid PRIMARY KEY, user_id uuid, ticket_type text, priority text, status text,
        subject text, description text, assigned_to uuid, created_at timestamptz,
        resolved_at timestamptz, resolution_notes text, satisfaction_rating smallint))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.audit_logs (
        id uuid PRIMARY KEY, user_id uuid, action_type text, resource_type text,
        resource_id text, old_values jsonb, new_values jsonb, ip_address text,
        user_agent text, created_at timestamptz))",
      "CREATE INDEX IF NOT EXISTS sessions_mentor_idx ON {schema}.sessions (mentor_id, "
      "scheduled_at)",
      "CREATE INDEX IF NOT EXISTS sessions_user_idx ON {schema}.sessions (user_id, scheduled_at)",
      "CREATE INDEX IF NOT EXISTS payments_session_idx ON {schema}.payments (session_id)",
      "CREATE INDEX IF NOT EXISTS payments_mentor_idx ON {schema}.payments (mentor_id, "
      "payout_status)",
      "CREATE INDEX IF NOT EXISTS mentors_search_idx ON {schema}.mentors (is_active, "
      "verification_status, primary_language)",
      "CREATE INDEX IF NOT EXISTS mentor_verification_mentor_idx ON {schema}.mentor_verification "
      "(mentor_id)",
      "CREATE INDEX IF NOT EXISTS user_roles_user_idx ON {schema}.user_roles (user_id)",
      "CREATE INDEX IF NOT EXISTS session_conflicts_session_idx ON {schema}.session_conflicts "
      "(session_id)",
      "CREATE INDEX IF NOT EXISTS mentor_payouts_mentor_idx ON {schema}.mentor_payouts (mentor_id, "
      "payout_period_start)",
      "CREATE INDEX IF NOT EXISTS quality_reviews_mentor_idx ON {schema}.quality_reviews "
      "(mentor_id, review_date)",
      "CREATE INDEX IF NOT EXISTS payments_payout_idx ON {schema}.payments (payout_id)",
  };
}

}  // namespace edu::mentorship_ddl
