// PeerLoop users: registration, student-teacher certification per course (approved by the course's
// creator), weekly availability slots.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <variant>

#include "domain/core/decider.h"
#include "domain/peerloop/commands.h"
#include "domain/peerloop/events.h"

namespace edu::peerloop {

struct SlotState {
  int32_t day_of_week = 0;
  std::string start_time;
  std::string end_time;
};

struct UserState {
  bool exists = false;
  Uuid user_id;
  UserRole role = UserRole::student;
  bool is_creator = false;
  bool is_student_teacher = false;
  std::map<Uuid, Date> certifications;  // course -> certified date
  std::map<Uuid, SlotState> slots;

  bool CertifiedFor(const Uuid& course) const { return certifications.count(course) > 0; }
  bool Teaches() const { return is_creator || is_student_teacher; }
};

struct UserDecider {
  static constexpr const char* kCategory = kUserCategory;
  static constexpr Marketplace kMarketplace = Marketplace::peerloop;
  using State = UserState;
  using Command = std::variant<RegisterUser, CertifyStudentTeacher, AddAvailabilitySlot,
                               RemoveAvailabilitySlot>;
  using Event = std::variant<UserRegistered, StudentTeacherCertified, AvailabilitySlotAdded,
                             AvailabilitySlotRemoved>;
  static State initial_state() { return {}; }
  static Decision<Event> decide(const Command& command, const State& state,
                                const DecisionContext& ctx);
  static State evolve(State state, const Event& event);
};

// "HH:MM" or "HH:MM:SS" -> "HH:MM:SS"; nullopt when not a time of day.
std::optional<std::string> NormalizeTimeOfDay(const std::string& text);

}  // namespace edu::peerloop
