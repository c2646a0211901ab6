// The Skylr configuration: which Marathon to follow, which services to publish through
// HAProxy, and how skylrd runs. The original orchestrator's JSON format loads unchanged;
// every extension has a default (see README "Configuration").
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "skylr/file_system.h"
#include "skylr/result.h"

namespace skylr {

// One entry of `marathon_hosts`: written as `host:port` or as an http(s) URL.
struct MarathonEndpoint {
  std::string scheme = "http";  // "http" or "https"
  std::string host;             // name or IP literal, without brackets
  int port = 8080;
  std::string base_path;        // URL path prefix without a trailing '/', often empty

  // "scheme://host:port" (IPv6 hosts in brackets), the form HTTP clients take.
  std::string origin() const;
};

// How long Skylr waits on Marathon (`marathon_timeouts`).
struct MarathonTimeouts {
  std::chrono::milliseconds connect{2000};
  // For the answer's first byte, and for each later one (a silence); for an event
  // stream, the longest silence.
  std::chrono::milliseconds first_byte{10000};
  // For a whole answer from one endpoint, redirects included; then the next endpoint is
  // asked. Not for event streams, which last.
  std::chrono::milliseconds total{30000};
};

// A host and port to listen on.
struct ListenAddress {
  std::string host = "0.0.0.0";
  int port = 3030;
};

// How HAProxy routes a service: HTTP (WebSocket split, basic auth) or plain TCP.
enum class ServiceMode { kHttp, kTcp };

// How HAProxy checks a service's servers itself.
enum class HealthCheck { kTcp, kHttp, kNone };

// Which tasks count as healthy and how HAProxy checks servers.
struct HealthPolicy {
  HealthCheck check = HealthCheck::kTcp;
  std::string http_path = "/";   // request path for HealthCheck::kHttp
  bool respect_marathon = true;  // leave out tasks whose Marathon health results say dead
  // Taken over from a Marathon health check (label discovery); HAProxy's defaults when absent.
  std::optional<int> interval_s;  // `inter`
  std::optional<int> fall;        // failed checks before a server is down
  std::optional<int> timeout_s;   // `timeout check`
};

// HTTP basic auth asked for by a discovered app (HAPROXY_{n}_AUTH "realm:user:hash").
struct BasicAuth {
  std::string realm;
  std::string user;
  std::string password_hash;  // crypt(3) form, as HAProxy's `password` takes it
};

// Where a service comes from.
enum class ServiceOrigin {
  kConfig,   // listed in `services`
  kLabels,   // published by its app's labels (label discovery)
  kSpare,    // a parked backend a new virtual host can take without a reload
  kRetired,  // its app no longer publishes it: parked, without routes, until the next reload
};

// One entry of `services`: a Marathon app published on a port.
struct ServiceConfig {
  std::string name;    // the key as written in the config, e.g. "skylr" or "grp/app"
  std::string app_id;  // the Marathon app id it matches, always absolute: "/grp/app"
  int port = 0;        // the port HAProxy listens on
  std::optional<int> backend_port;  // fixed task port; else the task's ports[port_index]
  int port_index = 0;
  std::optional<std::string> auth_conf;  // HAProxy userlist required for every request
  ServiceMode mode = ServiceMode::kHttp;
  HealthPolicy health;
  // Set by label discovery (skylr/discovery.h); an explicit service keeps the defaults.
  ServiceOrigin origin = ServiceOrigin::kConfig;
  std::string backend_name;         // the HAProxy backend when not the one its name gives (a spare it took)
  std::string bind_host;            // the port's address; empty: haproxy.bind_host
  std::vector<std::string> vhosts;  // routed on the shared HTTP frontend, lower case ("*.x": one label more)
  std::vector<std::string> paths;   // path prefixes of the vhosts; empty: every path
  int route_weight = 0;             // which of two services with the same host and path wins
  std::string balance = "roundrobin";
  bool sticky = false;              // a cookie keeps a client on its server
  bool redirect_to_https = false;   // plain HTTP requests get a 301 to https
  std::optional<BasicAuth> basic_auth;
  // TLS (`tls` section): the service's own port terminates TLS; a second port of its own
  // that does (0: none; redirect_to_https then sends plain requests there); HSTS on its
  // HTTPS answers (0: none); the certificate file its app's label names (HAPROXY_{n}_SSL_CERT).
  bool tls = false;
  int https_port = 0;
  int hsts_max_age = 0;
  std::string certificate;
};

// Publishing apps by their marathon-lb labels (HAPROXY_GROUP, HAPROXY_{n}_*), beside the
// explicit services; off unless the config has a `discovery` section.
struct DiscoveryConfig {
  bool enabled = false;
  std::vector<std::string> groups = {"external"};  // "*": every app
  bool strict = false;           // publish only ports labelled HAPROXY_{n}_ENABLED=true
  std::string http_bind_host = "*";
  int http_port = 80;            // the shared HTTP frontend, routing by Host and path
  std::string routes_map;        // the map file of its routes; default beside config_destination
  int spare_backends = 8;        // parked backends kept for new virtual hosts (0-1024)
};

// TLS termination, off unless the config has a `tls` section. Skylr checks the operator's
// certificate files and hands HAProxy checked copies (`store`) through a crt-list; HAProxy
// picks the certificate by SNI, the default one when none matches.
struct TlsConfig {
  bool enabled = false;
  std::string certificates;         // the operator's directory: PEM files of certificate, chain and key
  std::string default_certificate;  // a file name in `certificates`
  std::string store;                // the checked copies; default "skylr-certs" beside config_destination
  std::string crt_list;             // the list of the copies HAProxy loads: `store` + ".list"
  std::string https_bind_host = "*";
  int https_port = 443;             // the shared HTTPS frontend (label discovery's virtual hosts)
  std::string min_version = "TLSv1.2";
  // Mozilla's "intermediate" policy.
  std::string ciphers =
      "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
      "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:"
      "DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:DHE-RSA-CHACHA20-POLY1305";
  std::string ciphersuites = "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256";
  bool http2 = true;                // ALPN offers h2 before http/1.1
  int hsts_max_age = 15768000;      // of the apps labelled HAPROXY_{n}_USE_HSTS (marathon-lb's value)
};

// The HAProxy stats page, off unless a port and credentials are configured.
struct StatsConfig {
  bool enabled = false;
  std::string bind_host = "127.0.0.1";
  int port = 0;
  std::string user;
  std::string password;
  std::string uri = "/haproxy?stats";
};

// How skylrd reloads HAProxy: it runs HAProxy itself (managed, master-worker) or an
// HAProxy started elsewhere runs from pid_file (external, reloaded with -sf).
enum class ReloadMode { kManaged, kExternal };

// Reload and resync behaviour.
struct ReloadConfig {
  ReloadMode mode = ReloadMode::kManaged;
  int min_interval_ms = 250;     // least time between two reloads
  int resync_interval_s = 300;   // periodic full resync from Marathon
  // An answer that removes more than this share of all servers at once (0-1) is applied
  // only once a second read confirms it.
  double max_removed_share = 0.5;
  std::string admin_socket = "/run/haproxy/skylr-admin.sock";
  std::string master_socket = "/run/haproxy/skylr-master.sock";
};

// Credentials skylrd presents to Marathon (HTTP basic auth).
struct MarathonCredentials {
  std::string user;
  std::string password;
};

// A named bearer token allowed to push job updates.
struct ApiToken {
  std::string name;
  std::string secret;
};

// How skylrd learns about changes besides the periodic resync.
struct EventsConfig {
  bool sse = true;          // follow GET /v2/events
  bool subscribe = false;   // register a callback through /v2/eventSubscriptions
  std::string callback_url; // URL Marathon should POST to, needed when subscribe is on
};

// Job updates forwarded to Marathon through skylrd.
struct JobUpdateConfig {
  std::vector<ApiToken> tokens;   // empty: job updates disabled
  std::string tokens_file;        // a file of "name:secret" lines, read at load time by skylrd
  std::vector<std::string> fields = {"instances", "cpus", "mem"};
  bool use_patch = false;         // PATCH instead of PUT
};

// What each service's proxy logs per request or connection (`haproxy.log.format`).
enum class ProxyLogFormat {
  kHttplog,  // `option httplog` in HTTP proxies, `option tcplog` in TCP ones
  kClf,      // `option httplog clf` (Common Log Format) in HTTP proxies, `option tcplog` in TCP ones
  kTcplog,   // `option tcplog` in every proxy: connections only
};

// Where and how HAProxy logs (`haproxy.log`); off while `target` is empty.
struct HaproxyLogConfig {
  // "stdout", "stderr", a Unix socket path ("/dev/log") or a syslog server over UDP as
  // "ip:port" or "[v6]:port", as HAProxy reads it.
  std::string target;
  std::string facility = "local0";  // a syslog facility HAProxy knows
  std::string level;                // the highest syslog level sent ("info"); empty: all
  ProxyLogFormat format = ProxyLogFormat::kHttplog;

  // True when HAProxy logs.
  bool enabled() const { return !target.empty(); }
};

// Settings of the rendered HAProxy configuration outside the services.
struct HaproxyConfig {
  std::string binary = "/usr/sbin/haproxy";
  std::string bind_host = "*";    // address every service frontend binds to
  int timeout_connect_ms = 5000;
  int timeout_client_ms = 50000;
  int timeout_server_ms = 50000;
  int timeout_tunnel_ms = 3600000;  // WebSocket / long-lived connections
  int maxconn = 4096;
  int server_slots_min = 0;  // server lines per backend at least (0-1024); else one per task
  int drain_seconds = 30;    // a removed task's slot drains this long at most (0: no drain)
  HaproxyLogConfig log;      // off by default
};

// A whole Skylr configuration, validated.
struct Config {
  std::vector<MarathonEndpoint> marathon_hosts;
  std::map<std::string, ServiceConfig> services;  // by name, so iteration is sorted
  std::string config_destination;
  std::string users_config_destination;  // empty: no users file
  std::string pid_file;
  ListenAddress listen;
  HaproxyConfig haproxy;
  StatsConfig stats;
  ReloadConfig reload;
  std::optional<MarathonCredentials> marathon_credentials;
  MarathonTimeouts marathon_timeouts;
  EventsConfig events;
  JobUpdateConfig job_updates;
  DiscoveryConfig discovery;
  TlsConfig tls;
};

// Parses and validates a config file's text (JSON; `//` comments and trailing commas are
// allowed). On failure the error lists every problem, one per line, each naming its key
// path, e.g. `services.skylr.port: expected an integer 1-65535, got "80"`.
Result<Config> parse_config(std::string_view text);

// The validated config in the file at `path`, read through `fs`; fails when the file
// cannot be read or with every problem, one per line, each prefixed with "<path>: ", e.g.
// `/etc/skylr.json: services.web.port: expected an integer 1-65535, got "80"`.
Result<Config> load_config_file(FileSystem& fs, const std::string& path);

// Parses a listen address as written for `listen` or skylrd's --listen: "host:port" or
// "[v6]:port"; the port is required (0 picks a free one). Fails with the reason alone.
Result<ListenAddress> parse_listen_address(std::string_view text);

// The proxy-name stem HAProxy uses for a service: its name with characters HAProxy
// does not accept in names replaced by '_' ("grp/app" -> "grp_app").
std::string proxy_name(const ServiceConfig& service);

}  // namespace skylr
