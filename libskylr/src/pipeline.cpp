#include "skylr/pipeline.h"

#include "skylr/clock.h"
#include "skylr/file_system.h"
#include "skylr/posix_process_runner.h"

namespace skylr {
namespace {

std::unique_ptr<HaproxyControl> make_haproxy_control(const Config& config, ControlSocket& socket) {
  HaproxyProcessSettings settings = haproxy_process_settings(config);
  if (config.reload.mode == ReloadMode::kExternal) {
    return make_external_haproxy(settings, posix_process_runner(), local_file_system());
  }
  return make_managed_haproxy(settings, posix_process_runner(), socket, local_file_system());
}

}  // namespace

Pipeline::Pipeline(const Config& config, HttpClient& http)
    : haproxy_(make_haproxy_control(config, master_socket_)),
      marathon_(config.marathon_hosts, config.marathon_credentials, http),
      applier_(apply_settings(config), local_file_system(), posix_process_runner(), *haproxy_,
               system_clock()),
      synchronizer_(marathon_, applier_, runtime_, system_clock()) {}

}  // namespace skylr
