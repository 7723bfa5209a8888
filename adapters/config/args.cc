#include "adapters/config/args.h"

#include <fmt/format.h>

namespace edu {

bool Args::Parse(int argc, char** argv, int first, const std::vector<OptionSpec>& specs,
                 std::string* error, size_t max_positional) {
  for (const auto& s : specs) {
    if (!s.default_value.empty()) defaults_[s.name] = s.default_value;
  }
  for (int i = first; i < argc; ++i) {
    std::string a = argv[i];
    if (a.rfind("--", 0) != 0 || a == "--") {
      if (positional_.size() >= max_positional) {
        *error = "unexpected argument '" + a + "'";
        return false;
      }
      positional_.push_back(a);
      continue;
    }
    std::string name = a.substr(2);
    std::optional<std::string> inline_value;
    auto eq = name.find('=');
    if (eq != std::string::npos) {
      inline_value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    const OptionSpec* spec = nullptr;
    for (const auto& s : specs) {
      if (s.name == name) spec = &s;
    }
    if (spec == nullptr) {
      *error = "unknown option --" + name;
      return false;
    }
    if (!spec->takes_value) {
      if (inline_value) {
        *error = "option --" + name + " takes no value";
        return false;
      }
      values_[name] = "true";
      continue;
    }
    if (inline_value) {
      values_[name] = *inline_value;
    } else if (i + 1 < argc) {
      values_[name] = argv[++i];
    } else {
      *error = "option --" + name + " needs a value";
      return false;
    }
  }
  return true;
}

std::string Args::Get(const std::string& name) const {
  auto it = values_.find(name);
  if (it != values_.end()) return it->second;
  auto d = defaults_.find(name);
  return d == defaults_.end() ? "" : d->second;
}

std::optional<long long> Args::GetInt(const std::string& name, std::string* error) const {
  std::string v = Get(name);
  if (v.empty()) return std::nullopt;
  try {
    size_t used = 0;
    long long n = std::stoll(v, &used);
    if (used != v.size()) throw std::invalid_argument(v);
    return n;
  } catch (const std::exception&) {
    *error = "option --" + name + " must be an integer, got '" + v + "'";
    return std::nullopt;
  }
}

std::string Args::Usage(const std::vector<OptionSpec>& specs) {
  std::string out;
  for (const auto& s : specs) {
    std::string left = "--" + s.name + (s.takes_value ? " <value>" : "");
    out += fmt::format("  {:<28} {}", left, s.help);
    if (!s.default_value.empty()) out += fmt::format(" (default: {})", s.default_value);
    out += "\n";
  }
  return out;
}

}  // namespace edu
