// The PeerLoop World plus the learning streams (course pages, module progress, certificates),
// which the World does not fold: a specification on any stream sees both as references.
//
//   World w;
//   Learning l(w);
//   l.Completed();                                       // kStudent's enrollment completed
//   l.Run<CoursePageDecider>(AddCourseModule{...}, Creator());
//   l.Given<ModuleProgressDecider>(ModuleProgressStream(kEnrollment)).as(Student()).when(...)
#pragma once

#include <map>
#include <string>
#include <vector>

#include "domain/peerloop/certificate.h"
#include "domain/peerloop/course_pages.h"
#include "domain/peerloop/progress.h"
#include "tests/unit/peerloop_test_fixtures.h"

namespace edu::peerloop::testing {

class Learning {
 public:
  explicit Learning(World& w) : w_(w) {}

  // Setup, then kStudent enrolled with kTeacher, paid, started and completed.
  void Completed() {
    w_.Paid();
    w_.Run<EnrollmentDecider>(StartEnrollment{kEnrollment}, System());
    w_.Run<EnrollmentDecider>(CompleteEnrollment{kEnrollment}, Teacher());
  }

  template <class D>
  Spec<D> Given(const std::string& stream, Timestamp now = kNow) {
    Spec<D> spec = w_.Given<D>(stream, now);
    AddRefs<CoursePageDecider>(spec, stream);
    AddRefs<ModuleProgressDecider>(spec, stream);
    AddRefs<CertificateDecider>(spec, stream);
    if constexpr (IsLearning<D>()) spec.given(Streams<D>()[stream]);
    return spec;
  }

  // Decides `command` as `actor`; it must be accepted. Returns its events.
  template <class D>
  std::vector<typename D::Event> Run(const typename D::Command& command, const Actor& actor,
                                     Timestamp now = kNow) {
    const std::string stream = std::visit([](const auto& c) { return c.stream_id(); }, command);
    auto decision = Given<D>(stream, now).as(actor).when(command).decide();
    REQUIRE_MESSAGE(decision.accepted(), (decision.accepted() ? std::string()
                                                              : decision.rejection().code + ": " +
                                                                    decision.rejection().message));
    auto& events = Streams<D>()[stream];
    for (const auto& e : decision.events()) events.push_back(e);
    return decision.events();
  }

  template <class D>
  typename D::State State(const std::string& stream) {
    auto s = D::initial_state();
    for (const auto& e : Streams<D>()[stream]) s = D::evolve(std::move(s), e);
    return s;
  }

  template <class D>
  std::map<std::string, std::vector<typename D::Event>>& Streams() {
    if constexpr (std::is_same_v<D, CoursePageDecider>) {
      return pages_;
    } else if constexpr (std::is_same_v<D, ModuleProgressDecider>) {
      return progress_;
    } else {
      return certificates_;
    }
  }

 private:
  template <class D>
  static constexpr bool IsLearning() {
    return std::is_same_v<D, CoursePageDecider> || std::is_same_v<D, ModuleProgressDecider> ||
           std::is_same_v<D, CertificateDecider>;
  }

  template <class Other, class Target>
  void AddRefs(Spec<Target>& spec, const std::string& stream) {
    for (const auto& [id, events] : Streams<Other>()) {
      if (id != stream) spec.template given_stream<Other>(id, events);
    }
  }

  World& w_;
  std::map<std::string, std::vector<CoursePageDecider::Event>> pages_;
  std::map<std::string, std::vector<ModuleProgressDecider::Event>> progress_;
  std::map<std::string, std::vector<CertificateDecider::Event>> certificates_;
};

}  // namespace edu::peerloop::testing
