// Exit codes of skylrctl, the same for every subcommand, so that scripts can tell a bad
// command line from a failed operation. The top-level --help lists them.
#pragma once

#include <string_view>

namespace skylr {

enum ExitCode : int {
  kExitDone = 0,         // the command did what was asked
  kExitError = 1,        // bad input file, failed write, invalid configuration
  kExitBadUsage = 2,     // unknown option, missing argument
  kExitLocked = 3,       // Marathon refused: the app is locked by a deployment
  kExitUnreachable = 4,  // no Marathon or skylrd answered
  kExitTimedOut = 5,     // the operation did not finish in time
  kExitRefused = 6,      // the server refused the request (authentication, validation)
};

// The footer of `skylrctl --help`: every exit code and its meaning.
inline constexpr std::string_view kExitCodesHelp =
    "Exit codes:\n"
    "  0  done\n"
    "  1  error (bad input file, failed write, invalid configuration)\n"
    "  2  bad usage\n"
    "  3  locked by a deployment\n"
    "  4  unreachable\n"
    "  5  timed out\n"
    "  6  refused\n";

}  // namespace skylr
