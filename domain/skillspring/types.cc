#include "domain/skillspring/types.h"

#include <cctype>

namespace edu::skillspring {
namespace {

std::string Normalized(std::string_view text, int (*convert)(int)) {
  size_t begin = 0, end = text.size();
  while (begin < end && std::isspace(static_cast<unsigned char>(text[begin]))) ++begin;
  while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
  std::string out;
  for (size_t i = begin; i < end; ++i) {
    out += static_cast<char>(convert(static_cast<unsigned char>(text[i])));
  }
  return out;
}

}  // namespace

const Uuid& SkillspringNamespace() {
  static const Uuid ns = DeriveUuid(EduledgerNamespace(), "marketplace:skillspring");
  return ns;
}

std::string NormalizeSlug(std::string_view slug) {
  return Normalized(slug, [](int c) { return std::tolower(c); });
}
std::string NormalizeCouponCode(std::string_view code) {
  return Normalized(code, [](int c) { return std::toupper(c); });
}

Uuid CourseIdFor(std::string_view slug) {
  return DeriveUuid(SkillspringNamespace(), "course-slug:" + NormalizeSlug(slug));
}
Uuid CategoryIdFor(std::string_view slug) {
  return DeriveUuid(SkillspringNamespace(), "category-slug:" + NormalizeSlug(slug));
}
Uuid CouponIdFor(std::string_view code) {
  return DeriveUuid(SkillspringNamespace(), "coupon-code:" + NormalizeCouponCode(code));
}
Uuid TagIdFor(std::string_view name) {
  return DeriveUuid(SkillspringNamespace(), "tag:" + NormalizeSlug(name));
}
Uuid EnrollmentIdFor(const Uuid& student_id, const Uuid& course_id) {
  return DeriveUuid(student_id, "enrollment:" + ToString(course_id));
}
Uuid ReviewIdFor(const Uuid& student_id, const Uuid& course_id) {
  return DeriveUuid(student_id, "review:" + ToString(course_id));
}

}  // namespace edu::skillspring
