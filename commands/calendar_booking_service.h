// A CommandService in front of the real one (the in-process pipeline or the Kafka command
// client) that makes every booking go through the mentor's calendar (domain/mentorship/
// calendar.h), so that clients, the demo, the bench and the tests keep sending just BookSession:
//
//   BookSession      first HoldSessionTime in the mentor's calendar (command id derived from the
//                    booking's, UUIDv5); a refused hold answers the booking with the hold's
//                    refusal. Then the booking itself; once accepted ConfirmSessionTime, once
//                    refused ReleaseSessionTime (derived ids too). Every step is a command with
//                    a derived id, so a retried booking is idempotent on both backends.
//   SetMentorAvailability
//                    its zone_rule is filled from the tz database (the POSIX TZ rule of
//                    time_zone, ZoneRuleFromTzdb) and replaces whatever the client sent; removed
//                    when the zone is unknown, which the decider refuses as invalid_time_zone.
//   anything else    handed on unchanged.
//
// The System installs it over its command service (adapters/wiring/system.cc). Thread-safe when
// the inner service is. Never throws.
#pragma once

#include <string>

#include "commands/command_service.h"
#include "eventstore/status.h"

namespace edu {

class CalendarBookingService : public CommandService {
 public:
  // `zoneinfo_dir`: the tz database's directory; empty: $TZDIR, else /usr/share/zoneinfo.
  explicit CalendarBookingService(CommandService* inner, std::string zoneinfo_dir = "");
  CommandResult Handle(const CommandRequest& request) override;

 private:
  CommandResult Book(const CommandRequest& request);
  CommandResult SetAvailability(const CommandRequest& request);

  CommandService* inner_;
  std::string zoneinfo_dir_;
};

// The POSIX TZ rule of an IANA zone name: the footer line of its TZif (version 2 or later) file
// under `zoneinfo_dir`. NotFound when the name is not a zone there (names with "..", a leading
// "/" or other characters than letters, digits, "/", "_", "-", "+" are refused without looking);
// Corruption when the file is not TZif or has no footer.
Status ZoneRuleFromTzdb(const std::string& zone, const std::string& zoneinfo_dir,
                        std::string* rule);

}  // namespace edu
