#include "cmd_explain.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>

#include "cmd_load.h"
#include "exit_codes.h"
#include "server_access.h"
#include "skylr/discovery.h"
#include "skylr/httplib_client.h"
#include "skylr/marathon_client.h"

namespace skylr {

namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

std::string_view verdict_name(PortVerdict verdict) {
  switch (verdict) {
    case PortVerdict::kPublished: return "published";
    case PortVerdict::kNotInGroup: return "not in a configured group";
    case PortVerdict::kDisabled: return "disabled";
    case PortVerdict::kRefused: return "refused";
  }
  return "unknown";
}

// "http, port 10001 on *, virtual hosts a.example.com, paths /api, redirect to HTTPS, HSTS
// max-age 15768000, certificate a.pem" for a published port.
std::string describe(const ServiceConfig& service) {
  std::string text = service.mode == ServiceMode::kHttp ? "http" : "tcp";
  text += service.port > 0 ? fmt::format(", port {}", service.port) : ", no port of its own";
  if (!service.vhosts.empty()) text += fmt::format(", virtual hosts {}", fmt::join(service.vhosts, " "));
  if (!service.paths.empty()) text += fmt::format(", paths {}", fmt::join(service.paths, " "));
  if (service.redirect_to_https) text += ", redirect to HTTPS";
  if (service.hsts_max_age > 0) text += fmt::format(", HSTS max-age {}", service.hsts_max_age);
  if (!service.certificate.empty()) text += fmt::format(", certificate {}", service.certificate);
  return text;
}

// The ports of `app` as `served` publishes them: a port discover_app publishes but `served`
// lacks was refused for a conflict with another service.
AppDiscovery explain_app(const Config& config, const Config& served, const App& app) {
  AppDiscovery explained = discover_app(config, app);
  for (PortDiscovery& port : explained.ports) {
    if (port.service && served.services.count(port.service->name) == 0) {
      port.verdict = PortVerdict::kRefused;
      port.reason = "it conflicts with another service (see the problems)";
      port.service.reset();
    }
  }
  return explained;
}

void write_text(const AppDiscovery& app, const std::vector<std::string>& problems, std::ostream& out) {
  out << "app " << app.app_id << '\n';
  if (!app.note.empty()) out << "  " << app.note << '\n';
  if (app.note.empty() && app.ports.empty()) out << "  it has no ports (no portDefinitions or port mappings)\n";
  for (const PortDiscovery& port : app.ports) {
    out << fmt::format("  port {}: {}", port.index, verdict_name(port.verdict));
    if (port.service) out << fmt::format(" as service {} ({})", port.service->name, describe(*port.service));
    if (!port.reason.empty()) out << ": " << port.reason;
    out << '\n';
    for (const auto& [key, value] : port.labels) out << fmt::format("    {}={}\n", key, value);
  }
  for (const std::string& problem : problems) out << "  problem: " << problem << '\n';
}

void write_json(const AppDiscovery& app, const std::vector<std::string>& problems, std::ostream& out) {
  rapidjson::StringBuffer buffer;
  JsonWriter json(buffer);
  auto string = [&](std::string_view text) { json.String(text.data(), static_cast<rapidjson::SizeType>(text.size())); };
  json.StartObject();
  json.Key("app_id");
  string(app.app_id);
  json.Key("note");
  string(app.note);
  json.Key("ports");
  json.StartArray();
  for (const PortDiscovery& port : app.ports) {
    json.StartObject();
    json.Key("index");
    json.Int(port.index);
    json.Key("verdict");
    string(verdict_name(port.verdict));
    json.Key("reason");
    string(port.reason);
    json.Key("service");
    if (port.service) {
      string(port.service->name);
    } else {
      json.Null();
    }
    json.Key("labels");
    json.StartObject();
    for (const auto& [key, value] : port.labels) {
      string(key);
      string(value);
    }
    json.EndObject();
    json.EndObject();
  }
  json.EndArray();
  json.Key("problems");
  json.StartArray();
  for (const std::string& problem : problems) string(problem);
  json.EndArray();
  json.EndObject();
  out << buffer.GetString() << '\n';
}

// Marathon's apps from the saved answer, or from Marathon itself; nullopt after saying why.
std::optional<std::vector<App>> read_apps(const ExplainOptions& options, const Config& config, std::ostream& err,
                                          int& code) {
  code = kExitError;
  if (!options.apps_path.empty()) return value_or_report(load_apps(options.apps_path), err);
  MarathonClient marathon(config.marathon_hosts, config.marathon_credentials, httplib_client(),
                          config.marathon_timeouts);
  Result<std::vector<App>> apps = marathon.fetch_apps();
  if (!apps) {
    err << "cannot read Marathon: " << apps.error().message << '\n';
    code = exit_code_of(apps.error());
    return std::nullopt;
  }
  return std::move(*apps);
}

}  // namespace

std::shared_ptr<ExplainOptions> setup_explain(CLI::App& app) {
  auto options = std::make_shared<ExplainOptions>();
  CLI::App* command =
      app.add_subcommand("explain", "Show how label discovery reads an app: its labels, port by port, and why");
  command->add_option("app_id", options->app_id, "The Marathon app id, e.g. /shop/web")->required();
  command->add_option("-c,--config", options->config_path, "Skylr's config file (JSON)")->required();
  command->add_option("--apps", options->apps_path,
                      "A saved answer of Marathon's GET /v2/apps?embed=apps.tasks (default: ask Marathon)");
  command->add_flag("--json", options->json, "Print one JSON object");
  return options;
}

int run_explain(const ExplainOptions& options, std::ostream& out, std::ostream& err) {
  auto config = value_or_report(load_config(options.config_path), err);
  if (!config) return kExitError;
  if (!config->discovery.enabled) {
    err << options.config_path << ": label discovery is off (no discovery section)\n";
    return kExitError;
  }
  int code = kExitError;
  auto apps = read_apps(options, *config, err, code);
  if (!apps) return code;
  std::string app_id = normalize_app_id(options.app_id);
  auto app = std::find_if(apps->begin(), apps->end(), [&](const App& candidate) { return candidate.id == app_id; });
  if (app == apps->end()) {
    err << fmt::format("Marathon has no app {}\n", app_id);
    return kExitError;
  }
  Config served;
  Model model = build_published_model(*config, *apps, served);
  std::vector<std::string> problems;
  for (const Problem& problem : model.problems) {
    if (problem.app_id == app_id) problems.push_back(problem.message);
  }
  AppDiscovery explained = explain_app(*config, served, *app);
  options.json ? write_json(explained, problems, out) : write_text(explained, problems, out);
  return kExitDone;
}

}  // namespace skylr
