// The HTTP server under hostile or careless clients: malformed HTTP, slow and vanishing clients,
// the connection limit (idle connections make room, busy ones get 503), Stop, and an address it
// cannot listen on.
#include "tests/e2e/http_api_fixtures.h"

namespace edu {

using namespace http_api_fixtures;

TEST_CASE("http api: malformed HTTP, slow and vanishing clients never stop the server") {
  ApiFixture f;
  SUBCASE("garbage instead of HTTP") {
    std::string raw = RawExchange(f.port(), "HELLO THERE\r\n\r\n");
    CHECK(StatusLine(raw) == "HTTP/1.1 400 Bad Request");
    rapidjson::Document body;
    body.Parse(BodyOf(raw).c_str());
    REQUIRE(body.IsObject());
    CHECK(std::string(body["error"]["code"].GetString()) == "malformed_http");
  }
  SUBCASE("a client that stalls in its headers gets 408") {
    std::string raw = RawExchange(f.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n");
    CHECK(StatusLine(raw) == "HTTP/1.1 408 Request Timeout");
    CHECK(BodyOf(raw).find("request_timeout") != std::string::npos);
  }
  SUBCASE("a client that stalls in its body gets 408") {
    std::string raw = RawExchange(
        f.port(),
        "POST /v1/commands/RegisterUser HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{");
    CHECK(StatusLine(raw) == "HTTP/1.1 408 Request Timeout");
  }
  SUBCASE("an announced body over the limit is refused before it is read") {
    std::string raw = RawExchange(f.port(),
                                  "POST /v1/commands/RegisterUser HTTP/1.1\r\nHost: x\r\n"
                                  "Content-Length: 99999999\r\nExpect: 100-continue\r\n\r\n");
    CHECK(StatusLine(raw) == "HTTP/1.1 413 Payload Too Large");
    CHECK(BodyOf(raw).find("body_too_large") != std::string::npos);
  }
  SUBCASE("a client that disconnects mid-body") {
    {
      net::io_context ioc;
      tcp::socket socket(ioc);
      socket.connect(
          tcp::endpoint(net::ip::make_address("127.0.0.1"), static_cast<uint16_t>(f.port())));
      net::write(socket, net::buffer(std::string("POST /v1/commands/RegisterUser HTTP/1.1\r\nHost: "
                                                 "x\r\nContent-Length: 50\r\n\r\n{\"a\"")));
    }
    std::this_thread::sleep_for(50ms);
  }
  SUBCASE("Expect: 100-continue is honoured") {
    std::string raw = RawExchange(f.port(),
                                  "POST /v1/commands/RegisterUser HTTP/1.1\r\nHost: x\r\n"
                                  "Content-Length: 2\r\nExpect: 100-continue\r\n\r\n{}",
                                  1000ms);
    CHECK(StatusLine(raw) == "HTTP/1.1 100 Continue");
    CHECK(raw.find("HTTP/1.1 401 Unauthorized") != std::string::npos);
  }
  // Whatever happened above, the server still answers, and keeps a connection alive.
  net::io_context ioc;
  tcp::socket socket(ioc);
  socket.connect(
      tcp::endpoint(net::ip::make_address("127.0.0.1"), static_cast<uint16_t>(f.port())));
  for (int i = 0; i < 3; ++i) {
    http::request<http::string_body> req{http::verb::get, "/healthz", 11};
    req.set(http::field::host, "x");
    http::write(socket, req);
    beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(socket, buffer, res);
    CHECK(res.result_int() == 200);
    CHECK(res.keep_alive());
  }
  CHECK(f.TotalEvents() == 0);
}

TEST_CASE(
    "http api: idle connections make room at the limit, busy ones get 503, and Stop closes idle "
    "ones promptly") {
  HttpServerOptions options = ApiFixture::DefaultOptions();
  options.max_connections = 2;
  options.read_timeout = 10'000ms;  // idle connections stay open unless Stop closes them
  options.header_timeout = 10'000ms;
  ApiFixture f(options);
  net::io_context ioc;
  tcp::socket a(ioc), b(ioc);
  tcp::endpoint endpoint(net::ip::make_address("127.0.0.1"), static_cast<uint16_t>(f.port()));
  // Two connections busy with a request (a projection wait that does not end for a while).
  std::string wait =
      "GET /v1/projections/mentorship/wait?partition=0&offset=9&timeout_ms=1500 "
      "HTTP/1.1\r\nHost: x\r\n\r\n";
  a.connect(endpoint);
  b.connect(endpoint);
  net::write(a, net::buffer(wait));
  net::write(b, net::buffer(wait));
  for (int i = 0; i < 200 && f.server_->active_connections() < 2; ++i)
    std::this_thread::sleep_for(5ms);
  REQUIRE(f.server_->active_connections() == 2);
  std::this_thread::sleep_for(100ms);  // both requests are being handled

  std::string raw = RawExchange(f.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", 1000ms);
  CHECK(StatusLine(raw) == "HTTP/1.1 503 Service Unavailable");
  CHECK(BodyOf(raw).find("too_many_connections") != std::string::npos);
  CHECK(raw.find("Retry-After: 1") != std::string::npos);

  // Once they are answered they are idle keep-alive connections, and a newcomer takes the place
  // of the oldest (issue 11 #4: idle sockets never lock anyone out).
  for (tcp::socket* s : {&a, &b}) {
    beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(*s, buffer, res);
    CHECK(res.result_int() == 504);
  }
  raw = RawExchange(f.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                    1000ms);
  CHECK(StatusLine(raw) == "HTTP/1.1 200 OK");

  auto started = std::chrono::steady_clock::now();
  f.server_->Stop();
  CHECK(std::chrono::steady_clock::now() - started < 2000ms);
  CHECK(f.server_->active_connections() == 0);
  // The idle connections were closed by the server.
  char byte;
  beast::error_code ec;
  a.read_some(net::buffer(&byte, 1), ec);
  CHECK(ec == net::error::eof);
}

TEST_CASE("http api: Start reports an address it cannot listen on") {
  ApiFixture f;
  HttpServerOptions options = ApiFixture::DefaultOptions();
  options.port = f.port();
  HttpServer second(
      HttpApiContext{f.pipeline_.get(), &f.log_, &f.registry_, &f.clock_, kSecret, nullptr},
      options);
  Status s = second.Start();
  CHECK(s.IsUnavailable());
  CHECK(s.message() ==
        "cannot listen on 127.0.0.1:" + std::to_string(f.port()) + ": Address already in use");
}

}  // namespace edu
