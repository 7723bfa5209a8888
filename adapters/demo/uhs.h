// The Urban Home School part of the demo: parents register and admit their children, instructors
// and staff publish KES courses, families enroll (some through a referring partner), top up
// wallets over M-Pesa, PayPal and Stripe (one top-up fails), pay courses from wallets or through a
// gateway (a callback arrives twice), one wallet payment is refused one shilling short, a course
// payment is refunded through its gateway and a wallet payment back to the wallet; the uhs-money
// reaction credits instructors' and the partner's wallets with their 60/10 shares. The summary
// reconciles the read tables with what the API accepted.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "adapters/demo/driver.h"
#include "adapters/demo/uhs_assessments.h"
#include "adapters/demo/uhs_catalog.h"
#include "adapters/demo/uhs_forum.h"
#include "domain/core/uuid.h"
#include "eventstore/event_log.h"

namespace edu {

struct UhsDemoOptions {
  int families = 8;
};

// What the demo's own accounting says should be in the read tables.
struct UhsDemoTotals {
  int users = 0;
  int students = 0;
  int courses = 0;
  int enrollments = 0;
  int enrollments_completed = 0;
  int enrollments_dropped = 0;  // refunded ones included
  int transactions = 0;
  int transactions_failed = 0;
  int transactions_refunded = 0;
  int duplicate_callbacks = 0;   // answered with no new event
  int refused_insufficient = 0;  // insufficient_funds
  int64_t received_minor = 0;    // completed gateway payments
  int64_t topups_minor = 0;
  int64_t course_payments_minor = 0;  // gateway and wallet
  int64_t gateway_refunded_minor = 0;
  int64_t refunds_minor = 0;  // all enrollment refunds
  int64_t instructor_shares_minor = 0;
  int64_t platform_shares_minor = 0;
  int64_t partner_shares_minor = 0;
  std::map<Uuid, int64_t> wallets;  // owner -> credits - debits
  UhsForumTotals forum;             // the community part (uhs_forum.cc)
  UhsAssessmentTotals assessments;  // uhs_assessments.cc
  UhsCatalogTotals catalog;         // uhs_catalog.cc
};

// `settle` returns once the reactions (and projections) have caught up with every command sent.
void RunUhsDemo(DemoDriver& driver, const UhsDemoOptions& options,
                const std::function<void()>& settle, UhsDemoTotals* totals);

// Prints the uhs part of the summary from the read tables and checks it against the totals.
// Returns false (after printing why) when anything does not reconcile.
// `log` is read to reconcile the community tables with their events.
bool ReportUhsDemo(const std::string& db_uri, EventLog* log, const UhsDemoTotals& totals);

}  // namespace edu
