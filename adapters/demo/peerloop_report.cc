#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <pqxx/pqxx>

#include "adapters/demo/checks.h"
#include "adapters/demo/peerloop.h"
#include "domain/peerloop/commands.h"
#include "domain/peerloop/splits.h"
#include "domain/policies.h"
#include "eventstore/event_log.h"

namespace edu {

bool ReportPeerloopDemo(const std::string& db_uri, EventLog* log, const PeerloopDemoTotals& t) {
  pqxx::connection conn(db_uri);
  pqxx::nontransaction tx(conn);
  auto scalar = [&](const std::string& sql) -> int64_t {
    pqxx::result r = tx.exec(sql);
    return r.empty() || r[0][0].is_null() ? 0 : r[0][0].as<int64_t>();
  };
  auto splits = [&](const char* where) {
    return scalar(
        std::string("SELECT coalesce(sum(amount_cents), 0) FROM peerloop.payment_splits WHERE ") +
        where);
  };
  // Figures straight from the event log (either backend), to show the tables agree with the events.
  std::vector<RecordedEvent> history;
  for (int p = 0; p < log->partition_count(); ++p) {
    for (int64_t from = 0;;) {
      std::vector<RecordedEvent> batch;
      Status read = log->ReadPartition(p, from, 1000, &batch);
      if (!read.ok())
        throw std::runtime_error("peerloop report: reading the log: " + read.ToString());
      if (batch.empty()) break;
      from = batch.back().offset + 1;
      for (auto& e : batch) {
        if (e.marketplace == "peerloop") history.push_back(std::move(e));
      }
    }
  }
  // The sum over the log's events of `type` of what `measure` reads from each payload.
  auto events = [&](const std::string& type, int64_t (*measure)(const rapidjson::Document&)) {
    int64_t sum = 0;
    for (const auto& e : history) {
      if (e.type != type) continue;
      rapidjson::Document payload;
      payload.Parse(e.payload.data(), e.payload.size());
      if (payload.HasParseError() || !payload.IsObject()) {
        throw std::runtime_error("peerloop report: unreadable payload of event " +
                                 ToString(e.event_id));
      }
      sum += measure(payload);
    }
    return sum;
  };
  auto lines = [](const rapidjson::Document& d) -> int64_t {
    return d.HasMember("lines") && d["lines"].IsArray() ? d["lines"].Size() : 0;
  };
  auto points = [](const rapidjson::Document& d) -> int64_t {
    return d.HasMember("points") && d["points"].IsInt64() ? d["points"].GetInt64() : 0;
  };
  auto one = [](const rapidjson::Document&) -> int64_t { return 1; };

  std::printf(
      "\npeerloop read tables (schema peerloop, 43 documented tables; empty ones are not "
      "listed)\n");
  pqxx::result tables = tx.exec(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'peerloop' ORDER BY "
      "table_name");
  std::string empty;
  for (const auto& row : tables) {
    std::string name = row[0].c_str();
    int64_t n = scalar("SELECT count(*) FROM peerloop." + name);
    if (n == 0) {
      empty += (empty.empty() ? "" : ", ") + name;
      continue;
    }
    std::printf("  %-26s %6lld rows\n", name.c_str(), static_cast<long long>(n));
  }
  std::printf("  (empty until a feature feeds them: %s)\n", empty.c_str());

  struct Check {
    std::string what;
    int64_t expected;
    int64_t actual;
    bool money;
  };
  const int64_t released_to_people =
      splits("status IN ('released', 'paid') AND recipient_type <> 'platform'");
  std::vector<Check> money = {
      {"users", t.users, scalar("SELECT count(*) FROM peerloop.users"), false},
      {"courses", t.courses, scalar("SELECT count(*) FROM peerloop.courses"), false},
      {"student-teacher certifications", t.certifications,
       scalar("SELECT count(*) FROM peerloop.student_teachers"), false},
      {"availability slots", t.slots, scalar("SELECT count(*) FROM peerloop.availability"), false},
      {"enrollments", t.enrollments, scalar("SELECT count(*) FROM peerloop.enrollments"), false},
      {"payments completed", t.payments_completed,
       scalar(
           "SELECT count(*) FROM peerloop.transactions WHERE status IN ('completed', 'refunded')"),
       false},
      {"payments failed (enrollment cancelled)", t.payments_failed,
       scalar("SELECT count(*) FROM peerloop.transactions WHERE status = 'failed'"), false},
      {"enrollments completed", t.enrollments_completed,
       scalar("SELECT count(*) FROM peerloop.enrollments WHERE status = 'completed'"), false},
      {"enrollments cancelled (failed + refunded)", t.payments_failed + t.enrollments_cancelled,
       scalar("SELECT count(*) FROM peerloop.enrollments WHERE status = 'cancelled'"), false},
      {"sessions completed", t.sessions_completed,
       scalar("SELECT count(*) FROM peerloop.sessions WHERE status = 'completed'"), false},
      {"session assessments", t.assessments,
       scalar("SELECT count(*) FROM peerloop.session_assessments"), false},
      {"captured", t.captured_cents,
       scalar("SELECT coalesce(sum(amount_cents), 0) FROM peerloop.transactions WHERE status IN "
              "('completed', 'refunded')"),
       true},
      {"split lines (all statuses)", t.captured_cents, splits("true"), true},
      {"  student-teachers' shares (70%)", t.teacher_cents,
       splits("recipient_type = 'student_teacher'"), true},
      {"  creators' shares (15%, 85% when teaching)", t.creator_cents,
       splits("recipient_type = 'creator'"), true},
      {"  platform fees (15%)", t.platform_cents, splits("recipient_type = 'platform'"), true},
      {"transactions whose splits != amount", 0,
       scalar("SELECT count(*) FROM peerloop.transactions x WHERE x.status IN ('completed', "
              "'refunded') AND "
              "x.amount_cents <> (SELECT coalesce(sum(amount_cents), 0) FROM "
              "peerloop.payment_splits s "
              "WHERE s.transaction_id = x.id)"),
       false},
      {"refunded (still in escrow at cancellation)", t.refunded_cents,
       splits("status = 'refunded'"), true},
      {"paid out (payouts completed)", released_to_people,
       scalar("SELECT coalesce(sum(amount_cents), 0) FROM peerloop.payouts WHERE status = "
              "'completed'"),
       true},
      {"splits marked paid", released_to_people, splits("status = 'paid'"), true},
      {"payouts completed", t.payouts_completed,
       scalar("SELECT count(*) FROM peerloop.payouts WHERE status = 'completed' AND approved_by IS "
              "NOT NULL"),
       false},
      {"payouts failed", t.payouts_failed,
       scalar("SELECT count(*) FROM peerloop.payouts WHERE status = 'failed'"), false},
      {"split lines in the log (PaymentSplit events)", events("PaymentSplit", lines),
       scalar("SELECT count(*) FROM peerloop.payment_splits"), false},
  };
  std::vector<Check> goodwill = {
      {"points issued (lifetime earned)", t.points_issued,
       scalar("SELECT coalesce(sum(total_earned), 0) FROM peerloop.user_goodwill"), false},
      {"  = goodwill_transactions", t.points_issued,
       scalar("SELECT coalesce(sum(points), 0) FROM peerloop.goodwill_transactions"), false},
      {"  = GoodwillAwarded events in the log", events("GoodwillAwarded", points),
       scalar("SELECT coalesce(sum(points), 0) FROM peerloop.goodwill_transactions"), false},
      {"points spent (given + promotions)", t.points_given + t.points_promoted,
       scalar("SELECT coalesce(sum(spent), 0) FROM peerloop.user_goodwill"), false},
      {"points held (balance = earned - spent)",
       t.points_issued - t.points_given - t.points_promoted,
       scalar("SELECT coalesce(sum(balance), 0) FROM peerloop.user_goodwill"), false},
      {"accounts where balance != earned - spent, or < 0", 0,
       scalar("SELECT count(*) FROM peerloop.user_goodwill WHERE balance <> total_earned - spent "
              "OR balance < 0"),
       false},
      {"peer awards (paid by the giver)", t.peer_awards,
       scalar("SELECT count(*) FROM peerloop.goodwill_transactions WHERE from_user_id IS NOT NULL"),
       false},
      {"daily availability bonuses", t.availability_bonuses,
       scalar("SELECT count(*) FROM peerloop.goodwill_transactions WHERE reason = "
              "'availability_bonus'"),
       false},
      {"referral awards", t.referrals,
       scalar("SELECT count(*) FROM peerloop.goodwill_transactions WHERE reason = 'referral'"),
       false},
      {"summons completed", t.summons_completed,
       scalar("SELECT count(*) FROM peerloop.help_summons WHERE status = 'completed'"), false},
      {"  under 5 minutes, no points", t.summons_without_points,
       scalar("SELECT count(*) FROM peerloop.help_summons WHERE status = 'completed' AND "
              "points_awarded = 0"),
       false},
      {"  points = summon_help transactions",
       scalar("SELECT coalesce(sum(points_awarded), 0) FROM peerloop.help_summons"),
       scalar("SELECT coalesce(sum(points), 0) FROM peerloop.goodwill_transactions WHERE reason = "
              "'summon_help'"),
       false},
      {"summons cancelled", t.summons_cancelled,
       scalar("SELECT count(*) FROM peerloop.help_summons WHERE status = 'cancelled'"), false},
      {"rewards unlocked (RewardUnlocked events)", events("RewardUnlocked", one),
       scalar("SELECT count(*) FROM peerloop.user_reward_unlocks"), false},
      {"unlocks below their threshold", 0,
       scalar("SELECT count(*) FROM peerloop.user_reward_unlocks u JOIN peerloop.goodwill_rewards "
              "r ON r.id = u.reward_id "
              "JOIN peerloop.user_goodwill g ON g.user_id = u.user_id WHERE g.total_earned < "
              "r.points_threshold"),
       false},
      {"rewards redeemed", t.rewards_redeemed,
       scalar("SELECT count(*) FROM peerloop.user_reward_unlocks WHERE redeemed_at IS NOT NULL"),
       false},
      {"posts promoted", t.promotions, scalar("SELECT count(*) FROM peerloop.promoted_posts"),
       false},
      {"instructor followers", t.follower_pairs,
       scalar("SELECT count(*) FROM peerloop.instructor_followers"), false},
      {"  first_enrollment_at != first enrollment", 0,
       scalar("SELECT count(*) FROM peerloop.instructor_followers f WHERE f.first_enrollment_at <> "
              "(SELECT min(e.enrolled_at) FROM peerloop.enrollments e JOIN peerloop.courses c ON "
              "c.id = e.course_id "
              "WHERE c.creator_id = f.instructor_id AND e.student_id = f.follower_id)"),
       false},
  };
  bool all_ok = true;
  auto print = [&](const char* title, const std::vector<Check>& checks) {
    std::printf("\n%s\n", title);
    for (const auto& c : checks) {
      bool ok = c.expected == c.actual;
      all_ok = all_ok && ok;
      std::string e = c.money ? FormatMoney(Money{c.expected, "USD"}) : std::to_string(c.expected);
      std::string a = c.money ? FormatMoney(Money{c.actual, "USD"}) : std::to_string(c.actual);
      std::printf("  %-50s %16s %16s  %s\n", c.what.c_str(), e.c_str(), a.c_str(),
                  ok ? "ok" : "MISMATCH");
    }
  };
  print("peerloop money and counts: what the API accepted vs the read tables", money);
  print("peerloop goodwill economy: what the API accepted vs the read tables", goodwill);
  std::printf("  turned available again the same day, no second bonus: %d\n",
              t.second_toggles_without_bonus);
  std::printf("  refused goodwill commands (nothing appended):");
  for (const auto& [code, n] : t.refused) std::printf(" %s x%d", code.c_str(), n);
  std::printf("\n");
  all_ok = ReportPeerloopMessaging(tx, history, t.messaging) && all_ok;
  all_ok = ReportPeerloopFeed(tx, history, t.feed) && all_ok;
  all_ok = ReportPeerloopLearning(tx, history, t.learning) && all_ok;
  return all_ok;
}

}  // namespace edu
