// A background `eduledger serve` for end-to-end tests, and one HTTP exchange with it. Header-only
// because it names the binary under test (EDULEDGER_BINARY), which only e2e_tests defines.
//
// ServeProcess: forks the binary with `serve <args>`, without EDULEDGER_DB, EDULEDGER_CONFIG and
// EDULEDGER_LOG_LEVEL from the test's environment and with the given token secret; stdout and
// stderr are read together. The destructor kills it (SIGKILL). Not thread-safe.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include <doctest/doctest.h>

#ifndef EDULEDGER_BINARY
#error "serve_process.h is for e2e tests, which define EDULEDGER_BINARY"
#endif

namespace edu::testing {

class ServeProcess {
 public:
  ServeProcess(const std::vector<std::string>& args, const std::string& jwt_secret) {
    int fds[2];
    REQUIRE(pipe(fds) == 0);
    pid_ = fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) Exec(args, jwt_secret, fds);
    close(fds[1]);
    out_ = fds[0];
  }
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;
  ~ServeProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (out_ >= 0) close(out_);
  }

  // Reads output until it contains `needle` or the timeout passes; returns all output so far.
  std::string ReadUntil(const std::string& needle, std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (output_.find(needle) == std::string::npos) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) break;
      pollfd p{out_, POLLIN, 0};
      if (poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
      char buffer[4096];
      ssize_t n = read(out_, buffer, sizeof buffer);
      if (n <= 0) break;
      output_.append(buffer, static_cast<size_t>(n));
    }
    return output_;
  }

  bool Alive() const {
    int status = 0;
    return pid_ > 0 && waitpid(pid_, &status, WNOHANG) == 0;
  }

  // SIGTERM, then the exit code (or -1 when it did not exit within the timeout).
  int Terminate(std::chrono::milliseconds timeout) {
    kill(pid_, SIGTERM);
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return -1;
  }

 private:
  [[noreturn]] static void Exec(const std::vector<std::string>& args, const std::string& jwt_secret,
                                int fds[2]) {
    dup2(fds[1], STDOUT_FILENO);
    dup2(fds[1], STDERR_FILENO);
    close(fds[0]);
    close(fds[1]);
    std::vector<std::string> full = {EDULEDGER_BINARY, "serve"};
    full.insert(full.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : full) argv.push_back(a.data());
    argv.push_back(nullptr);
    unsetenv("EDULEDGER_DB");
    unsetenv("EDULEDGER_CONFIG");
    unsetenv("EDULEDGER_LOG_LEVEL");
    setenv("EDULEDGER_JWT_SECRET", jwt_secret.c_str(), 1);
    execv(EDULEDGER_BINARY, argv.data());
    _exit(127);
  }

  pid_t pid_ = -1;
  int out_ = -1;
  std::string output_;
};

// A TCP port on 127.0.0.1 that was free a moment ago.
inline int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

struct HttpReply {
  int status = 0;
  std::string head;  // status line and headers
  std::string body;
};

// One HTTP/1.1 exchange with Connection: close. `extra_headers` are whole lines ending in \r\n.
inline HttpReply HttpExchange(int port, const std::string& method, const std::string& target,
                              const std::string& body = "", const std::string& extra_headers = "") {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  REQUIRE(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  std::string request = method + " " + target +
                        " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" + extra_headers +
                        "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  REQUIRE(write(fd, request.data(), request.size()) == static_cast<ssize_t>(request.size()));
  std::string response;
  char buffer[8192];
  ssize_t n;
  while ((n = read(fd, buffer, sizeof buffer)) > 0) response.append(buffer, static_cast<size_t>(n));
  close(fd);
  HttpReply r;
  size_t split = response.find("\r\n\r\n");
  r.head = response.substr(0, split);
  r.body = split == std::string::npos ? "" : response.substr(split + 4);
  if (response.size() > 12) r.status = std::atoi(response.substr(9, 3).c_str());
  return r;
}

}  // namespace edu::testing
