// Skillspring media assets, wishlists and course content edits (issue 14) and who may issue them
// (finer ownership checks live in the deciders). "gateway" is the media adapter (the transcoding
// service), as the payment gateways are elsewhere: it reports facts about an asset.
#include "commands/registry.h"
#include "domain/skillspring/course.h"
#include "domain/skillspring/media.h"
#include "domain/skillspring/wishlist.h"

namespace edu {

void RegisterSkillspringLearning(Registry* r) {
  using namespace skillspring;
  const std::vector<std::string> kMentor = {"mentor", "admin"};
  const std::vector<std::string> kStudent = {"student", "admin"};
  const std::vector<std::string> kMediaAdapter = {"gateway", "system", "admin"};
  r->AddCommand<MediaAssetDecider, UploadMediaAsset>(
      kMentor, "Upload (register) a media file for one's course or oneself; pending transcoding");
  r->AddCommand<MediaAssetDecider, StartMediaProcessing>(
      kMediaAdapter, "Report that transcoding of a pending media asset started");
  r->AddCommand<MediaAssetDecider, CompleteMediaProcessing>(
      kMediaAdapter, "Report a processing media asset ready (url, a video's duration)");
  r->AddCommand<MediaAssetDecider, FailMediaProcessing>(
      kMediaAdapter, "Report that transcoding of a processing media asset failed (reason)");
  r->AddCommand<MediaAssetDecider, RetryMediaProcessing>(
      kMentor, "Send a failed media asset back to transcoding (pending again)");
  r->AddCommand<WishlistDecider, CreateWishlist>(
      kStudent, "Create a named wishlist ('Favorites' by default)");
  r->AddCommand<WishlistDecider, AddToWishlist>(
      kStudent, "Keep a published course in a wishlist, once (opens 'Favorites' if new)");
  r->AddCommand<WishlistDecider, RemoveFromWishlist>(kStudent,
                                                     "Take a course out of one's wishlist");
  r->AddCommand<CourseDecider, EditCourseContent>(
      kMentor,
      "Edit a course's title, subtitle, description, language, level, hero video, "
      "thumbnail (not archived)");
}

}  // namespace edu
