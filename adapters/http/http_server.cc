// Boost.Beast transport for HttpApi. Each connection has its own thread and its own io_context:
// the thread runs one asynchronous operation at a time to completion (io_context::run), which
// gives blocking-style code with real timeouts (a timer that cancels the operation; unlike
// beast::tcp_stream's expiry it leaves the socket open, so a 408 can still be sent) and a way for
// Stop() to interrupt a read from another thread (a handler posted to that io_context).
#include "adapters/http/http_server.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "eventstore/metrics.h"
#include "eventstore/structured_log.h"

namespace edu {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

constexpr uint32_t kHeaderLimit = 16 * 1024;
// After an error response the rest of the request is read and dropped for a moment, so that the
// kernel does not reset the connection (and lose the response) over unread data.
constexpr auto kLingerTime = std::chrono::milliseconds(1000);
constexpr size_t kLingerBytes = 16 << 20;

struct Connection {
  uint64_t id = 0;
  net::io_context ioc{1};
  tcp::socket socket{ioc};
  net::steady_timer timer{ioc};
  std::thread thread;
  std::string peer;      // the client address; set before the thread starts
  bool reading = false;  // only touched on the connection's own thread (handlers run there)
  // Guarded by Impl::mu:
  bool done = false;
  bool awaiting = false;  // idle: waiting for the headers of a request
  bool served = false;    // has sent a request before (an idle keep-alive connection)
  bool evicted = false;   // closed to make room; no longer counted as live
  std::chrono::steady_clock::time_point idle_since;
};

bool IsDisconnect(const beast::error_code& ec) {
  return ec == http::error::end_of_stream || ec == net::error::eof ||
         ec == net::error::connection_reset || ec == net::error::broken_pipe ||
         ec == net::error::operation_aborted || ec == net::error::not_connected ||
         ec == http::error::partial_message;
}

std::string Lower(beast::string_view s) {
  std::string out(s.data(), s.size());
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

RateLimitOptions RateLimitOptionsFromConfig(const RateLimitConfig& config) {
  RateLimitOptions o;
  const std::chrono::seconds minute(60);
  o.per_actor = RateLimit{config.requests_per_minute, minute};
  for (const char* m : {"mentorship", "peerloop", "skillspring", "uhs"}) {
    MarketplaceRateLimits limits;
    auto own = config.marketplace_requests_per_minute.find(m);
    limits.per_actor = own == config.marketplace_requests_per_minute.end()
                           ? o.per_actor
                           : RateLimit{own->second, minute};
    if (auto routes = config.routes.find(m); routes != config.routes.end()) {
      for (const auto& [type, r] : routes->second) {
        limits.per_route[type] = RateLimit{r.requests, std::chrono::seconds(r.window_seconds)};
      }
    }
    o.marketplaces[m] = std::move(limits);
  }
  if (config.exempt_roles != "none") {
    size_t start = 0;
    while (start <= config.exempt_roles.size()) {
      size_t comma = config.exempt_roles.find(',', start);
      if (comma == std::string::npos) comma = config.exempt_roles.size();
      std::string role = config.exempt_roles.substr(start, comma - start);
      role.erase(0, role.find_first_not_of(' '));
      role.erase(role.find_last_not_of(' ') + 1);
      if (!role.empty()) o.exempt_roles.insert(role);
      start = comma + 1;
    }
  }
  o.auth_failures = config.auth_failures;
  o.lockout = std::chrono::seconds(config.lockout_seconds);
  return o;
}

}  // namespace

HttpServerOptions HttpServerOptions::FromConfig(const Config& config) {
  HttpServerOptions o;
  o.host = config.http.host;
  o.port = config.http.port;
  o.max_body_bytes = config.http.max_body_bytes;
  o.max_connections = config.http.max_connections;
  o.max_connections_per_address = config.http.max_connections_per_address;
  o.header_timeout = std::chrono::milliseconds(config.http.header_timeout_ms);
  o.read_timeout = std::chrono::milliseconds(config.http.read_timeout_ms);
  o.write_timeout = std::chrono::milliseconds(config.http.read_timeout_ms);
  o.max_wait = std::chrono::milliseconds(config.http.max_wait_ms);
  o.max_json_depth = config.http.max_json_depth;
  o.max_token_lifetime_seconds = config.jwt_max_lifetime_seconds;
  o.rate_limits = RateLimitOptionsFromConfig(config.rate_limits);
  return o;
}

struct HttpServer::Impl {
  Impl(HttpApiContext context, HttpServerOptions opts)
      : options(std::move(opts)), api(std::move(context), ApiOptions(options), &stopping) {}

  static HttpApiOptions ApiOptions(const HttpServerOptions& o) {
    HttpApiOptions api;
    api.max_wait = o.max_wait;
    api.max_json_depth = o.max_json_depth;
    api.max_token_lifetime_seconds = o.max_token_lifetime_seconds;
    api.rate_limits = o.rate_limits;
    return api;
  }

  HttpServerOptions options;
  std::atomic<bool> stopping{false};
  HttpApi api;

  net::io_context accept_ioc{1};
  tcp::acceptor acceptor{accept_ioc};
  std::thread accept_thread;
  int bound_port = 0;

  std::mutex stop_mu;
  bool stopped = false;

  mutable std::mutex mu;
  std::map<uint64_t, std::unique_ptr<Connection>> connections;
  std::vector<uint64_t> finished;
  uint64_t next_id = 1;
  std::atomic<int> active{0};  // connection threads running
  // Connections not evicted, in total and per client address (guarded by mu).
  int live = 0;
  std::map<std::string, int> live_per_address;

  void AcceptLoop();
  void ReapFinished();
  // Whether a new connection from `peer` fits, after closing idle connections to make room.
  bool MakeRoomLocked(const std::string& peer);
  Connection* OldestIdleLocked(const std::string* peer);
  void EvictLocked(Connection* c);
  void CountLiveLocked(Connection* c, int delta);
  void SetAwaiting(Connection* c, bool awaiting);
  void RejectBusy(Connection* c, const std::string& why);
  void Serve(Connection* c);
  bool ServeOne(Connection* c, beast::flat_buffer& buffer, const std::string& peer_ip);

  // Runs one asynchronous operation on the connection's io_context to completion.
  template <class Initiate>
  beast::error_code RunOp(Connection* c, std::chrono::milliseconds timeout, bool reading,
                          Initiate&& initiate, std::size_t* bytes = nullptr) {
    beast::error_code result = net::error::operation_aborted;
    bool timed_out = false;
    c->timer.expires_after(timeout);
    c->timer.async_wait([c, &timed_out](beast::error_code ec) {
      if (ec) return;  // the operation finished first
      timed_out = true;
      beast::error_code ignored;
      c->socket.cancel(ignored);
    });
    c->reading = reading;
    initiate([c, &result, bytes](beast::error_code ec, std::size_t n) {
      result = ec;
      if (bytes != nullptr) *bytes = n;
      c->timer.cancel();
    });
    c->ioc.restart();
    c->ioc.run();
    c->reading = false;
    if (timed_out && result == net::error::operation_aborted) return beast::error::timeout;
    return result;
  }

  bool Write(Connection* c, unsigned version, const HttpResponseData& data, bool keep_alive) {
    http::response<http::string_body> res;
    res.version(version == 10 ? 10 : 11);
    res.result(static_cast<unsigned>(data.status));
    res.set(http::field::server, "eduledger");
    res.set(http::field::content_type, "application/json");
    for (const auto& [name, value] : data.headers) res.set(name, value);
    if (data.status == 503 && res.find(http::field::retry_after) == res.end()) {
      res.set(http::field::retry_after, "1");
    }
    res.keep_alive(keep_alive);
    res.body() = data.body;
    res.prepare_payload();
    auto ec = RunOp(c, options.write_timeout, false,
                    [&](auto handler) { http::async_write(c->socket, res, handler); });
    return !ec;
  }

  // Sends an error response and closes the connection politely.
  void FailAndClose(Connection* c, unsigned version, int status, ErrorKind kind, const char* code,
                    const std::string& message) {
    metrics::RecordHttpRequest("(transport)", "other", status, 0);
    Write(c, version, HttpApi::Error(status, kind, code, message), false);
    LingeringClose(c);
  }

  void LingeringClose(Connection* c) {
    beast::error_code ec;
    c->socket.shutdown(tcp::socket::shutdown_send, ec);
    auto deadline = std::chrono::steady_clock::now() + kLingerTime;
    size_t drained = 0;
    char scratch[16 * 1024];
    while (!stopping && drained < kLingerBytes) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) break;
      size_t got = 0;
      ec = RunOp(
          c, left, true,
          [&](auto handler) { c->socket.async_read_some(net::buffer(scratch), handler); }, &got);
      if (ec) break;
      drained += got;
    }
    c->socket.close(ec);
  }
};

void HttpServer::Impl::AcceptLoop() {
  while (!stopping) {
    auto conn = std::make_unique<Connection>();
    beast::error_code ec = net::error::operation_aborted;
    acceptor.async_accept(conn->socket, [&ec](beast::error_code e) { ec = e; });
    accept_ioc.restart();
    accept_ioc.run();
    if (stopping) break;
    ReapFinished();
    if (ec) {
      // Out of file descriptors and the like: back off instead of spinning.
      logging::Log(logging::Level::kError, "http_accept_failed", {{"error", ec.message()}});
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      continue;
    }
    beast::error_code peer_ec;
    auto remote = conn->socket.remote_endpoint(peer_ec);
    conn->peer = peer_ec ? std::string() : remote.address().to_string();
    Connection* raw = conn.get();
    bool admitted = false;
    {
      std::lock_guard<std::mutex> lock(mu);
      admitted = MakeRoomLocked(raw->peer);
      if (admitted) {
        raw->id = next_id++;
        raw->awaiting = true;
        raw->idle_since = std::chrono::steady_clock::now();
        connections[raw->id] = std::move(conn);
        CountLiveLocked(raw, +1);
        ++active;
      }
    }
    if (!admitted) {
      RejectBusy(raw,
                 "every connection the server allows" +
                     std::string(raw->peer.empty() ? "" : " (or allows from " + raw->peer + ")") +
                     " is handling a request");
      continue;
    }
    try {
      raw->thread = std::thread([this, raw] {
        Serve(raw);
        std::lock_guard<std::mutex> lock(mu);
        raw->done = true;
        if (!raw->evicted) CountLiveLocked(raw, -1);
        finished.push_back(raw->id);
        --active;
      });
    } catch (const std::exception& e) {
      std::lock_guard<std::mutex> lock(mu);
      logging::Log(logging::Level::kError, "http_thread_failed",
                   {{"error", std::string(e.what())}});
      --active;
      if (!raw->evicted) CountLiveLocked(raw, -1);
      connections.erase(raw->id);  // closes the socket
    }
  }
}

void HttpServer::Impl::ReapFinished() {
  std::vector<std::unique_ptr<Connection>> done;
  {
    std::lock_guard<std::mutex> lock(mu);
    for (uint64_t id : finished) {
      auto it = connections.find(id);
      if (it == connections.end()) continue;
      done.push_back(std::move(it->second));
      connections.erase(it);
    }
    finished.clear();
  }
  for (auto& c : done) {
    if (c->thread.joinable()) c->thread.join();
  }
}

void HttpServer::Impl::CountLiveLocked(Connection* c, int delta) {
  live += delta;
  int& n = live_per_address[c->peer];
  n += delta;
  if (n <= 0) live_per_address.erase(c->peer);
}

bool HttpServer::Impl::MakeRoomLocked(const std::string& peer) {
  auto it = live_per_address.find(peer);
  if (it != live_per_address.end() && it->second >= options.max_connections_per_address) {
    Connection* victim = OldestIdleLocked(&peer);
    if (victim == nullptr) return false;
    EvictLocked(victim);
  }
  if (live >= options.max_connections) {
    Connection* victim = OldestIdleLocked(nullptr);
    if (victim == nullptr) return false;
    EvictLocked(victim);
  }
  return true;
}

// Connections that never sent a request go first (that is what a flood of idle sockets looks
// like), then idle keep-alive connections; the oldest of each first.
Connection* HttpServer::Impl::OldestIdleLocked(const std::string* peer) {
  Connection* best = nullptr;
  for (auto& [id, c] : connections) {
    if (c->done || c->evicted || !c->awaiting) continue;
    if (peer != nullptr && c->peer != *peer) continue;
    if (best == nullptr || (best->served && !c->served) ||
        (best->served == c->served && c->idle_since < best->idle_since)) {
      best = c.get();
    }
  }
  return best;
}

void HttpServer::Impl::EvictLocked(Connection* c) {
  metrics::RecordConnectionRefused("evicted_idle");
  c->evicted = true;
  CountLiveLocked(c, -1);
  // Runs on the connection's thread. A request may have arrived meanwhile: then the connection
  // is busy, not idle, and stays (counted again).
  net::post(c->ioc, [this, c] {
    std::lock_guard<std::mutex> lock(mu);
    if (c->awaiting && c->reading) {
      beast::error_code ignored;
      c->socket.cancel(ignored);
    } else if (c->evicted && !c->done) {
      c->evicted = false;
      CountLiveLocked(c, +1);
    }
  });
}

void HttpServer::Impl::SetAwaiting(Connection* c, bool awaiting) {
  std::lock_guard<std::mutex> lock(mu);
  c->awaiting = awaiting;
  if (awaiting) {
    c->idle_since = std::chrono::steady_clock::now();
  } else {
    c->served = true;
  }
}

void HttpServer::Impl::RejectBusy(Connection* c, const std::string& why) {
  metrics::RecordConnectionRefused("too_many_connections");
  // A short synchronous write to a fresh socket: it fits the send buffer, so it cannot block.
  HttpResponseData data = HttpApi::Error(503, ErrorKind::kUnavailable,
                                         codes::kTooManyConnections.code, why + "; retry shortly");
  http::response<http::string_body> res{http::status::service_unavailable, 11};
  res.set(http::field::server, "eduledger");
  res.set(http::field::content_type, "application/json");
  res.set(http::field::retry_after, "1");
  res.keep_alive(false);
  res.body() = data.body;
  res.prepare_payload();
  beast::error_code ec;
  http::write(c->socket, res, ec);
  c->socket.shutdown(tcp::socket::shutdown_both, ec);
  c->socket.close(ec);
}

void HttpServer::Impl::Serve(Connection* c) {
  try {
    beast::error_code ec;
    std::string peer_ip;
    auto remote = c->socket.remote_endpoint(ec);
    if (!ec) peer_ip = remote.address().to_string();
    c->socket.set_option(tcp::no_delay(true), ec);
    beast::flat_buffer buffer;
    while (!stopping && ServeOne(c, buffer, peer_ip)) {
    }
    c->socket.shutdown(tcp::socket::shutdown_send, ec);
    c->socket.close(ec);
  } catch (const std::exception& e) {
    logging::Log(logging::Level::kError, "http_connection_failed",
                 {{"error", std::string(e.what())}});
    beast::error_code ec;
    c->socket.close(ec);
  }
}

// Reads one request and answers it. Returns whether the connection stays open.
bool HttpServer::Impl::ServeOne(Connection* c, beast::flat_buffer& buffer,
                                const std::string& peer_ip) {
  http::request_parser<http::string_body> parser;
  parser.header_limit(kHeaderLimit);
  parser.body_limit(static_cast<std::uint64_t>(options.max_body_bytes));

  // Idle until the headers are in: evictable, and bounded by the (short) header timeout.
  const auto header_timeout = std::min(options.header_timeout, options.read_timeout);
  SetAwaiting(c, true);
  auto ec = RunOp(c, header_timeout, true, [&](auto handler) {
    http::async_read_header(c->socket, buffer, parser, handler);
  });
  SetAwaiting(c, false);
  const unsigned version = parser.is_header_done() ? parser.get().version() : 11;
  const std::string too_large =
      "the request body exceeds the limit of " + std::to_string(options.max_body_bytes) + " bytes";
  if (ec) {
    if (ec == beast::error::timeout) {
      metrics::RecordConnectionRefused("header_timeout");
      // An idle keep-alive connection just closes; a request that started and stalled is told.
      if (parser.got_some()) {
        FailAndClose(c, version, 408, ErrorKind::kMalformed, codes::kRequestTimeout.code,
                     "the request headers did not arrive within " +
                         std::to_string(header_timeout.count()) + " ms");
      }
    } else if (ec == http::error::body_limit) {
      FailAndClose(c, version, 413, ErrorKind::kMalformed, codes::kBodyTooLarge.code, too_large);
    } else if (ec == http::error::header_limit) {
      FailAndClose(c, version, 431, ErrorKind::kMalformed, codes::kHeadersTooLarge.code,
                   "the request headers exceed " + std::to_string(kHeaderLimit) + " bytes");
    } else if (!IsDisconnect(ec)) {
      FailAndClose(c, version, 400, ErrorKind::kMalformed, codes::kMalformedHttp.code,
                   "the request is not valid HTTP/1.1: " + ec.message());
    }
    return false;
  }

  if (!parser.is_done()) {
    auto& header = parser.get();
    if (beast::iequals(header[http::field::expect], "100-continue")) {
      http::response<http::empty_body> proceed{http::status::continue_, header.version()};
      if (RunOp(c, options.write_timeout, false,
                [&](auto handler) { http::async_write(c->socket, proceed, handler); })) {
        return false;
      }
    }
    ec = RunOp(c, options.read_timeout, true,
               [&](auto handler) { http::async_read(c->socket, buffer, parser, handler); });
    if (ec) {
      if (ec == http::error::body_limit) {
        FailAndClose(c, version, 413, ErrorKind::kMalformed, codes::kBodyTooLarge.code, too_large);
      } else if (ec == beast::error::timeout) {
        FailAndClose(c, version, 408, ErrorKind::kMalformed, codes::kRequestTimeout.code,
                     "the request body did not arrive within " +
                         std::to_string(options.read_timeout.count()) + " ms");
      } else if (!IsDisconnect(ec)) {
        FailAndClose(c, version, 400, ErrorKind::kMalformed, codes::kMalformedHttp.code,
                     "the request body is not valid HTTP/1.1: " + ec.message());
      }
      return false;
    }
  }

  http::request<http::string_body> req = parser.release();
  HttpRequestData data;
  data.method = std::string(req.method_string());
  data.target = std::string(req.target());
  for (const auto& field : req) {
    std::string name = Lower(field.name_string());
    auto [it, fresh] = data.headers.emplace(name, std::string(field.value()));
    if (!fresh) it->second += ", " + std::string(field.value());
  }
  data.body = std::move(req.body());
  data.peer_ip = peer_ip;

  HttpResponseData response = api.Handle(data);
  bool keep_alive = req.keep_alive() && !stopping;
  if (!Write(c, req.version(), response, keep_alive)) return false;
  return keep_alive;
}

HttpServer::HttpServer(HttpApiContext context, HttpServerOptions options)
    : impl_(std::make_unique<Impl>(std::move(context), std::move(options))) {}

HttpServer::~HttpServer() { Stop(); }

Status HttpServer::Start() {
  Impl& s = *impl_;
  const std::string where = s.options.host + ":" + std::to_string(s.options.port);
  if (s.options.port < 0 || s.options.port > 65535) {
    return Status::InvalidArgument("cannot listen on " + where + ": port out of range");
  }
  beast::error_code ec;
  tcp::resolver resolver(s.accept_ioc);
  auto endpoints = resolver.resolve(s.options.host, std::to_string(s.options.port),
                                    tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec || endpoints.empty()) {
    return Status::InvalidArgument("cannot listen on " + where + ": host '" + s.options.host +
                                   "' does not resolve: " + ec.message());
  }
  tcp::endpoint endpoint = endpoints.begin()->endpoint();
  s.acceptor.open(endpoint.protocol(), ec);
  if (!ec) s.acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) s.acceptor.bind(endpoint, ec);
  if (!ec) s.acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    beast::error_code ignored;
    s.acceptor.close(ignored);
    return Status::Unavailable("cannot listen on " + where + ": " + ec.message());
  }
  s.bound_port = s.acceptor.local_endpoint(ec).port();
  s.accept_thread = std::thread([&s] { s.AcceptLoop(); });
  return Status::OK();
}

void HttpServer::Stop() {
  Impl& s = *impl_;
  std::lock_guard<std::mutex> stop_lock(s.stop_mu);
  if (s.stopped) return;
  s.stopped = true;
  s.stopping = true;
  net::post(s.accept_ioc, [&s] {
    beast::error_code ec;
    s.acceptor.close(ec);
  });
  if (s.accept_thread.joinable()) s.accept_thread.join();

  // No new connections from here on. Interrupt reads (idle keep-alive connections, slow
  // clients); a request being handled finishes and its response goes out with Connection: close.
  std::map<uint64_t, std::unique_ptr<Connection>> all;
  {
    std::lock_guard<std::mutex> lock(s.mu);
    for (auto& [id, c] : s.connections) {
      if (c->done) continue;
      Connection* raw = c.get();
      net::post(raw->ioc, [raw] {
        if (raw->reading) {
          beast::error_code ignored;
          raw->socket.cancel(ignored);
        }
      });
    }
    all.swap(s.connections);
    s.finished.clear();
  }
  // Joined outside the lock: finishing threads take it to report themselves done.
  for (auto& [id, c] : all) {
    if (c->thread.joinable()) c->thread.join();
  }
}

int HttpServer::port() const { return impl_->bound_port; }

std::string HttpServer::address() const {
  const std::string& host = impl_->options.host;
  bool v6 = host.find(':') != std::string::npos;
  return "http://" + (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port());
}

int HttpServer::active_connections() const { return impl_->active.load(); }

}  // namespace edu
