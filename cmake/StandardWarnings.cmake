# skylr_warnings: the warning set for Skylr's own targets. Link it PRIVATE so that
# consumers of the installed library never inherit it.
add_library(skylr_warnings INTERFACE)
target_compile_options(skylr_warnings INTERFACE -Wall -Wextra -Wpedantic -Werror)
