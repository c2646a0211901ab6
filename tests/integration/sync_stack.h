// SyncStack: Skylr's sync around a managed HAProxy for integration tests, with Marathon
// scripted (a FakeHttpClient answering for http://m1:8080) and every file in one
// temporary directory: the Synchronizer, its applier, Runtime API updater and HAProxy
// control, plus ways to look at the running HAProxy (its workers, its admin socket).
#pragma once

#include <memory>
#include <string>
#include <utility>

#include <doctest/doctest.h>

#include "apply/applier.h"
#include "fake_http_client.h"
#include "haproxy/control.h"
#include "haproxy/runtime_updater.h"
#include "haproxy/show_proc.h"
#include "integration_support.h"
#include "skylr/config.h"
#include "skylr/control_socket.h"
#include "skylr/marathon_client.h"
#include "sync/synchronizer.h"

namespace skylr::testing {

// The scripted Marathon's address.
inline constexpr const char* kScriptedMarathon = "http://m1:8080";

struct SyncStack {
  TempDir dir;
  Config config;
  FakeHttpClient http;
  ControlSocket& socket = default_control_socket();
  std::unique_ptr<haproxy::HaproxyControl> haproxy;
  std::unique_ptr<apply::ConfigApplier> applier;
  std::unique_ptr<MarathonClient> marathon;
  std::unique_ptr<haproxy::RuntimeUpdater> updater;
  std::unique_ptr<sync::Synchronizer> synchronizer;
  HaproxyGuard guard;  // destroyed first, after the stop in the destructor

  // The stack of `base` (its services) with its files, sockets and HAProxy in the
  // temporary directory, servers bound to 127.0.0.1, 4 slots per service at least.
  explicit SyncStack(Config base);
  ~SyncStack();

  // One full sync on Marathon's answer `apps_body` (GET /v2/apps).
  SyncReport sync_answer(const std::string& apps_body);

  // The running HAProxy's processes (`show proc` on the master socket).
  haproxy::ProcList show_proc();

  // The current worker's pid and the master's reload count.
  std::pair<pid_t, int> worker();

  // HAProxy's answer to `command` on the admin socket.
  std::string admin(const std::string& command);
};

// Requires `report` applied by `expected_method`, saying why not otherwise.
#define REQUIRE_APPLIED(report, expected_method)                                             \
  do {                                                                                      \
    const ApplyOutcome& outcome_ = (report).apply;                                          \
    REQUIRE_MESSAGE(outcome_.status == ApplyStatus::kApplied, outcome_.message);            \
    REQUIRE_MESSAGE(outcome_.method == (expected_method), outcome_.reload_detail);          \
  } while (false)

}  // namespace skylr::testing
