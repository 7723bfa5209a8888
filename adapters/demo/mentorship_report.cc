#include <cstdio>
#include <string>

#include <fmt/format.h>
#include <pqxx/pqxx>

#include "adapters/demo/checks.h"
#include "adapters/demo/mentorship.h"

namespace edu {

bool ReportMentorshipSupport(pqxx::transaction_base& tx);  // mentorship_support.cc
bool ReportMentorshipCalendar(pqxx::transaction_base& tx,
                              const MentorshipDemoTotals& t);  // mentorship_calendar.cc

bool ReportMentorshipDemo(const std::string& db_uri, const MentorshipDemoTotals& t) {
  pqxx::connection conn(db_uri);
  pqxx::nontransaction tx(conn);
  auto scalar = [&](const std::string& sql) -> int64_t {
    pqxx::result r = tx.exec(sql);
    return r.empty() || r[0][0].is_null() ? 0 : r[0][0].as<int64_t>();
  };
  // Money columns are NUMERIC rupees; compare in paise, exactly.
  auto paise = [&](const std::string& expr, const std::string& from) {
    return scalar("SELECT (coalesce(sum(" + expr + "), 0) * 100)::bigint FROM " + from);
  };

  std::printf("\nmentorship read tables (schema mentorship)\n");
  pqxx::result tables = tx.exec(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'mentorship' "
      "ORDER BY table_name");
  for (const auto& row : tables) {
    std::string name = row[0].c_str();
    std::printf("  %-22s %6lld rows\n", name.c_str(),
                static_cast<long long>(scalar("SELECT count(*) FROM mentorship." + name)));
  }

  struct Check {
    std::string what;
    int64_t expected;
    int64_t actual;
    bool money;
  };
  const std::string payments = "mentorship.payments WHERE status <> 'failed'";
  const std::string held = "CASE WHEN status IN ('held', 'disputed') THEN amount ELSE 0 END";
  const std::string released = "coalesce(platform_fee, 0) + coalesce(mentor_earnings, 0)";
  const std::string in_payouts =
      "mentorship.mentor_payouts WHERE status IN ('pending', 'processing', 'completed')";
  std::vector<std::pair<std::string, std::vector<Check>>> sections;
  sections.push_back(
      {"people and verification",
       {
           {"users", t.users, scalar("SELECT count(*) FROM mentorship.users"), false},
           {"mentors applied", t.mentors_applied, scalar("SELECT count(*) FROM mentorship.mentors"),
            false},
           {"mentors approved", t.mentors_approved,
            scalar("SELECT count(*) FROM mentorship.mentors WHERE verification_status = 'approved' "
                   "AND is_active"),
            false},
           {"mentors rejected", t.mentors_rejected,
            scalar(
                "SELECT count(*) FROM mentorship.mentors WHERE verification_status = 'rejected'"),
            false},
           {"mentor_verification history rows", t.verification_steps,
            scalar("SELECT count(*) FROM mentorship.mentor_verification"), false},
       }});
  std::vector<Check> sessions = {{"sessions booked", t.sessions_booked,
                                  scalar("SELECT count(*) FROM mentorship.sessions"), false}};
  for (const auto& [status, n] : t.sessions_by_status) {
    sessions.push_back(
        {"sessions " + status, n,
         scalar("SELECT count(*) FROM mentorship.sessions WHERE status = '" + status + "'"),
         false});
  }
  sessions.push_back(
      {"mentors.total_sessions (completed)",
       t.sessions_by_status.count("completed") ? t.sessions_by_status.at("completed") : 0,
       scalar("SELECT coalesce(sum(total_sessions), 0) FROM mentorship.mentors"), false});
  sessions.push_back(
      {"session_conflicts (all resolved)", t.conflicts,
       scalar("SELECT count(*) FROM mentorship.session_conflicts WHERE resolved_at IS NOT NULL"),
       false});
  sessions.push_back({"quality_reviews (ratings below 3.5)", t.quality_reviews,
                      scalar("SELECT count(*) FROM mentorship.quality_reviews"), false});
  sessions.push_back({"failed payment attempts", t.payment_failures,
                      scalar("SELECT count(*) FROM mentorship.payments WHERE status = 'failed'"),
                      false});
  sections.push_back({"sessions", sessions});
  sections.push_back(
      {"money in escrow: per payment captured = held + released + refunded",
       {
           {"captured", t.captured_minor, paise("amount", payments), true},
           {"held in escrow", t.captured_minor - t.released_minor - t.refunded_minor,
            paise(held, payments), true},
           {"released", t.released_minor, paise(released, payments), true},
           {"refunded", t.refunded_minor, paise("refund_amount", payments), true},
           {"  of which dispute compensation", t.compensation_minor,
            paise("compensation_amount", "mentorship.session_conflicts"), true},
           {"payments where captured != held + released + refunded", 0,
            scalar("SELECT count(*) FROM " + payments + " AND amount <> " + held + " + " +
                   released + " + refund_amount"),
            false},
           {"refunds paid back by the gateway", t.refunds_issued,
            scalar("SELECT count(*) FROM mentorship.payments WHERE refunded_at IS NOT NULL"),
            false},
       }});
  sections.push_back(
      {"the split: platform fee + mentor earnings = released",
       {
           {"platform fees", t.platform_fee_minor, paise("platform_fee", payments), true},
           {"mentor earnings", t.mentor_earnings_minor, paise("mentor_earnings", payments), true},
       }});
  sections.push_back(
      {"payouts: paid + carried over = mentor earnings credited",
       {
           {"mentor earnings credited", t.mentor_earnings_minor,
            paise("mentor_earnings", "mentorship.payments WHERE payout_status IS NOT NULL"), true},
           {"in payouts (total - platform fee) + carried over", t.mentor_earnings_minor,
            paise("total_earnings - platform_fee", in_payouts) +
                paise("mentor_earnings", "mentorship.payments WHERE payout_status = 'unpaid'"),
            true},
           {"payouts where total - fee - tax != net", 0,
            scalar("SELECT count(*) FROM mentorship.mentor_payouts WHERE total_earnings - "
                   "platform_fee - tax_deduction "
                   "<> net_amount"),
            false},
           {"payouts proposed", t.payouts_scheduled,
            scalar("SELECT count(*) FROM mentorship.mentor_payouts"), false},
           {"payouts completed", t.payouts_completed,
            scalar("SELECT count(*) FROM mentorship.mentor_payouts WHERE status = 'completed'"),
            false},
           {"payouts failed (earnings carried over)", t.payouts_failed,
            scalar("SELECT count(*) FROM mentorship.mentor_payouts WHERE status = 'failed'"),
            false},
       }});

  bool all_ok = true;
  std::printf("\nmentorship: what the API accepted vs the read tables\n");
  for (const auto& [title, checks] : sections) {
    std::printf("  %s\n", title.c_str());
    for (const auto& c : checks) {
      bool ok = c.expected == c.actual;
      all_ok = all_ok && ok;
      std::string e = c.money ? FormatMoney(Money{c.expected, "INR"}) : std::to_string(c.expected);
      std::string a = c.money ? FormatMoney(Money{c.actual, "INR"}) : std::to_string(c.actual);
      std::printf("    %-56s %18s %18s  %s\n", c.what.c_str(), e.c_str(), a.c_str(),
                  ok ? "ok" : "MISMATCH");
    }
  }
  std::printf(
      "  paid out to mentors: %s net after %s TDS; carried over: %s; %d runs carried a balance "
      "over\n",
      FormatMoney(
          Money{paise("net_amount", "mentorship.mentor_payouts WHERE status = 'completed'"), "INR"})
          .c_str(),
      FormatMoney(
          Money{paise("tax_deduction", "mentorship.mentor_payouts WHERE status = 'completed'"),
                "INR"})
          .c_str(),
      FormatMoney(
          Money{paise("mentor_earnings", "mentorship.payments WHERE payout_status = 'unpaid'"),
                "INR"})
          .c_str(),
      t.payouts_carried_over);
  std::printf(
      "  refused bookings of mentors still under review: %d (mentor_not_approved); late "
      "reschedules refused "
      "without an emergency: %d; refunds that failed and were retried: %d; duplicate webhooks "
      "ignored: %d\n",
      t.refused_unapproved_mentor, t.late_reschedules_refused, t.refunds_failed,
      t.duplicate_webhooks);
  all_ok = ReportMentorshipSupport(tx) && all_ok;
  all_ok = ReportMentorshipCalendar(tx, t) && all_ok;
  return all_ok;
}

}  // namespace edu
