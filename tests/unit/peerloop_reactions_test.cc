// Specifications of PeerLoop's reactions: the commands that carry awards from one account to
// another (peer awards credited, summons paid) and mark a completed payout's splits paid.
#include <memory>

#include "commands/reaction.h"
#include "eventstore/event_codec.h"
#include "tests/unit/peerloop_goodwill_fixtures.h"

namespace edu {
std::vector<std::unique_ptr<Reaction>> PeerloopReactions();
}

namespace edu::peerloop {

using namespace testing;

TEST_SUITE("peerloop reactions") {
  template <class E>
  RecordedEvent Recorded(const E& e) {
    RecordedEvent r;
    r.event_id = DeriveUuid(EduledgerNamespace(), std::string("reaction-spec/") + E::kType);
    r.type = E::kType;
    r.schema_version = E::kSchemaVersion;
    r.marketplace = "peerloop";
    r.payload = json::Encode(e);
    return r;
  }

  std::vector<ReactionCommand> React(const std::string& reaction, const RecordedEvent& e) {
    for (const auto& r : PeerloopReactions()) {
      if (r->name() != reaction) continue;
      std::vector<ReactionCommand> out;
      if (!r->Handles(e)) return out;
      Status reacted = r->React(e, &out);
      REQUIRE_MESSAGE(reacted.ok(), reacted.ToString());
      return out;
    }
    FAIL("no reaction " << reaction);
    return {};
  }

  template <class C>
  C Body(const ReactionCommand& c) {
    REQUIRE(c.type == C::kType);
    REQUIRE(c.As<C>() != nullptr);
    return *c.As<C>();
  }

  TEST_CASE("a peer award given is credited to its receiver with the same figures") {
    auto out = React("peerloop.goodwill",
                     Recorded(Given(50, 50, 150, GoodwillReason::first_session_mentor)));
    REQUIRE(out.size() == 1);
    auto c = Body<CreditGoodwill>(out[0]);
    CHECK(c.award_id == kPost);
    CHECK(c.to_user_id == kStudent);
    CHECK(c.from_user_id == kTeacher);
    CHECK(c.points == 50);
    CHECK(c.reason == GoodwillReason::first_session_mentor);
    CHECK(out[0].command->marketplace() == "peerloop");
  }

  TEST_CASE("a summon under five minutes credits nothing; one of five credits the responder") {
    SummonCompleted s{kSummon, kStudent, kTeacher, kCourse, 4, 20, 0, 5, kNow, std::nullopt};
    CHECK(React("peerloop.goodwill", Recorded(s)).empty());
    s.session_duration_mins = 5;
    s.points_awarded = 20;
    auto out = React("peerloop.goodwill", Recorded(s));
    REQUIRE(out.size() == 1);
    auto c = Body<CreditGoodwill>(out[0]);
    CHECK(c.to_user_id == kTeacher);
    CHECK_FALSE(c.from_user_id.has_value());
    CHECK(c.reason == GoodwillReason::summon_help);
    CHECK(c.summon_id == kSummon);
    CHECK(c.points == 20);
  }

  TEST_CASE(
      "a referred payment credits the referrer; released lines credit teacher and creator, not the "
      "platform") {
    PaymentCompleted p;
    p.enrollment_id = kEnrollment;
    p.amount = Money{13300, "USD"};
    p.escrow_held_after = Money{13300, "USD"};
    p.referred_by = kStudent2;
    p.referral_points = 100;
    auto referral = React("peerloop.goodwill", Recorded(p));
    REQUIRE(referral.size() == 1);
    CHECK(Body<CreditGoodwill>(referral[0]).reason == GoodwillReason::referral);
    CHECK(Body<CreditGoodwill>(referral[0]).to_user_id == kStudent2);
    p.referred_by.reset();
    p.referral_points.reset();
    CHECK(React("peerloop.goodwill", Recorded(p)).empty());

    EscrowReleased r;
    r.enrollment_id = kEnrollment;
    r.transaction_id = kTransaction;
    r.amount = Money{13300, "USD"};
    r.escrow_held_after = Money{0, "USD"};
    r.lines =
        SplitPayment(kTransaction, 13300, 1, SharesFor(70, Percent(15), false), kTeacher, kCreator);
    auto credits = React("peerloop.teaching", Recorded(r));
    REQUIRE(credits.size() == 2);
    CHECK(Body<CreditEarnings>(credits[0]).recipient_id == kTeacher);
    CHECK(Body<CreditEarnings>(credits[0]).amount == Money{9310, "USD"});
    CHECK(Body<CreditEarnings>(credits[1]).recipient_id == kCreator);
    CHECK(credits[0].key != credits[1].key);
  }

  TEST_CASE("a completed payout marks its splits paid, one command per enrollment") {
    PayoutCompleted p{
        kPayout,
        kTeacher,
        Money{300, "USD"},
        {{kSession, kEnrollment, 100}, {kSession2, kSummon, 100}, {kPost, kEnrollment, 100}},
        kNow};
    auto out = React("peerloop.teaching", Recorded(p));
    REQUIRE(out.size() == 2);
    size_t total = 0;
    for (const auto& c : out) total += Body<MarkSplitsPaid>(c).split_ids.size();
    CHECK(total == 3);
    auto started =
        React("peerloop.teaching", Recorded(SessionStarted{kSession, kEnrollment, kNow}));
    REQUIRE(started.size() == 1);
    CHECK(started[0].type == "StartEnrollment");
  }
}

}  // namespace edu::peerloop
