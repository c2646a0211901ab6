// Pipeline::open: the parts of a sync wired over the real host.
#include "skylr/pipeline.h"

#include "apply/applier.h"
#include "haproxy/control.h"
#include "haproxy/runtime_updater.h"
#include "skylr/clock.h"
#include "skylr/control_socket.h"
#include "skylr/file_system.h"
#include "skylr/process_runner.h"
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
        synchronizer_(marathon_, applier_, runtime_, default_clock()) {}

  MarathonClient& marathon() override { return marathon_; }
  SyncReport sync(const Config& config) override { return synchronizer_.sync(config); }
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
  Status stop_haproxy() override { return haproxy_->stop(); }
  SupervisionReport supervise() override { return haproxy_->supervise(); }

 private:
  std::unique_ptr<haproxy::HaproxyControl> haproxy_;
  MarathonClient marathon_;
  apply::ConfigApplier applier_;
  haproxy::RuntimeUpdater runtime_{default_control_socket()};
  sync::Synchronizer synchronizer_;
};

}  // namespace

std::unique_ptr<Pipeline> Pipeline::open(const Config& config, HttpClient& http) {
  return open(config, http, default_process_runner());
}

std::unique_ptr<Pipeline> Pipeline::open(const Config& config, HttpClient& http, ProcessRunner& processes) {
  return std::make_unique<PipelineImpl>(config, http, processes);
}

}  // namespace skylr
