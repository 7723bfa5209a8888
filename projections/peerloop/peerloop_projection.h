// The PeerLoop read tables (schema "peerloop"): every table and column of seed 001, fed by the
// PeerLoop events. Rows written from several streams' events use commuting operations only:
// courses.student_count and student_teachers.students_taught are Increments,
// peerloop_features.certified_teachers an Upsert of its own column, and
// instructor_followers.first_enrollment_at a Least, so the earliest enrollment with an instructor
// wins whatever order the partitions are applied in.
#pragma once

#include <memory>

#include "projections/projection.h"

namespace edu {

std::unique_ptr<Projection> MakePeerloopProjection();

}  // namespace edu
