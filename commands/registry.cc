#include "commands/registry.h"

#include <stdexcept>

namespace edu {

void Registry::Add(std::unique_ptr<AggregateType> aggregate, std::vector<EventTypeInfo> events) {
  for (auto& e : events) {
    for (const auto& known : event_types_) {
      if (known.marketplace == e.marketplace && known.type == e.type) {
        // Two aggregates of one marketplace must not share an event type name: readers route by it.
        throw std::logic_error("event type " + e.marketplace + "." + e.type +
                               " is declared by both " + known.category + " and " + e.category);
      }
    }
    event_types_.push_back(std::move(e));
  }
  std::string category = aggregate->category();
  aggregates_[category] = std::move(aggregate);
}

void Registry::Add(std::unique_ptr<CommandType> command) {
  auto key = std::make_pair(command->marketplace(), command->type());
  if (commands_.count(key)) {
    throw std::logic_error("command " + key.first + "." + key.second + " registered twice");
  }
  for (const auto& f : command->fields()) {
    if (f.name == "marketplace" || f.name == "expected_version") {
      throw std::logic_error("command " + key.second + " uses the reserved field name " + f.name);
    }
  }
  commands_[key] = std::move(command);
}

const CommandType* Registry::FindCommand(const std::string& marketplace,
                                         const std::string& type) const {
  auto it = commands_.find({marketplace, type});
  return it == commands_.end() ? nullptr : it->second.get();
}

const AggregateType* Registry::FindAggregate(const std::string& category) const {
  auto it = aggregates_.find(category);
  return it == aggregates_.end() ? nullptr : it->second.get();
}

Status Registry::CheckComplete() const {
  std::string missing;
  for (const auto& [category, types] : handled_) {
    const std::string& marketplace = aggregates_.at(category)->marketplace();
    for (const std::string& type : types) {
      if (commands_.count({marketplace, type})) continue;
      missing +=
          (missing.empty() ? "" : "; ") + marketplace + "." + type + ", handled by " + category;
    }
  }
  if (missing.empty()) return Status::OK();
  return Status::Internal("commands a registered decider handles are not registered: " + missing);
}

std::vector<const CommandType*> Registry::Commands(const std::string& marketplace) const {
  std::vector<const CommandType*> out;
  for (const auto& [key, command] : commands_) {
    if (marketplace.empty() || key.first == marketplace) out.push_back(command.get());
  }
  return out;
}

}  // namespace edu
