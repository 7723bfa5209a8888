#include "adapters/wiring/erasure_rebuilder.h"

#include <pqxx/pqxx>

namespace edu {
namespace {

constexpr const char* kCreateSql = R"sql(
SELECT pg_advisory_xact_lock(hashtext('eduledger.projection_erasures'));
CREATE SCHEMA IF NOT EXISTS eduledger;
CREATE TABLE IF NOT EXISTS eduledger.projection_erasures (
  projection text PRIMARY KEY,
  erasures bigint NOT NULL,
  rebuilt_at timestamptz NOT NULL
);
)sql";

// Runs fn(transaction) on a fresh connection; libpqxx exceptions become a Status.
template <class F>
Status InTransaction(const std::string& uri, const std::string& context, F&& fn) {
  try {
    pqxx::connection conn(uri);
    pqxx::work tx(conn);
    tx.exec(kCreateSql);
    fn(tx);
    tx.commit();
    return Status::OK();
  } catch (const pqxx::broken_connection& e) {
    return Status::Unavailable(context + ": " + e.what());
  } catch (const std::exception& e) {
    return Status::Internal(context + ": " + e.what());
  }
}

}  // namespace

Status RecordErasureRebuild(const std::string& db_uri, const std::string& projection,
                            int64_t erasures) {
  return InTransaction(
      db_uri, "recording the erasure rebuild of " + projection, [&](pqxx::work& tx) {
        tx.exec_params(
            "INSERT INTO eduledger.projection_erasures (projection, erasures, rebuilt_at) "
            "VALUES ($1, $2, now()) ON CONFLICT (projection) DO UPDATE SET "
            "erasures = GREATEST(eduledger.projection_erasures.erasures, EXCLUDED.erasures), "
            "rebuilt_at = now()",
            projection, erasures);
      });
}

ErasureRebuilder::ErasureRebuilder(PersonKeyStore* keys, std::string db_uri, Options options)
    : keys_(keys), uri_(std::move(db_uri)), options_(std::move(options)) {}

ErasureRebuilder::~ErasureRebuilder() { Stop(); }

void ErasureRebuilder::Add(Projector* projector) { projectors_.push_back(projector); }

void ErasureRebuilder::Start() {
  thread_ = std::thread([this] { Loop(); });
}

void ErasureRebuilder::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ErasureRebuilder::Notify() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    notified_ = true;
  }
  wake_.notify_all();
}

void ErasureRebuilder::Loop() {
  for (;;) {
    size_t rebuilt = 0;
    Status s = RunOnce(&rebuilt);
    if (!s.ok() && options_.report)
      options_.report("rebuilding read tables after an erasure: " + s.ToString());
    std::unique_lock<std::mutex> lock(mu_);
    wake_.wait_for(lock, options_.poll, [&] { return stop_ || notified_; });
    if (stop_) return;
    notified_ = false;
  }
}

Status ErasureRebuilder::Behind(std::vector<Projector*>* behind, int64_t* erasures) {
  behind->clear();
  EDU_RETURN_IF_ERROR(keys_->ErasureCount(erasures));
  if (*erasures == 0) return Status::OK();
  std::map<std::string, int64_t> marks;
  EDU_RETURN_IF_ERROR(InTransaction(uri_, "reading projection erasure marks", [&](pqxx::work& tx) {
    for (const auto& row :
         tx.exec("SELECT projection, erasures FROM eduledger.projection_erasures")) {
      marks[row[0].as<std::string>()] = row[1].as<int64_t>();
    }
  }));
  for (Projector* p : projectors_) {
    auto it = marks.find(p->projection().name());
    if (it == marks.end() || it->second < *erasures) behind->push_back(p);
  }
  return Status::OK();
}

Status ErasureRebuilder::RunOnce(size_t* rebuilt) {
  std::lock_guard<std::mutex> run(run_mu_);
  if (rebuilt) *rebuilt = 0;
  std::vector<Projector*> behind;
  int64_t erasures = 0;
  EDU_RETURN_IF_ERROR(Behind(&behind, &erasures));
  Status first;
  for (Projector* p : behind) {
    const std::string name = p->projection().name();
    auto started = std::chrono::steady_clock::now();
    Status s = p->Rebuild();
    if (s.ok()) s = RecordErasureRebuild(uri_, name, erasures);
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (s.ok()) {
      if (rebuilt) ++*rebuilt;
      if (options_.report) {
        options_.report("projection " + name + " rebuilt after erasure " +
                        std::to_string(erasures) + " in " + std::to_string(seconds) + " s");
      }
    } else {
      s = s.Annotate("rebuilding projection " + name + " after an erasure");
      if (first.ok()) first = s;
    }
  }
  return first;
}

Status ErasureRebuilder::WaitUntilCurrent(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    std::vector<Projector*> behind;
    int64_t erasures = 0;
    EDU_RETURN_IF_ERROR(Behind(&behind, &erasures));
    if (behind.empty()) return Status::OK();
    if (std::chrono::steady_clock::now() > deadline) {
      return Status::Timeout("projection " + behind.front()->projection().name() +
                             " was not yet rebuilt after erasure " + std::to_string(erasures));
    }
    Notify();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

}  // namespace edu
