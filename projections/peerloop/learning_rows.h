// The PeerLoop read rows of course edits, course pages, module progress and certificates:
// courses (edits, is_active, is_retired, rating, rating_count, badge), course_curriculum,
// course_objectives, course_includes, course_prerequisites, course_target_audience,
// course_testimonials, module_progress, certificates; written from the events of
// domain/peerloop/events_learning.h. The PeerLoop projection hands these events here.
#pragma once

#include <string>
#include <type_traits>
#include <variant>

#include "domain/core/variant_util.h"
#include "domain/peerloop/events_learning.h"
#include "eventstore/envelope.h"
#include "eventstore/status.h"
#include "projections/row_ops.h"

namespace edu::peerloop_rows {

using LearningEvent =
    std::variant<peerloop::CourseEdited, peerloop::CourseActivationChanged, peerloop::CourseRetired,
                 peerloop::CourseModuleAdded, peerloop::CourseModuleEdited,
                 peerloop::CoursePageItemAdded, peerloop::CoursePageItemRemoved,
                 peerloop::CourseReviewed, peerloop::TestimonialFeatured,
                 peerloop::ModuleProgressMarked, peerloop::CertificateRecommended,
                 peerloop::CertificateIssued, peerloop::CertificateDeclined>;

// Whether every event of `Sub` is in `A` or in `B` (a decider whose events two handlers share).
template <class Sub, class A, class B>
struct IncludedInEither;
template <class... Ts, class A, class B>
struct IncludedInEither<std::variant<Ts...>, A, B>
    : std::conjunction<std::disjunction<VariantHas<Ts, A>, VariantHas<Ts, B>>...> {};

// Whether `type` is one of the events above.
bool IsLearningEvent(const std::string& type);

// The row operations of one such event; a decoding error otherwise.
Status ApplyLearningEvent(const RecordedEvent& r, RowOps* ops);

}  // namespace edu::peerloop_rows
