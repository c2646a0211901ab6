#include "wrk.h"

#include <fmt/format.h>

#include <chrono>
#include <regex>
#include <stdexcept>
#include <vector>

namespace skylr::bench {

namespace {

long number_after(const std::string& text, const std::string& pattern) {
  std::smatch match;
  if (!std::regex_search(text, match, std::regex(pattern))) return 0;
  return std::stol(match[1].str());
}

WrkResult parse_wrk(const std::string& output) {
  WrkResult result;
  std::smatch match;
  if (!std::regex_search(output, match, std::regex(R"(Requests/sec:\s+([0-9.]+))"))) {
    throw std::runtime_error("wrk printed no Requests/sec:\n" + output);
  }
  result.requests_per_second = std::stod(match[1].str());
  result.requests = number_after(output, R"((\d+) requests in)");
  result.non_2xx = number_after(output, R"(Non-2xx or 3xx responses: (\d+))");
  if (std::regex_search(output, match, std::regex(R"(Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+))"))) {
    for (int i = 1; i <= 4; ++i) result.socket_errors += std::stol(match[i].str());
    result.socket_detail = match[0].str();
  }
  return result;
}

}  // namespace

std::unique_ptr<testing::BackgroundProcess> start_wrk(int port, int seconds, const std::string& output_path,
                                                      const std::string& host) {
  std::vector<std::string> argv{kWrk, "-t1", "-c8", fmt::format("-d{}s", seconds), "--timeout", "5s"};
  if (!host.empty()) {
    argv.push_back("-H");
    argv.push_back(fmt::format("Host: {}", host));
  }
  argv.push_back(fmt::format("http://127.0.0.1:{}/", port));
  return std::make_unique<testing::BackgroundProcess>(argv, output_path, output_path + ".err");
}

WrkResult finish_wrk(testing::BackgroundProcess& wrk, int seconds, const std::string& output_path) {
  if (!wrk.stop(0, std::chrono::seconds(seconds + 15))) throw std::runtime_error("wrk did not finish");
  return parse_wrk(testing::read_file(output_path));
}

}  // namespace skylr::bench
