// Specifications of Skillspring wishlists (seed 003: wishlists, wishlist_items; issue 14): a
// registered student names a wishlist ('Favorites' when unnamed) or opens one by the first add;
// they keep published courses they do not own, each once, at most 100, and take them out again.
// Only the wishlist's student changes it.
#include <string>

#include "domain/skillspring/wishlist.h"
#include "tests/unit/skillspring_test_fixtures.h"

namespace edu::skillspring {
namespace {

using namespace fixtures;

const Uuid kWishlist = *ParseUuid("99999999-9999-4999-8999-999999999991");

// A wishlist command decided on its stream; the student, the course and the student's purchases
// referenced.
Spec<WishlistDecider> Wishing(std::vector<WishlistDecider::Event> wishlist = {},
                              std::vector<CourseDecider::Event> course = Published(),
                              std::vector<LearnerDecider::Event> learner = {}) {
  Spec<WishlistDecider> spec;
  spec.at(kNow)
      .as(StudentActor())
      .given_stream<UserDecider>(UserStream(kStudent), {Registered(kStudent, UserRole::student)})
      .given_stream<CourseDecider>(CourseStream(kCourse), course)
      .given_stream<LearnerDecider>(LearnerStream(kStudent), learner)
      .given(std::move(wishlist));
  return spec;
}

WishlistCreated Favorites() { return WishlistCreated{kWishlist, kStudent, "Favorites"}; }

}  // namespace

TEST_SUITE("skillspring wishlists") {
  TEST_CASE("a student names a wishlist (trimmed), or gets 'Favorites' without a name") {
    Wishing()
        .when(CreateWishlist{kWishlist, kStudent, std::string("  Data science \n")})
        .then({WishlistCreated{kWishlist, kStudent, "Data science"}});
    Wishing().when(CreateWishlist{kWishlist, kStudent, std::nullopt}).then({Favorites()});
  }

  TEST_CASE("a wishlist's name has 1..120 characters") {
    Wishing()
        .when(CreateWishlist{kWishlist, kStudent, std::string(" ")})
        .then_error("invalid_wishlist_name", ErrorKind::kInvalid);
    Wishing()
        .when(CreateWishlist{kWishlist, kStudent, std::string(121, 'w')})
        .then_error("invalid_wishlist_name");
    Wishing()
        .when(CreateWishlist{kWishlist, kStudent, std::string(120, 'w')})
        .then({WishlistCreated{kWishlist, kStudent, std::string(120, 'w')}});
  }

  TEST_CASE("a wishlist id is created once, by the student themself, who is registered") {
    Wishing({Favorites()})
        .when(CreateWishlist{kWishlist, kStudent, std::nullopt})
        .then_error("wishlist_already_exists", ErrorKind::kConflict);
    Wishing()
        .as(StudentActor(kOther))
        .when(CreateWishlist{kWishlist, kStudent, std::nullopt})
        .then_error("not_own_account");
    Spec<WishlistDecider> unregistered;
    unregistered.at(kNow).as(StudentActor()).given_stream<UserDecider>(UserStream(kStudent), {});
    unregistered.when(CreateWishlist{kWishlist, kStudent, std::nullopt})
        .then_error("student_not_found");
  }

  TEST_CASE("the first add to a new wishlist opens it as 'Favorites'") {
    auto spec = Wishing();
    spec.when(AddToWishlist{kWishlist, kStudent, kCourse})
        .then({Favorites(), WishlistItemAdded{kWishlist, kStudent, kCourse}});
    CHECK(spec.state().exists);
    CHECK(spec.state().course_ids.count(kCourse) == 1);
  }

  TEST_CASE("adding to an existing wishlist adds the item only") {
    Wishing({WishlistCreated{kWishlist, kStudent, "Later"}})
        .when(AddToWishlist{kWishlist, kStudent, kCourse})
        .then({WishlistItemAdded{kWishlist, kStudent, kCourse}});
  }

  TEST_CASE("only published courses the student does not own, each once") {
    AddToWishlist add{kWishlist, kStudent, kCourse};
    Wishing({}, {Created()}).when(add).then_error("course_not_available");
    Wishing({}, {}).when(add).then_error("course_not_found", ErrorKind::kNotFound);
    Wishing({}, Published(), Bought()).when(add).then_error("already_enrolled");
    Wishing({Favorites(), WishlistItemAdded{kWishlist, kStudent, kCourse}})
        .when(add)
        .then_error("already_in_wishlist", ErrorKind::kConflict);
  }

  TEST_CASE("a wishlist holds at most 100 courses") {
    std::vector<WishlistDecider::Event> full = {Favorites()};
    for (int i = 0; i < kMaxWishlistItems; ++i) {
      full.push_back(
          WishlistItemAdded{kWishlist, kStudent, CourseIdFor("course-" + std::to_string(i))});
    }
    Wishing(full).when(AddToWishlist{kWishlist, kStudent, kCourse}).then_error("wishlist_full");
    full.pop_back();
    Wishing(full)
        .when(AddToWishlist{kWishlist, kStudent, kCourse})
        .then({WishlistItemAdded{kWishlist, kStudent, kCourse}});
  }

  TEST_CASE("only the wishlist's student changes it") {
    Wishing({Favorites()})
        .when(AddToWishlist{kWishlist, kStudent, kCourse})
        .as(StudentActor(kOther))
        .then_error("not_own_account", ErrorKind::kForbidden);
    Spec<WishlistDecider> other;
    other.at(kNow)
        .as(StudentActor(kOther))
        .given_stream<UserDecider>(UserStream(kOther), {Registered(kOther, UserRole::student)})
        .given_stream<CourseDecider>(CourseStream(kCourse), Published())
        .given_stream<LearnerDecider>(LearnerStream(kOther), {})
        .given({Favorites()});
    other.when(AddToWishlist{kWishlist, kOther, kCourse}).then_error("not_own_wishlist");
    Wishing({Favorites(), WishlistItemAdded{kWishlist, kStudent, kCourse}})
        .as(StudentActor(kOther))
        .when(RemoveFromWishlist{kWishlist, kOther, kCourse})
        .then_error("not_own_wishlist", ErrorKind::kForbidden);
  }

  TEST_CASE("a student takes a course out of their wishlist") {
    auto spec = Wishing({Favorites(), WishlistItemAdded{kWishlist, kStudent, kCourse}});
    spec.when(RemoveFromWishlist{kWishlist, kStudent, kCourse})
        .then({WishlistItemRemoved{kWishlist, kStudent, kCourse}});
    CHECK(spec.state().course_ids.empty());
  }

  TEST_CASE("removing what the wishlist does not hold, or from no wishlist, is refused") {
    Wishing({Favorites()})
        .when(RemoveFromWishlist{kWishlist, kStudent, kCourse})
        .then_error("not_in_wishlist", ErrorKind::kNotFound);
    Wishing()
        .when(RemoveFromWishlist{kWishlist, kStudent, kCourse})
        .then_error("wishlist_not_found", ErrorKind::kNotFound);
  }
}

}  // namespace edu::skillspring
