#include "adapters/demo/mentorship_scenario.h"

namespace edu::mentorship::demo_scenario {

Fate MentorshipScenario::PickFate() {
  struct Weighted {
    Fate fate;
    int weight;
  };
  static const Weighted kFates[] = {{Fate::kComplete, 55},
                                    {Fate::kCancelFull, 6},
                                    {Fate::kCancelPartial, 6},
                                    {Fate::kCancelLate, 4},
                                    {Fate::kCancelByMentor, 4},
                                    {Fate::kRescheduleFree, 5},
                                    {Fate::kRescheduleEmergency, 3},
                                    {Fate::kStudentNoShow, 4},
                                    {Fate::kMentorNoShow, 3},
                                    {Fate::kQualityPartial, 3},
                                    {Fate::kQualityNone, 2},
                                    {Fate::kUnpaid, 2},
                                    {Fate::kOpen, 3}};
  int roll = static_cast<int>(rng_() % 100);
  for (const auto& f : kFates) {
    if (roll < f.weight) return f.fate;
    roll -= f.weight;
  }
  return Fate::kComplete;
}

void MentorshipScenario::Book() {
  const Person& student = Pick(rng_, students_);
  std::vector<const DemoMentor*> fits;
  for (const auto& m : mentors_) {
    if (!m.approved || !m.Serves(student.level)) continue;
    for (const auto& l : student.languages) {
      if (m.Speaks(l)) {
        fits.push_back(&m);
        break;
      }
    }
  }
  const bool try_unapproved = rng_() % 100 < 4;
  const DemoMentor* mentor = nullptr;
  if (try_unapproved) {
    mentor = &mentors_.back();  // still under review
  } else if (!fits.empty()) {
    mentor = Pick(rng_, fits);
  } else {
    return;  // nobody suits this student today
  }
  std::string language = student.primary_language;
  if (!mentor->Speaks(language)) language = "English";
  BookSession b;
  b.session_id = d_.NewId();
  b.student_id = student.id;
  b.mentor_id = mentor->mentor_id;
  Timestamp now = d_.clock().Now();
  Timestamp day = StartOfDay(DateOf(now + Days(2 + static_cast<int64_t>(rng_() % 7))));
  b.scheduled_at = day + Hours(9 + static_cast<int64_t>(rng_() % 10)) - Minutes(330);  // IST
  static const int32_t kDurations[] = {30, 60, 60, 90};
  b.duration_minutes = kDurations[rng_() % 4];
  b.session_type = static_cast<SessionType>(rng_() % 3);
  b.session_language = language;
  b.user_questions = {"Which stream suits me?", "How should I prepare this term?"};
  Actor student_actor{ToString(student.id), "student"};
  DemoOutcome booked = Send(b, student_actor);
  if (try_unapproved) {
    ExpectRefusal(booked, "mentor_not_approved", "booking a mentor under review");
    ++t_.refused_unapproved_mentor;
    return;
  }
  if (booked.code == "mentor_time_taken" || booked.code == "student_time_taken") {
    ++t_.calendar_refusals;  // the mentor or the student already has a session then
    return;
  }
  Expect(booked, "a booking");
  ++t_.sessions_booked;
  auto s = std::make_shared<DemoSession>();
  s->id = b.session_id;
  s->payment_id = d_.NewId();
  s->mentor = mentor;
  s->student = student_actor;
  s->start = b.scheduled_at;
  s->minutes = b.duration_minutes;
  s->amount = SessionPrice(mentor->rate_minor, b.duration_minutes);
  s->fate = PickFate();
  Pay(s);
}

CapturePayment MentorshipScenario::Payment(const DemoSession& s, const Uuid& payment_id) {
  CapturePayment pay;
  pay.session_id = s.id;
  pay.payment_id = payment_id;
  pay.amount = Money{s.amount, policy_.currency};
  pay.payment_method = static_cast<PaymentMethod>(rng_() % 4);
  pay.gateway = PaymentGateway::razorpay;
  pay.gateway_payment_id = "pay_" + ToString(payment_id).substr(0, 14);
  pay.gateway_response = fmt::format(R"({{"id":"{}","status":"captured","method":"{}"}})",
                                     pay.gateway_payment_id, EnumName(pay.payment_method));
  return pay;
}

void MentorshipScenario::Pay(std::shared_ptr<DemoSession> s) {
  const Timestamp now = d_.clock().Now();
  const bool fails_first = s->fate == Fate::kUnpaid || rng_() % 100 < 6;
  if (fails_first) {
    timeline_.At(now + Minutes(1), [this, s] {
      CapturePayment attempt = Payment(*s, d_.NewId());
      RecordPaymentFailed failed{
          s->id,
          attempt.payment_id,
          attempt.amount,
          attempt.payment_method,
          attempt.gateway,
          attempt.gateway_payment_id,
          "card declined by the issuer",
          std::string(R"({"status":"failed","error_code":"BAD_REQUEST_ERROR"})")};
      Expect(Send(failed, Gateway()), "a failed payment report");
      ++t_.payment_failures;
    });
  }
  if (s->fate == Fate::kUnpaid) {
    timeline_.At(now + Hours(1), [this, s] {
      Expect(Send(CancelSession{s->id, "could not pay", {}}, s->student),
             "cancelling an unpaid booking");
      ++t_.sessions_by_status["cancelled"];
    });
    return;
  }
  timeline_.At(now + Minutes(3), [this, s] {
    Expect(Send(Payment(*s, s->payment_id), Gateway()), "a payment capture");
    t_.captured_minor += s->amount;
    Plan(s);
  });
}

// Money leaving escrow towards the mentor and the platform, in the demo's own accounting.
void MentorshipScenario::Released(int64_t amount) {
  t_.released_minor += amount;
  int64_t fee = ShareOf(amount, policy_.platform_fee_bps);
  t_.platform_fee_minor += fee;
  t_.mentor_earnings_minor += amount - fee;
}

// A refund was approved: the gateway pays it back an hour later (one in eight fails first and
// support retries it the next day); some reports are delivered twice.
void MentorshipScenario::Refunded(const DemoSession& s, int64_t amount) {
  t_.refunded_minor += amount;
  const Uuid refund_id = RefundIdFor(s.payment_id, 1);
  const Uuid session_id = s.id;
  const Money money{amount, policy_.currency};
  const bool fails = rng_() % 8 == 0;
  const Timestamp now = d_.clock().Now();
  auto issue = [this, session_id, refund_id, money](const std::string& gateway_id) {
    RecordRefundIssued issued{
        session_id, refund_id,
        money,      PaymentGateway::razorpay,
        gateway_id, fmt::format(R"({{"id":"{}","status":"processed"}})", gateway_id)};
    Expect(Send(issued, Gateway()), "a refund report");
    ++t_.refunds_issued;
    if (rng_() % 5 == 0) {
      DemoOutcome again = Send(issued, Gateway());  // the webhook, delivered twice
      Expect(again, "a duplicate refund report");
      if (!again.result.events.empty())
        throw std::runtime_error("demo: a duplicate webhook appended events");
      ++t_.duplicate_webhooks;
    }
  };
  if (!fails) {
    timeline_.At(now + Hours(1),
                 [issue, refund_id] { issue("rfnd_" + ToString(refund_id).substr(0, 12)); });
    return;
  }
  timeline_.At(now + Hours(1), [this, session_id, refund_id] {
    Expect(Send(RecordRefundFailed{session_id, refund_id, PaymentGateway::razorpay,
                                   "rfnd_" + ToString(refund_id).substr(0, 12),
                                   "beneficiary bank unavailable",
                                   std::string(R"({"status":"failed"})")},
                Gateway()),
           "a failed refund report");
    ++t_.refunds_failed;
  });
  timeline_.At(now + Days(1), [this, session_id, refund_id] {
    Expect(Send(RetryRefund{session_id, refund_id}, support_), "retrying a refund");
  });
  timeline_.At(now + Days(1) + Hours(1),
               [issue, refund_id] { issue("rfnd_" + ToString(refund_id).substr(13, 12)); });
}

// The session takes place at `start`: started, completed (escrow released, or held for the
// policy's dispute window and released by the scheduler), rated.
void MentorshipScenario::Hold(std::shared_ptr<DemoSession> s, Timestamp start) {
  timeline_.At(start, [this, s] {
    Expect(Send(StartSession{s->id, "zoom-" + ToString(s->id).substr(0, 8)}, s->mentor->actor()),
           "starting a session");
  });
  timeline_.At(start + Minutes(s->minutes), [this, s] {
    CompleteSession c{s->id,
                      std::string("Discussed goals; next: practice set"),
                      {"Solve 20 practice problems", "Shortlist three colleges"},
                      std::string("https://recordings.example/" + ToString(s->id))};
    Expect(Send(c, s->mentor->actor()), "completing a session");
    ++t_.sessions_by_status["completed"];
    ReleaseAfterEnd(*s);
    RateLater(s);
  });
}

// A completed session (or a student no-show) releases its escrow: at once, or after the policy's
// dispute window when the scheduler releases it (if the demo lasts that long).
void MentorshipScenario::ReleaseAfterEnd(const DemoSession& s) {
  if (policy_.escrow_hold_after_completion <= 0) {
    Released(s.amount);
    return;
  }
  const Uuid id = s.id;
  const int64_t amount = s.amount;
  // eduledger's scheduler releases it when the window ends; the demo only checks that it did.
  timeline_.At(d_.clock().Now() + policy_.escrow_hold_after_completion, [this, id, amount] {
    d_.RunScheduler();
    const FiredDeadline* release = d_.FiredFor("mentorship.escrow_release", SessionStream(id));
    if (!release || release->outcome != "accepted") {
      throw std::runtime_error("demo: the scheduler did not release the held payment of session " +
                               ToString(id) + (release ? ": " + release->outcome : ""));
    }
    Released(amount);
  });
}

void MentorshipScenario::RateLater(std::shared_ptr<DemoSession> s) {
  timeline_.At(d_.clock().Now() + Hours(2), [this, s] {
    static const double kRatings[] = {5, 5, 4.5, 4.5, 4, 4, 3.8, 3, 2.5};
    double rating = kRatings[rng_() % 9];
    Expect(
        Send(RateSession{s->id, rating, std::string(rating < 3.5 ? "felt rushed" : "very helpful")},
             s->student),
        "a student's rating");
    if (static_cast<int32_t>(rating * 100 + 0.5) < policy_.quality_review_below)
      ++t_.quality_reviews;
    if (rng_() % 2)
      Expect(Send(RateSession{s->id, 4.5, {}}, s->mentor->actor()), "a mentor's rating");
  });
}

void MentorshipScenario::Plan(std::shared_ptr<DemoSession> s) {
  switch (s->fate) {
    case Fate::kComplete:
      Hold(s, s->start);
      break;
    case Fate::kCancelFull:
      Cancel(s, Hours(30), SessionParty::student, "exam rescheduled by the board");
      break;
    case Fate::kCancelPartial:
      Cancel(s, Hours(5), SessionParty::student, "feeling unwell");
      break;
    case Fate::kCancelLate:
      Cancel(s, Hours(1), SessionParty::student, "forgot a family function");
      break;
    case Fate::kCancelByMentor:
      Cancel(s, Hours(3), SessionParty::mentor, "called into an incident");
      break;
    case Fate::kRescheduleFree:
      timeline_.At(s->start - Hours(26), [this, s] {
        Expect(Send(
                   RescheduleSession{
                       s->id, s->start + Days(1), "clashes with a class test", {}, {}, {}},
                   s->student),
               "a free reschedule");
        Hold(s, s->start + Days(1));
      });
      break;
    case Fate::kRescheduleEmergency:
      timeline_.At(s->start - Hours(6), [this, s] {
        RescheduleSession r{s->id, s->start + Days(2), "hospitalised", {}, {}, {}};
        ExpectRefusal(Send(r, s->student), "late_reschedule_requires_emergency",
                      "a late reschedule");
        ++t_.late_reschedules_refused;
        r.emergency = true;
        r.proof_url = "s3://eduledger-proofs/" + ToString(s->id) + "/discharge-summary.pdf";
        Expect(Send(r, s->student), "an emergency reschedule");
        Hold(s, s->start + Days(2));
      });
      break;
    case Fate::kStudentNoShow:
      timeline_.At(s->start + Minutes(20), [this, s] {
        Expect(Send(ReportNoShow{s->id, SessionParty::student, std::string("waited 20 minutes")},
                    s->mentor->actor()),
               "a student no-show");
        ++t_.sessions_by_status["no_show"];
        ReleaseAfterEnd(*s);
      });
      break;
    case Fate::kMentorNoShow:
      timeline_.At(s->start + Minutes(20), [this, s] {
        Expect(
            Send(ReportNoShow{s->id, SessionParty::mentor, std::string("the mentor never joined")},
                 s->student),
            "a mentor no-show");
        ++t_.conflicts;
      });
      Resolve(s, s->start + Days(1), ResolutionType::full_refund, s->amount);
      break;
    case Fate::kQualityPartial:
    case Fate::kQualityNone: {
      timeline_.At(s->start, [this, s] {
        Expect(Send(StartSession{s->id, {}}, s->mentor->actor()), "starting a session");
      });
      timeline_.At(s->start + Minutes(s->minutes / 2), [this, s] {
        Expect(
            Send(RaiseDispute{s->id, std::string("the mentor was unprepared and cut it short"), {}},
                 s->student),
            "a quality dispute");
        ++t_.conflicts;
      });
      const bool partial = s->fate == Fate::kQualityPartial;
      const int64_t compensation =
          partial ? ShareOf(s->amount,
                            std::min<BasisPoints>(4000, policy_.quality_dispute_max_refund_bps))
                  : 0;
      Resolve(s, s->start + Days(1),
              partial ? ResolutionType::partial_refund : ResolutionType::no_refund, compensation);
      break;
    }
    case Fate::kUnpaid:
      break;
    case Fate::kOpen:
      ++t_.sessions_by_status["confirmed"];
      break;
  }
}

void MentorshipScenario::Cancel(std::shared_ptr<DemoSession> s, Micros notice, SessionParty by,
                                const std::string& reason) {
  timeline_.At(s->start - notice, [this, s, by, reason] {
    Actor actor = by == SessionParty::student ? s->student : s->mentor->actor();
    Expect(Send(CancelSession{s->id, reason, {}}, actor), "a cancellation");
    const CancellationTerms terms = CancellationRefund(by, s->start - d_.clock().Now(), policy_);
    const int64_t refund = ShareOf(s->amount, terms.refund_bps);
    if (refund > 0) Refunded(*s, refund);
    if (s->amount - refund > 0) Released(s->amount - refund);
    ++t_.sessions_by_status["cancelled"];
  });
}

void MentorshipScenario::Resolve(std::shared_ptr<DemoSession> s, Timestamp at, ResolutionType type,
                                 int64_t compensation) {
  timeline_.At(at, [this, s, type, compensation] {
    std::optional<Money> amount;
    if (type == ResolutionType::partial_refund) amount = Money{compensation, policy_.currency};
    Expect(
        Send(ResolveDispute{s->id, type, amount, std::string("reviewed the recording")}, support_),
        "resolving a dispute");
    if (compensation > 0) {
      t_.compensation_minor += compensation;
      Refunded(*s, compensation);
    }
    if (s->amount - compensation > 0) Released(s->amount - compensation);
    ++t_.sessions_by_status["resolved"];
  });
}

}  // namespace edu::mentorship::demo_scenario
