// PgEventLog's signed partition heads (eventstore/head_seal.h): the seals of a new log, the
// periodic re-sealing at a new epoch, adopting a log's current heads on purpose, and reading the
// stored seals. The writers' per-batch seals are in pg_event_log_batch.cc.
#include <algorithm>

#include "eventstore/pg_event_log_internal.h"

namespace edu {
namespace pg_log {
namespace {

constexpr const char* kSealInsert =
    "INSERT INTO eventstore.head_seals (partition, partition_count, next_offset, last_hash, "
    "epoch, sealed_at_us, sealed_since_us, taint, key_id, mac) VALUES ";
constexpr const char* kSealUpsertTail =
    " ON CONFLICT (partition) DO UPDATE SET partition_count = EXCLUDED.partition_count, "
    "next_offset = EXCLUDED.next_offset, last_hash = EXCLUDED.last_hash, epoch = EXCLUDED.epoch, "
    "sealed_at_us = EXCLUDED.sealed_at_us, sealed_since_us = EXCLUDED.sealed_since_us, "
    "taint = EXCLUDED.taint, key_id = EXCLUDED.key_id, mac = EXCLUDED.mac";

// One VALUES row of kSealInsert.
std::string SealValues(pqxx::transaction_base& tx, const HeadSeal& seal) {
  return std::to_string(seal.partition) + "," + std::to_string(seal.partition_count) + "," +
         std::to_string(seal.next_offset) + "," + tx.quote(seal.last_hash) + "," +
         std::to_string(seal.epoch) + "," + std::to_string(seal.sealed_at.micros) + "," +
         std::to_string(seal.sealed_since.micros) + "," + tx.quote(seal.taint) + "," +
         tx.quote(seal.key_id) + "," + tx.quote(seal.mac);
}

}  // namespace

std::optional<HeadSeal> SealFromRow(const pqxx::row& row, int first) {
  if (row[first].is_null()) return std::nullopt;
  HeadSeal seal;
  seal.partition = row[first].as<int>();
  seal.partition_count = row[first + 1].as<int>();
  seal.next_offset = row[first + 2].as<int64_t>();
  seal.last_hash = Text(row[first + 3]);
  seal.epoch = row[first + 4].as<int64_t>();
  seal.sealed_at = Timestamp{row[first + 5].as<int64_t>()};
  seal.sealed_since = Timestamp{row[first + 6].as<int64_t>()};
  seal.taint = Text(row[first + 7]);
  seal.key_id = Text(row[first + 8]);
  seal.mac = Text(row[first + 9]);
  return seal;
}

std::string SealUpsert(pqxx::transaction_base& tx, const std::vector<HeadSeal>& seals) {
  std::string sql = kSealInsert;
  for (size_t i = 0; i < seals.size(); ++i) {
    sql += (i == 0 ? "(" : ",(") + SealValues(tx, seals[i]) + ")";
  }
  return sql + kSealUpsertTail;
}

namespace {

// A partition row and its seal, locked by one of the whole-log sealing transactions.
struct LockedHead {
  int partition = 0;
  int64_t next_offset = 0;
  std::string last_hash;
  std::optional<HeadSeal> stored;
};

// Locks every partition row, ascending as the writers do (so no deadlock with them).
std::vector<LockedHead> LockAllHeads(pqxx::transaction_base& tx) {
  std::vector<LockedHead> heads;
  for (const auto& row :
       tx.exec(std::string("SELECT p.partition, p.next_offset, p.last_hash, ") + kSealColumns +
               " FROM eventstore.partitions p LEFT JOIN eventstore.head_seals s "
               "ON s.partition = p.partition ORDER BY p.partition FOR UPDATE "
               "OF p")) {
    LockedHead h;
    h.partition = row[0].as<int>();
    h.next_offset = row[1].as<int64_t>();
    h.last_hash = Text(row[2]);
    h.stored = SealFromRow(row, 3);
    heads.push_back(std::move(h));
  }
  return heads;
}

}  // namespace
}  // namespace pg_log

using pg_log::Connect;
using pg_log::Guard;
using pg_log::IsOpen;
using pg_log::kSealColumns;
using pg_log::LockAllHeads;
using pg_log::LockedHead;
using pg_log::SealFromRow;
using pg_log::SealUpsert;

void PgEventLog::Impl::SealNewLog(pqxx::transaction_base& tx) {
  pqxx::row r = tx.exec1(
      "SELECT (SELECT count(*) FROM eventstore.head_seals), (SELECT coalesce(max(next_offset), 0) "
      "FROM eventstore.partitions)");
  // A log with events but no seal is adopted only on purpose (SealCurrentHeads): removing every
  // seal must not make the next start sign whatever the tables then hold.
  if (r[0].as<int64_t>() != 0 || r[1].as<int64_t>() != 0) return;
  const Timestamp now = options_.clock->Now();
  std::vector<HeadSeal> seals;
  for (int p = 0; p < options_.partitions; ++p) {
    HeadSeal seal;
    seal.partition = p;
    seal.partition_count = options_.partitions;
    seal.sealed_at = now;
    seal.sealed_since = now;
    seal.Sign(options_.seal_key);
    seals.push_back(std::move(seal));
  }
  tx.exec(SealUpsert(tx, seals));
}

Status PgEventLog::Impl::SealAll(pqxx::connection& c, bool adopt,
                                 const std::vector<std::pair<int64_t, std::string>>* verified) {
  const SealKey& key = options_.seal_key;
  pqxx::work tx(c);
  std::vector<LockedHead> heads = LockAllHeads(tx);
  if (heads.size() != static_cast<size_t>(options_.partitions)) {
    return Status::Corruption("eventstore.partitions holds " + std::to_string(heads.size()) +
                              " rows; the log has " + std::to_string(options_.partitions) +
                              " partitions");
  }
  int64_t newest_epoch = 0;
  bool any_seal = false;
  for (const LockedHead& h : heads) {
    any_seal = any_seal || h.stored.has_value();
    if (h.stored && h.stored->Verifies(key)) newest_epoch = std::max(newest_epoch, h.stored->epoch);
    if (verified != nullptr) {
      const auto& [offset, hash] = (*verified)[static_cast<size_t>(h.partition)];
      if (h.next_offset != offset || h.last_hash != hash) {
        return Status::WrongExpectedVersion(
            "partition " + std::to_string(h.partition) + " moved while it was being verified (" +
            std::to_string(offset) + " events then, " + std::to_string(h.next_offset) +
            " now); nothing was signed: run it again, or stop the writers first");
      }
    }
  }
  // Nothing to carry forward: evidence that every seal is gone stays as it is (verify reports it).
  if (!adopt && !any_seal) return Status::OK();
  const Timestamp now = options_.clock->Now();
  std::vector<HeadSeal> seals;
  for (const LockedHead& h : heads) {
    HeadSeal seal;
    seal.partition = h.partition;
    seal.partition_count = options_.partitions;
    seal.next_offset = h.next_offset;
    seal.last_hash = h.last_hash;
    seal.epoch = newest_epoch + 1;
    seal.sealed_at = now;
    seal.sealed_since = now;
    if (!adopt) {
      SealCarry carry = CarryForward(key, h.partition, options_.partitions, h.next_offset,
                                     h.last_hash, h.stored ? &*h.stored : nullptr, now);
      seal.sealed_since = carry.sealed_since;
      seal.taint = std::move(carry.taint);
      if (h.stored && h.stored->Verifies(key) && h.stored->epoch < newest_epoch) {
        seal.taint += (seal.taint.empty() ? "" : "; later ") + std::string("at offset ") +
                      std::to_string(h.next_offset) + " the re-sealing found a seal of epoch " +
                      std::to_string(h.stored->epoch) + " while the others were at epoch " +
                      std::to_string(newest_epoch) +
                      ": the partition was rolled back to an earlier seal";
      }
    }
    seal.Sign(key);
    seals.push_back(std::move(seal));
  }
  tx.exec(SealUpsert(tx, seals));
  tx.commit();
  return Status::OK();
}

Status PgEventLog::Impl::ReadSeals(std::vector<HeadSeal>* out) {
  out->clear();
  return reads_.Run("reading the signed heads", [&](pqxx::connection& c) {
    pqxx::nontransaction tx(c);
    for (const auto& row : tx.exec(std::string("SELECT ") + kSealColumns +
                                   " FROM eventstore.head_seals s ORDER BY s.partition")) {
      out->push_back(*SealFromRow(row, 0));
    }
    return Status::OK();
  });
}

Status PgEventLog::Impl::SealCurrentHeads(
    const std::vector<std::pair<int64_t, std::string>>* verified) {
  if (options_.seal_key.empty()) return Status::InvalidArgument("signing heads needs an audit key");
  if (verified != nullptr && verified->size() != static_cast<size_t>(options_.partitions)) {
    return Status::InvalidArgument("expected the verified heads of all " +
                                   std::to_string(options_.partitions) + " partitions");
  }
  std::lock_guard<std::mutex> lock(sealer_conn_mu_);
  if (!IsOpen(sealer_conn_)) EDU_RETURN_IF_ERROR(Connect(uri_, "sealer", nullptr, &sealer_conn_));
  return Guard("signing the partition heads",
               [&] { return SealAll(*sealer_conn_, /*adopt=*/true, verified); });
}

Status PgEventLog::Impl::Reseal() {
  if (options_.seal_key.empty()) return Status::InvalidArgument("re-sealing needs an audit key");
  std::lock_guard<std::mutex> lock(sealer_conn_mu_);
  if (!IsOpen(sealer_conn_)) EDU_RETURN_IF_ERROR(Connect(uri_, "sealer", nullptr, &sealer_conn_));
  return Guard("re-sealing the partition heads",
               [&] { return SealAll(*sealer_conn_, /*adopt=*/false, nullptr); });
}

void PgEventLog::Impl::SealerLoop() {
  std::unique_lock<std::mutex> lock(sealer_mu_);
  while (!sealer_cv_.wait_for(lock, options_.seal_interval, [&] { return sealer_stop_; })) {
    lock.unlock();
    Reseal();  // a failure (database away) is retried at the next interval on a new connection
    lock.lock();
  }
}

}  // namespace edu
