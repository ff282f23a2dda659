#include "crosscheck/cli/commands/serve_support.h"

#include <csignal>
#include <exception>
#include <utility>

namespace crosscheck::cli {
namespace {

// The running server's stop, for the signal handler (httplib's stop only flips a flag and shuts
// the listening socket down).
std::function<void()>* g_stop = nullptr;

extern "C" void StopServing(int) {
  if (g_stop != nullptr) (*g_stop)();
}

}  // namespace

Result<ListenAddress> ParseListen(const std::string& listen) {
  const std::size_t colon = listen.rfind(':');
  int port = -1;
  if (colon != std::string::npos) {
    try {
      port = std::stoi(listen.substr(colon + 1));
    } catch (const std::exception&) {
      port = -1;
    }
  }
  if (colon == std::string::npos || colon == 0 || port < 0 || port > 65535) {
    return InvalidInput("--listen " + listen + ": expected HOST:PORT");
  }
  return ListenAddress{listen.substr(0, colon), port};
}

Status RunUntilSignal(std::function<void()> stop, const std::function<Status()>& run) {
  g_stop = &stop;
  std::signal(SIGINT, StopServing);
  std::signal(SIGTERM, StopServing);
  Status ran = run();
  g_stop = nullptr;
  return ran;
}

}  // namespace crosscheck::cli
