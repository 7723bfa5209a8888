// DDL of the Skillspring read tables (schema "skillspring"): all 22 tables of seed 003, every
// documented column with its documented type (ENUM(...) as text with a CHECK of its values,
// TIMESTAMP as timestamptz), the documented primary keys, unique keys, defaults and checks.
//
// Deviations, on purpose:
//   - users.email is indexed but not UNIQUE (and nullable: erased personal data reads back as
//     NULL): accounts arrive with ids from the identity provider, which owns email uniqueness, and
//     a duplicate must not stop the projector;
//   - additions: courses.deleted_at (seed: archive = status 'archived' + deleted_at) and
//     created_at; carts' coupon and totals at checkout; enrollments' price snapshot, discount,
//     split and refund; course_metrics.refunds / refund_cents (revenue_cents stays the day's
//     purchases, so it is never negative); created_at on coupons, reviews' votes;
//     course_reviews.moderation_status ('active','reported','removed': the review's moderation)
//     and deleted_at (a removed review, soft-deleted as the seed's lifecycle says).
#include <string>
#include <vector>

namespace edu::skillspring_ddl {

std::vector<std::string> Statements() {
  return {
      R"(CREATE TABLE IF NOT EXISTS {schema}.users (
        id uuid PRIMARY KEY, email varchar(255), password_hash text,
        role text NOT NULL CHECK (role IN ('student','mentor','admin')),
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('pending','active','suspended')),
        first_name varchar(100), last_name varchar(100), avatar_url text, bio text, timezone varchar(64),
        created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(),
        last_login_at timestamptz))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.mentors (
        user_id uuid PRIMARY KEY, headline varchar(180), about text, experience_years smallint,
        languages text[] NOT NULL DEFAULT '{}', average_rating numeric(3,2)
          CHECK (average_rating BETWEEN 1 AND 5),
        total_reviews integer NOT NULL DEFAULT 0, total_students integer NOT NULL DEFAULT 0))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.students (
        user_id uuid PRIMARY KEY, occupation varchar(120), goals text,
        preferred_categories uuid[] NOT NULL DEFAULT '{}', resume_url text))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.courses (
        id uuid PRIMARY KEY, mentor_id uuid NOT NULL, title varchar(140) NOT NULL,
        subtitle varchar(220), slug varchar(180) NOT NULL UNIQUE, description text,
        language_code char(5) NOT NULL,
        level text NOT NULL CHECK (level IN ('beginner','intermediate','advanced','all')),
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','submitted','published','archived')),
        list_price_cents integer NOT NULL CHECK (list_price_cents >= 0),
        sale_price_cents integer CHECK (sale_price_cents >= 0 AND sale_price_cents <= list_price_cents),
        currency char(3) NOT NULL, total_duration_minutes integer NOT NULL DEFAULT 0,
        lecture_count integer NOT NULL DEFAULT 0, last_updated_at timestamptz, hero_video_url text,
        thumbnail_url text, is_bestseller boolean NOT NULL DEFAULT false, meta jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(), deleted_at timestamptz,
        CHECK ((status = 'archived') = (deleted_at IS NOT NULL))))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.course_sections (
        id uuid PRIMARY KEY, course_id uuid NOT NULL, title varchar(140) NOT NULL,
        position smallint NOT NULL, total_duration_minutes integer NOT NULL DEFAULT 0,
        lecture_count integer NOT NULL DEFAULT 0))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.lectures (
        id uuid PRIMARY KEY, section_id uuid NOT NULL, title varchar(160) NOT NULL,
        position smallint NOT NULL,
        content_type text NOT NULL CHECK (content_type IN ('video','article','quiz','assignment','download')),
        duration_minutes integer NOT NULL DEFAULT 0, video_url text, resource_url text,
        is_preview boolean NOT NULL DEFAULT false,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','published'))))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.categories (
        id uuid PRIMARY KEY, parent_id uuid, name varchar(80) NOT NULL,
        slug varchar(80) NOT NULL UNIQUE, level smallint NOT NULL DEFAULT 0 CHECK (level IN (0, 1)),
        description text))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.course_categories (
        course_id uuid NOT NULL, category_id uuid NOT NULL, PRIMARY KEY (course_id, category_id)))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.course_tags (
        id uuid PRIMARY KEY, name varchar(40) NOT NULL UNIQUE))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.course_tag_map (
        course_id uuid NOT NULL, tag_id uuid NOT NULL, PRIMARY KEY (course_id, tag_id)))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.enrollments (
        id uuid PRIMARY KEY, course_id uuid NOT NULL, student_id uuid NOT NULL,
        purchase_price_cents integer NOT NULL CHECK (purchase_price_cents >= 0),
        currency char(3) NOT NULL, purchased_at timestamptz NOT NULL,
        progress_percent numeric(5,2) NOT NULL DEFAULT 0 CHECK (progress_percent BETWEEN 0 AND 100),
        last_watched_lecture uuid, completed_at timestamptz,
        cart_id uuid, list_price_cents integer, discount_cents integer NOT NULL DEFAULT 0,
        mentor_earnings_cents integer, platform_fee_cents integer,
        refunded_at timestamptz, refund_cents integer,
        CONSTRAINT enrollments_student_course UNIQUE (student_id, course_id),
        CHECK (purchase_price_cents = list_price_cents - discount_cents),
        CHECK (mentor_earnings_cents + platform_fee_cents = purchase_price_cents)))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.carts (
        id uuid PRIMARY KEY, student_id uuid NOT NULL,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','converted','abandoned')),
        created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(),
        coupon_code varchar(40), subtotal_cents integer, discount_cents integer, total_cents integer,
        payment_reference text))",
      "CREATE UNIQUE INDEX IF NOT EXISTS carts_one_open_per_student ON {schema}.carts (student_id) "
      "WHERE status = 'open'",
      R"(CREATE TABLE IF NOT EXISTS {schema}.cart_items (
        cart_id uuid NOT NULL, course_id uuid NOT NULL,
        price_cents integer NOT NULL CHECK (price_cents >= 0), currency char(3) NOT NULL,
        added_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (cart_id, course_id)))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.wishlists (
        id uuid PRIMARY KEY, student_id uuid NOT NULL, name varchar(120) NOT NULL DEFAULT 'Favorites'))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.wishlist_items (
        wishlist_id uuid NOT NULL, course_id uuid NOT NULL, added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (wishlist_id, course_id)))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.course_reviews (
        id uuid PRIMARY KEY, course_id uuid NOT NULL, student_id uuid NOT NULL,
        rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 5), title varchar(140), body text,
        would_recommend boolean,
        created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(),
        is_verified boolean NOT NULL DEFAULT false, helpful_count integer NOT NULL DEFAULT 0,
        reported_count integer NOT NULL DEFAULT 0,
        moderation_status text NOT NULL DEFAULT 'active'
          CHECK (moderation_status IN ('active','reported','removed')),
        deleted_at timestamptz,
        CONSTRAINT course_reviews_one_per_student UNIQUE (student_id, course_id),
        CHECK ((moderation_status = 'removed') = (deleted_at IS NOT NULL))))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.review_helpful_votes (
        review_id uuid NOT NULL, student_id uuid NOT NULL,
        vote text NOT NULL CHECK (vote IN ('helpful','not_helpful')),
        created_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (review_id, student_id)))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.course_questions (
        id uuid PRIMARY KEY, course_id uuid NOT NULL, student_id uuid NOT NULL, question text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(), resolved_at timestamptz))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.course_answers (
        id uuid PRIMARY KEY, question_id uuid NOT NULL, mentor_id uuid NOT NULL, answer text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(), is_marked_solution boolean NOT NULL DEFAULT false))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.media_assets (
        id uuid PRIMARY KEY, owner_id uuid NOT NULL,
        file_type text NOT NULL CHECK (file_type IN ('image','video','document')), url text NOT NULL,
        duration_seconds integer, size_bytes bigint,
        transcoding_status text NOT NULL DEFAULT 'pending'
          CHECK (transcoding_status IN ('pending','processing','ready','failed'))))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.coupons (
        id uuid PRIMARY KEY, mentor_id uuid, code varchar(40) NOT NULL UNIQUE,
        discount_percent smallint NOT NULL CHECK (discount_percent BETWEEN 1 AND 100),
        max_redemptions integer NOT NULL CHECK (max_redemptions >= 1),
        redeemed_count integer NOT NULL DEFAULT 0,
        starts_at timestamptz NOT NULL, expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (redeemed_count BETWEEN 0 AND max_redemptions), CHECK (starts_at < expires_at)))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.course_metrics (
        id bigserial PRIMARY KEY, course_id uuid NOT NULL, date date NOT NULL,
        views integer NOT NULL DEFAULT 0, enrollments integer NOT NULL DEFAULT 0,
        completions integer NOT NULL DEFAULT 0, revenue_cents integer NOT NULL DEFAULT 0,
        refunds integer NOT NULL DEFAULT 0, refund_cents integer NOT NULL DEFAULT 0,
        CONSTRAINT course_metrics_daily UNIQUE (course_id, date)))",
      "CREATE INDEX IF NOT EXISTS users_email_idx ON {schema}.users (email)",
      "CREATE INDEX IF NOT EXISTS course_reviews_course_created_idx ON {schema}.course_reviews "
      "(course_id, created_at DESC)",
      "CREATE INDEX IF NOT EXISTS courses_status_level_language_idx ON {schema}.courses (status, "
      "level, language_code)",
      "CREATE INDEX IF NOT EXISTS course_categories_category_idx ON {schema}.course_categories "
      "(category_id, course_id)",
      "CREATE INDEX IF NOT EXISTS courses_mentor_idx ON {schema}.courses (mentor_id)",
      "CREATE INDEX IF NOT EXISTS course_sections_course_idx ON {schema}.course_sections "
      "(course_id, position)",
      "CREATE INDEX IF NOT EXISTS lectures_section_idx ON {schema}.lectures (section_id, position)",
      "CREATE INDEX IF NOT EXISTS carts_student_idx ON {schema}.carts (student_id, status)",
      "CREATE INDEX IF NOT EXISTS coupons_mentor_idx ON {schema}.coupons (mentor_id)",
  };
}

}  // namespace edu::skillspring_ddl
