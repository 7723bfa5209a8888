// The result of an I/O operation (LevelDB style): OK, or a code plus a specific message. Adapters
// translate library errors (libpqxx, librdkafka) into a Status at the boundary; nothing above them
// catches library exceptions.
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace edu {

class Status {
 public:
  enum class Code {
    kOk,
    kInvalidArgument,  // the caller's input is wrong; retrying will not help
    kNotFound,
    kWrongExpectedVersion,  // optimistic concurrency: the stream moved on
    kDuplicate,             // e.g. a command id already recorded (details in the out value)
    kCorruption,            // stored data does not decode or verify
    kUnavailable,           // the backend is unreachable; retry later
    kTimeout,
    kInternal,
  };

  Status() = default;
  static Status OK() { return Status(); }
  static Status InvalidArgument(std::string m) {
    return Status(Code::kInvalidArgument, std::move(m));
  }
  static Status NotFound(std::string m) { return Status(Code::kNotFound, std::move(m)); }
  static Status WrongExpectedVersion(std::string m) {
    return Status(Code::kWrongExpectedVersion, std::move(m));
  }
  static Status Duplicate(std::string m) { return Status(Code::kDuplicate, std::move(m)); }
  static Status Corruption(std::string m) { return Status(Code::kCorruption, std::move(m)); }
  static Status Unavailable(std::string m) { return Status(Code::kUnavailable, std::move(m)); }
  static Status Timeout(std::string m) { return Status(Code::kTimeout, std::move(m)); }
  static Status Internal(std::string m) { return Status(Code::kInternal, std::move(m)); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  bool IsWrongExpectedVersion() const { return code_ == Code::kWrongExpectedVersion; }
  bool IsNotFound() const { return code_ == Code::kNotFound; }
  bool IsUnavailable() const { return code_ == Code::kUnavailable; }

  std::string ToString() const;

  // Prefixes the message with context: "reading partition 3: <message>".
  Status Annotate(const std::string& context) const {
    return ok() ? *this : Status(code_, context + ": " + message_);
  }

 private:
  Status(Code c, std::string m) : code_(c), message_(std::move(m)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

const char* StatusCodeName(Status::Code code);

inline std::string Status::ToString() const {
  return ok() ? "OK" : std::string(StatusCodeName(code_)) + ": " + message_;
}

inline const char* StatusCodeName(Status::Code code) {
  switch (code) {
    case Status::Code::kOk:
      return "OK";
    case Status::Code::kInvalidArgument:
      return "invalid argument";
    case Status::Code::kNotFound:
      return "not found";
    case Status::Code::kWrongExpectedVersion:
      return "wrong expected version";
    case Status::Code::kDuplicate:
      return "duplicate";
    case Status::Code::kCorruption:
      return "corruption";
    case Status::Code::kUnavailable:
      return "unavailable";
    case Status::Code::kTimeout:
      return "timeout";
    case Status::Code::kInternal:
      return "internal";
  }
  return "unknown";
}

#define EDU_RETURN_IF_ERROR(expr)              \
  do {                                         \
    ::edu::Status edu_status_ = (expr);        \
    if (!edu_status_.ok()) return edu_status_; \
  } while (0)

}  // namespace edu
