#include "domain/skillspring/people.h"

#include "domain/core/email.h"
#include "domain/skillspring/rules.h"

namespace edu::skillspring {

int32_t AverageHundredths(int64_t sum, int64_t count) {
  if (count <= 0) return 0;
  return static_cast<int32_t>((sum * 200 + count) / (2 * count));
}

namespace {

template <class T>
std::optional<Personal<T>> AsPersonal(const std::optional<T>& v) {
  if (!v) return std::nullopt;
  return Personal<T>(*v);
}

Decision<UserDecider::Event> Register(const RegisterUser& c, const UserState& s,
                                      const DecisionContext& ctx) {
  if (s.exists) {
    return Reject(codes::kUserAlreadyRegistered, "user {} is already registered",
                  ToString(c.user_id));
  }
  if (auto denied = CheckSelfOrAdmin(ctx.actor, c.user_id, "register")) return *denied;
  if (c.role == UserRole::admin && !IsAdmin(ctx.actor)) {
    return Reject(codes::kPrivilegedRoleRequiresAdmin, "only an admin may register an admin");
  }
  if (ctx.actor.role != "admin" && ctx.actor.role != EnumName(c.role)) {
    return Reject(codes::kRoleMismatch, "a {} token cannot register a {} account", ctx.actor.role,
                  EnumName(c.role));
  }
  if (!LooksLikeEmail(c.email) || c.email.size() > 255) {
    return Reject(codes::kInvalidEmail, "'{}' is not an email address", c.email);
  }
  if (auto bad = CheckText(c.first_name, 100, "first_name", codes::kInvalidFirstName)) return *bad;
  if (auto bad = CheckText(c.last_name, 100, "last_name", codes::kInvalidLastName)) return *bad;
  bool mentor = c.role == UserRole::mentor;
  if (!mentor && (c.headline || c.about || c.experience_years || !c.languages.empty())) {
    return Reject(codes::kMentorFieldsOnNonMentor,
                  "headline, about, experience_years and languages describe mentors only");
  }
  if (c.role != UserRole::student && (c.occupation || c.goals)) {
    return Reject(codes::kStudentFieldsOnNonStudent, "occupation and goals describe students only");
  }
  if (c.headline && c.headline->size() > 180) {
    return Reject(codes::kInvalidHeadline, "headline has at most 180 characters");
  }
  if (c.occupation && c.occupation->size() > 120) {
    return Reject(codes::kInvalidOccupation, "occupation has at most 120 characters");
  }
  if (c.experience_years && (*c.experience_years < 0 || *c.experience_years > 80)) {
    return Reject(codes::kInvalidExperienceYears, "experience_years must be within 0..80, got {}",
                  *c.experience_years);
  }
  UserRegistered e;
  e.user_id = c.user_id;
  e.role = c.role;
  e.status = UserStatus::active;
  e.email = Personal<std::string>(c.email);
  e.first_name = Personal<std::string>(c.first_name);
  e.last_name = Personal<std::string>(c.last_name);
  e.password_hash = AsPersonal(c.password_hash);
  e.bio = AsPersonal(c.bio);
  e.avatar_url = c.avatar_url;
  e.timezone = c.timezone;
  e.headline = c.headline;
  e.about = c.about;
  e.experience_years = c.experience_years;
  e.languages = c.languages;
  e.occupation = c.occupation;
  e.goals = c.goals;
  return e;
}

Decision<UserDecider::Event> Rate(const RecordMentorRating& c, const UserState& s,
                                  const DecisionContext&) {
  if (!s.exists || s.role != UserRole::mentor) {
    return Reject(codes::kMentorNotFound, "mentor {} is not registered", ToString(c.mentor_id));
  }
  if (s.rated_reviews.count(c.review_id)) return std::vector<UserDecider::Event>{};  // redelivered
  if (c.rating < 1 || c.rating > 5) {
    return Reject(codes::kInvalidRating, "rating must be within 1..5, got {}", c.rating);
  }
  MentorRatingRecorded e;
  e.mentor_id = c.mentor_id;
  e.review_id = c.review_id;
  e.rating = c.rating;
  e.total_reviews_after = s.total_reviews + 1;
  e.rating_sum_after = s.rating_sum + c.rating;
  e.average_rating_hundredths = AverageHundredths(e.rating_sum_after, e.total_reviews_after);
  return e;
}

// The reverse of Rate for a removed review. The reactor follows a review's stream in order, so
// its rating is recorded before a removal withdraws it; a review never rated has nothing to take
// back, and a withdrawal delivered again changes nothing.
Decision<UserDecider::Event> Withdraw(const WithdrawMentorRating& c, const UserState& s,
                                      const DecisionContext&) {
  if (!s.exists || s.role != UserRole::mentor) {
    return Reject(codes::kMentorNotFound, "mentor {} is not registered", ToString(c.mentor_id));
  }
  if (!s.rated_reviews.count(c.review_id) || s.withdrawn_reviews.count(c.review_id)) {
    return std::vector<UserDecider::Event>{};
  }
  if (c.rating < 1 || c.rating > 5) {
    return Reject(codes::kInvalidRating, "rating must be within 1..5, got {}", c.rating);
  }
  MentorRatingWithdrawn e;
  e.mentor_id = c.mentor_id;
  e.review_id = c.review_id;
  e.rating = c.rating;
  e.total_reviews_after = s.total_reviews - 1;
  e.rating_sum_after = s.rating_sum - c.rating;
  e.average_rating_hundredths = AverageHundredths(e.rating_sum_after, e.total_reviews_after);
  return e;
}

Decision<CategoryDecider::Event> CreateCat(const CreateCategory& c, const CategoryState& s,
                                           const DecisionContext& ctx) {
  if (!IsAdmin(ctx.actor)) {
    return Reject(codes::kAdminOnly, "only an admin may create categories");
  }
  const std::string slug = NormalizeSlug(c.slug);
  if (!IsSlug(slug, 80)) {
    return Reject(codes::kInvalidSlug,
                  "slug '{}' must be 1..80 lowercase letters, digits and single dashes", c.slug);
  }
  if (s.exists) {
    return Reject(codes::kSlugTaken, "category slug '{}' is already taken", slug);
  }
  if (auto bad = CheckText(c.name, 80, "name", codes::kInvalidName)) return *bad;
  CategoryCreated e{CategoryIdFor(slug), slug, c.name, std::nullopt, 0, c.description};
  if (c.parent_slug) {
    const CategoryState* parent = ctx.refs->Find<CategoryState>(CategoryStream(*c.parent_slug));
    if (!parent) {
      return Reject(codes::kCategoryNotFound, "parent category '{}' does not exist",
                    *c.parent_slug);
    }
    if (parent->level != 0) {
      return Reject(codes::kCategoryTooDeep,
                    "'{}' is a subcategory; categories have two levels (0 root, 1 subcategory)",
                    *c.parent_slug);
    }
    e.parent_id = parent->category_id;
    e.level = 1;
  }
  return e;
}

}  // namespace

Decision<UserDecider::Event> UserDecider::decide(const Command& command, const State& state,
                                                 const DecisionContext& ctx) {
  return std::visit(
      Overloaded{[&](const RegisterUser& c) { return Register(c, state, ctx); },
                 [&](const RecordMentorRating& c) { return Rate(c, state, ctx); },
                 [&](const WithdrawMentorRating& c) { return Withdraw(c, state, ctx); }},
      command);
}

UserState UserDecider::evolve(State s, const Event& event) {
  std::visit(Overloaded{[&](const UserRegistered& e) {
                          s.exists = true;
                          s.user_id = e.user_id;
                          s.role = e.role;
                          s.status = e.status;
                        },
                        [&](const MentorRatingRecorded& e) {
                          s.rated_reviews.insert(e.review_id);
                          s.total_reviews = e.total_reviews_after;
                          s.rating_sum = e.rating_sum_after;
                        },
                        [&](const MentorRatingWithdrawn& e) {
                          s.withdrawn_reviews.insert(e.review_id);
                          s.total_reviews = e.total_reviews_after;
                          s.rating_sum = e.rating_sum_after;
                        }},
             event);
  return s;
}

Decision<CategoryDecider::Event> CategoryDecider::decide(const Command& command, const State& state,
                                                         const DecisionContext& ctx) {
  return std::visit(Overloaded{[&](const CreateCategory& c) { return CreateCat(c, state, ctx); }},
                    command);
}

CategoryState CategoryDecider::evolve(State s, const Event& event) {
  std::visit(Overloaded{[&](const CategoryCreated& e) {
               s.exists = true;
               s.category_id = e.category_id;
               s.level = e.level;
             }},
             event);
  return s;
}

}  // namespace edu::skillspring
