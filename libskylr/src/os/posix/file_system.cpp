// The real FileSystem: POSIX calls on this host's files. Every error names the path and
// the OS's reason (strerror), e.g. "cannot read /x: No such file or directory".
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <algorithm>
#include <memory>

#include <fmt/format.h>

#include "skylr/file_system.h"

namespace skylr {
namespace {

// "<what> <path>: <strerror(err)>".
Error os_error(std::string_view what, std::string_view path, int err) {
  return Error{fmt::format("{} {}: {}", what, path, std::strerror(err))};
}

// os_error for the current errno; call it right after the failed system call.
Error os_error(std::string_view what, std::string_view path) {
  return os_error(what, path, errno);
}

// The directory part of `path`: "/a/b" -> "/a", "/b" -> "/", "b" -> ".".
std::string directory_of(const std::string& path) {
  std::size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

// "<dir>/.<basename>.XXXXXX", the mkstemp template for a file beside `path`.
std::string temp_template(const std::string& path) {
  std::size_t slash = path.rfind('/');
  std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  std::string dir = directory_of(path);
  return fmt::format("{}{}.{}.XXXXXX", dir, dir.ends_with('/') ? "" : "/", base);
}

// Writes all of `content` to `fd`, retrying short writes and interruptions.
bool write_all(int fd, std::string_view content) {
  while (!content.empty()) {
    ssize_t written = ::write(fd, content.data(), content.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return false;
    content.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}

// Fills, syncs and closes the freshly created `fd` at `path` (mkstemp's mode 0600 until the
// content is written); closes it in any case.
Status finish_temp(int fd, const std::string& path, std::string_view content, FileAccess access) {
  Status status;
  if (!write_all(fd, content)) {
    status = os_error("cannot write", path);
  } else if (access == FileAccess::kShared && ::fchmod(fd, 0644) != 0) {
    status = os_error("cannot set the mode of", path);
  } else if (::fsync(fd) != 0) {
    status = os_error("cannot sync", path);
  }
  if (::close(fd) != 0 && status.ok()) status = os_error("cannot close", path);
  return status;
}

class LocalFileSystem final : public FileSystem {
 public:
  Result<std::string> read_file(const std::string& path) override {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return os_error("cannot read", path);
    std::string content;
    struct stat info {};
    // Room for the whole file at once: growing a 30 MB answer by doubling copies it again
    // and again.
    if (::fstat(fd, &info) == 0 && info.st_size > 0) {
      content.reserve(static_cast<std::size_t>(info.st_size));
    }
    char buffer[65536];
    for (;;) {
      ssize_t got = ::read(fd, buffer, sizeof buffer);
      if (got < 0 && errno == EINTR) continue;
      if (got < 0) {
        Error error = os_error("cannot read", path);
        ::close(fd);
        return error;
      }
      if (got == 0) break;
      content.append(buffer, static_cast<std::size_t>(got));
    }
    ::close(fd);
    return content;
  }

  Result<std::string> write_temp_beside(const std::string& destination, std::string_view content,
                                        FileAccess access) override {
    std::string path = temp_template(destination);
    int fd = ::mkstemp(path.data());
    if (fd < 0) {
      int err = errno;
      return os_error("cannot create a temporary file in", directory_of(destination), err);
    }
    Status finished = finish_temp(fd, path, content, access);
    if (!finished.ok()) {
      ::unlink(path.c_str());
      return finished.error();
    }
    return path;
  }

  Status rename(const std::string& from, const std::string& to) override {
    if (std::rename(from.c_str(), to.c_str()) != 0) {
      int err = errno;
      return os_error(fmt::format("cannot rename {} to", from), to, err);
    }
    std::string dir = directory_of(to);
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return os_error("cannot open directory", dir);
    Status status;
    if (::fsync(fd) != 0) status = os_error("cannot sync directory", dir);
    ::close(fd);
    return status;
  }

  Status remove(const std::string& path) override {
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) return os_error("cannot remove", path);
    return {};
  }

  bool exists(const std::string& path) override {
    struct stat info;
    return ::lstat(path.c_str(), &info) == 0;
  }

  bool is_special_file(const std::string& path) override {
    struct stat info;
    return ::stat(path.c_str(), &info) == 0 && !S_ISREG(info.st_mode) && !S_ISDIR(info.st_mode);
  }

  Result<std::vector<std::string>> list_directory(const std::string& path) override {
    std::unique_ptr<DIR, int (*)(DIR*)> dir(::opendir(path.c_str()), ::closedir);
    if (!dir) return os_error("cannot list", path);
    std::vector<std::string> names;
    errno = 0;
    while (const dirent* entry = ::readdir(dir.get())) {
      std::string name = entry->d_name;
      struct stat info;
      if (::stat(fmt::format("{}/{}", path, name).c_str(), &info) == 0 && S_ISREG(info.st_mode)) {
        names.push_back(std::move(name));
      }
      errno = 0;
    }
    if (errno != 0) return os_error("cannot list", path);
    std::sort(names.begin(), names.end());
    return names;
  }

  Status make_directory(const std::string& path) override {
    if (::mkdir(path.c_str(), 0700) == 0) return {};
    int err = errno;
    struct stat info;
    if (err == EEXIST && ::stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode)) return {};
    return os_error("cannot create directory", path, err);
  }

  Status write_in_place(const std::string& path, std::string_view content) override {
    int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) return os_error("cannot open", path);
    Status status;
    if (!write_all(fd, content)) status = os_error("cannot write into", path);
    ::close(fd);
    return status;
  }
};

}  // namespace

FileSystem& default_file_system() {
  static LocalFileSystem file_system;
  return file_system;
}

}  // namespace skylr
