#include "eventstore/head_seal.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

#include "eventstore/envelope_codec.h"

namespace edu {
namespace {

std::string Hex(const unsigned char* data, size_t size) {
  static const char* kDigits = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (size_t i = 0; i < size; ++i) {
    out += kDigits[data[i] >> 4];
    out += kDigits[data[i] & 15];
  }
  return out;
}

std::string Short(const std::string& hash) {
  return hash.empty() ? std::string("none") : hash.substr(0, 12) + "…";
}

// "offset 41 (hash 3fa2…)" or "empty" for a head.
std::string HeadText(int64_t next_offset, const std::string& last_hash) {
  if (next_offset <= 0) return "empty (no event)";
  return "offset " + std::to_string(next_offset - 1) + " (hash " + Short(last_hash) + ")";
}

Status MakeDirectories(const std::string& dir) {
  if (dir.empty()) return Status::OK();
  struct stat st {};
  if (stat(dir.c_str(), &st) == 0) return Status::OK();
  size_t slash = dir.find_last_of('/');
  if (slash != std::string::npos && slash > 0) {
    EDU_RETURN_IF_ERROR(MakeDirectories(dir.substr(0, slash)));
  }
  if (mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
    return Status::Internal("cannot create directory " + dir + ": " + std::strerror(errno));
  }
  return Status::OK();
}

Status ReadKeyFile(const std::string& path, SealKey* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("audit key file " + path + " does not exist");
  std::stringstream content;
  content << in.rdbuf();
  std::string bytes = content.str();
  while (!bytes.empty() && std::isspace(static_cast<unsigned char>(bytes.back()))) bytes.pop_back();
  Status s = SealKey::FromBytes(std::move(bytes), out);
  return s.ok() ? s : Status::InvalidArgument("audit key file " + path + ": " + s.message());
}

}  // namespace

Status SealKey::FromBytes(std::string bytes, SealKey* out) {
  if (bytes.size() < kMinBytes) {
    return Status::InvalidArgument("an audit key needs at least " + std::to_string(kMinBytes) +
                                   " bytes, got " + std::to_string(bytes.size()));
  }
  out->bytes_ = std::move(bytes);
  out->id_ = Sha256Hex("eduledger audit key id\n" + out->bytes_).substr(0, 16);
  return Status::OK();
}

Status SealKey::FromFile(const std::string& path, bool create, SealKey* out) {
  Status read = ReadKeyFile(path, out);
  if (read.code() != Status::Code::kNotFound || !create) return read;
  size_t slash = path.find_last_of('/');
  if (slash != std::string::npos) EDU_RETURN_IF_ERROR(MakeDirectories(path.substr(0, slash)));
  unsigned char raw[32];
  if (RAND_bytes(raw, sizeof raw) != 1) return Status::Internal("no randomness for an audit key");
  std::string text = Hex(raw, sizeof raw) + "\n";
  // Written aside and linked into place: concurrent creators agree on one key, and nobody reads a
  // half-written file.
  std::string temporary = path + ".tmp." + std::to_string(getpid());
  int fd = open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return Status::Internal("cannot create " + temporary + ": " + std::strerror(errno));
  bool written = write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  written = fsync(fd) == 0 && written;
  close(fd);
  if (!written) {
    unlink(temporary.c_str());
    return Status::Internal("cannot write " + temporary);
  }
  int linked = link(temporary.c_str(), path.c_str());
  int link_errno = errno;
  unlink(temporary.c_str());
  if (linked != 0 && link_errno != EEXIST) {
    return Status::Internal("cannot create " + path + ": " + std::strerror(link_errno));
  }
  return ReadKeyFile(path, out);
}

std::string SealKey::Mac(const std::string& message) const {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_len = 0;
  HMAC(EVP_sha256(), bytes_.data(), static_cast<int>(bytes_.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac, &mac_len);
  return Hex(mac, mac_len);
}

std::string DefaultSealKeyPath() {
  const char* xdg = std::getenv("XDG_DATA_HOME");
  if (xdg != nullptr && xdg[0] == '/') return std::string(xdg) + "/eduledger/audit.key";
  const char* home = std::getenv("HOME");
  return std::string(home != nullptr && home[0] != '\0' ? home : "/tmp") +
         "/.local/share/eduledger/audit.key";
}

std::string HeadSeal::Message() const {
  return "eduledger head seal v1\npartition " + std::to_string(partition) + "\npartitions " +
         std::to_string(partition_count) + "\nnext_offset " + std::to_string(next_offset) +
         "\nlast_hash " + last_hash + "\nepoch " + std::to_string(epoch) + "\nsealed_at " +
         std::to_string(sealed_at.micros) + "\nsealed_since " +
         std::to_string(sealed_since.micros) + "\nkey " + key_id + "\ntaint " + taint;
}

void HeadSeal::Sign(const SealKey& key) {
  key_id = key.id();
  mac = key.Mac(Message());
}

bool HeadSeal::Verifies(const SealKey& key) const {
  if (key.empty() || key_id != key.id() || mac.size() != 64) return false;
  std::string expected = key.Mac(Message());
  unsigned diff = 0;  // constant time: a forger learns nothing from how long a check took
  for (size_t i = 0; i < expected.size(); ++i) diff |= static_cast<unsigned>(expected[i] ^ mac[i]);
  return diff == 0;
}

SealCarry CarryForward(const SealKey& key, int partition, int partition_count, int64_t next_offset,
                       const std::string& last_hash, const HeadSeal* stored, Timestamp now) {
  constexpr size_t kMaxTaint = 2000;
  SealCarry carry;
  carry.sealed_since = now;
  const std::string where = "at offset " + std::to_string(next_offset) + " a writer found ";
  std::string found;
  if (stored == nullptr) {
    found = where + "no signed head (seal removed, or the partition was written without the key)";
  } else if (!stored->Verifies(key)) {
    carry.epoch = stored->epoch > 0 ? stored->epoch : 1;
    found = where + (stored->key_id == key.id()
                         ? "a signed head whose signature does not verify (forged)"
                         : "a head signed with another key (id " + stored->key_id + ")");
  } else {
    carry.epoch = stored->epoch;
    carry.sealed_since = stored->sealed_since;
    carry.taint = stored->taint;
    if (stored->partition != partition || stored->partition_count != partition_count) {
      found = where + "the seal of partition " + std::to_string(stored->partition) + " of " +
              std::to_string(stored->partition_count) + " in the place of partition " +
              std::to_string(partition) + " of " + std::to_string(partition_count);
    } else if (stored->next_offset != next_offset || stored->last_hash != last_hash) {
      found = where + "the head " + HeadText(next_offset, last_hash) +
              " where the signed head is " + HeadText(stored->next_offset, stored->last_hash) +
              ", signed " + FormatIso8601(stored->sealed_at);
    }
  }
  if (!found.empty()) {
    if (carry.taint.empty()) {
      carry.taint = found;
    } else if (carry.taint.size() + found.size() < kMaxTaint) {
      carry.taint += "; later " + found;
    }
  }
  return carry;
}

Status CheckSeals(EventLog* log, const SealKey& key, const std::vector<HeadSeal>& seals,
                  const std::vector<int64_t>& ends, SealReport* report) {
  *report = SealReport{};
  report->seals = static_cast<int>(seals.size());
  const int count = log->partition_count();
  auto add = [&](int partition, int64_t offset, std::string what) {
    report->findings.push_back(SealFinding{partition, offset, std::move(what)});
  };
  if (seals.empty()) {
    add(-1, -1,
        "the log carries no signed head at all: it was written without an audit key, or every "
        "seal was removed; nothing proves that events were not removed, rewritten or appended by "
        "hand ('eduledger audit seal' signs the current heads)");
    return Status::OK();
  }
  std::map<int, const HeadSeal*> by_partition;
  for (const HeadSeal& s : seals) {
    if (s.partition < 0 || s.partition >= count) {
      add(s.partition, -1,
          "a signed head exists for partition " + std::to_string(s.partition) +
              " but the log has " + std::to_string(count) +
              " partitions: partitions were removed (their events are gone)");
      continue;
    }
    by_partition[s.partition] = &s;
    if (s.Verifies(key) && s.epoch > report->epoch) report->epoch = s.epoch;
  }
  bool first_valid = true;
  for (int p = 0; p < count; ++p) {
    auto it = by_partition.find(p);
    if (it == by_partition.end()) {
      add(p, -1,
          "no signed head: its seal was removed (every partition gets one from the start), so "
          "whatever happened to its events is hidden from the seals");
      continue;
    }
    const HeadSeal& s = *it->second;
    if (!s.Verifies(key)) {
      add(p, s.next_offset - 1,
          s.key_id == key.id()
              ? "the signed head's signature does not verify: the seal was forged or edited"
              : "the head is signed with another key (id " + s.key_id + "; this verifier holds " +
                    key.id() +
                    "): forged, or verify with the key the writers use (audit.key / "
                    "audit.key_file)");
      continue;
    }
    if (first_valid || s.sealed_at > report->newest_sealed) report->newest_sealed = s.sealed_at;
    if (first_valid || s.sealed_since < report->oldest_since) report->oldest_since = s.sealed_since;
    first_valid = false;
    const std::string head =
        HeadText(s.next_offset, s.last_hash) + ", signed " + FormatIso8601(s.sealed_at);
    const std::string signed_head = "the signed head is " + head;
    const int64_t end = static_cast<size_t>(p) < ends.size() ? ends[static_cast<size_t>(p)] : 0;
    size_t before = report->findings.size();
    if (s.partition_count != count) {
      add(p, -1,
          "its seal was made for a log of " + std::to_string(s.partition_count) +
              " partitions; this one has " + std::to_string(count) +
              ": partitions were added or removed");
    }
    if (s.next_offset > 0) {
      std::vector<RecordedEvent> at;
      EDU_RETURN_IF_ERROR(log->ReadPartition(p, s.next_offset - 1, 1, &at)
                              .Annotate("reading partition " + std::to_string(p)));
      if (at.empty() || at.front().offset != s.next_offset - 1) {
        if (end == 0 && at.empty()) {
          add(p, s.next_offset - 1,
              "the whole partition was deleted: " + signed_head +
                  ", and the log holds none of "
                  "its " +
                  std::to_string(s.next_offset) + " signed event(s)");
        } else {
          add(p, s.next_offset - 1,
              "signed events were removed: " + signed_head + ", but the log " +
                  (end > 0 ? "ends at offset " + std::to_string(end - 1) : "holds no event there") +
                  (end < s.next_offset
                       ? ": " + std::to_string(s.next_offset - end) + " event(s) cut off the end"
                       : ""));
        }
      } else if (at.front().hash != s.last_hash) {
        add(p, s.next_offset - 1,
            "the partition was rewritten: " + signed_head + ", but the event there now has hash " +
                Short(at.front().hash) +
                ": an event at or before that offset was edited, replaced or removed and every "
                "hash after it recomputed (the chain alone cannot show this)");
      }
    }
    if (end > s.next_offset) {
      add(p, s.next_offset,
          std::to_string(end - s.next_offset) + " event(s) at offsets " +
              std::to_string(s.next_offset) + ".." + std::to_string(end - 1) +
              " lie past the signed head (" + head + "): they were appended without the audit key");
    }
    if (!s.taint.empty()) {
      add(p, -1, "its head was changed without the key before later appends: " + s.taint);
    }
    if (s.epoch < report->epoch) {
      add(p, s.next_offset - 1,
          "its seal is from re-sealing epoch " + std::to_string(s.epoch) +
              " while the newest is epoch " + std::to_string(report->epoch) +
              ": the partition was rolled back to an earlier seal, and events appended after "
              "it were removed");
    }
    if (report->findings.size() == before) ++report->verified;
  }
  return Status::OK();
}

}  // namespace edu
