#include <CLI/CLI.hpp>
#include <cstdio>

#include "crosscheck/cli/commands/command.h"

namespace crosscheck::cli {

void RegisterScanCommand(CLI::App& app, int* exit_code) {
  auto* scan = app.add_subcommand("scan", "Link applications into personas and networks, score risk");
  scan->callback([exit_code] {
    std::fprintf(stderr, "crosscheck scan: not built yet\n");
    *exit_code = 1;
  });
}

}  // namespace crosscheck::cli
