// Every booking through the mentor's calendar (calendar_booking_service.h).
#include "commands/calendar_booking_service.h"

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <utility>

#include "commands/registry.h"
#include "domain/mentorship/calendar.h"
#include "domain/mentorship/commands.h"
#include "eventstore/json_binding.h"

namespace edu {
namespace {

using mentorship::BookSession;
using mentorship::ConfirmSessionTime;
using mentorship::HoldSessionTime;
using mentorship::ReleaseSessionTime;
using mentorship::SessionTimeReleaseReason;
using mentorship::SetMentorAvailability;

constexpr const char* kMarketplace = "mentorship";

// The JSON body of a request as a document, when it is a JSON object at all.
std::shared_ptr<const rapidjson::Document> BodyOf(const CommandRequest& request) {
  if (request.document) return request.document;
  auto doc = std::make_shared<rapidjson::Document>();
  if (!json::ParseDocument(request.body, doc.get()).ok() || !doc->IsObject()) return nullptr;
  return doc;
}

bool IsMentorshipBody(const rapidjson::Value& doc) {
  if (!doc.IsObject()) return false;
  auto it = doc.FindMember("marketplace");
  return it != doc.MemberEnd() && it->value.IsString() &&
         std::string(it->value.GetString()) == kMarketplace;
}

// The request's command as a C of the mentorship marketplace; nullopt when it is not one (the
// inner service then answers it as it would, e.g. with the decoding error).
template <class C>
std::optional<C> CommandOf(const CommandRequest& request) {
  if (request.command) {
    const C* typed =
        request.command->marketplace() == kMarketplace ? request.command->As<C>() : nullptr;
    if (!typed) return std::nullopt;
    return *typed;
  }
  auto doc = BodyOf(request);
  if (!doc || !IsMentorshipBody(*doc)) return std::nullopt;
  C command;
  json::DecodeOptions options;
  options.envelope_members = CommandEnvelopeMembers();
  if (!json::DecodeValue(*doc, &command, options).ok()) return std::nullopt;
  return command;
}

// A calendar command issued for `request`, as its actor, at its "now", under a derived id.
template <class C>
CommandRequest Derived(const CommandRequest& request, const char* step, C command) {
  CommandRequest out;
  out.command_id = DeriveUuid(request.command_id, std::string("calendar/") + step);
  out.type = C::kType;
  out.command = MakeTypedCommand(kMarketplace, std::move(command));
  out.actor = request.actor;
  out.correlation_id = IsNil(request.correlation_id) ? request.command_id : request.correlation_id;
  out.now = request.now;
  out.metadata = request.metadata;
  return out;
}

}  // namespace

CalendarBookingService::CalendarBookingService(CommandService* inner, std::string zoneinfo_dir)
    : inner_(inner), zoneinfo_dir_(std::move(zoneinfo_dir)) {
  if (zoneinfo_dir_.empty()) {
    const char* env = std::getenv("TZDIR");
    zoneinfo_dir_ = env && *env ? env : "/usr/share/zoneinfo";
  }
}

CommandResult CalendarBookingService::Handle(const CommandRequest& request) {
  if (request.type == BookSession::kType) return Book(request);
  if (request.type == SetMentorAvailability::kType) return SetAvailability(request);
  return inner_->Handle(request);
}

CommandResult CalendarBookingService::Book(const CommandRequest& request) {
  std::optional<BookSession> booking = CommandOf<BookSession>(request);
  if (!booking) return inner_->Handle(request);
  HoldSessionTime hold{booking->mentor_id, booking->session_id, booking->student_id,
                       booking->scheduled_at, booking->duration_minutes};
  CommandResult held = inner_->Handle(Derived(request, "hold", hold));
  if (!held.ok()) {
    // The booking is refused as its hold was: nothing was appended for it.
    CommandResult refused;
    refused.command_id = request.command_id;
    refused.error = held.error;
    refused.marketplace = kMarketplace;
    refused.stream_id = mentorship::SessionStream(booking->session_id);
    refused.replayed = held.replayed;
    return refused;
  }
  CommandResult booked = inner_->Handle(request);
  if (booked.ok()) {
    // Also confirmed by the calendar reaction after SessionBooked, should this step be lost.
    inner_->Handle(
        Derived(request, "confirm", ConfirmSessionTime{booking->mentor_id, booking->session_id}));
  } else if (!booked.error || booked.error->code != codes::kSessionAlreadyExists.code) {
    // (An existing session keeps its time: this was a second booking of it, and the time is the
    // first one's, confirmed or about to be.)
    inner_->Handle(Derived(request, "release",
                           ReleaseSessionTime{booking->mentor_id, booking->session_id,
                                              SessionTimeReleaseReason::booking_refused}));
  }
  return booked;
}

CommandResult CalendarBookingService::SetAvailability(const CommandRequest& request) {
  std::optional<SetMentorAvailability> command = CommandOf<SetMentorAvailability>(request);
  if (!command) return inner_->Handle(request);
  std::string rule;
  const bool known = ZoneRuleFromTzdb(command->time_zone, zoneinfo_dir_, &rule).ok();
  CommandRequest filled = request;
  if (request.command) {
    command->zone_rule = known ? std::optional<std::string>(rule) : std::nullopt;
    filled.command = MakeTypedCommand(kMarketplace, *command);
    return inner_->Handle(filled);
  }
  // A JSON body stays JSON (the inner service checks its limits and keeps its envelope).
  auto doc = std::make_shared<rapidjson::Document>();
  doc->CopyFrom(*BodyOf(request), doc->GetAllocator());
  doc->RemoveMember("zone_rule");
  if (known) {
    doc->AddMember("zone_rule", rapidjson::Value(rule.c_str(), doc->GetAllocator()),
                   doc->GetAllocator());
  }
  filled.document = doc;
  filled.body.clear();
  return inner_->Handle(filled);
}

Status ZoneRuleFromTzdb(const std::string& zone, const std::string& zoneinfo_dir,
                        std::string* rule) {
  bool plain =
      !zone.empty() && zone.size() <= 64 && zone[0] != '/' && zone.find("..") == std::string::npos;
  for (char c : zone) {
    plain = plain && (std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '_' ||
                      c == '-' || c == '+');
  }
  if (!plain) return Status::NotFound("'" + zone + "' is not a time zone name");
  std::ifstream in(zoneinfo_dir + "/" + zone, std::ios::binary);
  if (!in) return Status::NotFound("no time zone '" + zone + "' in " + zoneinfo_dir);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (bytes.compare(0, 4, "TZif") != 0 || bytes.size() < 6 || bytes[4] < '2' ||
      bytes.back() != '\n') {
    return Status::Corruption("'" + zone + "' is not a TZif file with a POSIX TZ footer");
  }
  const size_t open = bytes.rfind('\n', bytes.size() - 2);
  if (open == std::string::npos) return Status::Corruption("'" + zone + "' has no footer");
  *rule = bytes.substr(open + 1, bytes.size() - open - 2);
  if (rule->empty()) return Status::Corruption("'" + zone + "' has an empty footer");
  return Status::OK();
}

}  // namespace edu
