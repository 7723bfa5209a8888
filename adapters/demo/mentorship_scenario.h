// The mentorship scenario's parts (adapters/demo/mentorship*.cc), by phase: people and
// verification (mentorship.cc), sessions (mentorship_sessions.cc), payouts
// (mentorship_payouts.cc); the summary is mentorship_report.cc. Private to the demo.
#pragma once

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "adapters/demo/driver.h"
#include "adapters/demo/mentorship.h"
#include "domain/mentorship/commands.h"
#include "domain/mentorship/payout_account.h"
#include "domain/mentorship/session.h"

namespace edu::mentorship::demo_scenario {

struct Person {
  Uuid id{};
  AcademicLevel level = AcademicLevel::college;
  std::string primary_language;
  std::vector<std::string> languages;
};

struct DemoMentor {
  Uuid user_id{};
  Uuid mentor_id{};
  bool approved = false;
  int64_t rate_minor = 0;
  std::vector<AcademicLevel> levels;
  std::vector<std::string> languages;  // primary first
  bool Speaks(const std::string& l) const {
    return std::find(languages.begin(), languages.end(), l) != languages.end();
  }
  bool Serves(AcademicLevel l) const {
    return std::find(levels.begin(), levels.end(), l) != levels.end();
  }
  Actor actor() const { return Actor{ToString(user_id), "mentor"}; }
};

// What becomes of a booked session.
enum class Fate {
  kComplete,             // started, completed, rated
  kCancelFull,           // the student cancels more than 24 h before: full refund
  kCancelPartial,        // the student cancels 5 h before: 50 %
  kCancelLate,           // the student cancels 1 h before: nothing back, the mentor is paid
  kCancelByMentor,       // the mentor cancels 3 h before: full refund
  kRescheduleFree,       // moved a day, 26 h before (free), then completed
  kRescheduleEmergency,  // moved 6 h before: refused, then accepted as an emergency with proof
  kStudentNoShow,        // the mentor reports the student absent: the mentor is paid
  kMentorNoShow,         // the student reports the mentor absent: a dispute, fully refunded
  kQualityPartial,       // disputed during the session: 40 % back, 60 % to the mentor
  kQualityNone,          // disputed during the session: no refund, the mentor is paid
  kUnpaid,               // the payment fails; the student cancels the booking
  kOpen,                 // paid but never held: stays in escrow
};

struct DemoSession {
  Uuid id{};
  Uuid payment_id{};
  const DemoMentor* mentor = nullptr;
  Actor student;
  Timestamp start;
  int32_t minutes = 60;
  int64_t amount = 0;
  Fate fate = Fate::kComplete;
};

template <class T>
const T& Pick(std::mt19937_64& rng, const std::vector<T>& v) {
  return v[rng() % v.size()];
}

inline void Expect(const DemoOutcome& o, const std::string& what) {
  if (!o.ok()) {
    throw std::runtime_error(
        fmt::format("demo: {} was refused ({} {}: {})", what, o.http_status, o.code, o.message));
  }
}

inline void ExpectRefusal(const DemoOutcome& o, const std::string& code, const std::string& what) {
  if (o.ok() || o.code != code) {
    throw std::runtime_error(fmt::format("demo: {} should have been refused with {}, got {} {}",
                                         what, code, o.http_status, o.code));
  }
}

inline std::string Email(const std::string& name, const Uuid& id) {
  std::string local;
  for (char c : name)
    local += c == ' ' ? '.' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return local + "." + ToString(id).substr(0, 4) + "@example.in";
}

// A queue of things that happen at given times; an action may schedule more. Runs them in time
// order (ties in the order they were scheduled), moving the simulated clock to each.
class Timeline {
 public:
  explicit Timeline(DemoDriver& d) : d_(d) {}
  void At(Timestamp t, std::function<void()> action) {
    if (t < d_.clock().Now()) t = d_.clock().Now();
    queue_.emplace(std::make_pair(t.micros, ++seq_), std::move(action));
  }
  void RunUntil(Timestamp end) {
    while (!queue_.empty() && queue_.begin()->first.first <= end.micros) {
      auto node = queue_.extract(queue_.begin());
      d_.clock().Set(Timestamp{node.key().first});
      node.mapped()();
    }
    d_.clock().Set(end);
  }

 private:
  DemoDriver& d_;
  std::map<std::pair<Micros, uint64_t>, std::function<void()>> queue_;
  uint64_t seq_ = 0;
};

class MentorshipScenario {
 public:
  MentorshipScenario(DemoDriver& d, const MentorshipDemoOptions& options,
                     const std::function<void()>& settle, MentorshipDemoTotals* totals)
      : d_(d),
        rng_(d.rng()),
        options_(options),
        policy_(options.policy),
        settle_(settle),
        t_(*totals),
        timeline_(d) {}

  void Run();

 private:
  Actor Gateway() const { return Actor{"system:razorpay", "gateway"}; }
  Actor Scheduler() const { return Actor{"system:scheduler", "system"}; }

  template <class Command>
  DemoOutcome Send(const Command& c, const Actor& actor) {
    return d_.Send(Command::kType, CommandBody("mentorship", c), actor);
  }

  // ---- people and verification (mentorship.cc)

  void People();

  DemoMentor Apply(int j);

  void Step(const DemoMentor& m, VerificationStatus to, const char* what);

  // Every mentor but the last two goes through review and is approved after a trial session
  // (the seed's path, required by the default policy); the last two stay under review. One more
  // applicant fails the background check, and one approved mentor is suspended after a complaint
  // and reinstated after training.
  void Verification();

  // ---- sessions (mentorship_sessions.cc)

  Fate PickFate();

  void Book();

  CapturePayment Payment(const DemoSession& s, const Uuid& payment_id);

  void Pay(std::shared_ptr<DemoSession> s);

  // Money leaving escrow towards the mentor and the platform, in the demo's own accounting.
  void Released(int64_t amount);

  // A refund was approved: the gateway pays it back an hour later (one in eight fails first and
  // support retries it the next day); some reports are delivered twice.
  void Refunded(const DemoSession& s, int64_t amount);

  void Cancel(std::shared_ptr<DemoSession> s, Micros notice, SessionParty by,
              const std::string& reason);

  // The session takes place at `start`: started, completed (escrow released, or held for the
  // policy's dispute window and released by the scheduler), rated.
  void Hold(std::shared_ptr<DemoSession> s, Timestamp start);

  // A completed session (or a student no-show) releases its escrow: at once, or after the policy's
  // dispute window when the scheduler releases it (if the demo lasts that long).
  void ReleaseAfterEnd(const DemoSession& s);

  void RateLater(std::shared_ptr<DemoSession> s);

  void Resolve(std::shared_ptr<DemoSession> s, Timestamp at, ResolutionType type,
               int64_t compensation);

  void Plan(std::shared_ptr<DemoSession> s);

  // ---- payouts (mentorship_payouts.cc)

  // Monday 09:00 IST: the week that ended at midnight is paid out. The reactions must have
  // credited every release first.
  void PayoutRun(int week);

  const std::vector<std::string> kLanguages = {"Telugu", "Hindi", "English", "Tamil"};
  DemoDriver& d_;
  std::mt19937_64& rng_;
  const MentorshipDemoOptions& options_;
  const Policy& policy_;
  const std::function<void()>& settle_;
  MentorshipDemoTotals& t_;
  Timeline timeline_;
  Actor admin_;
  Actor support_;
  std::vector<Person> students_;
  std::vector<DemoMentor> mentors_;
};

}  // namespace edu::mentorship::demo_scenario
