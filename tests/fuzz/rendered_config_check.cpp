// rendered_config_violations: matches each line against the templates of the lines the
// renderer writes, then checks the services' proxies and servers against the config and the apps.
#include "rendered_config_check.h"

#include <arpa/inet.h>
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <string_view>

namespace skylr::fuzz {
namespace {

// Placeholders in templates; any other template word must appear as it is.
constexpr std::string_view kName = "{name}";      // an HAProxy name: [A-Za-z0-9_.:-]+
constexpr std::string_view kToken = "{token}";    // see is_token()
constexpr std::string_view kNumber = "{number}";  // decimal digits
constexpr std::string_view kMillis = "{ms}";      // decimal digits then "ms"
constexpr std::string_view kHostPort = "{host:port}";
constexpr std::string_view kAuth = "{http_auth}";  // http_auth(<name>)
constexpr std::string_view kParked = "0.0.0.0:0";  // a server slot without a task

// The directives (after the four-space indent) and section headers the renderer writes.
// A directive added to the renderer needs its template here (the replay test fails
// on the golden inputs in the corpus until it has one).
const std::vector<std::vector<std::string_view>> kDirectives = {
    {"maxconn", kNumber},
    {"httpclient.ssl.verify", "none"},
    {"stats", "socket", kToken, "mode", "600", "level", "admin", "expose-fd", "listeners"},
    {"stats", "timeout", "30s"},
    {"mode", "http"},
    {"mode", "tcp"},
    {"timeout", "connect", kMillis},
    {"timeout", "client", kMillis},
    {"timeout", "server", kMillis},
    {"timeout", "tunnel", kMillis},
    {"option", "dontlognull"},
    {"option", "idle-close-on-response"},
    {"retries", kNumber},
    {"option", "redispatch", kNumber},
    {"option", "forwardfor"},
    {"option", "httpchk", "GET", kToken},
    {"default-server", "init-addr", "last,libc,none"},
    {"bind", kHostPort},
    {"stats", "enable"},
    {"stats", "uri", kToken},
    {"stats", "auth", kToken},
    {"stats", "refresh", "10s"},
    {"acl", "authorized", kAuth},
    {"http-request", "auth", "realm", kName, "if", "!authorized"},
    {"balance", "roundrobin"},
    {"server", kName, kHostPort},
    {"server", kName, kHostPort, "check"},
    {"server", kName, kParked, "disabled"},
    {"server", kName, kParked, "check", "disabled"},
};
const std::vector<std::vector<std::string_view>> kHeaders = {
    {"global"}, {"defaults"}, {"listen", "skylr:stats"}, {"listen", kName},
};

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == ':' || c == '-';
}

bool is_name(std::string_view word) {
  return !word.empty() && std::all_of(word.begin(), word.end(), is_name_char);
}

bool is_digits(std::string_view word) {
  return !word.empty() &&
         std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A word HAProxy reads as it is: no space or control character, quote, backslash or '#'
// (bytes of UTF-8 and other encodings pass through).
bool is_token(std::string_view word) {
  return !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
    auto byte = static_cast<unsigned char>(c);
    return byte > ' ' && byte != 0x7f && c != '"' && c != '\'' && c != '\\' && c != '#';
  });
}

// A host and port as written in a bind or server line.
struct HostPort {
  std::string host;
  int port = 0;
};

std::optional<HostPort> parse_host_port(std::string_view word) {
  std::size_t colon = word.rfind(':');
  if (colon == std::string_view::npos || colon + 6 < word.size()) return std::nullopt;
  std::string_view port = word.substr(colon + 1);
  std::string_view host = word.substr(0, colon);
  if (!is_digits(port)) return std::nullopt;
  int number = std::stoi(std::string(port));
  if (number < 1 || number > 65535) return std::nullopt;
  bool bracketed = host.size() > 2 && host.front() == '[' && host.back() == ']';
  if (bracketed) host = host.substr(1, host.size() - 2);
  std::string text(host);
  bool v6 = text.find(':') != std::string::npos;
  if (bracketed != v6) return std::nullopt;
  if (text != "*" && !is_renderable_host(text)) return std::nullopt;
  return HostPort{text, number};
}

bool word_matches(std::string_view pattern, std::string_view word) {
  if (pattern == kName) return is_name(word);
  if (pattern == kToken) return is_token(word);
  if (pattern == kNumber) return is_digits(word);
  if (pattern == kMillis) return word.ends_with("ms") && is_digits(word.substr(0, word.size() - 2));
  if (pattern == kHostPort) return parse_host_port(word).has_value();
  if (pattern == kAuth) {
    return word.starts_with("http_auth(") && word.ends_with(")") &&
           is_name(word.substr(10, word.size() - 11));
  }
  return pattern == word;
}

// The words of `text` separated by single spaces; nullopt when two spaces meet or the
// text starts or ends with one.
std::optional<std::vector<std::string_view>> single_spaced_words(std::string_view text) {
  std::vector<std::string_view> words;
  for (;;) {
    std::size_t space = text.find(' ');
    std::string_view word = text.substr(0, space);
    if (word.empty()) return std::nullopt;
    words.push_back(word);
    if (space == std::string_view::npos) return words;
    text.remove_prefix(space + 1);
  }
}

bool matches_one(const std::vector<std::vector<std::string_view>>& templates,
                 const std::vector<std::string_view>& words) {
  return std::any_of(templates.begin(), templates.end(), [&](const auto& pattern) {
    if (pattern.size() != words.size()) return false;
    for (std::size_t i = 0; i < words.size(); ++i) {
      if (!word_matches(pattern[i], words[i])) return false;
    }
    return true;
  });
}

bool is_comment(std::string_view line) {
  return line.starts_with("# ") &&
         std::all_of(line.begin(), line.end(), [](char c) { return c >= ' ' && c < 0x7f; });
}

// True when `line` has the form of one the renderer writes.
bool line_has_known_form(std::string_view line) {
  if (line.empty() || is_comment(line)) return true;
  bool directive = line.starts_with("    ");
  auto words = single_spaced_words(directive ? line.substr(4) : line);
  return words && matches_one(directive ? kDirectives : kHeaders, *words);
}

// What the semantic checks need to know about the lines seen so far.
struct Walk {
  std::string section;                 // "listen x_http", "listen skylr:stats", ...
  std::multiset<int> service_ports;    // bind ports of the services' proxies
  std::set<std::string> server_names;  // in the current section
  std::set<std::string> sections;      // headers seen
  std::vector<std::string> violations;
};

// The service whose proxy is `backend` ("<proxy_name>_http" or "_tcp").
const ServiceConfig* service_of_backend(const Config& config, std::string_view backend) {
  for (const auto& [name, service] : config.services) {
    std::string stem = proxy_name(service);
    for (std::string_view suffix : {"_http", "_tcp"}) {
      if (backend == stem + std::string(suffix)) return &service;
    }
  }
  return nullptr;
}

bool task_runs(const Task& task) {
  return task.state ? *task.state == "TASK_RUNNING" : task.started;
}

bool task_offers(const ServiceConfig& service, const App& app, const Task& task,
                 const HostPort& at) {
  bool address = task.host == at.host ||
                 std::any_of(task.ip_addresses.begin(), task.ip_addresses.end(),
                             [&](const TaskIpAddress& ip) { return ip.address == at.host; });
  auto has = [&](const std::vector<int>& ports) {
    return std::find(ports.begin(), ports.end(), at.port) != ports.end();
  };
  bool port = service.backend_port == at.port || has(task.ports) || has(app.container_ports);
  bool healthy = !service.health.respect_marathon ||
                 std::all_of(task.health_alive.begin(), task.health_alive.end(),
                             [](bool alive) { return alive; });
  return address && port && task_runs(task) && healthy;
}

// A server line of `walk.section`: a unique name, and parked or at the address of a
// running task Marathon does not report dead (unless the service ignores Marathon's health
// results).
void check_server(const Config& config, const std::vector<App>& apps,
                  const std::vector<std::string_view>& words, Walk& walk) {
  std::string backend = walk.section.substr(walk.section.find(' ') + 1);
  const ServiceConfig* service =
      walk.section.starts_with("listen ") ? service_of_backend(config, backend) : nullptr;
  if (service == nullptr) {
    walk.violations.push_back(fmt::format("server outside a service's proxy: {}", walk.section));
    return;
  }
  if (!walk.server_names.insert(std::string(words[1])).second) {
    walk.violations.push_back(fmt::format("server {} twice in {}", words[1], backend));
  }
  if (words[2] == kParked) return;
  HostPort at = *parse_host_port(words[2]);
  bool found = std::any_of(apps.begin(), apps.end(), [&](const App& app) {
    return app.id == service->app_id &&
           std::any_of(app.tasks.begin(), app.tasks.end(),
                       [&](const Task& task) { return task_offers(*service, app, task, at); });
  });
  if (!found) {
    walk.violations.push_back(
        fmt::format("server {} is no running, healthy task of {}", words[2], service->app_id));
  }
}

// Section bookkeeping and the checks that need more than the line itself.
void check_semantics(const Config& config, const std::vector<App>& apps, std::string_view line,
                     Walk& walk) {
  if (line.empty() || line.starts_with("#")) return;
  if (!line.starts_with(" ")) {
    walk.section = std::string(line);
    walk.server_names.clear();
    if (!walk.sections.insert(walk.section).second) {
      walk.violations.push_back(fmt::format("section twice: {}", line));
    }
    return;
  }
  if (walk.section.empty()) {
    walk.violations.push_back(fmt::format("directive before any section: {}", line));
    return;
  }
  std::vector<std::string_view> words = *single_spaced_words(line.substr(4));
  if (words[0] == "server") check_server(config, apps, words, walk);
  if (words[0] == "bind" && walk.section != "listen skylr:stats") {
    walk.service_ports.insert(parse_host_port(words[1])->port);
  }
}

}  // namespace

bool is_renderable_host(const std::string& host) {
  unsigned char buffer[16];
  if (inet_pton(AF_INET, host.c_str(), buffer) == 1 ||
      inet_pton(AF_INET6, host.c_str(), buffer) == 1) {
    return true;
  }
  if (host.empty() || host.size() > 253 || host.front() == '.' ||
      host.find("..") != std::string::npos) {
    return false;
  }
  return std::all_of(host.begin(), host.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || c == '.';
  });
}

std::vector<std::string> rendered_config_violations(const Config& config,
                                                    const std::vector<App>& apps,
                                                    const std::string& text) {
  Walk walk;
  std::string_view rest = text;
  for (std::size_t number = 1; !rest.empty(); ++number) {
    std::size_t end = rest.find('\n');
    std::string_view line = rest.substr(0, end);
    rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
    if (!line_has_known_form(line)) {
      walk.violations.push_back(
          fmt::format("line {} has an unknown form: {:?}", number, std::string(line)));
      continue;
    }
    check_semantics(config, apps, line, walk);
  }
  std::multiset<int> service_ports;
  for (const auto& [name, service] : config.services) service_ports.insert(service.port);
  if (walk.service_ports != service_ports) {
    walk.violations.push_back("the proxies' ports are not the services' ports");
  }
  return walk.violations;
}

}  // namespace skylr::fuzz
