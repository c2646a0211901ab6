// FakeFileSystem: an in-memory FileSystem for tests, with fault switches in the manner
// of leveldb's SpecialEnv (a full disk, a failing rename, a read-only directory). Its
// error messages have the shape of default_file_system()'s. Thread-safe.
#pragma once

#include <atomic>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "skylr/file_system.h"

namespace skylr::testing {

class FakeFileSystem final : public FileSystem {
 public:
  // Fault switches, settable at any time.
  std::atomic<bool> fail_write{false};   // write_temp_beside: "No space left on device"
  std::atomic<bool> fail_rename{false};  // rename: "Input/output error"
  std::atomic<bool> read_only{false};    // every change: "Read-only file system"

  // Counts of the calls made, faulty or not.
  std::atomic<int> temp_writes{0};
  std::atomic<int> renames{0};

  // Sets the content of `path` directly.
  void put(const std::string& path, std::string content) {
    std::lock_guard lock(mutex_);
    files_[path] = std::move(content);
  }

  // The content of `path`, or nullopt when there is no such file.
  std::optional<std::string> get(const std::string& path) const {
    std::lock_guard lock(mutex_);
    auto it = files_.find(path);
    if (it == files_.end()) return std::nullopt;
    return it->second;
  }

  // Every file, by path.
  std::map<std::string, std::string> files() const {
    std::lock_guard lock(mutex_);
    return files_;
  }

  Result<std::string> read_file(const std::string& path) override {
    std::optional<std::string> content = get(path);
    if (!content) return Error{fmt::format("cannot read {}: No such file or directory", path)};
    return *content;
  }

  Result<std::string> write_temp_beside(const std::string& destination, std::string_view content,
                                        FileAccess access) override {
    std::string dir = directory_of(destination);
    std::string temp = fmt::format("{}/.{}.tmp{}", dir, destination.substr(destination.rfind('/') + 1),
                                   ++temp_writes);
    if (read_only || in_read_only_directory(destination)) {
      return Error{fmt::format("cannot create a temporary file in {}: Read-only file system", dir)};
    }
    if (fail_write) return Error{fmt::format("cannot write {}: No space left on device", temp)};
    put(temp, std::string(content));
    std::lock_guard lock(mutex_);
    if (access == FileAccess::kOwner) private_files_.insert(temp);
    return temp;
  }

  Status rename(const std::string& from, const std::string& to) override {
    ++renames;
    std::lock_guard lock(mutex_);
    bool read_only_here = read_only || read_only_directories.contains(directory_of(to));
    std::string_view reason = read_only_here ? "Read-only file system"
                              : fail_rename ? "Input/output error"
                              : !files_.contains(from) ? "No such file or directory" : "";
    if (!reason.empty()) return Error{fmt::format("cannot rename {} to {}: {}", from, to, reason)};
    files_[to] = std::move(files_[from]);
    files_.erase(from);
    if (private_files_.erase(from) > 0) {
      private_files_.insert(to);
    } else {
      private_files_.erase(to);
    }
    return {};
  }

  Status remove(const std::string& path) override {
    if (read_only || in_read_only_directory(path)) {
      return Error{fmt::format("cannot remove {}: Read-only file system", path)};
    }
    std::lock_guard lock(mutex_);
    files_.erase(path);
    return {};
  }

  bool exists(const std::string& path) override { return get(path).has_value(); }

  bool is_special_file(const std::string& path) override {
    std::lock_guard lock(mutex_);
    return special_files.contains(path);
  }

  // The files in `path`: those whose path is `path` + "/" + a name without '/'.
  Result<std::vector<std::string>> list_directory(const std::string& path) override {
    std::lock_guard lock(mutex_);
    std::string prefix = path + "/";
    std::vector<std::string> names;
    for (auto it = files_.lower_bound(prefix); it != files_.end() && it->first.starts_with(prefix); ++it) {
      std::string name = it->first.substr(prefix.size());
      if (name.find('/') == std::string::npos) names.push_back(std::move(name));
    }
    if (names.empty() && !directories.contains(path)) {
      return Error{fmt::format("cannot list {}: No such file or directory", path)};
    }
    return names;
  }

  Status make_directory(const std::string& path) override {
    if (read_only) return Error{fmt::format("cannot create directory {}: Read-only file system", path)};
    std::lock_guard lock(mutex_);
    directories.insert(path);
    return {};
  }

  // True when `path` was last written readable by its owner only (FileAccess::kOwner).
  bool is_private(const std::string& path) const {
    std::lock_guard lock(mutex_);
    return private_files_.contains(path);
  }

  Status write_in_place(const std::string& path, std::string_view content) override {
    if (!is_special_file(path)) return Error{fmt::format("cannot open {}: No such device", path)};
    put(path, std::string(content));
    return {};
  }

  // Paths that is_special_file() reports as devices or FIFOs.
  std::set<std::string> special_files;
  // Directories that exist without files (list_directory gives them empty).
  std::set<std::string> directories;
  // Directories in which nothing can be created, renamed or removed: "Read-only file system".
  std::set<std::string> read_only_directories;

 private:
  // The directory part of `path`: "/a/b" -> "/a", "b" -> ".".
  static std::string directory_of(const std::string& path) {
    std::size_t slash = path.rfind('/');
    return slash == std::string::npos ? "." : path.substr(0, slash);
  }

  // True when `path` lies directly in one of read_only_directories.
  bool in_read_only_directory(const std::string& path) const {
    std::lock_guard lock(mutex_);
    return read_only_directories.contains(directory_of(path));
  }

  mutable std::mutex mutex_;
  std::map<std::string, std::string> files_;
  std::set<std::string> private_files_;
};

}  // namespace skylr::testing
