#include "discovery/setting_labels.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <string_view>

#include "config/strings.h"
#include "util/host_check.h"
#include "util/ip_address.h"

namespace skylr::discovery {

namespace {

constexpr std::array<std::string_view, 7> kBalances = {"roundrobin", "static-rr", "leastconn", "first",
                                                       "source", "random", "uri"};

// A virtual host as routing matches it: a host name, or "*." and a host name, lower case.
bool is_vhost(std::string_view host) {
  std::string_view name = host.starts_with("*.") ? host.substr(2) : host;
  return !name.empty() && name.find(':') == std::string_view::npos && util::is_valid_host(name) &&
         name.find('_') == std::string_view::npos;
}

// True for the characters of a crypt(3) hash: [A-Za-z0-9./$=+_-].
bool is_hash_char(char c) { return config::is_plain_name_char(c) || c == '/' || c == '$' || c == '=' || c == '+'; }

}  // namespace

std::optional<std::string> read_vhosts(PortLabels& labels, ServiceConfig& service) {
  const std::string* value = labels.find("VHOST");
  if (value == nullptr) return std::nullopt;
  for (std::string& host : split(*value, ", ")) {
    host = lower_case(host);
    if (!is_vhost(host)) {
      return bad_label(labels, "VHOST", fmt::format("{} is not a host name (or *. and a host name)",
                                                    util::quote_for_message(host)));
    }
    if (host.back() == '.') host.pop_back();
    service.vhosts.push_back(std::move(host));
  }
  if (service.vhosts.empty()) return bad_label(labels, "VHOST", "names no host");
  std::sort(service.vhosts.begin(), service.vhosts.end());
  service.vhosts.erase(std::unique(service.vhosts.begin(), service.vhosts.end()), service.vhosts.end());
  return std::nullopt;
}

std::optional<std::string> read_paths(PortLabels& labels, ServiceConfig& service) {
  const std::string* value = labels.find("PATH");
  if (value == nullptr) return std::nullopt;
  if (service.vhosts.empty()) return bad_label(labels, "PATH", "path routing needs a virtual host (HAPROXY_{n}_VHOST)");
  for (std::string& path : split(*value, " ")) {
    if (path.starts_with('-')) return bad_label(labels, "PATH", fmt::format("the flag {} is not supported", path));
    if (auto problem = config::check_http_path(path)) return bad_label(labels, "PATH", *problem);
    service.paths.push_back(std::move(path));
  }
  std::sort(service.paths.begin(), service.paths.end());
  service.paths.erase(std::unique(service.paths.begin(), service.paths.end()), service.paths.end());
  return std::nullopt;
}

std::optional<std::string> read_mode(PortLabels& labels, ServiceConfig& service) {
  service.mode = service.vhosts.empty() ? ServiceMode::kTcp : ServiceMode::kHttp;
  if (const std::string* value = labels.find("MODE")) {
    std::string mode = lower_case(*value);
    if (mode != "http" && mode != "tcp") {
      return bad_label(labels, "MODE", fmt::format("expected http or tcp, got {}", util::quote_for_message(*value)));
    }
    service.mode = mode == "http" ? ServiceMode::kHttp : ServiceMode::kTcp;
  }
  if (service.mode == ServiceMode::kTcp && !service.vhosts.empty()) {
    return bad_label(labels, "MODE", "tcp, but virtual hosts are routed by HTTP's Host header");
  }
  return std::nullopt;
}

std::optional<std::string> read_balance(PortLabels& labels, ServiceConfig& service) {
  const std::string* value = labels.find("BALANCE");
  if (value == nullptr) return std::nullopt;
  if (std::find(kBalances.begin(), kBalances.end(), *value) == kBalances.end()) {
    return bad_label(labels, "BALANCE",
                     fmt::format("expected one of {}, got {}", fmt::join(kBalances, ", "), util::quote_for_message(*value)));
  }
  service.balance = *value;
  return std::nullopt;
}

std::optional<std::string> read_bind_addr(PortLabels& labels, ServiceConfig& service) {
  const std::string* value = labels.find("BIND_ADDR");
  if (value == nullptr) return std::nullopt;
  service.bind_host = util::canonical_ip(*value);
  if (service.bind_host.empty()) {
    return bad_label(labels, "BIND_ADDR", fmt::format("{} is not an IP address", util::quote_for_message(*value)));
  }
  return std::nullopt;
}

std::optional<std::string> read_auth(PortLabels& labels, ServiceConfig& service) {
  const std::string* value = labels.find("AUTH");
  if (value == nullptr) return std::nullopt;
  std::vector<std::string> parts = split(*value, ":");
  bool valid = parts.size() == 3 && value->find("::") == std::string::npos &&
               std::all_of(parts[0].begin(), parts[0].end(), config::is_plain_name_char) &&
               std::all_of(parts[1].begin(), parts[1].end(), config::is_plain_name_char) &&
               std::all_of(parts[2].begin(), parts[2].end(), is_hash_char);
  if (!valid) {
    return bad_label(labels, "AUTH",
                     "expected realm:user:hash (realm and user of [A-Za-z0-9._-], a crypt(3) hash)");
  }
  if (service.mode != ServiceMode::kHttp) return bad_label(labels, "AUTH", "basic auth needs HTTP mode");
  service.basic_auth = BasicAuth{parts[0], parts[1], parts[2]};
  return std::nullopt;
}

std::optional<std::string> read_https(PortLabels& labels, const TlsConfig& tls, ServiceConfig& service) {
  if (auto problem = read_bool(labels, "REDIRECT_TO_HTTPS", service.redirect_to_https)) return problem;
  bool hsts = false;
  if (auto problem = read_bool(labels, "USE_HSTS", hsts)) return problem;
  if (hsts) service.hsts_max_age = tls.hsts_max_age;
  if ((service.redirect_to_https || hsts) && service.mode != ServiceMode::kHttp) {
    return bad_label(labels, service.redirect_to_https ? "REDIRECT_TO_HTTPS" : "USE_HSTS", "needs HTTP mode");
  }
  const std::string* certificate = labels.find("SSL_CERT");
  if (certificate == nullptr) return std::nullopt;
  if (!tls.enabled) return bad_label(labels, "SSL_CERT", "needs the config's \"tls\" section (its certificates)");
  if (config::check_file_name(*certificate)) {
    return bad_label(labels, "SSL_CERT", fmt::format("{} is not a file name in tls.certificates (never a path)",
                                                     util::quote_for_message(*certificate)));
  }
  if (service.mode != ServiceMode::kHttp) return bad_label(labels, "SSL_CERT", "needs HTTP mode");
  service.certificate = *certificate;
  return std::nullopt;
}

}  // namespace skylr::discovery
