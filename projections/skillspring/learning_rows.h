// The row operations of Skillspring's media asset, wishlist and course content events
// (learning_rows.cc), one overload per event type, called from the projection's dispatch
// (skillspring_projection.cc). Each row is owned by the stream whose events write it: a
// media_assets row by its asset, a wishlist and its items by the wishlist, a course's content
// columns by the course.
#pragma once

#include "domain/skillspring/events_learning.h"
#include "eventstore/envelope.h"
#include "projections/row_ops.h"

namespace edu::skillspring_rows {

using namespace skillspring;

void Project(const RecordedEvent& r, const MediaAssetUploaded& e, RowOps* ops);
void Project(const RecordedEvent& r, const MediaProcessingStarted& e, RowOps* ops);
void Project(const RecordedEvent& r, const MediaAssetReady& e, RowOps* ops);
void Project(const RecordedEvent& r, const MediaProcessingFailed& e, RowOps* ops);
void Project(const RecordedEvent& r, const MediaProcessingRetried& e, RowOps* ops);
void Project(const RecordedEvent& r, const WishlistCreated& e, RowOps* ops);
void Project(const RecordedEvent& r, const WishlistItemAdded& e, RowOps* ops);
void Project(const RecordedEvent& r, const WishlistItemRemoved& e, RowOps* ops);
void Project(const RecordedEvent& r, const CourseContentEdited& e, RowOps* ops);

}  // namespace edu::skillspring_rows
