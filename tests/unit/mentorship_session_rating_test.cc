// Specifications of a session's ratings: the student's satisfaction (under 3.5 opens a quality
// review), the mentor's, once each, by the session's people, after it took place.
#include "tests/unit/mentorship_session_fixtures.h"

namespace edu::mentorship {

using namespace fixtures;

TEST_SUITE("mentorship ratings") {
  Spec<SessionDecider> Done(Actor actor) {
    auto spec = Paid(kStart + Hours(2), std::move(actor));
    spec.given(
        {Completed(kStart + Hours(1)), Released(120000, EscrowStatus::released), Split(120000)});
    return spec;
  }

  TEST_CASE("the student's satisfaction rating; under 3.5 it opens a quality review") {
    Done(Student())
        .when(RateSession{kSession, 4.5, std::string("very clear")})
        .then({SessionRated{kSession, kStudent, kMentor, SessionParty::student, 450,
                            std::string("very clear")}});
    Done(Student())
        .when(RateSession{kSession, 3.5, {}})
        .then({SessionRated{kSession, kStudent, kMentor, SessionParty::student, 350, {}}});
    Done(Student())
        .when(RateSession{kSession, 3.49, std::string("rushed")})
        .then({SessionRated{kSession, kStudent, kMentor, SessionParty::student, 349,
                            std::string("rushed")},
               QualityReviewOpened{DeriveUuid(kSession, "quality-review"), kSession, kMentor,
                                   kStudent, "low_rating", 349, 350, std::string("rushed"),
                                   kPolicy}});
  }

  TEST_CASE("the mentor's rating of the session never opens a review") {
    Done(MentorActor())
        .when(RateSession{kSession, 2, {}})
        .then({SessionRated{kSession, kStudent, kMentor, SessionParty::mentor, 200, {}}});
  }

  TEST_CASE("once each, 1 to 5 with two decimals, by the session's people, after it took place") {
    Done(Student())
        .given({SessionRated{kSession, kStudent, kMentor, SessionParty::student, 450, {}}})
        .when(RateSession{kSession, 4, {}})
        .then_error("already_rated", ErrorKind::kConflict);
    Done(Student()).when(RateSession{kSession, 5.01, {}}).then_error("invalid_rating");
    Done(Student()).when(RateSession{kSession, 0.99, {}}).then_error("invalid_rating");
    Done(Student()).when(RateSession{kSession, 3.333, {}}).then_error("invalid_rating");
    Done(Support())
        .when(RateSession{kSession, 4, {}})
        .then_error("not_session_party", ErrorKind::kForbidden);
    Paid(kStart - Hours(1), Student())
        .when(RateSession{kSession, 4, {}})
        .then_error("session_not_completed");
    // A mentor no-show is disputed, but the session never took place: nothing to rate.
    Paid(kStart + Minutes(20), Student())
        .given({SessionDisputed{kSession, ConflictId(), kPayment, kStudent, kMentor,
                                ConflictType::mentor_no_show, SessionParty::student, kStudentId,
                                std::string("mentor never joined"), INR(120000)}})
        .when(RateSession{kSession, 1, {}})
        .then_error("session_not_completed", ErrorKind::kConflict);
  }
}

}  // namespace edu::mentorship
