# Run at install time (packaging/CMakeLists.txt): installs skylrd.service, with the paths
# of this install's prefix, and the packaged config /etc/skylr/skylr.json. Expects
# SKYLR_SOURCE_DIR, SKYLR_STAGING_DIR, SKYLR_INSTALL_BINDIR and SKYLR_INSTALL_DOCDIR.
if(CMAKE_INSTALL_PREFIX STREQUAL "/usr")
  set(sysconf_dir /etc)
  set(unit_dir /lib/systemd/system)
else()
  set(sysconf_dir ${CMAKE_INSTALL_PREFIX}/etc)
  set(unit_dir ${CMAKE_INSTALL_PREFIX}/lib/systemd/system)
endif()
set(SKYLR_BINDIR ${CMAKE_INSTALL_PREFIX}/${SKYLR_INSTALL_BINDIR})
set(SKYLR_DOCDIR ${CMAKE_INSTALL_PREFIX}/${SKYLR_INSTALL_DOCDIR})
set(SKYLR_CONFIG ${sysconf_dir}/skylr/skylr.json)
# A staging directory of this install's own: installs may run side by side (the suite's
# install tests), each with its prefix.
string(RANDOM LENGTH 16 install_id)
set(staging ${SKYLR_STAGING_DIR}/${install_id})
configure_file(${SKYLR_SOURCE_DIR}/etc/skylrd.service.in ${staging}/skylrd.service @ONLY)
set(mode PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
file(INSTALL ${staging}/skylrd.service DESTINATION ${unit_dir} ${mode})
file(REMOVE_RECURSE ${staging})
file(INSTALL ${SKYLR_SOURCE_DIR}/etc/skylr.json DESTINATION ${sysconf_dir}/skylr ${mode})
