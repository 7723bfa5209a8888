// A small blocking HTTP/1.1 client with keep-alive, for the demo and the benchmark to drive the
// command API exactly as an external API layer would. One instance per thread.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "eventstore/status.h"

namespace edu {

struct HttpResponse {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lowercase names
};

class HttpClient {
 public:
  HttpClient(std::string host, int port);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends one request, reconnecting once if the kept-alive connection was closed by the server.
  // Unavailable when the server cannot be reached; the HTTP status is in the response otherwise.
  Status Request(const std::string& method, const std::string& target, const std::string& body,
                 const std::map<std::string, std::string>& headers, HttpResponse* out);

  Status Post(const std::string& target, const std::string& body,
              const std::map<std::string, std::string>& headers, HttpResponse* out) {
    return Request("POST", target, body, headers, out);
  }
  Status Get(const std::string& target, const std::map<std::string, std::string>& headers,
             HttpResponse* out) {
    return Request("GET", target, "", headers, out);
  }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace edu
