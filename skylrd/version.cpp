#include "version.h"

namespace skylr {

std::string_view skylrd_version() { return SKYLR_VERSION; }

}  // namespace skylr
