// HttpProbe: one GET / to a service's HAProxy port on 127.0.0.1, driven without blocking
// (so one thread keeps a request in flight to every service): a fresh connection,
// "Connection: close", the answer read to its Content-Length or the end of the connection.
// Its outcome names why it failed, if it did. Thread-compatible.
#pragma once

#include <poll.h>

#include <string>
#include <string_view>

#include "soak_time.h"

namespace skylr::soak {

// Why a request failed, or kOk.
enum class Failure {
  kOk,
  kRefused,         // connect: connection refused (nothing listens)
  kConnectTimeout,  // connect: no answer within the connect timeout
  kConnectError,    // connect: another error
  kReset,           // the connection was reset before a complete answer
  kNoAnswer,        // the connection closed before a status line
  kTimeout,         // no complete answer within the request timeout
  kStatus5xx,       // HAProxy (or a server) answered 5xx
  kStatusOther,     // another status than 200
  kBadBody,         // 200, but not "<appId> <taskId>\n"
};

// "connection refused", "connect timeout", …, "HTTP 5xx", "bad body".
std::string_view failure_name(Failure failure);

// The outcome of one request.
struct ProbeOutcome {
  Failure failure = Failure::kOk;
  int status = 0;       // the HTTP status when one came
  std::string app_id;   // the task server's answer "<appId> <taskId>\n" when kOk
  std::string task_id;
};

class HttpProbe {
 public:
  // Starts connecting to 127.0.0.1:`port` at `now`.
  HttpProbe(int port, TimePoint now, Millis connect_timeout, Millis timeout);
  ~HttpProbe();
  HttpProbe(const HttpProbe&) = delete;
  HttpProbe& operator=(const HttpProbe&) = delete;

  // What to poll() for while not done.
  pollfd poll_entry() const;

  // Moves on after poll() reported `revents`, or checks the timeouts at `now`.
  void advance(short revents, TimePoint now);

  bool done() const { return done_; }
  const ProbeOutcome& outcome() const { return outcome_; }
  TimePoint started() const { return started_; }

 private:
  enum class Stage { kConnecting, kSending, kReading };

  void finish(Failure failure);
  void on_connected();
  void send_request();
  void read_answer();
  // Finishes with the outcome of the bytes read so far, when they make a whole answer;
  // `closed` tells that no more will come.
  void parse_answer(bool closed);

  int fd_ = -1;
  Stage stage_ = Stage::kConnecting;
  TimePoint started_;
  TimePoint connect_deadline_;
  TimePoint deadline_;
  std::size_t sent_ = 0;
  std::string received_;
  bool done_ = false;
  ProbeOutcome outcome_;
};

}  // namespace skylr::soak
