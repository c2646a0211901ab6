// The stored definition of a simulated app: the JSON object a client PUT (merged over the
// previous definition and Marathon's defaults), kept as a RapidJSON document so that every
// field, known or not, is answered back as sent. Functions here read and complete such a
// definition; it must have passed validate_app(). Pure functions, except that service port
// numbers come from the caller.
#pragma once

#include <rapidjson/document.h>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace skylr::sim {

// Marathon's defaults for a new app `id` (instances 1, cpus 1, mem 128, labels {}...).
rapidjson::Document new_app_definition(std::string_view id);

// Copies the top-level members of `update` into `definition`, replacing those present;
// fields Marathon computes (version, tasks, counts, deployments) and `id` are ignored.
void merge_app_update(rapidjson::Document& definition, const rapidjson::Value& update);

// Gives the app one default port definition when it declares no ports at all, and a
// service port from `next_service_port` to every port definition or mapping that has 0.
void complete_ports(rapidjson::Document& definition, const std::function<int()>& next_service_port);

// The app's "instances".
int app_instances(const rapidjson::Value& definition);

// Sets the app's "instances".
void set_app_instances(rapidjson::Document& definition, int instances);

// True when the definitions differ only in "instances" (a scaling, not a restart).
bool same_config(const rapidjson::Value& a, const rapidjson::Value& b);

// How many host ports a task needs: one per port definition or port mapping, at least one.
std::size_t app_port_count(const rapidjson::Value& definition);

// The app's service ports, in port definition or port mapping order.
std::vector<int> app_service_ports(const rapidjson::Value& definition);

// True when the app declares at least one health check.
bool has_health_checks(const rapidjson::Value& definition);

// The label that asks for real task servers for one app (see TaskLauncher), without
// --launch for every app: "MARATHON_SIM_LAUNCH": "true".
inline constexpr std::string_view kLaunchLabel = "MARATHON_SIM_LAUNCH";

// True when the app's labels hold kLaunchLabel with the value "true".
bool launch_requested(const rapidjson::Value& definition);

// The string member `key` of `object`, or "" when absent or not a string.
std::string string_member(const rapidjson::Value& object, std::string_view key);

}  // namespace skylr::sim
