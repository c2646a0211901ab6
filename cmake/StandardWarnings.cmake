# skylr_warnings: the warning set for Skylr's own targets. Link it PRIVATE so that
# consumers of the installed library never inherit it.
add_library(skylr_warnings INTERFACE)
target_compile_options(skylr_warnings INTERFACE -Wall -Wextra -Wpedantic)

# Warnings are errors in scripts/test and CI, never for people building the package: a
# newer or older compiler may warn where Debian 12's g++ does not.
option(SKYLR_WERROR "Treat compiler warnings as errors" OFF)
if(SKYLR_WERROR)
  target_compile_options(skylr_warnings INTERFACE -Werror)
endif()
