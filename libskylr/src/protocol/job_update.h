// Job updates: a caller's request to change fields of Marathon apps through skylrd, as
// `POST /updateApp` ({"<app id>": {<fields>}, ...}) and `PUT /apps/<app id>` ({<fields>})
// carry it. Parsing checks the shape, the app ids and the type and range of every field
// skylrd knows (a malformed request, HTTP 400); authorisation checks the apps against the
// services and the fields against `job_updates.fields` (a refused request, HTTP 403). Only
// the fields of known_update_fields() can ever be allowed. Pure; thread-compatible.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "skylr/config.h"
#include "skylr/result.h"

namespace skylr::protocol {

// One field to change and its value as compact JSON text, e.g. {"cpus", "0.5"}.
struct FieldUpdate {
  std::string name;
  std::string json;
};

// The fields to change in one app, in the request's order.
struct AppUpdate {
  std::string app_id;  // normalized: "/grp/app"
  std::vector<FieldUpdate> fields;
};

// The apps of a `POST /updateApp` body, in its order. Fails, naming the JSON path, on
// invalid JSON, a body that is not a non-empty object of non-empty objects, an invalid or
// repeated app id or field, or a known field whose value has the wrong type or range,
// e.g. `/web.instances: expected an integer 0-10000, got "3"`.
Result<std::vector<AppUpdate>> parse_update_apps(std::string_view body);

// The update of `PUT /apps/<app_id>` with the fields object `body`. Fails as
// parse_update_apps does; paths start at the fields, e.g. `instances: expected ...`.
Result<AppUpdate> parse_update_app(std::string_view app_id, std::string_view body);

// Success when every app is one of `config`'s services and every field is in
// `config.job_updates.fields` and known; else the first refusal: `app /x is not tracked by
// this skylrd` or `field "cmd" of app /web is not allowed (allowed: instances, cpus, mem)`.
Status authorize_updates(const std::vector<AppUpdate>& updates, const Config& config);

// The Marathon target for `update`: "/v2/apps/grp/app?force=false".
std::string marathon_update_target(const AppUpdate& update, bool force);

// The JSON body sent to Marathon for `update`: {"instances":3,"cpus":0.5}.
std::string marathon_update_body(const AppUpdate& update);

// The fields of `update` for logs: "instances=3 cpus=0.5".
std::string describe_fields(const AppUpdate& update);

}  // namespace skylr::protocol
