#include "projections/values.h"

namespace edu {

SqlValue ActorUserValue(const std::string& actor_id) {
  auto id = ParseUuid(actor_id);
  if (!id) return Null{};
  return *id;
}

}  // namespace edu
