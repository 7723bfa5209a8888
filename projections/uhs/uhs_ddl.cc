// DDL of the Urban Home School read tables (schema "uhs"): all 30 tables of seed 004, every
// documented column with its documented type (TIMESTAMP as timestamptz, ENUM as text with a CHECK
// of its documented values, ARRAY(VARCHAR) as text[]), the documented defaults, unique keys,
// indexes and check constraints.
//
// Deviations, on purpose:
//   - courses: title, description, learning_area and grade_levels are nullable, because
//     enrollment_count is incremented from enrollment streams, which the projector may apply
//     before the course's own CourseCreated (different partitions);
//   - users.email and users.password_hash are nullable (erased personal data reads back as NULL),
//     and email is indexed but not UNIQUE: accounts arrive with ids from the identity provider,
//     which owns email uniqueness, and a duplicate must not stop the projector;
//   - additions (money figures the events carry): enrollments.currency, payment_source,
//     instructor_share, platform_share, partner_share, partner_id, refund_amount, refunded_at,
//     payment_due_by; revenue_metrics.course_payments, wallet_topups, transaction_count,
//     refund_count; payment_analytics per-gateway counts.
// Tables the document names without columns (product_categories, carts, cart_items, orders,
// order_items, shipping_addresses, subscriptions, and the undocumented columns of revenue_metrics
// and payment_analytics) are designed from its sentences.
#include <string>
#include <vector>

namespace edu::uhs_ddl {

std::vector<std::string> Statements() {
  return {
      R"(CREATE TABLE IF NOT EXISTS {schema}.users (
        id uuid PRIMARY KEY, email varchar(255), password_hash varchar(255),
        role varchar(50) NOT NULL CHECK (role IN ('student','parent','instructor','admin','partner','staff')),
        is_active boolean NOT NULL DEFAULT true, is_deleted boolean NOT NULL DEFAULT false,
        is_verified boolean NOT NULL DEFAULT false, profile_data jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(),
        last_login timestamptz, deleted_at timestamptz))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.students (
        id uuid PRIMARY KEY, user_id uuid NOT NULL UNIQUE, parent_id uuid,
        admission_number varchar(50) NOT NULL UNIQUE, grade_level varchar(20) NOT NULL,
        enrollment_date date NOT NULL, is_active boolean NOT NULL DEFAULT true,
        learning_profile jsonb NOT NULL DEFAULT '{}', competencies jsonb NOT NULL DEFAULT '{}',
        overall_performance jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now()))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.ai_tutors (
        id uuid PRIMARY KEY, student_id uuid NOT NULL UNIQUE, name varchar(100) NOT NULL,
        conversation_history jsonb NOT NULL DEFAULT '[]', learning_path jsonb NOT NULL DEFAULT '{}',
        performance_metrics jsonb NOT NULL DEFAULT '{}',
        response_mode varchar(20) NOT NULL DEFAULT 'text' CHECK (response_mode IN ('text','voice','video')),
        total_interactions integer NOT NULL DEFAULT 0, last_interaction timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now()))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.ai_providers (
        id uuid PRIMARY KEY, name varchar(100) NOT NULL,
        provider_type varchar(50) NOT NULL CHECK (provider_type IN ('text','voice','video','multimodal')),
        api_endpoint varchar(255) NOT NULL, api_key_encrypted varchar(500) NOT NULL,
        specialization varchar(100), is_active boolean NOT NULL DEFAULT true,
        is_recommended boolean NOT NULL DEFAULT false, cost_per_request numeric(10,6),
        configuration jsonb NOT NULL DEFAULT '{}', description varchar(500),
        created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now()))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.ai_agent_profiles (
        id uuid PRIMARY KEY, user_id uuid NOT NULL UNIQUE, agent_name varchar(100) DEFAULT 'The Bird AI',
        avatar_url varchar(500), persona text, preferred_language varchar(10) DEFAULT 'en',
        expertise_focus json DEFAULT '[]',
        response_style text DEFAULT 'conversational'
          CHECK (response_style IN ('concise','detailed','conversational','academic')),
        quick_action_shortcuts json DEFAULT '[]',
        created_at timestamptz DEFAULT now(), updated_at timestamptz DEFAULT now()))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.courses (
        id uuid PRIMARY KEY, title varchar(200), description text, thumbnail_url varchar(500),
        grade_levels text[], learning_area varchar(100), syllabus jsonb NOT NULL DEFAULT '{}',
        lessons jsonb NOT NULL DEFAULT '[]', instructor_id uuid,
        is_platform_created boolean NOT NULL DEFAULT false,
        price numeric(10,2) NOT NULL DEFAULT 0.00 CHECK (price >= 0),
        currency varchar(3) NOT NULL DEFAULT 'KES', is_published boolean NOT NULL DEFAULT false,
        is_featured boolean NOT NULL DEFAULT false, enrollment_count integer NOT NULL DEFAULT 0,
        average_rating numeric(3,2) NOT NULL DEFAULT 0.00, total_reviews integer NOT NULL DEFAULT 0,
        estimated_duration_hours integer, competencies jsonb NOT NULL DEFAULT '[]',
        revenue_split_id uuid, cbc_analysis_id uuid, ai_generated_meta jsonb,
        created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.enrollments (
        id uuid PRIMARY KEY, student_id uuid NOT NULL, course_id uuid NOT NULL,
        status text NOT NULL DEFAULT 'active'
          CHECK (status IN ('active','completed','dropped','expired','pending_payment')),
        progress_percentage numeric(5,2) NOT NULL DEFAULT 0.00
          CHECK (progress_percentage BETWEEN 0 AND 100),
        completed_lessons jsonb NOT NULL DEFAULT '[]', total_time_spent_minutes integer NOT NULL DEFAULT 0,
        last_accessed_at timestamptz, current_grade numeric(5,2) DEFAULT 0.00,
        quiz_scores jsonb NOT NULL DEFAULT '[]', assignment_scores jsonb NOT NULL DEFAULT '[]',
        is_completed boolean NOT NULL DEFAULT false, completed_at timestamptz, certificate_id uuid,
        payment_id uuid, payment_amount numeric(10,2) NOT NULL DEFAULT 0.00 CHECK (payment_amount >= 0),
        rating integer CHECK (rating BETWEEN 1 AND 5), review varchar(1000), reviewed_at timestamptz,
        enrolled_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(),
        is_deleted boolean NOT NULL DEFAULT false, deleted_at timestamptz,
        currency varchar(3) NOT NULL DEFAULT 'KES', payment_source text CHECK (payment_source IN ('gateway','wallet')),
        instructor_share numeric(10,2), platform_share numeric(10,2), partner_share numeric(10,2),
        partner_id uuid, refund_amount numeric(10,2) CHECK (refund_amount >= 0), refunded_at timestamptz,
        payment_due_by timestamptz,
        CHECK (instructor_share + platform_share + partner_share = payment_amount)))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.assessments (
        id uuid PRIMARY KEY, course_id uuid NOT NULL, creator_id uuid, title varchar(200) NOT NULL,
        description text,
        assessment_type varchar(50) NOT NULL CHECK (assessment_type IN ('quiz','assignment','project','exam')),
        questions jsonb NOT NULL DEFAULT '[]', total_points integer NOT NULL, passing_score integer NOT NULL,
        auto_gradable boolean NOT NULL DEFAULT true, duration_minutes integer,
        is_published boolean NOT NULL DEFAULT false, available_from timestamptz, available_until timestamptz,
        max_attempts integer NOT NULL DEFAULT 1, total_submissions integer NOT NULL DEFAULT 0,
        average_score numeric(5,2) NOT NULL DEFAULT 0.00,
        created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now()))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.assessment_submissions (
        id uuid PRIMARY KEY, assessment_id uuid NOT NULL, student_id uuid NOT NULL,
        answers jsonb NOT NULL DEFAULT '{}', score integer, is_graded boolean NOT NULL DEFAULT false,
        graded_by uuid, feedback text, is_submitted boolean NOT NULL DEFAULT false,
        attempt_number integer NOT NULL DEFAULT 1, started_at timestamptz, submitted_at timestamptz,
        graded_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now()))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.transactions (
        id uuid PRIMARY KEY, user_id uuid NOT NULL, amount numeric(10,2) NOT NULL CHECK (amount > 0),
        currency varchar(3) NOT NULL DEFAULT 'KES',
        gateway text NOT NULL CHECK (gateway IN ('mpesa','paypal','stripe')),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','completed','failed','refunded')),
        transaction_reference varchar(255) NOT NULL UNIQUE,
        transaction_metadata jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now()))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.wallets (
        id uuid PRIMARY KEY, user_id uuid NOT NULL UNIQUE,
        balance numeric(10,2) NOT NULL DEFAULT 0.00 CHECK (balance >= 0),
        currency varchar(3) NOT NULL DEFAULT 'KES',
        created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now()))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.payment_methods (
        id uuid PRIMARY KEY, user_id uuid NOT NULL,
        gateway text NOT NULL CHECK (gateway IN ('mpesa','paypal','stripe')),
        method_type varchar(50) NOT NULL CHECK (method_type IN ('phone','card','paypal_account')),
        details jsonb NOT NULL DEFAULT '{}', is_default boolean NOT NULL DEFAULT false,
        is_active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now()))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.forum_posts (
        id uuid PRIMARY KEY, author_id uuid NOT NULL, title varchar(255) NOT NULL, content text NOT NULL,
        category varchar(50) NOT NULL, tags jsonb NOT NULL DEFAULT '[]',
        is_pinned boolean NOT NULL DEFAULT false, is_solved boolean NOT NULL DEFAULT false,
        is_deleted boolean NOT NULL DEFAULT false, is_flagged boolean NOT NULL DEFAULT false,
        view_count integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(),
        last_activity_at timestamptz NOT NULL DEFAULT now()))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.forum_replies (
        id uuid PRIMARY KEY, post_id uuid NOT NULL, author_id uuid NOT NULL, content text NOT NULL,
        is_solution boolean NOT NULL DEFAULT false, is_deleted boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now()))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.forum_likes (
        id uuid PRIMARY KEY, user_id uuid NOT NULL, post_id uuid, reply_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_user_post_like UNIQUE (user_id, post_id),
        CONSTRAINT uq_user_reply_like UNIQUE (user_id, reply_id)))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.certificates (
        id uuid PRIMARY KEY, serial_number varchar(50) NOT NULL UNIQUE, student_id uuid NOT NULL,
        student_name varchar(200) NOT NULL, course_id uuid NOT NULL, course_name varchar(500) NOT NULL,
        grade varchar(10), completion_date timestamptz NOT NULL,
        issued_at timestamptz NOT NULL DEFAULT now(), is_valid boolean NOT NULL DEFAULT true,
        revoked_at timestamptz, metadata jsonb))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.notifications (
        id uuid PRIMARY KEY, user_id uuid NOT NULL, type text NOT NULL, title varchar(255) NOT NULL,
        message text NOT NULL, is_read boolean NOT NULL DEFAULT false, action_url varchar(500),
        action_label varchar(100), metadata jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(), read_at timestamptz))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.categories (
        id uuid PRIMARY KEY, name varchar(100) NOT NULL, slug varchar(100) NOT NULL UNIQUE,
        description text, icon varchar(100), image_url varchar(500), parent_id uuid,
        display_order integer NOT NULL DEFAULT 0, is_active boolean NOT NULL DEFAULT true,
        course_count integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now()))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.contact_messages (
        id uuid PRIMARY KEY, name varchar(200) NOT NULL, email varchar(200) NOT NULL,
        subject varchar(500) NOT NULL, message text NOT NULL, is_read boolean NOT NULL DEFAULT false,
        read_at timestamptz, replied_at timestamptz, reply_message text,
        created_at timestamptz NOT NULL DEFAULT now()))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.instructor_applications (
        id uuid PRIMARY KEY, user_id uuid, full_name varchar(200) NOT NULL, email varchar(200) NOT NULL,
        phone varchar(50), qualifications text NOT NULL, experience_years integer NOT NULL DEFAULT 0,
        subjects jsonb, bio text, cv_url varchar(500), id_document_front_url varchar(500),
        id_document_back_url varchar(500),
        status varchar(20) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','approved','rejected')),
        reviewed_by uuid, reviewed_at timestamptz, review_notes text,
        created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now()))",
      R"(CREATE TABLE IF NOT EXISTS {schema}.products (
        id uuid PRIMARY KEY, name varchar(200) NOT NULL, slug varchar(200) NOT NULL UNIQUE,
        description text NOT NULL, price numeric(10,2) NOT NULL CHECK (price >= 0),
        compare_at_price numeric(10,2), currency varchar(3) NOT NULL DEFAULT 'KES',
        images jsonb NOT NULL DEFAULT '[]', product_category_id uuid,
        inventory_count integer NOT NULL DEFAULT 0, sku varchar(50) UNIQUE, weight_grams integer,
        is_active boolean NOT NULL DEFAULT true, is_featured boolean NOT NULL DEFAULT false,
        tags jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now()))",
      // "Product organization with display ordering."
      R"(CREATE TABLE IF NOT EXISTS {schema}.product_categories (
        id uuid PRIMARY KEY, name varchar(100) NOT NULL, slug varchar(100) NOT NULL UNIQUE,
        description text, image_url varchar(500), parent_id uuid,
        display_order integer NOT NULL DEFAULT 0, is_active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now()))",
      // "Shopping carts supporting authenticated and anonymous users."
      R"(CREATE TABLE IF NOT EXISTS {schema}.carts (
        id uuid PRIMARY KEY, user_id uuid, session_id varchar(255),
        status varchar(20) NOT NULL DEFAULT 'active' CHECK (status IN ('active','converted','abandoned')),
        currency varchar(3) NOT NULL DEFAULT 'KES', expires_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (user_id IS NOT NULL OR session_id IS NOT NULL)))",
      // "Individual cart line items with quantity and unit price."
      R"(CREATE TABLE IF NOT EXISTS {schema}.cart_items (
        id uuid PRIMARY KEY, cart_id uuid NOT NULL, product_id uuid NOT NULL,
        quantity integer NOT NULL DEFAULT 1 CHECK (quantity > 0),
        unit_price numeric(10,2) NOT NULL CHECK (unit_price >= 0),
        currency varchar(3) NOT NULL DEFAULT 'KES',
        created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (cart_id, product_id)))",
      // "Completed purchase orders with full financial tracking."
      R"(CREATE TABLE IF NOT EXISTS {schema}.orders (
        id uuid PRIMARY KEY, order_number varchar(50) NOT NULL UNIQUE, user_id uuid NOT NULL,
        status varchar(30) NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending','paid','processing','shipped','delivered','cancelled','refunded')),
        subtotal numeric(10,2) NOT NULL DEFAULT 0.00 CHECK (subtotal >= 0),
        shipping_cost numeric(10,2) NOT NULL DEFAULT 0.00 CHECK (shipping_cost >= 0),
        tax_amount numeric(10,2) NOT NULL DEFAULT 0.00 CHECK (tax_amount >= 0),
        discount_amount numeric(10,2) NOT NULL DEFAULT 0.00 CHECK (discount_amount >= 0),
        total_amount numeric(10,2) NOT NULL DEFAULT 0.00 CHECK (total_amount >= 0),
        currency varchar(3) NOT NULL DEFAULT 'KES', transaction_id uuid, shipping_address_id uuid,
        notes text, paid_at timestamptz, shipped_at timestamptz, delivered_at timestamptz,
        cancelled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (total_amount = subtotal + shipping_cost + tax_amount - discount_amount)))",
      // "Order line items with product name snapshots."
      R"(CREATE TABLE IF NOT EXISTS {schema}.order_items (
        id uuid PRIMARY KEY, order_id uuid NOT NULL, product_id uuid,
        product_name varchar(200) NOT NULL, product_sku varchar(50),
        quantity integer NOT NULL CHECK (quantity > 0),
        unit_price numeric(10,2) NOT NULL CHECK (unit_price >= 0),
        total_price numeric(10,2) NOT NULL CHECK (total_price >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (total_price = unit_price * quantity)))",
      // "User delivery addresses (Kenya-centric with county support)."
      R"(CREATE TABLE IF NOT EXISTS {schema}.shipping_addresses (
        id uuid PRIMARY KEY, user_id uuid NOT NULL, full_name varchar(200) NOT NULL,
        phone varchar(50) NOT NULL, address_line1 varchar(255) NOT NULL, address_line2 varchar(255),
        city varchar(100) NOT NULL, county varchar(100) NOT NULL, postal_code varchar(20),
        country varchar(100) NOT NULL DEFAULT 'Kenya', delivery_instructions text,
        is_default boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now()))",
      // "Subscription plans and user subscriptions."
      R"(CREATE TABLE IF NOT EXISTS {schema}.subscriptions (
        id uuid PRIMARY KEY, user_id uuid NOT NULL, plan_name varchar(100) NOT NULL,
        billing_cycle varchar(20) NOT NULL CHECK (billing_cycle IN ('monthly','quarterly','annual')),
        status varchar(20) NOT NULL DEFAULT 'active'
          CHECK (status IN ('trialing','active','past_due','cancelled','expired')),
        amount numeric(10,2) NOT NULL CHECK (amount >= 0), currency varchar(3) NOT NULL DEFAULT 'KES',
        gateway text CHECK (gateway IN ('mpesa','paypal','stripe')), payment_method_id uuid,
        auto_renew boolean NOT NULL DEFAULT true, started_at timestamptz NOT NULL,
        current_period_start timestamptz, current_period_end timestamptz, cancelled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now()))",
      // Daily and monthly revenue, per currency, on a cash basis: money received through the
      // gateways (course payments and wallet top-ups) on metric_date, and the refunds of it
      // attributed to the day the refunded payment was received.
      R"(CREATE TABLE IF NOT EXISTS {schema}.revenue_metrics (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(), metric_date date NOT NULL,
        period_type varchar(20) NOT NULL CHECK (period_type IN ('daily','monthly')),
        currency varchar(3) NOT NULL DEFAULT 'KES',
        total_revenue numeric(12,2) NOT NULL DEFAULT 0.00,
        net_revenue numeric(12,2) NOT NULL DEFAULT 0.00,
        refund_amount numeric(12,2) NOT NULL DEFAULT 0.00,
        course_payments numeric(12,2) NOT NULL DEFAULT 0.00,
        wallet_topups numeric(12,2) NOT NULL DEFAULT 0.00,
        transaction_count integer NOT NULL DEFAULT 0, refund_count integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_revenue_metrics_period UNIQUE (metric_date, period_type, currency),
        CONSTRAINT ck_revenue_metrics_total CHECK (total_revenue >= 0),
        CONSTRAINT ck_revenue_metrics_net CHECK (net_revenue >= 0),
        CONSTRAINT ck_revenue_metrics_refund CHECK (refund_amount >= 0)))",
      // Payment analytics per day: gateway payments by outcome and gateway. mrr/arr/churn come
      // from subscriptions, which no command creates yet: they stay 0.
      R"(CREATE TABLE IF NOT EXISTS {schema}.payment_analytics (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(), metric_date date NOT NULL,
        period_type varchar(20) NOT NULL CHECK (period_type IN ('daily','monthly')),
        mrr numeric(12,2) NOT NULL DEFAULT 0.00, arr numeric(12,2) NOT NULL DEFAULT 0.00,
        churn_rate numeric(5,2) NOT NULL DEFAULT 0.00,
        active_subscriptions integer NOT NULL DEFAULT 0,
        total_transactions integer NOT NULL DEFAULT 0, successful_transactions integer NOT NULL DEFAULT 0,
        failed_transactions integer NOT NULL DEFAULT 0, mpesa_transactions integer NOT NULL DEFAULT 0,
        paypal_transactions integer NOT NULL DEFAULT 0, stripe_transactions integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_payment_analytics_period UNIQUE (metric_date, period_type),
        CONSTRAINT ck_payment_analytics_mrr CHECK (mrr >= 0),
        CONSTRAINT ck_payment_analytics_arr CHECK (arr >= 0),
        CONSTRAINT ck_payment_analytics_churn CHECK (churn_rate >= 0 AND churn_rate <= 100)))",
      "CREATE INDEX IF NOT EXISTS users_email_idx ON {schema}.users (email)",
      "CREATE INDEX IF NOT EXISTS users_role_idx ON {schema}.users (role)",
      "CREATE INDEX IF NOT EXISTS students_parent_idx ON {schema}.students (parent_id)",
      "CREATE INDEX IF NOT EXISTS courses_instructor_idx ON {schema}.courses (instructor_id)",
      "CREATE INDEX IF NOT EXISTS courses_published_idx ON {schema}.courses (is_published, "
      "learning_area)",
      "CREATE INDEX IF NOT EXISTS enrollments_student_idx ON {schema}.enrollments (student_id, "
      "status)",
      "CREATE INDEX IF NOT EXISTS enrollments_course_idx ON {schema}.enrollments (course_id, "
      "status)",
      "CREATE INDEX IF NOT EXISTS idx_transactions_user_status ON {schema}.transactions (user_id, "
      "status)",
      "CREATE INDEX IF NOT EXISTS idx_transactions_gateway_status ON {schema}.transactions "
      "(gateway, status)",
      "CREATE INDEX IF NOT EXISTS idx_transactions_created_at_desc ON {schema}.transactions "
      "(created_at DESC)",
      "CREATE INDEX IF NOT EXISTS idx_payment_methods_user_active ON {schema}.payment_methods "
      "(user_id, is_active)",
      "CREATE INDEX IF NOT EXISTS idx_payment_methods_user_default ON {schema}.payment_methods "
      "(user_id, is_default)",
      "CREATE INDEX IF NOT EXISTS idx_payment_methods_gateway ON {schema}.payment_methods "
      "(gateway)",
      "CREATE INDEX IF NOT EXISTS notifications_user_idx ON {schema}.notifications (user_id, "
      "is_read)",
      "CREATE INDEX IF NOT EXISTS forum_posts_category_idx ON {schema}.forum_posts (category, "
      "last_activity_at)",
      "CREATE INDEX IF NOT EXISTS assessments_course_idx ON {schema}.assessments (course_id)",
      "CREATE INDEX IF NOT EXISTS assessment_submissions_idx ON {schema}.assessment_submissions "
      "(assessment_id, student_id)",
      "CREATE INDEX IF NOT EXISTS orders_user_idx ON {schema}.orders (user_id, created_at)",
      "CREATE INDEX IF NOT EXISTS order_items_order_idx ON {schema}.order_items (order_id)",
      "CREATE INDEX IF NOT EXISTS subscriptions_user_idx ON {schema}.subscriptions (user_id, "
      "status)",
  };
}

}  // namespace edu::uhs_ddl
