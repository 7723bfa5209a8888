#include "tests/support/command_world.h"

#include <algorithm>

#include <doctest/doctest.h>

namespace edu::testing {

CommandWorld::CommandWorld(std::string marketplace, Timestamp start,
                           std::vector<std::unique_ptr<Reaction>> reactions, int partitions)
    : marketplace_(std::move(marketplace)),
      clock_(start),
      log_(partitions, &clock_),
      pipeline_(&log_, &registry_, &policies_),
      reactions_(std::move(reactions)),
      offsets_(static_cast<size_t>(partitions), 0) {
  RegisterAllMarketplaces(&registry_);
}

CommandRequest CommandWorld::NextRequest(const std::string& type, const Actor& actor) {
  CommandRequest r;
  r.command_id =
      DeriveUuid(EduledgerNamespace(), marketplace_ + "-world-" + std::to_string(++commands_));
  r.type = type;
  r.actor = actor;
  r.now = clock_.Now();
  // What the HTTP API attaches (no X-Correlation-Id: the command id is the correlation id).
  r.metadata = {{"ip", "203.0.113.7"}, {"user_agent", "command-world/1.0"}};
  return r;
}

CommandResult CommandWorld::SendBody(const std::string& type, const std::string& body,
                                     const Actor& actor) {
  CommandRequest r = NextRequest(type, actor);
  r.body = body;
  return Submit(r);
}

CommandResult CommandWorld::Submit(const CommandRequest& r) {
  size_t before = EventCount();
  CommandResult result = pipeline_.Handle(r);
  if (result.ok()) {
    ++accepted_[r.type];
  } else {
    ++rejected_[result.error->code];
    if (EventCount() != before) Violation(r.type + " was refused but appended events");
    if (result.error->kind == ErrorKind::kInternal)
      Violation(r.type + ": internal error: " + result.error->message);
  }
  Drain();
  return result;
}

void CommandWorld::Drain() {
  for (bool progressed = true; progressed;) {
    progressed = false;
    for (int p = 0; p < log_.partition_count(); ++p) {
      std::vector<RecordedEvent> page;
      REQUIRE(log_.ReadPartition(p, offsets_[static_cast<size_t>(p)], 100000, &page).ok());
      for (const RecordedEvent& e : page) {
        offsets_[static_cast<size_t>(p)] = e.offset + 1;
        progressed = true;
        if (on_event) on_event(e);
        for (const auto& reaction : reactions_) {
          if (!reaction->Handles(e)) continue;
          std::vector<ReactionCommand> out;
          Status reacted = reaction->React(e, &out);
          REQUIRE_MESSAGE(reacted.ok(), reaction->name() << ": " << reacted.ToString());
          const std::vector<std::string> expected = reaction->expected_rejections();
          for (const ReactionCommand& c : out) {
            CommandResult result = pipeline_.Handle(ReactionRequest(*reaction, e, c));
            ++reaction_commands_;
            if (result.ok()) continue;
            ++rejected_["reaction:" + result.error->code];
            if (std::find(expected.begin(), expected.end(), result.error->code) == expected.end()) {
              Violation(reaction->name() + ": " + c.type + " was refused: " + result.error->code +
                        ": " + result.error->message);
            }
          }
        }
      }
    }
  }
}

size_t CommandWorld::EventCount() {
  std::vector<int64_t> ends;
  REQUIRE(log_.EndOffsets(&ends).ok());
  size_t n = 0;
  for (int64_t end : ends) n += static_cast<size_t>(end);
  return n;
}

void CommandWorld::Violation(const std::string& what) {
  if (on_violation) {
    on_violation(what);
  } else {
    FAIL_CHECK(what);
  }
}

}  // namespace edu::testing
