# Every third-party lookup Skylr makes, in one place. All packages come from Debian 12;
# scripts/setup-deps installs them.
find_package(fmt 9 REQUIRED CONFIG)
find_package(RapidJSON 1.1 REQUIRED CONFIG)
if(NOT TARGET RapidJSON::RapidJSON)
  # Debian's RapidJSON sets RAPIDJSON_INCLUDE_DIRS only.
  add_library(RapidJSON::RapidJSON INTERFACE IMPORTED)
  target_include_directories(RapidJSON::RapidJSON SYSTEM INTERFACE ${RAPIDJSON_INCLUDE_DIRS})
endif()
find_package(Threads REQUIRED)
# libcrypto only (no TLS connections): libskylr reads and checks the certificates HAProxy is to
# serve (parse, key match, validity) and reports their subject, names and expiry. HAProxy links
# the same library.
find_package(OpenSSL 3 REQUIRED COMPONENTS Crypto)

if(SKYLR_BUILD_TOOLS OR SKYLR_BUILD_TESTS)
  find_package(CLI11 2.1 REQUIRED CONFIG)
  # cpp-httplib 0.11 is a compiled library without a CMake package; its pkg-config
  # flags (OpenSSL/zlib/brotli support) must match the .so's class layout.
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib>=0.11)
  add_library(httplib::httplib ALIAS PkgConfig::HTTPLIB)
endif()
if(SKYLR_BUILD_TOOLS)
  # skylrd's readiness notifications to systemd (sd_notify, Type=notify).
  pkg_check_modules(SYSTEMD REQUIRED IMPORTED_TARGET libsystemd)
endif()
if(SKYLR_BUILD_TESTS)
  find_package(doctest 2.4 REQUIRED CONFIG)
endif()
