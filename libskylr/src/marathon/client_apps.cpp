// MarathonClient's reads of apps: GET /v2/apps?embed=apps.tasks and
// GET /v2/apps/{id}?embed=app.tasks through the failover loop (marathon/client.cpp), each
// answer's status checked and its body parsed.
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "config/service.h"
#include "skylr/marathon_client.h"
#include "util/host_check.h"
#include "util/json_read.h"

namespace skylr {

using util::quote_for_message;
namespace {

constexpr std::string_view kAppsTarget = "/v2/apps?embed=apps.tasks";

// The error for an answer to GET `target` with a status the read does not take.
Error unexpected_status(std::string_view target, const HttpResponse& answer) {
  return Error{fmt::format("GET {}: Marathon answered HTTP {}: {}", target, answer.status,
                           std::string_view(answer.body).substr(0, 200))};
}

// True when `body` is one of Marathon's error answers, a JSON object with a string
// `message` (`{"message":"App '/x' does not exist"}`), rather than, say, a proxy's page.
bool is_marathon_message(std::string_view body) {
  Result<rapidjson::Document> document = util::parse_json(body, "answer");
  if (!document.ok() || !document->IsObject()) return false;
  const rapidjson::Value* message = util::find_member(*document, "message");
  return message != nullptr && message->IsString();
}

}  // namespace

Result<std::vector<App>> MarathonClient::fetch_apps() {
  Result<AppsFrom> apps = read_apps(false);
  if (!apps.ok()) return apps.error();
  return std::move(apps->apps);
}

Result<AppsFrom> MarathonClient::fetch_apps_from_another() { return read_apps(true); }

Result<AppsFrom> MarathonClient::read_apps(bool from_another) {
  std::size_t answered = 0;
  Result<HttpResponse> answer = read(kAppsTarget, from_another, &answered);
  if (!answer.ok()) return answer.error();
  if (answer->status != 200) return unexpected_status(kAppsTarget, *answer);
  Result<std::vector<App>> apps = parse_apps_with_tasks(answer->body);
  if (!apps.ok()) return Error{fmt::format("GET {}: {}", kAppsTarget, apps.error().message)};
  return AppsFrom{std::move(*apps), endpoints_[answered].origin()};
}

Result<std::optional<App>> MarathonClient::fetch_app(std::string_view app_id) {
  std::optional<std::string> id = config::app_id_for_key(app_id);
  if (!id) {
    return Error{fmt::format("{} is not a Marathon app id (segments of letters, digits, '.', '_' and '-' "
                             "separated by '/')",
                             quote_for_message(app_id))};
  }
  // A valid id holds only characters that stand for themselves in a URL path.
  const std::string target = fmt::format("/v2/apps{}?embed=app.tasks", *id);
  Result<HttpResponse> answer = get(target);
  if (!answer.ok()) return answer.error();
  if (answer->status == 404 && is_marathon_message(answer->body)) return std::optional<App>{};
  if (answer->status != 200) return unexpected_status(target, *answer);
  Result<App> app = parse_app_with_tasks(answer->body);
  if (!app.ok()) return Error{fmt::format("GET {}: {}", target, app.error().message)};
  if (app->id != *id) {
    return Error{fmt::format("GET {}: Marathon answered with the app {}", target, quote_for_message(app->id))};
  }
  return std::optional<App>{std::move(*app)};
}

}  // namespace skylr
