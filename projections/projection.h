// A projection: a pure function from an event to row operations on its read tables, plus the DDL
// of those tables. The runtime (projections/projector.h) reads the log in batches and applies the
// operations and the checkpoint in one PostgreSQL transaction.
#pragma once

#include <string>
#include <vector>

#include "eventstore/envelope.h"
#include "eventstore/status.h"
#include "projections/row_ops.h"

namespace edu {

class Projection {
 public:
  virtual ~Projection() = default;

  // Stable name: the checkpoint key, e.g. "mentorship".
  virtual std::string name() const = 0;

  // Bumped whenever the projection's output for the same events changes; a checkpoint written by
  // another version means the tables must be rebuilt from offset zero.
  virtual int version() const = 0;

  // The PostgreSQL schema the tables live in (the documented one: "mentorship", "peerloop", ...).
  virtual std::string schema() const = 0;

  // CREATE TABLE / CREATE INDEX statements with "{schema}" where the schema name goes, so the same
  // DDL builds a fresh copy elsewhere for a blue/green rebuild.
  virtual std::vector<std::string> Ddl() const = 0;

  // Cheap filter before Apply: whether this event concerns the projection at all.
  virtual bool Handles(const RecordedEvent& event) const = 0;

  // Maps one event to row operations. Pure (no I/O). A non-OK status stops the projector at this
  // event with that message: events are never skipped silently.
  virtual Status Apply(const RecordedEvent& event, RowOps* ops) const = 0;
};

}  // namespace edu
