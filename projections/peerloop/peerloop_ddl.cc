// DDL of the PeerLoop read tables (seed 001): all 43 documented tables with every documented
// column, in the documented types (string -> text, string(n) -> varchar(n), int -> integer,
// decimal -> numeric, enum -> text, timestamp -> timestamptz). Columns written from several
// streams (counters, flags) have defaults so that the commuting row operations can create them.
// Documented unique indexes the domain cannot guarantee across streams (users.email,
// users.handle, courses.slug) are plain indexes: a duplicate would stop the projector rather
// than be refused to the client, which is the job of a uniqueness reservation, not of a read
// model.
// Additions: posts.moderation_status ('visible', 'hidden', 'removed') and moderation_reason, and
// content_flags.review_reason (the moderator's reason): feed moderation (docs/peerloop.md).
#include <string>
#include <vector>

#include <fmt/format.h>

#include "domain/peerloop/policy.h"
#include "projections/sql_writer.h"

namespace edu::peerloop_ddl {

std::vector<std::string> Statements() {
  std::vector<std::string> out = {
      // ---- users ----
      R"(CREATE TABLE IF NOT EXISTS {schema}.users (
        id uuid PRIMARY KEY, email text, password_hash text, name text, handle text, title text,
        avatar_url text, bio text, bio_short varchar(160), teaching_philosophy text, website text,
        role text, is_creator boolean, is_student_teacher boolean, is_admin boolean,
        is_moderator boolean, privacy_public boolean, email_verified boolean,
        created_at timestamptz, updated_at timestamptz))",
      "CREATE INDEX IF NOT EXISTS users_email ON {schema}.users (email)",
      "CREATE INDEX IF NOT EXISTS users_handle ON {schema}.users (handle)",
      R"(CREATE TABLE IF NOT EXISTS {schema}.user_qualifications (
        id uuid PRIMARY KEY, user_id uuid, sentence text, display_order integer,
        created_at timestamptz))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.user_expertise (
        id uuid PRIMARY KEY, user_id uuid, tag text, UNIQUE (user_id, tag)))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.user_interests (
        id uuid PRIMARY KEY, user_id uuid, tag text))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.follows (
        id uuid PRIMARY KEY, follower_id uuid, followed_id uuid, created_at timestamptz,
        UNIQUE (follower_id, followed_id)))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.course_follows (
        id uuid PRIMARY KEY, user_id uuid, course_id uuid, created_at timestamptz))",
      // ---- courses ----
      R"(CREATE TABLE IF NOT EXISTS {schema}.courses (
        id uuid PRIMARY KEY, creator_id uuid, title text, slug text, tagline varchar(150),
        description text, duration text, duration_weeks integer, total_duration text,
        session_count integer, module_count integer, lesson_count integer, format text,
        level text, price_cents integer, currency varchar(3), thumbnail_url text,
        category_id uuid, rating numeric(3,2), rating_count integer,
        student_count integer NOT NULL DEFAULT 0, badge text, lifetime_access boolean,
        has_certificate boolean, certificate_name text, is_active boolean, is_retired boolean,
        created_at timestamptz, updated_at timestamptz))",
      "CREATE INDEX IF NOT EXISTS courses_creator ON {schema}.courses (creator_id)",
      "CREATE INDEX IF NOT EXISTS courses_category ON {schema}.courses (category_id)",
      "CREATE INDEX IF NOT EXISTS courses_level ON {schema}.courses (level)",
      "CREATE INDEX IF NOT EXISTS courses_active ON {schema}.courses (is_active)",
      "CREATE INDEX IF NOT EXISTS courses_slug ON {schema}.courses (slug)",
      R"(CREATE TABLE IF NOT EXISTS {schema}.categories (
        id uuid PRIMARY KEY, name text, slug text, display_order integer))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.course_tags (
        id uuid PRIMARY KEY, course_id uuid, tag text))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.course_objectives (
        id uuid PRIMARY KEY, course_id uuid, objective text, display_order integer))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.course_includes (
        id uuid PRIMARY KEY, course_id uuid, item text, display_order integer))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.course_prerequisites (
        id uuid PRIMARY KEY, course_id uuid, type text, content text, display_order integer))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.course_target_audience (
        id uuid PRIMARY KEY, course_id uuid, description text, display_order integer))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.course_testimonials (
        id uuid PRIMARY KEY, course_id uuid, quote text, student_name text, student_role text,
        is_featured boolean, created_at timestamptz))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.course_curriculum (
        id uuid PRIMARY KEY, course_id uuid, session_number integer, title text,
        description text, duration text, learning_objectives text, topics_covered text,
        hands_on_exercise text, video_count integer, reading_count integer,
        has_assessment boolean, module_order integer, video_url text, document_url text))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.peerloop_features (
        course_id uuid PRIMARY KEY, one_on_one_teaching boolean,
        certified_teachers boolean NOT NULL DEFAULT false, earn_while_teaching boolean,
        teacher_commission integer))",
      // ---- enrollment and progress ----
      R"(CREATE TABLE IF NOT EXISTS {schema}.enrollments (
        id uuid PRIMARY KEY, student_id uuid, course_id uuid, student_teacher_id uuid,
        status text, enrolled_at timestamptz, completed_at timestamptz,
        cancelled_at timestamptz, cancel_reason text))",
      "CREATE INDEX IF NOT EXISTS enrollments_student ON {schema}.enrollments (student_id)",
      "CREATE INDEX IF NOT EXISTS enrollments_course ON {schema}.enrollments (course_id)",
      R"(CREATE TABLE IF NOT EXISTS {schema}.module_progress (
        id uuid PRIMARY KEY, enrollment_id uuid, module_id uuid, is_complete boolean,
        completed_at timestamptz))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.student_teachers (
        id uuid PRIMARY KEY, user_id uuid, course_id uuid, certified_date date,
        students_taught integer NOT NULL DEFAULT 0, is_active boolean, approved_by uuid))",
      // ---- sessions and scheduling ----
      R"(CREATE TABLE IF NOT EXISTS {schema}.availability (
        id uuid PRIMARY KEY, user_id uuid, day_of_week integer CHECK (day_of_week BETWEEN 0 AND 6),
        start_time time, end_time time, timezone text, is_recurring boolean,
        CHECK (start_time < end_time)))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.sessions (
        id uuid PRIMARY KEY, enrollment_id uuid, teacher_id uuid, student_id uuid,
        scheduled_start timestamptz, scheduled_end timestamptz, status text,
        bbb_meeting_url text, recording_url text, cancelled_by uuid, cancel_reason text,
        created_at timestamptz))",
      "CREATE INDEX IF NOT EXISTS sessions_enrollment ON {schema}.sessions (enrollment_id)",
      R"(CREATE TABLE IF NOT EXISTS {schema}.session_assessments (
        id uuid PRIMARY KEY, session_id uuid, assessor_id uuid, assessee_id uuid,
        rating integer CHECK (rating BETWEEN 1 AND 5), comment text, created_at timestamptz))",
      // ---- payments ----
      R"(CREATE TABLE IF NOT EXISTS {schema}.transactions (
        id uuid PRIMARY KEY, enrollment_id uuid, amount_cents integer, stripe_payment_id text,
        status text, paid_at timestamptz, created_at timestamptz))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.payment_splits (
        id uuid PRIMARY KEY, transaction_id uuid, recipient_id uuid, recipient_type text,
        amount_cents integer, percentage integer, status text, released_at timestamptz,
        paid_at timestamptz))",
      "CREATE INDEX IF NOT EXISTS payment_splits_transaction ON {schema}.payment_splits "
      "(transaction_id)",
      "CREATE INDEX IF NOT EXISTS payment_splits_recipient ON {schema}.payment_splits "
      "(recipient_id)",
      R"(CREATE TABLE IF NOT EXISTS {schema}.payouts (
        id uuid PRIMARY KEY, recipient_id uuid, amount_cents integer, stripe_transfer_id text,
        status text, approved_by uuid, approved_at timestamptz, paid_at timestamptz,
        created_at timestamptz))",
      // ---- certificates ----
      R"(CREATE TABLE IF NOT EXISTS {schema}.certificates (
        id uuid PRIMARY KEY, user_id uuid, course_id uuid, type text, issued_at timestamptz,
        issued_by uuid, recommended_by uuid, certificate_url text))",
      // ---- feed access and feed ----
      R"(CREATE TABLE IF NOT EXISTS {schema}.instructor_followers (
        id uuid PRIMARY KEY, instructor_id uuid, follower_id uuid,
        first_enrollment_at timestamptz, created_at timestamptz,
        UNIQUE (instructor_id, follower_id)))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.promoted_posts (
        id uuid PRIMARY KEY, post_id uuid, promoted_by uuid, points_spent integer,
        promoted_at timestamptz, expires_at timestamptz))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.posts (
        id uuid PRIMARY KEY, author_id uuid, course_id uuid, content text, post_type text,
        is_pinned boolean, parent_id uuid, created_at timestamptz, updated_at timestamptz,
        moderation_status text NOT NULL DEFAULT 'visible'
          CHECK (moderation_status IN ('visible','hidden','removed')),
        moderation_reason text))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.post_interactions (
        id uuid PRIMARY KEY, post_id uuid, user_id uuid, type text, created_at timestamptz))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.content_flags (
        id uuid PRIMARY KEY, post_id uuid, flagged_by uuid, reason text, status text,
        reviewed_by uuid, reviewed_at timestamptz, created_at timestamptz, review_reason text))",
      // ---- messaging, employers, notifications ----
      R"(CREATE TABLE IF NOT EXISTS {schema}.conversations (
        id uuid PRIMARY KEY, created_at timestamptz, updated_at timestamptz))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.conversation_participants (
        id uuid PRIMARY KEY, conversation_id uuid, user_id uuid, joined_at timestamptz,
        last_read_at timestamptz))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.messages (
        id uuid PRIMARY KEY, conversation_id uuid, sender_id uuid, content text,
        created_at timestamptz))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.employer_sponsorships (
        id uuid PRIMARY KEY, employer_id uuid, student_id uuid, enrollment_id uuid,
        created_at timestamptz))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.notifications (
        id uuid PRIMARY KEY, user_id uuid, type text, title text, body text, action_url text,
        is_read boolean, created_at timestamptz))",
      // ---- goodwill ----
      R"(CREATE TABLE IF NOT EXISTS {schema}.user_goodwill (
        user_id uuid PRIMARY KEY, total_earned integer NOT NULL, balance integer NOT NULL,
        spent integer NOT NULL, last_awarded_to_user_id uuid, last_awarded_at timestamptz,
        updated_at timestamptz,
        CHECK (balance = total_earned - spent AND balance >= 0)))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.goodwill_transactions (
        id uuid PRIMARY KEY, from_user_id uuid, to_user_id uuid,
        points integer, reason text, course_id uuid,
        summon_id uuid, created_at timestamptz))",
      "CREATE INDEX IF NOT EXISTS goodwill_transactions_to ON {schema}.goodwill_transactions "
      "(to_user_id)",
      R"(CREATE TABLE IF NOT EXISTS {schema}.help_summons (
        id uuid PRIMARY KEY, student_id uuid, course_id uuid, module_id uuid, status text,
        responder_id uuid, responded_at timestamptz, completed_at timestamptz,
        points_awarded integer, session_duration_mins integer, created_at timestamptz))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.user_availability (
        user_id uuid PRIMARY KEY, is_available boolean, last_available_at timestamptz,
        updated_at timestamptz))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.goodwill_rewards (
        id uuid PRIMARY KEY, points_threshold integer, reward_type text, reward_value text,
        description text))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.user_reward_unlocks (
        id uuid PRIMARY KEY, user_id uuid, reward_id uuid, unlocked_at timestamptz,
        redeemed_at timestamptz, UNIQUE (user_id, reward_id)))",
      // user_stats as the computed view the document suggests ("for real-time accuracy"):
      // always what the other tables say, so nothing can drift. updated_at is the time of the
      // calculation; average_rating is NULL until a first assessment.
      R"(CREATE OR REPLACE VIEW {schema}.user_stats AS SELECT u.id AS user_id,
        (SELECT count(*) FROM {schema}.enrollments e JOIN {schema}.courses c ON c.id = e.course_id
          WHERE e.status = 'completed' AND coalesce(e.student_teacher_id, c.creator_id) = u.id
        )::integer AS students_taught,
        (SELECT count(*) FROM {schema}.courses c WHERE c.creator_id = u.id)::integer
          AS courses_created,
        (SELECT count(*) FROM {schema}.enrollments e
          WHERE e.student_id = u.id AND e.status = 'completed')::integer AS courses_completed,
        (SELECT round(avg(a.rating), 2) FROM {schema}.session_assessments a
          WHERE a.assessee_id = u.id)::numeric(3,2) AS average_rating,
        (SELECT count(*) FROM {schema}.session_assessments a WHERE a.assessee_id = u.id)::integer
          AS total_reviews,
        now() AS updated_at
        FROM {schema}.users u)",
  };
  // goodwill_rewards is catalog data: the documented rewards, with the ids the domain derives.
  // (A configured catalog adds its rows as rewards are unlocked.)
  for (const auto& tier : peerloop::Policy{}.rewards) {
    out.push_back(fmt::format(
        "INSERT INTO {{schema}}.goodwill_rewards (id, points_threshold, reward_type, reward_value, "
        "description) VALUES ('{}', {}, '{}', {}, {}) ON CONFLICT (id) DO NOTHING",
        ToString(peerloop::RewardId(tier.points_threshold, tier.type)), tier.points_threshold,
        EnumName(tier.type), QuoteLiteralStandard(tier.value),
        QuoteLiteralStandard(tier.description)));
  }
  return out;
}

}  // namespace edu::peerloop_ddl
