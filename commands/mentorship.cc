// Mentorship commands and who may issue them (finer ownership checks live in the deciders).
#include "commands/registry.h"
#include "domain/mentorship/mentor.h"
#include "domain/mentorship/session.h"
#include "domain/mentorship/user.h"

namespace edu {

void RegisterMentorship(Registry* r) {
  using namespace mentorship;
  r->AddCommand<UserDecider, RegisterUser>({"student", "mentor", "admin"},
                                           "Register a user account (students register themselves)");
  r->AddCommand<MentorDecider, ApplyAsMentor>({"mentor", "student", "admin"},
                                              "Apply to mentor; verification starts as pending");
  r->AddCommand<MentorDecider, ApproveMentor>({"admin"}, "Approve a mentor after verification");
  r->AddCommand<SessionDecider, BookSession>(
      {"student", "admin", "support"},
      "Book a 30/60/90-minute session with an approved mentor, in the future");
  r->AddCommand<SessionDecider, CapturePayment>(
      {"gateway", "system", "admin"},
      "Report a payment the gateway captured; the platform holds it in escrow");
  r->AddCommand<SessionDecider, CompleteSession>(
      {"mentor", "admin", "support", "system"},
      "Complete a session: releases escrow and splits the payment 70/30");
}

}  // namespace edu
