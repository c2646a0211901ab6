// FileSystem: the file operations of the apply pipeline, behind an interface so that
// tests inject faults (read-only directory, full disk). Implementations are thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "skylr/result.h"

namespace skylr {

class FileSystem {
 public:
  virtual ~FileSystem() = default;

  // The whole content of `path`; fails naming the path and the OS error.
  virtual Result<std::string> read_file(const std::string& path) = 0;

  // Writes `content` to a new temporary file in the directory of `destination` and
  // fsyncs it; returns the temporary file's path. Nothing is left behind on failure.
  virtual Result<std::string> write_temp_beside(const std::string& destination,
                                                std::string_view content) = 0;

  // Atomically replaces `to` with `from` (same file system) and fsyncs the directory.
  virtual Status rename(const std::string& from, const std::string& to) = 0;

  // Deletes `path`; a missing file is not an error.
  virtual Status remove(const std::string& path) = 0;

  // True when `path` exists.
  virtual bool exists(const std::string& path) = 0;
};

// Writes `content` to `destination` atomically through `fs`: a reader sees the old file or
// the new one, never a partial one.
Status write_file_atomically(FileSystem& fs, const std::string& destination,
                             std::string_view content);

// The real file system of this host.
FileSystem& local_file_system();

}  // namespace skylr
