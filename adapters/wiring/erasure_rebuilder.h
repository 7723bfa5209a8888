// Read tables after an erasure. Forgetting a person destroys their key, so the log reads back
// with their personal data erased; read tables built before that still hold the plaintext. This
// rebuilds them (Projector::Rebuild: a fresh schema from offset zero, then a swap; the live tables
// keep serving meanwhile) whenever keys were destroyed since a projection was last rebuilt for
// erasure, which PostgreSQL remembers:
//   eduledger.projection_erasures(projection, erasures, rebuilt_at)
// `erasures` is the key store's ErasureCount() when that rebuild started, so erasures made during
// a rebuild, or by another process, or before a crash, cause one more rebuild; several erasures
// close together cost one. A projection may scrub its tables incrementally instead; none needs to.
//
// Thread-safety: Add before Start; Notify, RunOnce and WaitUntilCurrent from any thread.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "eventstore/personal_data.h"
#include "projections/projector.h"

namespace edu {

class ErasureRebuilder {
 public:
  struct Options {
    // Also checks this often (erasures by other processes sharing the database).
    std::chrono::milliseconds poll{10'000};
    // One line per rebuild or failure (serve prints them; empty: silent).
    std::function<void(const std::string&)> report;
  };

  ErasureRebuilder(PersonKeyStore* keys, std::string db_uri, Options options);
  ~ErasureRebuilder();  // Stop()

  void Add(Projector* projector);
  void Start();  // checks once at once, then on Notify() and every poll interval
  void Stop();
  // An erasure happened in this process: check now.
  void Notify();

  // Rebuilds every projection whose tables predate the latest erasure. *rebuilt (optional) =
  // how many were rebuilt. The first failure is returned; the others are still tried.
  Status RunOnce(size_t* rebuilt);

  // OK once every projection was rebuilt after the latest erasure (at the time of the call),
  // Timeout otherwise.
  Status WaitUntilCurrent(std::chrono::milliseconds timeout);

 private:
  Status Behind(std::vector<Projector*>* behind, int64_t* erasures);
  void Loop();

  PersonKeyStore* keys_;
  std::string uri_;
  Options options_;
  std::vector<Projector*> projectors_;
  std::mutex run_mu_;  // one RunOnce at a time
  std::mutex mu_;
  std::condition_variable wake_;
  bool notified_ = false;
  bool stop_ = false;
  std::thread thread_;
};

// Records that `projection` was rebuilt after `erasures` erasures (eduledger rebuild calls it: a
// rebuild on demand erases too). `erasures` must be read before that rebuild started.
Status RecordErasureRebuild(const std::string& db_uri, const std::string& projection,
                            int64_t erasures);

}  // namespace edu
