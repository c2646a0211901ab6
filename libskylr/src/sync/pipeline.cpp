// Pipeline::open: the parts of a sync wired over the real host.
#include "skylr/pipeline.h"

#include "apply/applier.h"
#include "haproxy/control.h"
#include "haproxy/runtime_updater.h"
#include "skylr/clock.h"
#include "skylr/control_socket.h"
#include "skylr/file_system.h"
#include "skylr/process_runner.h"
#include "sync/certificate_sync.h"
#include "sync/synchronizer.h"

namespace skylr {

namespace {

std::unique_ptr<haproxy::HaproxyControl> make_haproxy_control(const Config& config, ProcessRunner& processes) {
  haproxy::HaproxyProcessSettings settings = haproxy::haproxy_process_settings(config);
  if (config.reload.mode == ReloadMode::kExternal) {
    return haproxy::make_external_haproxy(settings, processes, default_file_system());
  }
  return haproxy::make_managed_haproxy(settings, processes, default_control_socket(), default_file_system(),
                                       default_clock());
}

class PipelineImpl final : public Pipeline {
 public:
  PipelineImpl(const Config& config, HttpClient& http, ProcessRunner& processes)
      : haproxy_(make_haproxy_control(config, processes)),
        marathon_(config.marathon_hosts, config.marathon_credentials, http,
                  config.marathon_timeouts),
        applier_(apply::apply_settings(config), default_file_system(), processes,
                 *haproxy_, default_clock()),
        synchronizer_(marathon_, applier_, runtime_, default_clock()),
        certificates_(default_file_system(), applier_, runtime_, default_clock()) {}

  MarathonClient& marathon() override { return marathon_; }
  // The certificates are looked at first: a sync's `haproxy -c` and reload read their
  // crt-list; what the sync did not reload follows it.
  SyncReport sync(const Config& config) override {
    CertificateReport certificates = certificates_.refresh(config);
    SyncReport report = synchronizer_.sync(config);
    certificates_.make_live(config, report.apply, certificates);
    if (!report.fetch_error) add_problems(report.model, certificates_.missing_certificates(synchronizer_.served_config(config)));
    report.certificates = std::move(certificates);
    return report;
  }
  SyncReport sync_apps(const Config& config, const std::set<std::string>& app_ids) override {
    return synchronizer_.sync_apps(config, app_ids);
  }
  SyncReport finish_drains(const Config& config) override {
    return synchronizer_.finish_drains(config);
  }
  std::optional<std::chrono::steady_clock::time_point> next_drain_check() const override {
    return synchronizer_.next_drain_check();
  }
  const SlotTable& slots() const override { return synchronizer_.slots(); }
  const Config& served_config(const Config& config) const override { return synchronizer_.served_config(config); }
  const ApplyCounters& counters() const override { return applier_.counters(); }
  std::vector<CertificateStatus> certificates() const override { return certificates_.statuses(); }
  Status stop_haproxy() override { return haproxy_->stop(); }
  SupervisionReport supervise() override { return haproxy_->supervise(); }

 private:
  std::unique_ptr<haproxy::HaproxyControl> haproxy_;
  MarathonClient marathon_;
  apply::ConfigApplier applier_;
  haproxy::RuntimeUpdater runtime_{default_control_socket()};
  sync::Synchronizer synchronizer_;
  sync::CertificateSync certificates_;
};

}  // namespace

std::unique_ptr<Pipeline> Pipeline::open(const Config& config, HttpClient& http) {
  return open(config, http, default_process_runner());
}

std::unique_ptr<Pipeline> Pipeline::open(const Config& config, HttpClient& http, ProcessRunner& processes) {
  return std::make_unique<PipelineImpl>(config, http, processes);
}

}  // namespace skylr
