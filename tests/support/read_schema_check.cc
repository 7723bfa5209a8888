#include "tests/support/read_schema_check.h"

#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include <rapidjson/document.h>
#include <pqxx/pqxx>

#include "tests/support/test_database.h"

#ifndef EDULEDGER_SOURCE_DIR
#error "EDULEDGER_SOURCE_DIR must be defined by the build"
#endif

namespace edu::testing {
namespace {

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Documented type -> accepted information_schema data_type values (empty: not checkable).
std::set<std::string> Accepted(const std::string& documented) {
  std::string d = Lower(documented);
  while (!d.empty() && d.front() == ' ') d.erase(0, 1);
  if (d.empty()) return {};
  if ((d.size() >= 2 && d.substr(d.size() - 2) == "[]") || d.rfind("array", 0) == 0)
    return {"ARRAY"};
  std::smatch m;
  std::string stripped = std::regex_replace(
      d, std::regex(R"(\s*(pk|fk|unique|not null|null|default.*|check.*|→.*|->.*)\b.*$)"), "");
  while (!stripped.empty() && stripped.back() == ' ') stripped.pop_back();
  if (!stripped.empty()) d = stripped;
  struct Rule {
    const char* pattern;
    std::set<std::string> ok;
  };
  static const Rule kRules[] = {
      {"^uuid", {"uuid"}},
      {"^(bigserial|bigint)", {"bigint"}},
      {"^(int|integer|smallint|serial)", {"smallint", "integer", "bigint"}},
      {"^(decimal|numeric)", {"numeric"}},
      {"^bool", {"boolean"}},
      {"^timestamp", {"timestamp without time zone", "timestamp with time zone"}},
      {"^date", {"date"}},
      {"^time", {"time without time zone", "time with time zone"}},
      {"^jsonb", {"jsonb"}},
      {"^json", {"json", "jsonb"}},
      {"^enum", {"USER-DEFINED", "text", "character varying"}},
      {"^(string|varchar|text|char)", {"text", "character varying", "character"}},
  };
  for (const auto& r : kRules) {
    if (std::regex_search(d, std::regex(r.pattern))) return r.ok;
  }
  return {};
}

}  // namespace

ReadSchemaReport CheckReadSchema(const std::string& uri, const std::string& schema) {
  std::ifstream in(std::string(EDULEDGER_SOURCE_DIR) + "/tests/data/read-schemas.json");
  std::stringstream text;
  text << in.rdbuf();
  rapidjson::Document spec;
  spec.Parse(text.str().c_str());
  ReadSchemaReport report;
  if (spec.HasParseError() || !spec.IsObject() || !spec.HasMember(schema.c_str())) {
    report.problems.push_back("read-schemas.json has no schema '" + schema + "'");
    report.tables_expected = 1;
    return report;
  }
  std::map<std::string, std::map<std::string, std::string>> live;  // table -> column -> data_type
  pqxx::connection c(uri);
  pqxx::nontransaction tx(c);
  for (const auto& row :
       tx.exec_params("SELECT table_name, column_name, data_type FROM information_schema.columns "
                      "WHERE table_schema = $1",
                      schema)) {
    live[row[0].c_str()][row[1].c_str()] = row[2].c_str();
  }
  const auto& tables = spec[schema.c_str()];
  for (auto t = tables.MemberBegin(); t != tables.MemberEnd(); ++t) {
    std::string table = t->name.GetString();
    ++report.tables_expected;
    auto have = live.find(table);
    if (have != live.end()) {
      ++report.tables_found;
    } else {
      report.problems.push_back(schema + "." + table + " (table)");
    }
    std::set<std::string> arrays;
    if (t->value.HasMember("arrays")) {
      for (const auto& a : t->value["arrays"].GetArray()) arrays.insert(a.GetString());
    }
    for (const auto& col : t->value["columns"].GetArray()) {
      std::string column = col.GetString();
      ++report.columns_expected;
      bool present = have != live.end() && have->second.count(column);
      if (present) {
        ++report.columns_found;
      } else if (have != live.end()) {
        report.problems.push_back(schema + "." + table + "." + column);
      }
      std::string documented;
      if (t->value.HasMember("types") && t->value["types"].HasMember(column.c_str())) {
        documented = t->value["types"][column.c_str()].GetString();
      }
      if (arrays.count(column) && documented.empty()) documented = "array";
      std::set<std::string> ok =
          documented == "array" ? std::set<std::string>{"ARRAY"} : Accepted(documented);
      if (ok.empty()) continue;
      ++report.types_expected;
      if (present) {
        const std::string& found = have->second.at(column);
        if (ok.count(found)) {
          ++report.types_ok;
        } else {
          report.problems.push_back(schema + "." + table + "." + column + ": documented '" +
                                    documented + "', found '" + found + "'");
        }
      }
    }
  }
  return report;
}

}  // namespace edu::testing
