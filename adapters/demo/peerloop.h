// The PeerLoop part of the demo: creators publish courses and certify student-teachers; students
// enroll and pay (70/15/15 splits held in escrow), learn in 1-on-1 sessions that release the
// escrow tranche by tranche, assess each other; one enrollment is cancelled and refunded; admins
// approve payouts (one fails and is paid again). Alongside, the goodwill economy: daily
// availability bonuses, help summons, peer awards (and the ones refused: cooldown, 101 points,
// self-award), referral awards, a reward unlocked and redeemed, a post promoted.
// The summary reconciles the read tables with what the API accepted and with the event log.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "adapters/demo/driver.h"
#include "adapters/demo/peerloop_feed.h"
#include "adapters/demo/peerloop_learning.h"
#include "adapters/demo/peerloop_messaging.h"

namespace edu {

class EventLog;

struct PeerloopDemoOptions {
  int students = 24;
  int student_teachers = 6;
};

// What the demo's own accounting says should be in the read tables.
struct PeerloopDemoTotals {
  int users = 0;
  int courses = 0;
  int certifications = 0;
  int slots = 0;
  int enrollments = 0;
  int payments_completed = 0;
  int payments_failed = 0;
  int enrollments_completed = 0;
  int enrollments_cancelled = 0;  // after payment (refunded), besides failed payments
  int sessions_completed = 0;
  int assessments = 0;
  int64_t captured_cents = 0;
  int64_t refunded_cents = 0;
  int64_t teacher_cents = 0, creator_cents = 0, platform_cents = 0;  // of the captured payments
  int payouts_completed = 0;
  int payouts_failed = 0;
  int follower_pairs = 0;
  // goodwill
  int64_t points_issued = 0;
  int64_t points_given = 0;     // peer awards, paid by their givers
  int64_t points_promoted = 0;  // spent on promotions
  int availability_bonuses = 0;
  int second_toggles_without_bonus = 0;
  int summons_completed = 0;
  int summons_without_points = 0;
  int summons_cancelled = 0;
  int referrals = 0;
  int peer_awards = 0;
  int promotions = 0;
  int rewards_redeemed = 0;
  std::map<std::string, int> refused;  // goodwill refusals shown in the summary, by code
  PeerloopMessagingTotals messaging;   // direct messages, follows, notifications
  PeerloopFeedTotals feed;             // feed interactions, flags, moderation
  PeerloopLearningTotals learning;     // course pages, module progress, ratings, certificates
};

// `settle` waits until the reactions (and projections) have caught up with everything sent: the
// demo needs released earnings credited before it requests payouts.
void RunPeerloopDemo(DemoDriver& driver, const PeerloopDemoOptions& options,
                     const std::function<void()>& settle, PeerloopDemoTotals* totals);

// Prints the PeerLoop part of the summary from the read tables (and the event log) and checks it
// against the totals. Returns false (after printing why) when anything does not reconcile.
// `log` is the stored event log (either backend): the summary counts events from it.
bool ReportPeerloopDemo(const std::string& db_uri, EventLog* log, const PeerloopDemoTotals& totals);

}  // namespace edu
