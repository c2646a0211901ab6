// FileSystem: the file operations of the apply pipeline, behind an interface so that
// tests inject faults (read-only directory, full disk). Implementations are thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "skylr/result.h"

namespace skylr {

// Who may read a file a FileSystem writes: everyone (mode 0644), or its owner only (0600:
// private keys).
enum class FileAccess { kShared, kOwner };

class FileSystem {
 public:
  virtual ~FileSystem() = default;

  // The whole content of `path`; fails naming the path and the OS error.
  virtual Result<std::string> read_file(const std::string& path) = 0;

  // Writes `content` to a new temporary file in the directory of `destination`, readable
  // as `access` says from its creation on, and fsyncs it; returns the temporary file's
  // path. Nothing is left behind on failure.
  virtual Result<std::string> write_temp_beside(const std::string& destination, std::string_view content,
                                                FileAccess access) = 0;

  // Atomically replaces `to` with `from` (same file system) and fsyncs the directory.
  virtual Status rename(const std::string& from, const std::string& to) = 0;

  // Deletes `path`; a missing file is not an error.
  virtual Status remove(const std::string& path) = 0;

  // True when `path` exists.
  virtual bool exists(const std::string& path) = 0;

  // True when `path` (symbolic links followed) exists and is neither a regular file nor a
  // directory: a device such as /dev/null, a FIFO or a socket.
  virtual bool is_special_file(const std::string& path) = 0;

  // The names of the regular files in the directory `path` (symbolic links followed),
  // sorted; fails naming the directory and the OS error.
  virtual Result<std::vector<std::string>> list_directory(const std::string& path) = 0;

  // Creates the directory `path` (its parent must exist), accessible to its owner only
  // (mode 0700); an existing directory is not an error. Fails naming the path.
  virtual Status make_directory(const std::string& path) = 0;

  // Writes `content` into the existing file `path` itself, as a device or FIFO needs (a
  // rename would replace it by a regular file); fails naming the path and the OS error.
  virtual Status write_in_place(const std::string& path, std::string_view content) = 0;
};

// Writes `content` to `destination` atomically through `fs`: a reader sees the old file or
// the new one, never a partial one.
Status write_file_atomically(FileSystem& fs, const std::string& destination,
                             std::string_view content, FileAccess access = FileAccess::kShared);

// Writes `content` to `path` through `fs`: in place when `path` is a special file (see
// FileSystem::is_special_file), atomically otherwise.
Status write_output_file(FileSystem& fs, const std::string& path, std::string_view content);

// The real file system of this host.
FileSystem& default_file_system();

}  // namespace skylr
