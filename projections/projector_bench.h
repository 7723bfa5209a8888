// A benchmark of the projector next to its baseline, measured in the same run: how many events
// per second a Projector turns into rows, against how many rows per second COPY
// (pqxx::stream_to) writes of the very same rows into a scratch table. For `eduledger bench`.
//
// It uses its own schemas (bench_projection, bench_projection_copy) and bookkeeping rows under the
// projection name "bench_projection", drops them before and after, and never touches anything
// else. Events come from an in-memory log built before the clock starts.
#pragma once

#include <cstddef>
#include <string>

#include "eventstore/status.h"
#include "projections/projector.h"

namespace edu {

struct ProjectorBenchOptions {
  size_t sessions = 20'000;  // rows of the 12-column table; the mixed run has 3 events per row
  int partitions = 4;
  size_t batch_size = 500;
  size_t copy_min_rows = ProjectorOptions().copy_min_rows;  // 0: plain inserts never by COPY
};

struct ProjectorBenchResult {
  size_t rows = 0;
  // Insert-only: one event -> one 12-column row.
  double projector_seconds = 0;
  double projector_events_per_second = 0;
  double copy_seconds = 0;
  double copy_rows_per_second = 0;
  double ratio = 0;  // projector events/s divided by COPY rows/s
  ProjectorStats insert_stats;
  // Mixed: booked (insert + increment), confirmed (update), completed (update + increment).
  size_t mixed_events = 0;
  double mixed_seconds = 0;
  double mixed_events_per_second = 0;
  ProjectorStats mixed_stats;
};

// Runs both measurements against the database at `pg_uri`. OK with *result filled, or the first
// error (Unavailable when PostgreSQL cannot be reached).
Status RunProjectorBench(const std::string& pg_uri, const ProjectorBenchOptions& options,
                         ProjectorBenchResult* result);

// Human-readable lines, e.g.
//   projector insert-only: 20000 events in 0.41 s = 48.7k events/s (40 batches, 3 round trips each)
//   COPY baseline:         20000 rows in 0.11 s = 181.2k rows/s
//   projector / COPY:      0.27
std::string FormatProjectorBench(const ProjectorBenchResult& result);

}  // namespace edu
