// The registry of demo scenarios: each wraps one marketplace's Run*Demo / Report*Demo pair with
// its options and the totals its report reconciles against.
#include <cstdio>

#include <fmt/format.h>

#include "adapters/demo/mentorship.h"
#include "adapters/demo/peerloop.h"
#include "adapters/demo/scenario.h"
#include "adapters/demo/skillspring.h"
#include "adapters/demo/uhs.h"

namespace edu {
namespace {

class MentorshipDemo : public DemoScenario {
 public:
  explicit MentorshipDemo(const DemoSettings& settings) {
    options_.students = settings.students;
    options_.mentors = settings.mentors;
    options_.sessions = settings.sessions;
    options_.policy = settings.policies.mentorship;
  }
  std::string name() const override { return "mentorship"; }
  std::string Describe() const override {
    return fmt::format(
        "mentorship: {} students, {} mentors, {} bookings over three simulated weeks",
        options_.students, options_.mentors, options_.sessions);
  }
  void Run(DemoDriver& driver, const std::function<void()>& settle) override {
    RunMentorshipDemo(driver, options_, settle, &totals_);
    // Mistakes an API client makes, on a fresh pair of people: refused, nothing appended.
    refusals_ = RunMentorshipShowcase(driver, &totals_);
  }
  bool Report(const DemoReportContext& context) override {
    PrintDemoRefusals(refusals_);
    return ReportMentorshipDemo(context.db_uri, totals_);
  }

 private:
  MentorshipDemoOptions options_;
  MentorshipDemoTotals totals_;
  std::vector<DemoRefusal> refusals_;
};

class UhsDemo : public DemoScenario {
 public:
  std::string name() const override { return "uhs"; }
  std::string Describe() const override {
    return fmt::format("uhs: {} families, M-Pesa, PayPal and Stripe, wallets, splits, refunds",
                       options_.families);
  }
  void Run(DemoDriver& driver, const std::function<void()>& settle) override {
    RunUhsDemo(driver, options_, settle, &totals_);
  }
  bool Report(const DemoReportContext& context) override {
    return ReportUhsDemo(context.db_uri, context.log, totals_);
  }

 private:
  UhsDemoOptions options_;
  UhsDemoTotals totals_;
};

class SkillspringDemo : public DemoScenario {
 public:
  std::string name() const override { return "skillspring"; }
  std::string Describe() const override {
    return fmt::format("skillspring: {} students shopping with coupons, learning, reviewing",
                       options_.students);
  }
  void Run(DemoDriver& driver, const std::function<void()>& settle) override {
    RunSkillspringDemo(driver, options_, settle, &totals_);
  }
  bool Report(const DemoReportContext& context) override {
    return ReportSkillspringDemo(context.db_uri, context.log, totals_);
  }

 private:
  SkillspringDemoOptions options_;
  SkillspringDemoTotals totals_;
};

class PeerloopDemo : public DemoScenario {
 public:
  std::string name() const override { return "peerloop"; }
  std::string Describe() const override {
    return fmt::format(
        "peerloop: {} students, {} student-teachers, 70/15/15 splits, goodwill, help summons",
        options_.students, options_.student_teachers);
  }
  void Run(DemoDriver& driver, const std::function<void()>& settle) override {
    RunPeerloopDemo(driver, options_, settle, &totals_);
  }
  bool Report(const DemoReportContext& context) override {
    return ReportPeerloopDemo(context.db_uri, context.log, totals_);
  }

 private:
  PeerloopDemoOptions options_;
  PeerloopDemoTotals totals_;
};

}  // namespace

std::vector<std::unique_ptr<DemoScenario>> AllDemoScenarios(const DemoSettings& settings) {
  std::vector<std::unique_ptr<DemoScenario>> all;
  all.push_back(std::make_unique<MentorshipDemo>(settings));
  all.push_back(std::make_unique<UhsDemo>());
  all.push_back(std::make_unique<SkillspringDemo>());
  all.push_back(std::make_unique<PeerloopDemo>());
  return all;
}

}  // namespace edu
