// Command-line options: --name value, --name=value, and boolean --flag. Unknown options are an
// error that names them, so a typo never silently falls back to a default.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace edu {

struct OptionSpec {
  std::string name;         // "db" for --db
  bool takes_value = true;  // false for boolean flags
  std::string help;
  std::string default_value;
};

class Args {
 public:
  // Parses argv[first..argc). Returns false and sets *error when an option is unknown, a value is
  // missing, or a positional argument appears where none is allowed.
  bool Parse(int argc, char** argv, int first, const std::vector<OptionSpec>& specs,
             std::string* error, size_t max_positional = 0);

  bool Has(const std::string& name) const { return values_.count(name) > 0; }
  std::string Get(const std::string& name) const;  // value, else the spec default, else ""
  std::optional<long long> GetInt(const std::string& name, std::string* error) const;
  const std::vector<std::string>& positional() const { return positional_; }

  static std::string Usage(const std::vector<OptionSpec>& specs);

 private:
  std::map<std::string, std::string> values_;
  std::map<std::string, std::string> defaults_;
  std::vector<std::string> positional_;
};

}  // namespace edu
