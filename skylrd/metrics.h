// Metrics: skylrd's counters and gauges, rendered in the Prometheus text format for
// GET /metrics. Every counter, and every series of a label whose values are known in
// advance, is exported from the start (at 0), so that rates and alerts work before the
// first failure. Thread-safe: every front (HTTP handlers, the event stream, the sync
// loop, the signal handler) records into one instance.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "skylr/certificate.h"
#include "skylr/sync_report.h"

namespace skylr {

class Metrics {
 public:
  // Every series known in advance at 0.
  Metrics();

  // Counts one Marathon event of `type` received through `source` ("callback" or "stream").
  // A type that is not a Marathon event name (1-64 of [a-z_]), or a new type once 128
  // (source, type) pairs are counted, counts as "other": senders cannot grow the metrics
  // without bound or put bytes into them that break the text format.
  void count_event(std::string_view source, std::string_view type);

  // Counts one regeneration (a coalesced batch of notifications handled).
  void count_regeneration();

  // Counts one apply that ended as `result`: "applied", "unchanged" or "failed_<stage>".
  void count_apply(std::string_view result);

  // Counts one change applied through HAProxy's Runtime API, without a reload.
  void count_runtime_update();

  // Counts one HAProxy reload attempted for `reason` (a reload_reason_name).
  void count_reload(std::string_view reason);

  // Counts one re-read of the config file (SIGHUP), applied or refused.
  void count_config_reload(bool applied);

  // Records a Marathon request that took `seconds` and whether it succeeded.
  void observe_marathon_request(double seconds, bool ok);

  // Counts what one sync read from Marathon: `reads` reads of `scope` (one full read, or
  // one per app) that brought `bytes` body bytes.
  void count_marathon_reads(ReadScope scope, std::size_t reads, std::uint64_t bytes);

  // Counts one answer of Marathon's apps by how far it was trusted.
  void count_answer(AnswerVerdict verdict);

  // Counts `apps` apps whose part of Marathon's answer was malformed and which kept their
  // last known servers.
  void count_kept_apps(std::size_t apps);

  // Records a successful full sync from Marathon at `when`.
  void set_last_sync(std::chrono::system_clock::time_point when);

  // Records a successful HAProxy reload at `when`.
  void set_last_reload(std::chrono::system_clock::time_point when);

  // Counts one restart of a HAProxy found dead by the supervisor.
  void count_haproxy_restart();

  // Records whether HAProxy served at the supervisor's last look.
  void set_haproxy_up(bool up);

  // Sets the number of servers routed to for `service`.
  void set_backends(const std::string& service, std::size_t servers);

  // Replaces the certificates recorded (the `tls` section's files): when what HAProxy
  // serves from each expires, and whether the file as it is now is refused.
  void set_certificates(const std::vector<CertificateStatus>& certificates);

  // The Prometheus text exposition (version 0.0.4) of everything recorded.
  std::string render_prometheus() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, std::string>, std::uint64_t> events_;
  std::uint64_t regenerations_ = 0;
  std::map<std::string, std::uint64_t> applies_;
  std::uint64_t runtime_updates_ = 0;
  std::map<std::string, std::uint64_t> reloads_;
  std::map<std::string, std::uint64_t> config_reloads_ = {{"applied", 0}, {"refused", 0}};
  double marathon_seconds_sum_ = 0;
  std::uint64_t marathon_requests_ok_ = 0;
  std::uint64_t marathon_requests_failed_ = 0;
  std::uint64_t kept_apps_ = 0;
  std::map<ReadScope, std::uint64_t> reads_ = {{ReadScope::kFull, 0}, {ReadScope::kApps, 0}};
  std::uint64_t bytes_read_ = 0;
  std::map<AnswerVerdict, std::uint64_t> answers_ = {{AnswerVerdict::kTrusted, 0}, {AnswerVerdict::kConfirmed, 0},
                                                     {AnswerVerdict::kCorrected, 0}, {AnswerVerdict::kRefused, 0}};
  double last_sync_ = 0;
  double last_reload_ = 0;
  std::uint64_t haproxy_restarts_ = 0;
  bool haproxy_up_ = false;
  std::map<std::string, std::size_t> backends_;
  std::map<std::string, std::optional<double>> certificate_expiry_;  // by file; nullopt: nothing served
  std::map<std::string, bool> certificate_refused_;
};

// `text` escaped for a Prometheus label value (backslash, quote, newline).
std::string prometheus_label_value(std::string_view text);

}  // namespace skylr
