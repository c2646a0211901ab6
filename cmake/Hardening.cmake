# skylr_hardening: the link flags of Debian's hardened builds (dpkg-buildflags with
# hardening=+all) for the programs the package installs: relocations read-only and
# resolved at start (RELRO, BIND_NOW). PIE is g++'s default on Debian.
add_library(skylr_hardening INTERFACE)
target_link_options(skylr_hardening INTERFACE -Wl,-z,relro -Wl,-z,now)
