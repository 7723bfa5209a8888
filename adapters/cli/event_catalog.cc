#include "adapters/cli/event_catalog.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include <fmt/format.h>

#include "domain/core/stream.h"
#include "projections/all_projections.h"

namespace edu {
namespace {

RecordedEvent SampleEvent(const EventTypeInfo& info) {
  RecordedEvent e;
  e.event_id = DeriveUuid(EduledgerNamespace(), "catalog:" + info.marketplace + "." + info.type);
  e.type = info.type;
  e.schema_version = info.schema_version;
  e.marketplace = info.marketplace;
  e.occurred_at = Timestamp{1'767'225'600'000'000};
  e.recorded_at = e.occurred_at;
  e.causation_id = DeriveUuid(e.event_id, "command");
  e.correlation_id = e.causation_id;
  e.actor = Actor{ToString(DeriveUuid(EduledgerNamespace(), "catalog:admin")), "admin"};
  e.metadata = {{"ip", "203.0.113.7"}, {"user_agent", "eduledger-docs"}};
  e.payload = info.ops ? info.ops->SamplePayload() : "{}";
  e.stream_id = StreamId(info.category, DeriveUuid(EduledgerNamespace(), "catalog:stream"));
  e.stream_version = 1;
  return e;
}

std::string Escape(const std::string& text) {
  std::string out;
  for (char c : text) out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out;
}

}  // namespace

std::vector<CatalogEntry> BuildEventCatalog(
    const Registry& registry, const std::vector<std::unique_ptr<Projection>>& projections) {
  std::vector<CatalogEntry> out;
  for (const EventTypeInfo& info : registry.EventTypes()) {
    CatalogEntry entry;
    entry.event = &info;
    RecordedEvent sample = SampleEvent(info);
    std::set<std::string> tables;
    for (const auto& projection : projections) {
      if (!projection->Handles(sample)) continue;
      RowOps ops;
      Status s = projection->Apply(sample, &ops);
      if (!s.ok()) {
        entry.failures.push_back(projection->name() + ": " + s.message());
        continue;
      }
      for (const RowOp& op : ops.ops()) tables.insert(projection->schema() + "." + op.table);
    }
    entry.tables.assign(tables.begin(), tables.end());
    out.push_back(std::move(entry));
  }
  std::sort(out.begin(), out.end(), [](const CatalogEntry& a, const CatalogEntry& b) {
    return std::tie(a.event->marketplace, a.event->category, a.event->type) <
           std::tie(b.event->marketplace, b.event->category, b.event->type);
  });
  return out;
}

std::string RenderEventCatalog(const Registry& registry,
                               const std::vector<std::unique_ptr<Projection>>& projections) {
  std::vector<CatalogEntry> catalog = BuildEventCatalog(registry, projections);
  std::string md;
  md += "# Event catalog\n\n";
  md +=
      "Generated from the code by `eduledger docs` (adapters/cli/event_catalog.cc); do not edit: a "
      "unit\n"
      "test fails when this file differs from what the code generates.\n\n"
      "Every event is stored in an envelope (event id, type, schema version, stream id and "
      "version,\n"
      "marketplace, occurred/recorded time, command and correlation ids, actor, request metadata,\n"
      "partition, offset, hash chain; see `eventstore/envelope_codec.h`) around the payload "
      "described\n"
      "here. Fields are JSON members of the payload; optional ones may be absent. **Personal** "
      "fields\n"
      "are sealed on the log with the data subject's own key and read back as `null` once that "
      "person\n"
      "is forgotten (docs/gdpr.md). *Feeds* lists the read tables the projections write for the "
      "event\n"
      "(found by applying every projection to a sample of it). Replays (`eduledger replay`, "
      "docs/replay.md)\n"
      "emit the current schema version of every event.\n\n";
  std::map<std::string, std::pair<int, int>> per_market;
  for (const CatalogEntry& e : catalog) {
    auto& counts = per_market[e.event->marketplace];
    ++counts.first;
    bool personal = std::any_of(e.event->fields.begin(), e.event->fields.end(),
                                [](const FieldInfo& f) { return f.personal; });
    if (personal) ++counts.second;
  }
  md += "| marketplace | event types | with personal data |\n|---|---|---|\n";
  for (const auto& [market, counts] : per_market) {
    md += fmt::format("| [{0}](#{0}) | {1} | {2} |\n", market, counts.first, counts.second);
  }
  std::string market;
  std::string category;
  for (const CatalogEntry& e : catalog) {
    const EventTypeInfo& info = *e.event;
    if (info.marketplace != market) {
      market = info.marketplace;
      category.clear();
      md += "\n## " + market + "\n";
    }
    if (info.category != category) {
      category = info.category;
      md += "\n### aggregate `" + category + "` (streams `" + category + "-<uuid>`)\n";
    }
    md += fmt::format("\n#### {}\n\n", info.type);
    md += fmt::format("Schema version {}.", info.schema_version);
    if (info.ops && info.ops->has_data_subject())
      md += " Names a data subject (its personal data is theirs).";
    md += " Feeds: ";
    if (e.tables.empty()) {
      md += "no read table.";
    } else {
      for (size_t i = 0; i < e.tables.size(); ++i) md += (i ? ", `" : "`") + e.tables[i] + "`";
      md += ".";
    }
    md += "\n";
    for (const std::string& f : e.failures)
      md += "\n> **A projection refuses this event:** " + Escape(f) + "\n";
    md += "\n| field | type | required | personal |\n|---|---|---|---|\n";
    for (const FieldInfo& f : info.fields) {
      md += fmt::format("| `{}` | {} | {} | {} |\n", f.name, Escape(f.type),
                        f.required ? "yes" : "no", f.personal ? "**personal**" : "");
    }
  }
  return md;
}

int WriteEventCatalogDoc(const std::string& dir, bool check) {
  Registry registry;
  RegisterAllMarketplaces(&registry);
  const std::string path = dir + "/events.md";
  const std::string generated = RenderEventCatalog(registry, AllProjections());
  if (check) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream current;
    current << in.rdbuf();
    if (!in || current.str() != generated) {
      std::fprintf(stderr, "eduledger docs: %s is stale; run eduledger docs --out %s\n",
                   path.c_str(), dir.c_str());
      return 1;
    }
    std::printf("eduledger docs: %s is up to date\n", path.c_str());
    return 0;
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << generated;
  out.close();
  if (!out) {
    std::fprintf(stderr, "eduledger docs: cannot write %s (does the directory exist?)\n",
                 path.c_str());
    return 1;
  }
  std::printf("eduledger docs: wrote %s (%zu event types)\n", path.c_str(),
              registry.EventTypes().size());
  return 0;
}

}  // namespace edu
