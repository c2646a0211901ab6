#include "skylr/httplib_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stop_token>
#include <thread>

#include <doctest/doctest.h>

#include "test_server.h"

namespace skylr {
namespace {

using namespace std::chrono_literals;
using testing::TestServer;

// A port on 127.0.0.1 that was free a moment ago and has no listener.
int closed_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  socklen_t size = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
  ::close(fd);
  return ntohs(address.sin_port);
}

HttpRequest request(std::string origin, std::string target, std::string method = "GET") {
  HttpRequest out;
  out.method = std::move(method);
  out.origin = std::move(origin);
  out.target = std::move(target);
  return out;
}

void routes(httplib::Server& server) {
  auto echo = [](const httplib::Request& req, httplib::Response& res) {
    res.set_content(fmt::format("{} {} [{}] [{}] [{}]", req.method, req.target,
                                req.get_header_value("Authorization"),
                                req.get_header_value("Content-Type"), req.body),
                    "text/plain");
  };
  for (auto route : {&httplib::Server::Get, &httplib::Server::Put, &httplib::Server::Patch,
                     &httplib::Server::Post, &httplib::Server::Delete}) {
    (server.*route)("/echo", echo);
  }
  server.Get("/missing", [](const httplib::Request&, httplib::Response& res) {
    res.status = 404;
    res.set_header("X-Marathon-Leader", "c1:8080");
    res.set_content(R"({"message":"App '/x' does not exist"})", "application/json");
  });
  server.Get("/moved", [](const httplib::Request&, httplib::Response& res) {
    res.set_redirect("http://leader:8080/v2/events", 307);
  });
  server.Get("/big", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string(1000, 'x'), "text/plain");
  });
  server.Get("/slow", [](const httplib::Request&, httplib::Response& res) {
    std::this_thread::sleep_for(600ms);
    res.set_content("late", "text/plain");
  });
  // One byte every 50 ms for 2 s: never silent for long, never done soon.
  server.Get("/trickle", [](const httplib::Request&, httplib::Response& res) {
    res.set_chunked_content_provider("text/plain", [](std::size_t offset, httplib::DataSink& sink) {
      if (offset == 40) {
        sink.done();
        return true;
      }
      std::this_thread::sleep_for(50ms);
      return sink.is_writable() && sink.write("x", 1);
    });
  });
}

}  // namespace

TEST_CASE("skylr::httplib_client send") {
  TestServer server(routes);
  HttpClient& client = httplib_client();

  SUBCASE("methods, headers and bodies reach the server") {
    for (std::string method : {"GET", "PUT", "PATCH", "POST", "DELETE"}) {
      HttpRequest put = request(server.origin(), "/echo?force=false", method);
      put.headers["Authorization"] = "Basic dTpw";
      put.body = method == "GET" ? "" : R"({"instances":2})";
      put.content_type = method == "GET" ? "" : "application/json";
      auto answer = client.send(put);
      REQUIRE(answer.ok());
      CHECK(answer->status == 200);
      CHECK(answer->body == fmt::format("{} /echo?force=false [Basic dTpw] [{}] [{}]", method,
                                        put.content_type, put.body));
    }
  }
  SUBCASE("any status is an answer; header names are lower-case") {
    auto answer = client.send(request(server.origin(), "/missing"));
    REQUIRE(answer.ok());
    CHECK(answer->status == 404);
    CHECK(answer->body == R"({"message":"App '/x' does not exist"})");
    CHECK(answer->headers.at("x-marathon-leader") == "c1:8080");
    CHECK(answer->headers.at("content-type") == "application/json");
  }
  SUBCASE("redirects are not followed") {
    auto answer = client.send(request(server.origin(), "/moved"));
    REQUIRE(answer.ok());
    CHECK(answer->status == 307);
    CHECK(answer->headers.at("location") == "http://leader:8080/v2/events");
  }
  SUBCASE("the body limit") {
    HttpRequest big = request(server.origin(), "/big");
    big.max_body_bytes = 1000;
    CHECK(client.send(big)->body.size() == 1000);
    big.max_body_bytes = 999;
    CHECK(client.send(big).error().message ==
          fmt::format("answer from {} exceeds 999 bytes", server.origin()));
  }
  SUBCASE("the read timeout") {
    HttpRequest slow = request(server.origin(), "/slow");
    slow.read_timeout = 200ms;
    auto started = std::chrono::steady_clock::now();
    auto answer = client.send(slow);
    CHECK(std::chrono::steady_clock::now() - started < 550ms);
    REQUIRE_FALSE(answer.ok());
    CHECK(answer.error().message == server.origin() + ": read timed out or connection closed");
    CHECK_FALSE(is_connect_failure(answer.error()));  // the server may have acted on it
  }
  SUBCASE("the deadline ends an answer that trickles, and one that has not begun") {
    for (std::string target : {"/trickle", "/slow"}) {
      CAPTURE(target);
      HttpRequest late = request(server.origin(), target);
      auto started = std::chrono::steady_clock::now();
      late.deadline = started + 300ms;
      auto answer = client.send(late);
      CHECK(std::chrono::steady_clock::now() - started < 550ms);
      REQUIRE_FALSE(answer.ok());
      CHECK(answer.error().message == server.origin() + ": no complete answer before the deadline");
    }
    HttpRequest whole = request(server.origin(), "/trickle");
    whole.deadline = std::chrono::steady_clock::now() + 5s;
    CHECK(client.send(whole)->body == std::string(40, 'x'));
  }
  SUBCASE("a stop request ends the exchange at once, or before it starts") {
    std::stop_source stop;
    HttpRequest trickle = request(server.origin(), "/trickle");
    trickle.stop_token = stop.get_token();
    auto started = std::chrono::steady_clock::now();
    std::thread canceller([&] {
      std::this_thread::sleep_for(200ms);
      stop.request_stop();
    });
    auto answer = client.send(trickle);
    canceller.join();
    CHECK(std::chrono::steady_clock::now() - started < 300ms);
    REQUIRE_FALSE(answer.ok());
    CHECK(answer.error().message == server.origin() + ": cancelled");
    started = std::chrono::steady_clock::now();
    CHECK(client.send(trickle).error().message == server.origin() + ": cancelled");
    CHECK(std::chrono::steady_clock::now() - started < 50ms);
  }
  SUBCASE("bad origins") {
    CHECK(client.send(request("ftp://h", "/")).error().message ==
          "ftp://h: not an http:// or https:// origin");
  }
}

TEST_CASE("skylr::httplib_client stream") {
  // /events sends "a", "b", "c" 30 ms apart; /endless a heartbeat every 20 ms for at
  // most 4 s; /stalls "a" and then nothing for 600 ms.
  TestServer server([](httplib::Server& s) {
    auto provide = [](std::vector<std::string> chunks, std::chrono::milliseconds pause) {
      return [=](const httplib::Request&, httplib::Response& res) {
        res.set_chunked_content_provider("text/event-stream", [=](std::size_t, httplib::DataSink& sink) {
          for (std::size_t i = 0; i < chunks.size() && sink.is_writable(); ++i) {
            sink.write(chunks[i].data(), chunks[i].size());
            std::this_thread::sleep_for(pause);
          }
          sink.done();
          return true;
        });
      };
    };
    s.Get("/events", provide({"a", "b", "c"}, 30ms));
    s.Get("/endless", provide(std::vector<std::string>(200, "\r\n"), 20ms));
    s.Get("/stalls", provide({"a"}, 600ms));
    s.Get("/gone", [](const httplib::Request&, httplib::Response& res) {
      res.status = 503;
      res.set_content("no leader", "text/plain");
    });
  });
  HttpClient& client = httplib_client();
  std::vector<std::string> chunks;
  auto collect = [&](std::string_view chunk) {
    chunks.emplace_back(chunk);
    return true;
  };

  SUBCASE("chunks arrive as they are sent") {
    auto answer = client.stream(request(server.origin(), "/events"), collect);
    REQUIRE(answer.ok());
    CHECK(answer->status == 200);
    CHECK(answer->headers.at("content-type") == "text/event-stream");
    CHECK(answer->body.empty());
    CHECK(chunks == std::vector<std::string>{"a", "b", "c"});
  }
  SUBCASE("the handler stops the stream") {
    auto started = std::chrono::steady_clock::now();
    auto answer = client.stream(request(server.origin(), "/endless"), [&](std::string_view chunk) {
      chunks.emplace_back(chunk);
      return chunks.size() < 3;
    });
    REQUIRE(answer.ok());
    CHECK(answer->status == 200);
    CHECK(chunks.size() == 3);
    CHECK(std::chrono::steady_clock::now() - started < 1s);
  }
  SUBCASE("silence longer than the read timeout ends the stream with an error") {
    HttpRequest stalls = request(server.origin(), "/stalls");
    stalls.read_timeout = 200ms;
    auto answer = client.stream(stalls, collect);
    REQUIRE_FALSE(answer.ok());
    CHECK(answer.error().message == server.origin() + ": read timed out or connection closed");
    CHECK(chunks == std::vector<std::string>{"a"});
  }
  SUBCASE("the body of a non-2xx answer is not streamed") {
    auto answer = client.stream(request(server.origin(), "/gone"), collect);
    REQUIRE(answer.ok());
    CHECK(answer->status == 503);
    CHECK(answer->body == "no leader");
    CHECK(chunks.empty());
  }
}

TEST_CASE("skylr::httplib_client connection refused") {
  std::string origin = fmt::format("http://127.0.0.1:{}", closed_port());
  auto answer = httplib_client().send(request(origin, "/"));
  REQUIRE_FALSE(answer.ok());
  CHECK(answer.error().message == origin + ": cannot connect");
  CHECK(is_connect_failure(answer.error()));
}

}  // namespace skylr
