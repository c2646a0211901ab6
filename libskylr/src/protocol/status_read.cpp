// parse_skylrd_status: a `GET /status` body read back, member for member what
// write_skylrd_status writes.
#include "protocol/status.h"

#include <cstdint>
#include <map>

#include "util/json_read.h"

namespace skylr::protocol {

using util::JsonPath;
using util::find_member;
using util::parse_json;
using util::read_bool;
using util::read_count;
using util::read_int;
using util::read_string;
using util::type_error;
namespace {

using rapidjson::Value;

// Reads optional members of one JSON object into fields; the first failure sticks and
// later reads are skipped. A missing or null member leaves its field as it is.
class MemberReader {
 public:
  MemberReader(const Value& object, const JsonPath& path) : object_(object), path_(path) {}

  void read(const char* key, std::string& out) {
    with(key, [&](const Value& value, const JsonPath& at) { return assign(read_string(value, at), out); });
  }
  void read(const char* key, bool& out) {
    with(key, [&](const Value& value, const JsonPath& at) { return assign(read_bool(value, at), out); });
  }
  void read(const char* key, int& out, int min, int max) {
    with(key,
         [&](const Value& value, const JsonPath& at) { return assign(read_int(value, at, min, max), out); });
  }
  void read(const char* key, std::int64_t& out) {
    with(key, [&](const Value& value, const JsonPath& at) { return assign(read_count(value, at), out); });
  }

  // Reads the object `key` whose members are all counts, e.g. {"initial": 1}.
  void read_counts(const char* key, std::map<std::string, std::int64_t>& out) {
    with(key, [&](const Value& value, const JsonPath& at) -> Status {
      if (!value.IsObject()) return type_error(at, "an object", value);
      for (const auto& member : value.GetObject()) {
        std::string name(member.name.GetString(), member.name.GetStringLength());
        Status read = assign(read_count(member.value, at.member(name)), out[name]);
        if (!read) return read;
      }
      return {};
    });
  }

  // Reads the array `key`, each element with `read_element`.
  template <typename T>
  void read_array(const char* key, std::vector<T>& out,
                  Result<T> (*read_element)(const Value&, const JsonPath&)) {
    with(key, [&](const Value& value, const JsonPath& at) -> Status {
      if (!value.IsArray()) return type_error(at, "an array", value);
      for (rapidjson::SizeType i = 0; i < value.Size(); ++i) {
        Status read = assign(read_element(value[i], at.element(i)), out.emplace_back());
        if (!read) return read;
      }
      return {};
    });
  }

  // Reads the object `key` with `read_members`, given a reader of its members.
  template <typename F>
  void read_object(const char* key, F read_members) {
    with(key, [&](const Value& value, const JsonPath& at) -> Status {
      if (!value.IsObject()) return type_error(at, "an object", value);
      MemberReader members(value, at);
      read_members(members);
      return members.status();
    });
  }

  Status status() const { return status_; }

 private:
  template <typename F>
  void with(const char* key, F read_value) {
    if (!status_) return;
    const Value* value = find_member(object_, key);
    if (value != nullptr) status_ = read_value(*value, path_.member(key));
  }

  template <typename T>
  static Status assign(Result<T> result, T& out) {
    if (!result) return result.error();
    out = std::move(*result);
    return {};
  }

  const Value& object_;
  const JsonPath& path_;
  Status status_;
};

// Reads the members of the object `value` at `path` into a T with `read_members`.
template <typename T, typename F>
Result<T> read_struct(const Value& value, const JsonPath& path, F read_members) {
  if (!value.IsObject()) return type_error(path, "an object", value);
  T out;
  MemberReader members(value, path);
  read_members(members, out);
  if (Status read = members.status(); !read) return read.error();
  return out;
}

Result<StatusServer> read_server(const Value& value, const JsonPath& path) {
  return read_struct<StatusServer>(value, path, [](MemberReader& members, StatusServer& server) {
    members.read("name", server.name);
    members.read("address", server.address);
    members.read("port", server.port, 0, 65535);
    members.read("task_id", server.task_id);
    members.read("slot", server.slot);
  });
}

Result<StatusService> read_service(const Value& value, const JsonPath& path) {
  return read_struct<StatusService>(value, path, [](MemberReader& members, StatusService& service) {
    members.read("name", service.name);
    members.read("app_id", service.app_id);
    members.read("port", service.port, 0, 65535);
    members.read("app_found", service.app_found);
    members.read_array("servers", service.servers, read_server);
    members.read("slots", service.slots);
    members.read_array("draining", service.draining, read_server);
  });
}

Result<StatusCertificate> read_certificate(const Value& value, const JsonPath& path) {
  return read_struct<StatusCertificate>(value, path, [](MemberReader& members, StatusCertificate& certificate) {
    members.read("file", certificate.file);
    members.read("served", certificate.served);
    members.read("subject", certificate.subject);
    members.read_array("names", certificate.names, read_string);
    members.read("not_before", certificate.not_before);
    members.read("not_after", certificate.not_after);
    members.read("fingerprint", certificate.fingerprint);
    members.read("refused", certificate.refused);
  });
}

Result<StatusEvent> read_event(const Value& value, const JsonPath& path) {
  return read_struct<StatusEvent>(value, path, [](MemberReader& members, StatusEvent& event) {
    members.read("time", event.time);
    members.read("level", event.level);
    members.read("message", event.message);
  });
}

void read_status(MemberReader& members, SkylrdStatus& status) {
  members.read("version", status.version);
  members.read("healthy", status.healthy);
  members.read("synced", status.synced);
  members.read("last_sync", status.last_sync);
  members.read("last_sync_error", status.last_sync_error);
  members.read_object("last_apply", [&](MemberReader& apply) {
    apply.read("status", status.last_apply_status);
    apply.read("stage", status.last_apply_stage);
    apply.read("message", status.last_apply_message);
    apply.read("duration_ms", status.last_apply_duration_ms);
    apply.read("method", status.last_apply_method);
    apply.read("reload_reason", status.last_apply_reload_reason);
  });
  members.read("runtime_updates", status.runtime_updates);
  members.read_counts("reloads", status.reloads);
  members.read("last_reload", status.last_reload);
  members.read("last_reload_reason", status.last_reload_reason);
  members.read("last_reload_detail", status.last_reload_detail);
  members.read("last_error", status.last_error);
  members.read("last_error_at", status.last_error_at);
  members.read_object("haproxy", [&](MemberReader& haproxy) {
    haproxy.read("serving", status.haproxy_serving);
    haproxy.read("restarts", status.haproxy_restarts);
    haproxy.read("problem", status.haproxy_problem);
  });
  members.read_object("marathon_reads", [&](MemberReader& reads) {
    reads.read("full", status.full_reads);
    reads.read("app", status.app_reads);
    reads.read("bytes", status.bytes_read);
  });
  members.read_array("services", status.services, read_service);
  members.read_array("problems", status.problems, read_string);
  members.read_object("config_reload", [&](MemberReader& reload) {
    reload.read("last_attempt", status.config_reload.last_attempt);
    reload.read("result", status.config_reload.result);
    reload.read_array("problems", status.config_reload.problems, read_string);
  });
  members.read_array("certificates", status.certificates, read_certificate);
  members.read_array("recent_events", status.recent_events, read_event);
}

}  // namespace

Result<SkylrdStatus> parse_skylrd_status(std::string_view body) {
  Result<rapidjson::Document> document = parse_json(body, "skylrd's status");
  if (!document) return document.error();
  return read_struct<SkylrdStatus>(*document, JsonPath(), read_status);
}

}  // namespace skylr::protocol
