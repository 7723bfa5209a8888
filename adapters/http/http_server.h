// The HTTP JSON command API server (Boost.Beast, HTTP/1.1 with keep-alive). The endpoints and their
// contract are described in adapters/http/http_api.h; this class is the transport around HttpApi.
//
// One thread per connection (command handling blocks on the log, and read-your-writes waits
// block on projectors), at most max_connections at once, and at most max_connections_per_address
// from one client address. A connection that waits for a request (it never sent one, or it is an
// idle keep-alive connection) is "idle": when a new connection would exceed either limit, the
// oldest idle connection (of that address, for the per-address limit) is closed to make room, so
// that sockets held open without requests never lock anyone out (issue 11 #4). Only when every
// connection is busy with a request does a new one get 503 too_many_connections (with
// Retry-After). A request's headers must arrive within min(header_timeout, read_timeout) of the
// connection becoming idle, its body within read_timeout (408 request_timeout otherwise; an idle
// connection that sent nothing is just closed); responses must be taken within write_timeout.
// Malformed HTTP gets 400 malformed_http, bodies beyond max_body_bytes 413 body_too_large; neither
// they nor client disconnects nor command failures stop the server.
//
// Usage:
//   HttpServer server(HttpApiContext{&pipeline, &log, &registry, &clock, secret, &projections},
//                     HttpServerOptions{});
//   Status s = server.Start();    // listening once it returns OK
//   ... server.port() ...
//   server.Stop();                // or the destructor
//
// Beast lives only in http_server.cc: include this header freely.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "adapters/config/config.h"
#include "adapters/http/http_api.h"
#include "eventstore/status.h"

namespace edu {

struct HttpServerOptions {
  std::string host = "127.0.0.1";
  int port = 0;  // 0: any free port; read it back with port()
  int64_t max_body_bytes = 1 << 20;
  int max_connections = 256;
  int max_connections_per_address = 64;
  std::chrono::milliseconds header_timeout{5'000};
  std::chrono::milliseconds read_timeout{30'000};
  std::chrono::milliseconds write_timeout{30'000};
  std::chrono::milliseconds max_wait{10'000};  // bound of every read-your-writes wait
  int max_json_depth = kDefaultMaxJsonDepth;
  int64_t max_token_lifetime_seconds = 0;  // 0: tokens only need an exp
  RateLimitOptions rate_limits;            // default: nothing limited (FromConfig: the PRD's)

  // host, port, limits and timeouts from the http.* keys of a Config.
  static HttpServerOptions FromConfig(const Config& config);
};

class HttpServer {
 public:
  HttpServer(HttpApiContext context, HttpServerOptions options);
  ~HttpServer();  // Stop()
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds, listens and starts accepting. Unavailable naming the address when it cannot listen
  // ("cannot listen on 127.0.0.1:8080: Address already in use"); InvalidArgument for a host that
  // does not resolve. Call once.
  Status Start();

  // Stops accepting, closes idle connections, lets requests in progress finish (waits are cut
  // short) and joins every thread. Idempotent; safe to call from any thread except a handler's.
  void Stop();

  int port() const;             // the bound port, after Start()
  std::string address() const;  // "http://127.0.0.1:8080"
  int active_connections() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace edu
