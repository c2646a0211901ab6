#include "cmd_status.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <vector>

#include "exit_codes.h"
#include "server_access.h"
#include "skylr/httplib_client.h"

namespace skylr {

using protocol::SkylrdStatus;
using protocol::StatusCertificate;
using protocol::StatusConfigReload;
using protocol::StatusServer;
using protocol::StatusService;
using protocol::parse_skylrd_status;

namespace {

using Row = std::array<std::string, 4>;

// "10.0.0.1:31000 (slot-3)", "[fd00::2]:31001"; the slot is the server's name on HAProxy's stats page.
std::string server_text(const StatusServer& server) {
  bool v6 = server.address.find(':') != std::string::npos;
  std::string text = v6 ? fmt::format("[{}]:{}", server.address, server.port)
                        : fmt::format("{}:{}", server.address, server.port);
  return server.slot.empty() ? text : fmt::format("{} ({})", text, server.slot);
}

std::string servers_cell(const StatusService& service) {
  if (!service.app_found) return fmt::format("none (Marathon has no app {})", service.app_id);
  std::vector<std::string> servers;
  for (const StatusServer& server : service.servers) servers.push_back(server_text(server));
  std::string cell = servers.empty() ? "none" : fmt::format("{}", fmt::join(servers, ", "));
  for (const StatusServer& server : service.draining) cell += "; draining " + server_text(server);
  return cell;
}

// The rows padded to aligned columns; the last column is not padded.
std::string aligned(const std::vector<Row>& rows) {
  std::array<std::size_t, 4> widths{};
  for (const Row& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
  }
  std::string out;
  for (const Row& row : rows) {
    out += fmt::format("{:<{}}  {:<{}}  {:<{}}  {}\n", row[0], widths[0], row[1], widths[1], row[2],
                       widths[2], row[3]);
  }
  return out;
}

std::string or_never(const std::string& time) { return time.empty() ? "never" : time; }

std::string apply_cell(const SkylrdStatus& status) {
  if (status.last_apply_status.empty()) return "never";
  if (status.last_apply_status == "failed") {
    return fmt::format("failed at {}: {}", status.last_apply_stage, status.last_apply_message);
  }
  if (status.last_apply_method == "runtime") return status.last_apply_status + " through the Runtime API";
  if (status.last_apply_method == "reload") {
    return fmt::format("{} by a reload ({})", status.last_apply_status, status.last_apply_reload_reason);
  }
  return status.last_apply_status;
}

std::string reload_cell(const SkylrdStatus& status) {
  if (status.last_reload.empty()) return "never";
  if (status.last_reload_reason.empty() || status.last_reload_reason == "none") return status.last_reload;
  return fmt::format("{} ({})", status.last_reload, status.last_reload_reason);
}

std::string error_cell(const SkylrdStatus& status) {
  if (status.last_error.empty()) return "none";
  return fmt::format("{}: {}", or_never(status.last_error_at), status.last_error);
}

}  // namespace

std::string format_status(const SkylrdStatus& status) {
  std::vector<Row> rows = {{"SERVICE", "APP ID", "PORT", "SERVERS"}};
  for (const StatusService& service : status.services) {
    rows.push_back({service.name, service.app_id, std::to_string(service.port), servers_cell(service)});
  }
  std::string out = aligned(rows) + "\n";
  out += fmt::format("healthy      {}\n", status.healthy ? "yes" : "no");
  out += fmt::format("last sync    {}\n", or_never(status.last_sync));
  if (!status.last_sync_error.empty()) out += fmt::format("sync error   {}\n", status.last_sync_error);
  out += fmt::format("last apply   {}\n", apply_cell(status));
  out += fmt::format("last reload  {}\n", reload_cell(status));
  out += fmt::format("runtime API  {} update{}\n", status.runtime_updates,
                     status.runtime_updates == 1 ? "" : "s");
  out += fmt::format("last error   {}\n", error_cell(status));
  const StatusConfigReload& reread = status.config_reload;
  if (!reread.last_attempt.empty()) {
    out += fmt::format("config file  {} on SIGHUP at {}\n", reread.result, reread.last_attempt);
    for (const std::string& problem : reread.problems) out += fmt::format("  refused:   {}\n", problem);
  }
  for (const StatusCertificate& certificate : status.certificates) {
    std::string served = certificate.served ? fmt::format("{} until {}", certificate.subject, certificate.not_after)
                                            : "nothing served";
    out += fmt::format("certificate  {}: {}\n", certificate.file, served);
    if (!certificate.refused.empty()) out += fmt::format("  refused:   {}\n", certificate.refused);
  }
  for (const std::string& problem : status.problems) out += fmt::format("problem      {}\n", problem);
  return out;
}

std::shared_ptr<StatusOptions> setup_status(CLI::App& app) {
  auto options = std::make_shared<StatusOptions>();
  CLI::App* command = app.add_subcommand("status", "Show what skylrd serves and how its last sync went");
  command->add_option("--skylrd", options->skylrd_url, "skylrd's URL")->capture_default_str();
  command->add_flag("--json", options->json, "Print skylrd's JSON as it is");
  return options;
}

int run_status(const StatusOptions& options, std::ostream& out, std::ostream& err) {
  Result<MarathonEndpoint> skylrd = parse_server_url("--skylrd", options.skylrd_url);
  if (!skylrd) {
    err << skylrd.error().message << '\n';
    return kExitBadUsage;
  }
  HttpRequest request;
  request.origin = skylrd->origin();
  request.target = skylrd->base_path + "/status";
  Result<HttpResponse> answer = httplib_client().send(request);
  if (!answer) {
    err << "cannot reach skylrd: " << answer.error().message << '\n';
    return kExitUnreachable;
  }
  if (answer->status != 200) {
    err << fmt::format("GET /status: skylrd answered HTTP {}\n", answer->status);
    return kExitError;
  }
  Result<SkylrdStatus> status = parse_skylrd_status(answer->body);
  if (!status) {
    err << status.error().message << '\n';
    return kExitError;
  }
  out << (options.json ? answer->body + (answer->body.ends_with('\n') ? "" : "\n") : format_status(*status));
  return kExitDone;
}

}  // namespace skylr
