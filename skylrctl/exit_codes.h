// Exit codes of skylrctl, the same for every subcommand, so that scripts can tell a bad
// command line from a failed operation. The top-level --help lists them.
#pragma once

#include <string_view>

namespace skylr {

enum ExitCode : int {
  kExitDone = 0,         // the command did what was asked
  kExitError = 1,        // bad input file, failed check/write/reload, an update Marathon rejects or replaced
  kExitBadUsage = 2,     // unknown option, missing argument
  kExitLocked = 3,       // Marathon refused: the app is locked by a deployment
  kExitUnreachable = 4,  // no Marathon or skylrd answered
  kExitTimedOut = 5,     // the operation did not finish in time
  kExitRefused = 6,      // refused: token, credentials, or an app or field skylrd does not allow
};

// The footer of `skylrctl --help`: every exit code and its meaning.
inline constexpr std::string_view kExitCodesHelp =
    "Exit codes:\n"
    "  0  done\n"
    "  1  error (bad input file, failed check/write/reload, an update Marathon rejects or\n"
    "     another update replaced while push-job --wait followed it)\n"
    "  2  bad usage\n"
    "  3  locked by a deployment (Marathon answered 409; push-job --force replaces it)\n"
    "  4  unreachable (Marathon or skylrd)\n"
    "  5  timed out (push-job --wait)\n"
    "  6  refused (token, credentials, app or field)\n";

}  // namespace skylr
