// Test support for skylrctl's commands run in-process: a command line parsed by the
// command's own setup function and run with its output captured; environment variables
// set for one scope; and a skylrd stand-in serving skylrd's real job-update handlers
// (skylrd/job_update_api.h) forwarding to a given Marathon, and `GET /status` with a
// given body; the members of a command's --json object. Servers listen on 127.0.0.1:0 and
// stop with their owner.
#pragma once

#include <CLI/CLI.hpp>

#include <algorithm>
#include <functional>
#include <memory>
#include <mutex>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "exit_codes.h"
#include "test_server.h"

namespace skylr::testing {

// What a command did.
struct Outcome {
  int code = -1;
  std::string out;
  std::string err;
};

// Parses `args` (without the program name) with only the command that `setup` adds, lets
// `adjust` change the options, and runs them. A parse error is kExitBadUsage.
template <typename Options>
Outcome run_command(std::shared_ptr<Options> (*setup)(CLI::App&),
                    int (*run)(const Options&, std::ostream&, std::ostream&), std::vector<std::string> args,
                    const std::function<void(Options&)>& adjust = nullptr) {
  CLI::App app{"skylrctl"};
  std::shared_ptr<Options> options = setup(app);
  std::reverse(args.begin(), args.end());  // CLI11 takes the arguments in reverse order
  try {
    app.parse(args);
  } catch (const CLI::ParseError& error) {
    return {kExitBadUsage, "", error.what()};
  }
  if (adjust) adjust(*options);
  std::ostringstream out;
  std::ostringstream err;
  int code = run(*options, out, err);
  return {code, out.str(), err.str()};
}

// Sets an environment variable until destruction, then removes it.
class ScopedEnv {
 public:
  ScopedEnv(std::string name, const std::string& value);
  ~ScopedEnv();
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  std::string name_;
};

// The bearer token FakeSkylrd accepts.
inline constexpr const char* kToken = "test-token-0123456789";

// skylrd's HTTP API for job updates with a config tracking only the app /web, the token
// kToken and the default fields (instances, cpus, mem), forwarding to the Marathon at
// `marathon_url`. GET /status answers `status_json`.
class FakeSkylrd {
 public:
  explicit FakeSkylrd(const std::string& marathon_url, std::string status_json = "{}");
  ~FakeSkylrd();

  // "http://127.0.0.1:<port>".
  std::string url() const;

  // The audit lines so far.
  std::vector<std::string> audit_lines() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// "http://127.0.0.1:<port>" for a port nothing listens on.
std::string dead_url();

// The member `key` of the JSON object a command printed with --json (its whole `out`, one
// line): a string's value, any other value as JSON; REQUIREs the object and the member.
std::string json_member(const std::string& out, const char* key);

}  // namespace skylr::testing
