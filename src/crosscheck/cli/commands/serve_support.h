// What the commands that run a server (`serve`, `hub serve`) share: reading --listen and running
// a server until SIGINT or SIGTERM.
//
//   CC_ASSIGN_OR_RETURN(ListenAddress address, ParseListen(flags.listen));
//   RunUntilSignal([&] { server->Stop(); }, [&] { return server->Run(); });
#pragma once

#include <functional>
#include <string>

#include "crosscheck/common/error.h"

namespace crosscheck::cli {

// ListenAddress is a parsed --listen HOST:PORT (port 0: any free port).
struct ListenAddress {
  std::string host;
  int port = 0;
};

// ParseListen reads HOST:PORT (the last colon splits, so [::1]:8080 keeps its host). Errors:
// kInvalidInput naming the flag when there is no host or the port is not 0..65535.
Result<ListenAddress> ParseListen(const std::string& listen);

// RunUntilSignal calls `run` (which serves until stopped) with SIGINT and SIGTERM calling
// `stop`, and returns what `run` returns. One server per process at a time.
Status RunUntilSignal(std::function<void()> stop, const std::function<Status()>& run);

}  // namespace crosscheck::cli
