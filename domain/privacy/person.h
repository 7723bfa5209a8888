// Erasure (GDPR "right to be forgotten") without rewriting history: an admin forgets a person,
// which records PersonForgotten on the person's privacy stream ("<marketplace>.person-<id>"). The
// event log then destroys the person's personal-data key (eventstore/personal_data_log.h): every
// personal field about them reads back as erased, while the events and their hash chain stay as
// they were. See docs/gdpr.md.
//
// One decider shape serves every marketplace where people exist; a marketplace supplies its
// traits:
//   struct MentorshipPeople {
//     static constexpr Marketplace kMarketplace = Marketplace::mentorship;
//     static constexpr const char* kCategory = "mentorship.person";     // the privacy stream
//     static constexpr const char* kPersonCategory = "mentorship.user";  // where the person lives
//   };
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "domain/core/decider.h"
#include "domain/core/describe.h"

namespace edu::privacy {

// A person was forgotten: their personal-data key is destroyed once this is recorded.
struct PersonForgotten {
  static constexpr const char* kType = "PersonForgotten";
  static constexpr int kSchemaVersion = 1;
  Uuid person_id;
  std::string reason;        // the request's reference, e.g. "GDPR art. 17 request #2026-114"
  std::string requested_by;  // the admin who forgot them (actor id)
  Uuid DataSubject() const { return person_id; }
  EDU_FIELDS(person_id, reason, requested_by)
};

struct ForgetPersonFields {
  static constexpr const char* kType = "ForgetPerson";
  Uuid person_id;
  std::string reason;
  EDU_FIELDS(person_id, reason)
};

template <class People>
struct ForgetPerson : ForgetPersonFields {
  std::string stream_id() const { return StreamId(People::kCategory, person_id); }
  // The person's own stream: they must exist to be forgotten.
  std::vector<std::string> references() const {
    return {StreamId(People::kPersonCategory, person_id)};
  }
};

struct PersonPrivacyState {
  bool forgotten = false;
};

template <class People>
struct PersonDecider {
  static constexpr const char* kCategory = People::kCategory;
  static constexpr Marketplace kMarketplace = People::kMarketplace;
  using State = PersonPrivacyState;
  using Command = std::variant<ForgetPerson<People>>;
  using Event = std::variant<PersonForgotten>;

  static State initial_state() { return {}; }

  static Decision<Event> decide(const Command& command, const State& state,
                                const DecisionContext& ctx) {
    return std::visit(
        Overloaded{[&](const ForgetPerson<People>& c) -> Decision<Event> {
          std::string person = StreamId(People::kPersonCategory, c.person_id);
          if (c.reason.empty()) {
            return Reject(codes::kReasonRequired,
                          "forgetting a person needs a reason (the erasure request's reference)");
          }
          if (ctx.refs == nullptr || ctx.refs->VersionOf(person) == 0) {
            return Reject(codes::kPersonNotFound, "there is no person {} ({} does not exist)",
                          ToString(c.person_id), person);
          }
          if (state.forgotten) {
            return Reject(codes::kPersonAlreadyForgotten, "person {} was already forgotten",
                          ToString(c.person_id));
          }
          return PersonForgotten{c.person_id, c.reason, ctx.actor.id};
        }},
        command);
  }

  static State evolve(State state, const Event& event) {
    std::visit(Overloaded{[&](const PersonForgotten&) { state.forgotten = true; }}, event);
    return state;
  }
};

}  // namespace edu::privacy
