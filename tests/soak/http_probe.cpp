#include "http_probe.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdlib>

namespace skylr::soak {
namespace {

constexpr std::string_view kRequest =
    "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: skylr-soak\r\nConnection: close\r\n\r\n";

// The value of header `name` (lower case) in the header block `head`, or "".
std::string header_value(std::string_view head, std::string_view name) {
  std::string lower(head);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::size_t at = lower.find("\r\n" + std::string(name) + ":");
  if (at == std::string::npos) return "";
  std::size_t begin = at + 3 + name.size();
  std::size_t end = lower.find("\r\n", begin);
  std::string value(head.substr(begin, end - begin));
  value.erase(0, value.find_first_not_of(' '));
  return value;
}

}  // namespace

std::string_view failure_name(Failure failure) {
  switch (failure) {
    case Failure::kOk: return "ok";
    case Failure::kRefused: return "connection refused";
    case Failure::kConnectTimeout: return "connect timeout";
    case Failure::kConnectError: return "connect error";
    case Failure::kReset: return "connection reset";
    case Failure::kNoAnswer: return "closed without an answer";
    case Failure::kTimeout: return "timeout";
    case Failure::kStatus5xx: return "HTTP 5xx";
    case Failure::kStatusOther: return "HTTP other than 200";
    case Failure::kBadBody: return "200 with a bad body";
  }
  return "?";
}

HttpProbe::HttpProbe(int port, TimePoint now, Millis connect_timeout, Millis timeout)
    : started_(now), connect_deadline_(now + connect_timeout), deadline_(now + timeout) {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd_ < 0) {
    finish(Failure::kConnectError);
    return;
  }
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
    on_connected();
  } else if (errno == ECONNREFUSED) {
    finish(Failure::kRefused);
  } else if (errno != EINPROGRESS) {
    finish(Failure::kConnectError);
  }
}

HttpProbe::~HttpProbe() {
  if (fd_ >= 0) ::close(fd_);
}

pollfd HttpProbe::poll_entry() const {
  short events = stage_ == Stage::kReading ? POLLIN : POLLOUT;
  return pollfd{fd_, events, 0};
}

void HttpProbe::finish(Failure failure) {
  done_ = true;
  outcome_.failure = failure;
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

void HttpProbe::advance(short revents, TimePoint now) {
  if (done_) return;
  if (revents != 0) {
    if (stage_ == Stage::kConnecting) {
      int error = 0;
      socklen_t size = sizeof error;
      ::getsockopt(fd_, SOL_SOCKET, SO_ERROR, &error, &size);
      if (error == ECONNREFUSED) return finish(Failure::kRefused);
      if (error != 0) return finish(Failure::kConnectError);
      return on_connected();
    }
    if (stage_ == Stage::kSending) return send_request();
    return read_answer();
  }
  if (stage_ == Stage::kConnecting && now >= connect_deadline_) return finish(Failure::kConnectTimeout);
  if (now >= deadline_) finish(Failure::kTimeout);
}

void HttpProbe::on_connected() {
  stage_ = Stage::kSending;
  send_request();
}

void HttpProbe::send_request() {
  ssize_t written = ::send(fd_, kRequest.data() + sent_, kRequest.size() - sent_, MSG_NOSIGNAL);
  if (written < 0) {
    if (errno == EAGAIN || errno == EWOULDBLOCK) return;
    return finish(errno == ECONNREFUSED ? Failure::kRefused : Failure::kReset);
  }
  sent_ += static_cast<std::size_t>(written);
  if (sent_ == kRequest.size()) stage_ = Stage::kReading;
}

void HttpProbe::read_answer() {
  char buffer[4096];
  for (;;) {
    ssize_t got = ::recv(fd_, buffer, sizeof buffer, 0);
    if (got > 0) {
      received_.append(buffer, static_cast<std::size_t>(got));
      continue;
    }
    if (got == 0) return parse_answer(true);
    if (errno == EAGAIN || errno == EWOULDBLOCK) return parse_answer(false);
    if (errno == ECONNRESET) return received_.empty() ? finish(Failure::kReset) : parse_answer(true);
    return finish(Failure::kReset);
  }
}

void HttpProbe::parse_answer(bool closed) {
  std::size_t head_end = received_.find("\r\n\r\n");
  if (head_end == std::string::npos) {
    if (closed) finish(received_.empty() ? Failure::kNoAnswer : Failure::kReset);
    return;
  }
  std::string length = header_value(std::string_view(received_).substr(0, head_end + 2), "content-length");
  std::string body = received_.substr(head_end + 4);
  if (!length.empty() && body.size() < static_cast<std::size_t>(std::atol(length.c_str()))) {
    if (closed) finish(Failure::kReset);
    return;
  }
  if (length.empty() && !closed) return;
  // "HTTP/1.1 200 OK"
  outcome_.status = received_.size() > 12 ? std::atoi(received_.c_str() + 9) : 0;
  if (outcome_.status >= 500) return finish(Failure::kStatus5xx);
  if (outcome_.status != 200) return finish(Failure::kStatusOther);
  std::size_t space = body.find(' ');
  bool well_formed = body.ends_with('\n') && space != std::string::npos && body.starts_with('/');
  if (!well_formed) return finish(Failure::kBadBody);
  outcome_.app_id = body.substr(0, space);
  outcome_.task_id = body.substr(space + 1, body.size() - space - 2);
  finish(Failure::kOk);
}

}  // namespace skylr::soak
