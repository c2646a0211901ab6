// write_file_atomically (the temp-file-and-rename pattern) and write_output_file over any
// FileSystem.
#include "skylr/file_system.h"

namespace skylr {

Status write_file_atomically(FileSystem& fs, const std::string& destination,
                             std::string_view content, FileAccess access) {
  Result<std::string> temp = fs.write_temp_beside(destination, content, access);
  if (!temp.ok()) return temp.error();
  Status renamed = fs.rename(*temp, destination);
  if (!renamed.ok()) {
    (void)fs.remove(*temp);
    return renamed;
  }
  return {};
}

Status write_output_file(FileSystem& fs, const std::string& path, std::string_view content) {
  if (fs.is_special_file(path)) return fs.write_in_place(path, content);
  return write_file_atomically(fs, path, content);
}

}  // namespace skylr
