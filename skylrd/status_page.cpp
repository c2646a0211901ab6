#include "status_page.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <iterator>

namespace skylr {

using protocol::SkylrdStatus;
using protocol::StatusCertificate;
using protocol::StatusEvent;
using protocol::StatusServer;
using protocol::StatusService;
namespace {

// The page around the main part. The script swaps in a fresh main part every
// kStatusPageRefreshSeconds and counts the swaps in <body data-refreshes>; when skylrd
// cannot be reached it says so and keeps the last view.
constexpr std::string_view kStyle = R"(
:root { color-scheme: light dark; --ok: #1a7f37; --warn: #9a6700; --bad: #cf222e; --line: #8884; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 72rem; padding: 0.75rem; font: 15px/1.45 system-ui, sans-serif; }
header { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.25rem 1rem; }
h1 { font-size: 1.4rem; margin: 0; }
h2 { font-size: 1.1rem; margin: 1.2rem 0 0.4rem; }
h3 { font-size: 1rem; margin: 0 0 0.3rem; overflow-wrap: anywhere; }
small, .note { color: #777; font-weight: normal; }
.stale { color: var(--bad); }
.health { border-left: 0.4rem solid var(--ok); padding: 0.2rem 0.8rem; }
.health.degraded { border-color: var(--warn); }
.health.unhealthy { border-color: var(--bad); }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; margin: 0; }
dt { font-weight: 600; }
dd { margin: 0; overflow-wrap: anywhere; }
.service { border: 1px solid var(--line); border-radius: 0.4rem; padding: 0.6rem; margin: 0.6rem 0; }
.table { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 0.2rem 0.6rem 0.2rem 0; border-bottom: 1px solid var(--line); white-space: nowrap; }
tr.draining td, tr.refused td { color: var(--warn); }
ul, ol { padding-left: 1.2rem; margin: 0.2rem 0; }
li { overflow-wrap: anywhere; }
.level-warning { color: var(--warn); }
.level-error { color: var(--bad); }
@media (max-width: 40rem) {
  dl { grid-template-columns: 1fr; }
  dd { margin-bottom: 0.4rem; }
}
)";

constexpr std::string_view kScript = R"(
(function () {
  var every = 1000 * Number(document.body.dataset.refreshSeconds);
  var note = document.getElementById('refresh');
  function refresh() {
    fetch('/?view=main', {cache: 'no-store'}).then(function (answer) {
      if (!answer.ok) throw new Error('HTTP ' + answer.status);
      return answer.text();
    }).then(function (html) {
      document.getElementById('main').innerHTML = html;
      document.body.dataset.refreshes = String(Number(document.body.dataset.refreshes) + 1);
      note.textContent = 'live: refreshed every ' + every / 1000 + ' s';
      note.className = 'note';
    }).catch(function (error) {
      note.textContent = 'cannot reach skylrd (' + error.message + '); showing the last view, retrying';
      note.className = 'stale';
    }).finally(function () { setTimeout(refresh, every); });
  }
  setTimeout(refresh, every);
})();
)";

using Out = std::back_insert_iterator<std::string>;

std::string_view or_text(std::string_view text, std::string_view otherwise) { return text.empty() ? otherwise : text; }

// "<dt>term</dt><dd>escaped description</dd>".
void put_term(Out out, std::string_view term, std::string_view description) {
  fmt::format_to(out, "<dt>{}</dt><dd>{}</dd>\n", term, html_escape(description));
}

std::string_view health_class(const Health& health) {
  if (!health.ok) return "unhealthy";
  return health.warnings.empty() ? "ok" : "degraded";
}

void put_health(Out out, const Health& health) {
  std::string_view verdict = health_class(health);
  fmt::format_to(out, "<section id=\"health\" class=\"health {0}\"><h2>Health: {0}</h2>\n", verdict);
  if (!health.reasons.empty() || !health.warnings.empty()) {
    fmt::format_to(out, "<ul>");
    for (const auto* list : {&health.reasons, &health.warnings}) {
      for (const std::string& reason : *list) fmt::format_to(out, "<li>{}</li>\n", html_escape(reason));
    }
    fmt::format_to(out, "</ul>");
  }
  fmt::format_to(out, "</section>\n");
}

std::string describe_apply(const SkylrdStatus& status) {
  if (status.last_apply_status.empty()) return "none yet";
  if (status.last_apply_status == "failed") {
    return fmt::format("failed at {}: {}", status.last_apply_stage, status.last_apply_message);
  }
  std::string how = status.last_apply_method == "runtime" ? " through the Runtime API"
                    : status.last_apply_method == "reload"
                        ? fmt::format(" by a reload ({})", status.last_apply_reload_reason)
                        : "";
  return fmt::format("{}{} in {} ms", status.last_apply_status, how, status.last_apply_duration_ms);
}

std::string describe_reload(const SkylrdStatus& status) {
  if (status.last_reload.empty()) return "none since skylrd started";
  std::string detail = status.last_reload_detail.empty() ? "" : fmt::format(": {}", status.last_reload_detail);
  return fmt::format("{} ({}){}", status.last_reload, status.last_reload_reason, detail);
}

std::string describe_config_reload(const protocol::StatusConfigReload& reload) {
  if (reload.last_attempt.empty()) return "not re-read since skylrd started";
  if (reload.problems.empty()) return fmt::format("re-read at {}: {}", reload.last_attempt, reload.result);
  return fmt::format("re-read at {}: {}, the one before keeps serving: {}", reload.last_attempt, reload.result,
                     fmt::join(reload.problems, " | "));
}

std::string describe_haproxy(const SkylrdStatus& status) {
  std::string problem = status.haproxy_problem.empty() ? "" : fmt::format("; {}", status.haproxy_problem);
  return fmt::format("{}, {} restart{}{}", status.haproxy_serving ? "serving" : "not serving", status.haproxy_restarts,
                     status.haproxy_restarts == 1 ? "" : "s", problem);
}

void put_summary(Out out, const SkylrdStatus& status) {
  fmt::format_to(out, "<section id=\"summary\"><h2>Sync</h2><dl>\n");
  put_term(out, "Last sync",
           status.last_sync_error.empty() ? or_text(status.last_sync, "none yet")
                                          : fmt::format("failed: {}", status.last_sync_error));
  put_term(out, "Last apply", describe_apply(status));
  put_term(out, "Last reload", describe_reload(status));
  put_term(out, "Runtime API",
           fmt::format("{} update{}", status.runtime_updates, status.runtime_updates == 1 ? "" : "s"));
  put_term(out, "Last error",
           status.last_error.empty() ? "none" : fmt::format("{}: {}", status.last_error_at, status.last_error));
  put_term(out, "Config file", describe_config_reload(status.config_reload));
  put_term(out, "HAProxy", describe_haproxy(status));
  put_term(out, "Marathon reads",
           fmt::format("{} full, {} of one app, {} bytes", status.full_reads, status.app_reads, status.bytes_read));
  fmt::format_to(out, "</dl></section>\n");
}

void put_problems(Out out, const SkylrdStatus& status) {
  fmt::format_to(out, "<section id=\"problems\"><h2>Problems ({})</h2>\n", status.problems.size());
  fmt::format_to(out, "<ul>");
  for (const std::string& problem : status.problems) fmt::format_to(out, "<li>{}</li>\n", html_escape(problem));
  fmt::format_to(out, "</ul></section>\n");
}

void put_server(Out out, const StatusServer& server, std::string_view state) {
  std::string address = server.address.find(':') != std::string::npos
                            ? fmt::format("[{}]:{}", server.address, server.port)
                            : fmt::format("{}:{}", server.address, server.port);
  fmt::format_to(out, "<tr class=\"{0}\"><td>{1}</td><td>{2}</td><td>{3}</td><td>{0}</td></tr>\n", state,
                 html_escape(or_text(server.slot, "-")), html_escape(address), html_escape(server.task_id));
}

void put_service(Out out, const StatusService& service) {
  fmt::format_to(out,
                 "<article class=\"service\" data-service=\"{0}\"><h3>{0} <small>app {1} &middot; port {2} &middot; "
                 "{3} server{4} &middot; {5} slot{6}</small></h3>\n",
                 html_escape(service.name), html_escape(service.app_id), service.port, service.servers.size(),
                 service.servers.size() == 1 ? "" : "s", service.slots, service.slots == 1 ? "" : "s");
  if (service.servers.empty() && service.draining.empty()) {
    fmt::format_to(out, "<p class=\"note\">no servers{}</p></article>\n",
                   service.app_found ? "" : html_escape(fmt::format(" (Marathon has no app {})", service.app_id)));
    return;
  }
  fmt::format_to(out,
                 "<div class=\"table\"><table><thead><tr><th>Slot</th><th>Server</th><th>Task</th>"
                 "<th>State</th></tr></thead><tbody>\n");
  for (const StatusServer& server : service.servers) put_server(out, server, "live");
  for (const StatusServer& server : service.draining) put_server(out, server, "draining");
  fmt::format_to(out, "</tbody></table></div></article>\n");
}

void put_services(Out out, const SkylrdStatus& status) {
  fmt::format_to(out, "<section id=\"services\"><h2>Services ({})</h2>\n", status.services.size());
  for (const StatusService& service : status.services) put_service(out, service);
  fmt::format_to(out, "</section>\n");
}

// The `tls` section's certificate files: what each serves and until when, or why the file
// as it is now is refused. Nothing without certificates.
void put_certificates(Out out, const SkylrdStatus& status) {
  if (status.certificates.empty()) return;
  fmt::format_to(out,
                 "<section id=\"certificates\"><h2>Certificates ({})</h2><div class=\"table\"><table><thead><tr>"
                 "<th>File</th><th>Subject</th><th>Names</th><th>Expires</th><th>State</th></tr></thead><tbody>\n",
                 status.certificates.size());
  for (const StatusCertificate& certificate : status.certificates) {
    std::string state = certificate.refused.empty() ? "served" : fmt::format("refused: {}", certificate.refused);
    fmt::format_to(out, "<tr class=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                   certificate.refused.empty() ? "live" : "refused", html_escape(certificate.file),
                   html_escape(or_text(certificate.subject, "-")), html_escape(fmt::format("{}", fmt::join(certificate.names, ", "))),
                   html_escape(or_text(certificate.not_after, "-")), html_escape(state));
  }
  fmt::format_to(out, "</tbody></table></div></section>\n");
}

void put_events(Out out, const SkylrdStatus& status) {
  fmt::format_to(out, "<section id=\"events\"><h2>Recent events</h2><ol reversed>\n");
  for (auto event = status.recent_events.rbegin(); event != status.recent_events.rend(); ++event) {
    fmt::format_to(out, "<li class=\"level-{0}\"><time>{1}</time> <b>{0}</b> {2}</li>\n", html_escape(event->level),
                   html_escape(event->time), html_escape(event->message));
  }
  fmt::format_to(out, "</ol></section>\n");
}

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string status_page_main(const SkylrdStatus& status, const Health& health) {
  std::string html;
  Out out(html);
  put_health(out, health);
  put_summary(out, status);
  put_problems(out, status);
  put_services(out, status);
  put_certificates(out, status);
  put_events(out, status);
  return html;
}

std::string status_page(const SkylrdStatus& status, const Health& health) {
  return fmt::format(
      "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>skylrd: {0}</title>\n<style>{1}</style>\n</head>\n"
      "<body data-refresh-seconds=\"{2}\" data-refreshes=\"0\">\n"
      "<header><h1>Skylr</h1><span class=\"note\">skylrd {3}</span>"
      "<span id=\"refresh\" class=\"note\">live: refreshed every {2} s</span></header>\n"
      "<main id=\"main\">\n{4}</main>\n<script>{5}</script>\n</body>\n</html>\n",
      health_class(health), kStyle, kStatusPageRefreshSeconds, html_escape(status.version),
      status_page_main(status, health), kScript);
}

}  // namespace skylr
