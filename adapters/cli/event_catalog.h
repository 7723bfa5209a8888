// The event catalog (docs/events.md), generated from the code by `eduledger docs`: every event
// type per marketplace and aggregate, its schema version, its fields with types and required /
// personal flags, its data subject, and the read tables it feeds. The tables are found by applying
// every projection to a sample of the event (EventTypeOps::SamplePayload) and collecting the table
// names of the row operations, so the catalog says what the projections actually do.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "commands/registry.h"
#include "projections/projection.h"

namespace edu {

struct CatalogEntry {
  const EventTypeInfo* event = nullptr;
  std::vector<std::string> tables;    // "schema.table", sorted
  std::vector<std::string> failures;  // "projection: message" when a projection refused the sample
};

// Every registered event type, sorted by marketplace, aggregate and type.
std::vector<CatalogEntry> BuildEventCatalog(
    const Registry& registry, const std::vector<std::unique_ptr<Projection>>& projections);

std::string RenderEventCatalog(const Registry& registry,
                               const std::vector<std::unique_ptr<Projection>>& projections);

// `eduledger docs`: writes <dir>/events.md, or with `check` compares it (prints why; 1 when stale).
int WriteEventCatalogDoc(const std::string& dir, bool check);

}  // namespace edu
