#include "adapters/http/http_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace edu {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

struct HttpClient::Impl {
  std::string host;
  int port;
  asio::io_context io;
  beast::tcp_stream stream{io};
  beast::flat_buffer buffer;
  bool connected = false;

  Status Connect() {
    try {
      asio::ip::tcp::resolver resolver(io);
      auto endpoints = resolver.resolve(host, std::to_string(port));
      stream.connect(endpoints);
      stream.socket().set_option(asio::ip::tcp::no_delay(true));
      connected = true;
      return Status::OK();
    } catch (const std::exception& e) {
      return Status::Unavailable("cannot connect to http://" + host + ":" + std::to_string(port) +
                                 ": " + e.what());
    }
  }

  void Close() {
    beast::error_code ignored;
    stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    stream.close();
    connected = false;
    buffer.clear();
  }

  Status Once(const std::string& method, const std::string& target, const std::string& body,
              const std::map<std::string, std::string>& headers, HttpResponse* out) {
    if (!connected) EDU_RETURN_IF_ERROR(Connect());
    http::request<http::string_body> req{http::string_to_verb(method), target, 11};
    req.set(http::field::host, host);
    req.set(http::field::user_agent, "eduledger-client/1.0");
    req.keep_alive(true);
    for (const auto& [k, v] : headers) req.set(k, v);
    if (!body.empty()) {
      req.set(http::field::content_type, "application/json");
      req.body() = body;
    }
    req.prepare_payload();
    beast::error_code ec;
    http::write(stream, req, ec);
    if (ec) return Status::Unavailable("writing the request failed: " + ec.message());
    http::response<http::string_body> res;
    http::read(stream, buffer, res, ec);
    if (ec) return Status::Unavailable("reading the response failed: " + ec.message());
    out->status = static_cast<int>(res.result_int());
    out->body = std::move(res.body());
    out->headers.clear();
    for (const auto& field : res) {
      std::string name(field.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      out->headers[name] = std::string(field.value());
    }
    if (!res.keep_alive()) Close();
    return Status::OK();
  }
};

HttpClient::HttpClient(std::string host, int port) : impl_(std::make_unique<Impl>()) {
  impl_->host = std::move(host);
  impl_->port = port;
}

HttpClient::~HttpClient() {
  if (impl_->connected) impl_->Close();
}

Status HttpClient::Request(const std::string& method, const std::string& target,
                           const std::string& body,
                           const std::map<std::string, std::string>& headers, HttpResponse* out) {
  bool was_connected = impl_->connected;
  Status s = impl_->Once(method, target, body, headers, out);
  if (!s.ok() && was_connected) {
    // The server may have closed an idle kept-alive connection: reconnect once.
    impl_->Close();
    s = impl_->Once(method, target, body, headers, out);
  }
  return s;
}

}  // namespace edu
