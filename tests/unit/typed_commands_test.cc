// Typed commands inside the process (JSON only at the edges), structured decode errors, and the
// four cases of a reference lookup: specifications over the real pipeline and a MemoryEventLog,
// with small test aggregates so that each spec can break exactly one thing on purpose.
#include <doctest/doctest.h>

#include "adapters/kafka/kafka_command_client.h"
#include "commands/pipeline.h"
#include "commands/reaction.h"
#include "domain/core/rejection_codes.h"
#include "eventstore/memory_event_log.h"

namespace edu {
namespace {

const Uuid kCounter = *ParseUuid("5e0b1f3a-9a44-4c1e-9d7b-0a1b2c3d4e5f");
const Uuid kOther = *ParseUuid("6f1c2a4b-0b55-4d2f-8e8c-1b2c3d4e5f60");

// How often a Bump was decoded from JSON (its non-const Describe runs only when decoding).
int bump_decodes = 0;

struct Bumped {
  static constexpr const char* kType = "Bumped";
  static constexpr int kSchemaVersion = 1;
  Uuid counter_id;
  int64_t by = 0;
  EDU_FIELDS(counter_id, by)
};

// A command whose JSON decoding is broken on purpose: decoding asks for a field that encoding
// never writes, so every JSON body is refused (missing_field). Only a typed Bump can be decided.
struct Bump {
  static constexpr const char* kType = "Bump";
  Uuid counter_id;
  int64_t by = 0;
  template <class V>
  void Describe(V&& visit) {
    ++bump_decodes;
    visit("counter_id", counter_id);
    visit("by", by);
    visit("never_written", never_written);
  }
  template <class V>
  void Describe(V&& visit) const {
    visit("counter_id", counter_id);
    visit("by", by);
  }
  std::string stream_id() const { return StreamId("test.counter", counter_id); }
  int64_t never_written = 0;
};

// A plain command with an ordinary JSON binding, which also reads another counter.
struct Add {
  static constexpr const char* kType = "Add";
  Uuid counter_id;
  int64_t by = 0;
  std::optional<Uuid> compare_with;       // another counter, read through References
  std::optional<bool> peek_unreferenced;  // a decider bug on purpose: read a stream not referenced
  EDU_FIELDS(counter_id, by, compare_with, peek_unreferenced)
  std::string stream_id() const { return StreamId("test.counter", counter_id); }
  std::vector<std::string> references() const {
    if (!compare_with) return {};
    return {StreamId("test.counter", *compare_with)};
  }
};

struct CounterDecider {
  static constexpr const char* kCategory = "test.counter";
  static constexpr Marketplace kMarketplace = Marketplace::mentorship;
  struct State {
    int64_t total = 0;
  };
  using Command = std::variant<Bump, Add>;
  using Event = std::variant<Bumped>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& c, const State&, const DecisionContext& ctx) {
    return std::visit(
        Overloaded{
            [](const Bump& b) -> Decision<Event> {
              return Bumped{b.counter_id, b.by};
            },
            [&](const Add& a) -> Decision<Event> {
              if (a.peek_unreferenced.value_or(false)) {
                ctx.refs->Find<State>(StreamId("test.counter", kOther));
              }
              if (a.compare_with &&
                  !ctx.refs->Find<State>(StreamId("test.counter", *a.compare_with))) {
                return Rejection{codes::kNotFound.kind, codes::kNotFound.code, "no such counter"};
              }
              return Bumped{a.counter_id, a.by};
            }},
        c);
  }
  static State evolve(State s, const Event& e) {
    s.total += std::get<Bumped>(e).by;
    return s;
  }
};

class World {
 public:
  World() : log_(2), pipeline_(&log_, &registry_, &policies_) {
    registry_.AddCommand<CounterDecider, Bump>({"system"}, "bump a counter (typed only)");
    registry_.AddCommand<CounterDecider, Add>({"system"}, "add to a counter");
  }

  CommandRequest Request(std::optional<Uuid> id = std::nullopt) {
    CommandRequest r;
    r.command_id = id ? *id : DeriveUuid(kCounter, "cmd-" + std::to_string(++n_));
    r.actor = Actor{"system:test", "system"};
    r.now = Timestamp{1'700'000'000'000'000};
    return r;
  }
  CommandResult Typed(std::shared_ptr<const TypedCommand> c, std::optional<Uuid> id = {}) {
    CommandRequest r = Request(id);
    r.command = std::move(c);
    return pipeline_.Handle(r);
  }
  CommandResult Json(const std::string& type, const std::string& body,
                     std::optional<Uuid> id = {}) {
    CommandRequest r = Request(id);
    r.type = type;
    r.body = body;
    return pipeline_.Handle(r);
  }
  size_t Events() {
    std::vector<int64_t> ends;
    REQUIRE(log_.EndOffsets(&ends).ok());
    return static_cast<size_t>(ends[0] + ends[1]);
  }
  Registry& registry() { return registry_; }

 private:
  MemoryEventLog log_;
  Registry registry_;
  Policies policies_;
  CommandPipeline pipeline_;
  int n_ = 0;
};

std::string Code(const CommandResult& r) { return r.ok() ? "accepted" : r.error->code; }

class BumpReaction : public Reaction {
 public:
  std::string name() const override { return "test.bump"; }
  bool Handles(const RecordedEvent&) const override { return true; }
  Status React(const RecordedEvent&, std::vector<ReactionCommand>* out) const override {
    out->push_back(Issue("mentorship", Bump{kCounter, 3}, "bump"));
    return Status::OK();
  }
};

}  // namespace

TEST_SUITE("typed commands") {
  TEST_CASE("a typed command reaches its decider without any JSON decoding") {
    // Given a command type whose JSON decoding is broken on purpose
    World world;
    bump_decodes = 0;
    // When its JSON body arrives, then it is refused by the decoder (the break is real)
    CommandResult from_json = world.Json("Bump", R"({"marketplace":"mentorship","counter_id":")" +
                                                     ToString(kCounter) + R"(","by":2})");
    CHECK(Code(from_json) == codes::kMissingField.code);
    CHECK(from_json.error->field == "never_written");
    CHECK(bump_decodes > 0);
    // When the same command arrives typed, then it is decided and appended, decoded zero times
    bump_decodes = 0;
    CommandResult typed = world.Typed(MakeTypedCommand("mentorship", Bump{kCounter, 2}));
    CHECK(Code(typed) == "accepted");
    REQUIRE(typed.events.size() == 1);
    CHECK(typed.events[0].type == "Bumped");
    CHECK(bump_decodes == 0);
  }

  TEST_CASE("a reaction's command is issued typed and decided without JSON") {
    // Given a reaction that issues a Bump (whose JSON decoding is broken)
    World world;
    BumpReaction reaction;
    RecordedEvent cause;
    cause.event_id = DeriveUuid(kCounter, "cause");
    cause.occurred_at = Timestamp{1'700'000'000'000'000};
    std::vector<ReactionCommand> out;
    REQUIRE(reaction.React(cause, &out).ok());
    REQUIRE(out.size() == 1);
    // Then the command is the struct itself, and the request carries it, not a body
    REQUIRE(out[0].As<Bump>() != nullptr);
    CHECK(out[0].As<Bump>()->by == 3);
    CHECK(out[0].As<Add>() == nullptr);
    CommandRequest r = ReactionRequest(reaction, cause, out[0]);
    CHECK(r.body.empty());
    CHECK(r.type == "Bump");
    // When the pipeline handles it, then it is accepted without a single decode
    World pipeline_world;
    bump_decodes = 0;
    CHECK(Code(pipeline_world.Typed(r.command, r.command_id)) == "accepted");
    CHECK(bump_decodes == 0);
  }

  TEST_CASE("a typed command and its JSON body are one command for the idempotency key") {
    // Given a typed Add handled under one command id
    World world;
    const Uuid id = DeriveUuid(kCounter, "same-id");
    auto add = MakeTypedCommand("mentorship", Add{kCounter, 5, std::nullopt, std::nullopt});
    REQUIRE(Code(world.Typed(add, id)) == "accepted");
    // When the same command arrives as the JSON the Kafka edge would send, then it is a replay
    CommandResult again = world.Json("Add", CommandJsonBody(*add), id);
    CHECK(Code(again) == "accepted");
    CHECK(again.replayed);
    // When a different command reuses the id, then it is refused and appends nothing
    size_t before = world.Events();
    CommandResult other = world.Typed(
        MakeTypedCommand("mentorship", Add{kCounter, 6, std::nullopt, std::nullopt}), id);
    CHECK(Code(other) == codes::kIdempotencyKeyReused.code);
    CHECK(world.Events() == before);
  }

  TEST_CASE("a typed command is prepared only as the struct its type was registered with") {
    World world;
    const CommandType* add = world.registry().FindCommand("mentorship", "Add");
    REQUIRE(add != nullptr);
    std::unique_ptr<PreparedCommand> prepared;
    CHECK_FALSE(add->Prepare(*MakeTypedCommand("mentorship", Bump{kCounter, 1}), &prepared).ok());
    CHECK(prepared == nullptr);
    REQUIRE(
        add->Prepare(*MakeTypedCommand("mentorship", Add{kCounter, 1, std::nullopt, std::nullopt}),
                     &prepared)
            .ok());
    CHECK(prepared->stream_id() == StreamId("test.counter", kCounter));
  }

  TEST_CASE("the Kafka command client sends a typed command as the JSON body of its type") {
    // Given a typed request
    World world;
    CommandRequest r = world.Request();
    r.command = MakeTypedCommand("mentorship", Add{kCounter, 7, std::nullopt, std::nullopt});
    // When it is encoded for the commands topic and read back, then it is the JSON command
    CommandRequest back;
    REQUIRE(DecodeCommandMessage(EncodeCommandMessage(r), &back).ok());
    CHECK(back.type == "Add");
    CHECK(back.command.get() == nullptr);
    CHECK(back.body ==
          R"({"marketplace":"mentorship","counter_id":")" + ToString(kCounter) + R"(","by":7})");
    // And it is routed by its stream, as its JSON form is
    CHECK(CommandStream(world.registry(), r) == StreamId("test.counter", kCounter));
    CHECK(CommandStream(world.registry(), back) == StreamId("test.counter", kCounter));
  }
}

TEST_SUITE("decode errors") {
  TEST_CASE("a decode error is a structured value: code, field path and message") {
    World world;
    const CommandType* add = world.registry().FindCommand("mentorship", "Add");
    REQUIRE(add != nullptr);
    auto parse = [&](const std::string& body) {
      rapidjson::Document doc;
      REQUIRE(json::ParseDocument(body, &doc).ok());
      std::unique_ptr<PreparedCommand> out;
      return add->Parse(doc, &out);
    };
    const std::string id = ToString(kCounter);
    // The envelope's members are not the command's: no error
    CHECK_FALSE(parse(R"({"marketplace":"mentorship","expected_version":3,"counter_id":")" + id +
                      R"(","by":1})"));
    auto missing = parse(R"({"marketplace":"mentorship","by":1})");
    REQUIRE(missing);
    CHECK(missing->code == codes::kMissingField.code);
    CHECK(missing->field == "counter_id");
    CHECK(missing->message == "missing required field 'counter_id'");
    auto unknown = parse(R"({"counter_id":")" + id + R"(","by":1,"bye":2})");
    REQUIRE(unknown);
    CHECK(unknown->code == codes::kUnknownField.code);
    CHECK(unknown->field == "bye");
    auto wrong = parse(R"({"counter_id":")" + id + R"(","by":"one"})");
    REQUIRE(wrong);
    CHECK(wrong->code == codes::kInvalidField.code);
    CHECK(wrong->field == "by");
    CHECK(wrong->message == "field 'by': expected an integer, got a string");
    auto twice = parse(R"({"marketplace":"mentorship","marketplace":"uhs","counter_id":")" + id +
                       R"(","by":1})");
    REQUIRE(twice);
    CHECK(twice->code == codes::kDuplicateField.code);
    CHECK(twice->field == "marketplace");
  }

  TEST_CASE("the pipeline's rejection carries the decode error's code, field and message") {
    World world;
    size_t before = world.Events();
    CommandResult r =
        world.Json("Add", R"({"marketplace":"mentorship","counter_id":"nope","by":1})");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error->code == codes::kInvalidField.code);
    CHECK(r.error->kind == ErrorKind::kMalformed);
    CHECK(r.error->field == "counter_id");
    CHECK(r.error->message.find("'nope' is not a UUID") != std::string::npos);
    CHECK(world.Events() == before);
  }
}

TEST_SUITE("references") {
  TEST_CASE("a reference lookup says which case happened") {
    References refs;
    refs.Put(StreamId("test.counter", kCounter), CounterDecider::State{4}, 2);
    refs.Put(StreamId("test.counter", kOther), CounterDecider::State{}, 0);
    // found: the state
    auto found = refs.Lookup<CounterDecider::State>(StreamId("test.counter", kCounter));
    CHECK(found.which() == ReferenceCase::kFound);
    REQUIRE(found);
    CHECK(found->total == 4);
    // absent: loaded, and the stream does not exist
    auto absent = refs.Lookup<CounterDecider::State>(StreamId("test.counter", kOther));
    CHECK(absent.which() == ReferenceCase::kAbsent);
    CHECK_FALSE(absent);
    CHECK(refs.Misuse() == std::nullopt);  // absent is an answer, not a bug
    // wrong type: the stream holds another aggregate's state
    auto wrong = refs.Lookup<Bumped>(StreamId("test.counter", kCounter));
    CHECK(wrong.which() == ReferenceCase::kWrongType);
    CHECK(wrong.get() == nullptr);
    REQUIRE(refs.Misuse());
    CHECK(refs.Misuse()->find("test.counter") != std::string::npos);
    // not loaded: nobody asked for it; the first misuse stays the one reported
    auto missing = refs.Lookup<CounterDecider::State>("test.counter-nowhere");
    CHECK(missing.which() == ReferenceCase::kNotLoaded);
    CHECK(ReferenceCaseName(missing.which()) == std::string("not_loaded"));
    CHECK(refs.Misuse()->find("read as") != std::string::npos);
    References fresh;
    CHECK(fresh.Find<CounterDecider::State>("test.counter-nowhere") == nullptr);
    REQUIRE(fresh.Misuse());
    CHECK(fresh.Misuse()->find("was not loaded") != std::string::npos);
  }

  TEST_CASE("a decider reading a stream its command does not reference fails as internal") {
    World world;
    size_t before = world.Events();
    // Given a referenced counter that does not exist, then the decider answers not found
    CommandResult absent =
        world.Typed(MakeTypedCommand("mentorship", Add{kCounter, 1, kOther, std::nullopt}));
    CHECK(Code(absent) == codes::kNotFound.code);
    // Given a decider that reads a stream its command did not reference, then it is a bug: an
    // internal error, never "does not exist", and nothing is appended
    CommandResult bug = world.Typed(MakeTypedCommand("mentorship", Add{kCounter, 1, {}, true}));
    CHECK(Code(bug) == codes::kDeciderFailed.code);
    CHECK(bug.error->kind == ErrorKind::kInternal);
    CHECK(world.Events() == before);
    // Given the referenced counter exists, then the same Add is accepted
    REQUIRE(Code(world.Typed(MakeTypedCommand("mentorship", Bump{kOther, 1}))) == "accepted");
    CHECK(Code(world.Typed(MakeTypedCommand(
              "mentorship", Add{kCounter, 1, kOther, std::nullopt}))) == "accepted");
  }
}

}  // namespace edu
