// Shared by the Kafka integration tests: librdkafka's mock cluster in this process, the backend's
// topics under a fresh prefix, and a KafkaBackend (log, command client, processors) on them.
#pragma once

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "adapters/kafka/kafka_backend.h"
#include "commands/registry.h"
#include "domain/policies.h"

namespace edu::testing {

// A topic prefix no other test of this process uses.
inline std::string FreshKafkaPrefix(const std::string& what) {
  static std::atomic<int> counter{0};
  return "t" + std::to_string(::getpid()) + "-" + what + "-" + std::to_string(++counter);
}

// Settings for tests: the mock's 3 s first join needs session.timeout.ms >= 3000; short request
// timeouts keep failing tests quick.
inline KafkaSettings TestKafkaSettings(const std::string& bootstrap, int partitions,
                                       const std::string& prefix) {
  KafkaSettings s;
  s.bootstrap_servers = bootstrap;
  s.topic_prefix = prefix;
  s.partitions = partitions;
  s.session_timeout_ms = 3000;
  s.request_timeout_ms = 15'000;
  s.properties = {{"log_level", "2"}};  // broker-down tests would flood the output otherwise
  return s;
}

inline const Registry& TestRegistry() {
  static const Registry registry = [] {
    Registry r;
    RegisterAllMarketplaces(&r);
    return r;
  }();
  return registry;
}

inline const Policies& TestPolicies() {
  // The bed approves its mentor straight from pending and completion releases the escrow: these
  // tests are about the Kafka path, not the mentorship rules (the default policy requires the
  // trial session first and holds the escrow for a 48 h dispute window).
  static const Policies policies = [] {
    Policies p;
    p.mentorship.name = "kafka-bed-no-trial-no-hold";
    p.mentorship.require_trial_session = false;
    p.mentorship.escrow_hold_after_completion = 0;
    return p;
  }();
  return policies;
}

struct KafkaTestBedOptions {
  int partitions = 4;
  int processors = 1;
  int brokers = 1;              // of a mock cluster of its own
  bool shared_cluster = false;  // the mock cluster shared by the process (contract suite)
  std::string real_bootstrap;   // a real Kafka instead of a mock (EDULEDGER_TEST_KAFKA)
  std::function<void(KafkaSettings*)> adjust;
  const Policies* policies = nullptr;  // TestPolicies() when null
};

// The backend on fresh topics: on a mock cluster of its own, the shared one, or a real Kafka.
class KafkaTestBed {
 public:
  KafkaTestBed(int partitions, int processors) : KafkaTestBed(Options(partitions, processors)) {}
  explicit KafkaTestBed(const KafkaTestBedOptions& options) {
    std::string bootstrap = options.real_bootstrap;
    if (bootstrap.empty()) {
      if (options.shared_cluster) {
        cluster_ = &Shared();
      } else {
        REQUIRE(KafkaMockCluster::Start(options.brokers, &own_).ok());
        cluster_ = own_.get();
      }
      bootstrap = cluster_->bootstrap_servers();
    }
    settings_ = TestKafkaSettings(bootstrap, options.partitions, FreshKafkaPrefix("bed"));
    if (cluster_ == nullptr) settings_.session_timeout_ms = 6000;  // brokers' minimum by default
    if (options.adjust) options.adjust(&settings_);
    Status st = cluster_ ? cluster_->CreateTopics(settings_) : EnsureKafkaTopics(settings_);
    REQUIRE_MESSAGE(st.ok(), st.ToString());
    KafkaBackendOptions o;
    o.settings = settings_;
    o.registry = &TestRegistry();
    o.policies = options.policies ? options.policies : &TestPolicies();
    o.processors = options.processors;
    o.create_topics = false;
    st = KafkaBackend::Start(o, &backend_);
    REQUIRE_MESSAGE(st.ok(), st.ToString());
    if (options.processors > 0) {
      st = backend_->WaitUntilReady(std::chrono::seconds(60));
      REQUIRE_MESSAGE(st.ok(), st.ToString());
    }
  }

  static KafkaTestBedOptions Options(int partitions, int processors) {
    KafkaTestBedOptions o;
    o.partitions = partitions;
    o.processors = processors;
    return o;
  }

  KafkaMockCluster& cluster() { return *cluster_; }
  KafkaBackend& backend() { return *backend_; }
  const KafkaSettings& settings() const { return settings_; }

  static KafkaMockCluster& Shared() {
    static std::unique_ptr<KafkaMockCluster> shared = [] {
      std::unique_ptr<KafkaMockCluster> c;
      Status st = KafkaMockCluster::Start(1, &c);
      if (!st.ok()) FAIL(st.ToString());
      return c;
    }();
    return *shared;
  }

 private:
  std::unique_ptr<KafkaMockCluster> own_;
  KafkaMockCluster* cluster_ = nullptr;
  KafkaSettings settings_;
  std::unique_ptr<KafkaBackend> backend_;
};

// ---- a realistic workload: the mentorship slice, 9 commands and 11 events per scenario --------

struct ScenarioCommand {
  Uuid command_id;
  std::string type;
  std::string body;
  Actor actor;
  Timestamp now;
};

inline CommandRequest ToRequest(const ScenarioCommand& c) {
  CommandRequest r{};  // value-initialized: a nil correlation id means "the command id"
  r.command_id = c.command_id;
  r.type = c.type;
  r.body = c.body;
  r.actor = c.actor;
  r.now = c.now;
  r.metadata = {{"ip", "10.0.0.9"}, {"user_agent", "kafka-test"}};
  return r;
}

// Register a student and a mentor, the mentor applies and is approved and publishes availability,
// the student holds a time and books a session, the gateway captures the payment, the mentor
// completes it (escrow released, 70/30). Streams: 2 users, 1 mentor, 1 session, on whatever
// partitions murmur2 puts them.
inline std::vector<ScenarioCommand> MentorshipScenario(int i) {
  auto id = [i](const char* what) {
    return DeriveUuid(EduledgerNamespace(), fmt::format("kafka-test-{}-{}", what, i));
  };
  std::string student = ToString(id("student")), mentor_user = ToString(id("mentor-user")),
              mentor = ToString(id("mentor")), session = ToString(id("session")),
              payment = ToString(id("payment"));
  Timestamp booked_at = *ParseIso8601("2026-03-01T09:00:00Z");
  Timestamp done_at = *ParseIso8601("2026-03-05T11:05:00Z");
  auto cmd = [&](const char* what, const char* type, std::string body, Actor actor, Timestamp now) {
    return ScenarioCommand{id(what), type, std::move(body), std::move(actor), now};
  };
  return {
      cmd("c1", "RegisterUser",
          fmt::format(
              R"({{"marketplace":"mentorship","user_id":"{}","email":"s{}@example.in","name":"Student {}","academic_level":"college","primary_language":"Telugu"}})",
              student, i, i),
          Actor{student, "student"}, booked_at),
      cmd("c2", "RegisterUser",
          fmt::format(
              R"({{"marketplace":"mentorship","user_id":"{}","role":"mentor","email":"m{}@example.in","name":"Mentor {}"}})",
              mentor_user, i, i),
          Actor{mentor_user, "mentor"}, booked_at),
      cmd("c3", "ApplyAsMentor",
          fmt::format(
              R"({{"marketplace":"mentorship","mentor_id":"{}","user_id":"{}","title":"Engineer","experience_years":8,"student_levels_served":["college"],"hourly_rate":{{"minor":120000,"currency":"INR"}},"primary_language":"Telugu"}})",
              mentor, mentor_user),
          Actor{mentor_user, "mentor"}, booked_at),
      cmd("c4", "ApproveMentor",
          fmt::format(R"({{"marketplace":"mentorship","mentor_id":"{}"}})", mentor),
          Actor{"9a0c7e4e-0d6b-4c3e-8f5e-1a2b3c4d5e6f", "admin"}, booked_at),
      // The mentor's calendar (zone_rule as the command service fills it), and the student's
      // hold of the session's time, which the booking requires.
      cmd("c4a", "SetMentorAvailability",
          fmt::format(
              R"({{"marketplace":"mentorship","mentor_id":"{}","time_zone":"Asia/Kolkata","zone_rule":"IST-5:30","slots":[{{"day_of_week":4,"start_time":"09:00","end_time":"21:00"}}]}})",
              mentor),
          Actor{mentor_user, "mentor"}, booked_at),
      cmd("c4b", "HoldSessionTime",
          fmt::format(
              R"({{"marketplace":"mentorship","mentor_id":"{}","session_id":"{}","student_id":"{}","start":"2026-03-05T10:00:00Z","duration_minutes":60}})",
              mentor, session, student),
          Actor{student, "student"}, booked_at),
      cmd("c5", "BookSession",
          fmt::format(
              R"({{"marketplace":"mentorship","session_id":"{}","student_id":"{}","mentor_id":"{}","scheduled_at":"2026-03-05T10:00:00Z","duration_minutes":60,"session_type":"exam_prep","session_language":"Telugu"}})",
              session, student, mentor),
          Actor{student, "student"}, booked_at),
      cmd("c6", "CapturePayment",
          fmt::format(
              R"({{"marketplace":"mentorship","session_id":"{}","payment_id":"{}","amount":{{"minor":120000,"currency":"INR"}},"payment_method":"upi","gateway":"razorpay","gateway_payment_id":"pay_{}"}})",
              session, payment, i),
          Actor{"system:razorpay", "gateway"}, booked_at),
      cmd("c7", "CompleteSession",
          fmt::format(R"({{"marketplace":"mentorship","session_id":"{}"}})", session),
          Actor{mentor_user, "mentor"}, done_at),
  };
}

// What a well-behaved API client does: retries a command the system could not decide (503) with
// the same id until it is decided, accepted or refused, or the budget runs out (then the last
// 503 is returned). Safe to call from any thread (no doctest assertions).
inline CommandResult SendUntilDecided(CommandService& service, const ScenarioCommand& command,
                                      std::chrono::seconds budget = std::chrono::seconds(90)) {
  auto deadline = std::chrono::steady_clock::now() + budget;
  for (;;) {
    CommandResult r = service.Handle(ToRequest(command));
    if (r.ok() || r.error->kind != ErrorKind::kUnavailable) return r;
    if (std::chrono::steady_clock::now() > deadline) return r;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

}  // namespace edu::testing
