#include "tls/certificate_store.h"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <set>
#include <utility>

#include "config/strings.h"
#include "util/text_lines.h"

namespace skylr::tls {
namespace {

// Accepts a file name HAProxy's crt-list takes as a plain path element: letters, digits,
// '.', '_' and '-'.
bool is_listable_name(const std::string& name) {
  return std::all_of(name.begin(), name.end(), config::is_plain_name_char);
}

}  // namespace

Result<StoreChange> CertificateStore::refresh(std::chrono::system_clock::time_point now) {
  if (!adopted_) {
    if (Status adopted = adopt_copies(); !adopted) return adopted.error();
    adopted_ = true;
  }
  Result<std::vector<std::string>> names = fs_.list_directory(tls_.certificates);
  if (!names) return Error{fmt::format("tls.certificates: {}", names.error().message)};
  std::set<std::string> seen;
  for (const std::string& name : *names) {
    if (name.starts_with('.')) continue;
    seen.insert(name);
    if (!is_listable_name(name)) {
      refuse(name, "its name has characters a crt-list cannot hold (use letters, digits, '.', '_' and '-')");
      continue;
    }
    look_at(name, now);
  }
  std::set<std::string> gone;  // left the directory: out of the list, then forgotten
  for (const auto& [file, entry] : entries_) {
    if (seen.contains(file)) continue;
    if (file == tls_.default_certificate && !entry.served.empty()) {
      refuse(file, "the file left tls.certificates; its last good copy is served");
    } else {
      gone.insert(file);
    }
  }
  auto default_entry = entries_.find(tls_.default_certificate);
  if (default_entry == entries_.end() || default_entry->second.served.empty()) {
    std::string why = seen.contains(tls_.default_certificate) ? default_entry->second.refused
                                                              : fmt::format("no such file in {}", tls_.certificates);
    return Error{fmt::format("tls.default_certificate {}: {}; nothing changes on HTTPS until it is fixed",
                             tls_.default_certificate, why)};
  }
  if (Status written = write_list(gone); !written) return written.error();
  return take_change(gone);
}

std::vector<CertificateStatus> CertificateStore::statuses() const {
  std::vector<CertificateStatus> statuses;
  for (const auto& [file, entry] : entries_) statuses.push_back({file, entry.info, entry.refused});
  return statuses;
}

const std::string* CertificateStore::served_content(const std::string& file) const {
  auto entry = entries_.find(file);
  return entry == entries_.end() || entry->second.served.empty() ? nullptr : &entry->second.served;
}

// Takes over what an earlier run left: the copies in the store (checked when they were
// made; only read here, whatever their dates) and which of them the crt-list lists.
Status CertificateStore::adopt_copies() {
  if (Status made = fs_.make_directory(tls_.store); !made) return made;
  Result<std::vector<std::string>> copies = fs_.list_directory(tls_.store);
  if (!copies) return copies.error();
  Result<std::string> list = fs_.read_file(tls_.crt_list);
  std::vector<std::string_view> listed = list ? util::lines_of(*list) : std::vector<std::string_view>{};
  for (const std::string& name : *copies) {
    Result<std::string> content = fs_.read_file(copy_path(name));
    if (!content || !is_listable_name(name)) continue;
    Result<CertificateInfo> info = inspect_certificate(*content);
    if (!info) continue;
    Entry& entry = entries_[name];
    entry.served = std::move(*content);
    entry.info = std::move(*info);
    entry.listed = std::find(listed.begin(), listed.end(), copy_path(name)) != listed.end();
  }
  if (list) list_text_ = *list;
  return {};
}

// Brings `file` of the directory into the store when its content is new and good.
void CertificateStore::look_at(const std::string& file, std::chrono::system_clock::time_point now) {
  Result<std::string> content = fs_.read_file(fmt::format("{}/{}", tls_.certificates, file));
  if (!content) return refuse(file, content.error().message);
  Entry& entry = entries_[file];
  if (!entry.served.empty() && entry.served == *content) {
    entry.refused.clear();
    return;
  }
  Result<CertificateInfo> info = read_certificate(*content, now);
  if (!info) return refuse(file, info.error().message);
  if (Status copied = write_file_atomically(fs_, copy_path(file), *content, FileAccess::kOwner); !copied) {
    return refuse(file, copied.error().message);
  }
  entry.served = std::move(*content);
  entry.info = std::move(*info);
  entry.refused.clear();
  entry.unreported = true;
}

// Records why `file` is not served; reports it when the reason is new.
void CertificateStore::refuse(const std::string& file, std::string reason) {
  Entry& entry = entries_[file];
  if (entry.refused == reason) return;
  unreported_refusals_.push_back(fmt::format("{}: {}", file, reason));
  entry.refused = std::move(reason);
}

// Writes the crt-list of every good copy but those of `gone`, the default certificate's
// first (HAProxy serves the first when SNI matches none), when it differs from the last
// one written.
Status CertificateStore::write_list(const std::set<std::string>& gone) {
  std::string text = fmt::format("{}\n", copy_path(tls_.default_certificate));
  for (const auto& [file, entry] : entries_) {
    if (entry.served.empty() || file == tls_.default_certificate || gone.contains(file)) continue;
    fmt::format_to(std::back_inserter(text), "{}\n", copy_path(file));
  }
  if (text != list_text_) {
    if (Status written = write_file_atomically(fs_, tls_.crt_list, text); !written) return written;
    list_text_ = std::move(text);
  }
  return {};
}

// What changed since the last refresh that succeeded, once the crt-list says so; the files
// of `gone` are forgotten and their copies, which it no longer names, deleted.
StoreChange CertificateStore::take_change(const std::set<std::string>& gone) {
  StoreChange change;
  change.refused = std::exchange(unreported_refusals_, {});
  for (auto it = entries_.begin(); it != entries_.end();) {
    const std::string& file = it->first;
    Entry& entry = it->second;
    if (gone.contains(file)) {
      if (entry.listed) change.removed.push_back(file);
      (void)fs_.remove(copy_path(file));
      it = entries_.erase(it);
      continue;
    }
    if (!entry.served.empty() && !entry.listed) {
      change.added.push_back(file);
    } else if (entry.unreported) {
      change.updated.push_back(file);
    }
    entry.listed = !entry.served.empty();
    entry.unreported = false;
    ++it;
  }
  return change;
}

std::vector<std::string> certificate_commands(const std::string& copy_path, const std::string& pem) {
  std::string command = fmt::format("set ssl cert {} <<\n", copy_path);
  for (std::string_view line : util::non_blank_lines(pem)) {
    command += line;
    command += '\n';
  }
  return {std::move(command), fmt::format("commit ssl cert {}", copy_path)};
}

std::vector<std::string> added_certificate_commands(const std::string& crt_list, const std::string& copy_path,
                                                    const std::string& pem) {
  std::vector<std::string> commands = {fmt::format("new ssl cert {}", copy_path)};
  for (std::string& command : certificate_commands(copy_path, pem)) commands.push_back(std::move(command));
  commands.push_back(fmt::format("add ssl crt-list {} {}", crt_list, copy_path));
  return commands;
}

std::vector<std::string> removed_certificate_commands(const std::string& crt_list, const std::string& copy_path) {
  return {fmt::format("del ssl crt-list {} {}", crt_list, copy_path), fmt::format("del ssl cert {}", copy_path)};
}

}  // namespace skylr::tls
