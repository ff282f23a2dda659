// crosscheck: links job applications across companies to expose fake remote hires.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>

#include "crosscheck/cli/commands/command.h"
#include "crosscheck/common/allocator_tuning.h"

namespace {

constexpr const char* kExitCodes =
    "Exit codes: 0 success; 2 invalid input or usage (bad file, missing column, bad flag;\n"
    "with --strict, any bad row); 1 internal error; 75 transient failure, retry.";

}  // namespace

int main(int argc, char** argv) {
  crosscheck::TuneAllocator();  // before anything allocates much (common/allocator_tuning.h)
  CLI::App app{"crosscheck: links job applications across companies to expose fake remote hires"};
  app.footer(kExitCodes);
  app.set_version_flag("--version", "crosscheck 0.1.0");
  app.require_subcommand(1);
  int exit_code = 0;
  crosscheck::cli::RegisterScanCommand(app, &exit_code);
  crosscheck::cli::RegisterEvaluateCommand(app, &exit_code);
  crosscheck::cli::RegisterLinkCommand(app, &exit_code);
  crosscheck::cli::RegisterExplainCommand(app, &exit_code);
  crosscheck::cli::RegisterScreenCommand(app, &exit_code);
  crosscheck::cli::RegisterMonitorCommand(app, &exit_code);
  crosscheck::cli::RegisterSimulateCommand(app, &exit_code);
  crosscheck::cli::RegisterSimulateLinkageCommand(app, &exit_code);
  crosscheck::cli::RegisterShareCommand(app, &exit_code);
  crosscheck::cli::RegisterHubCommand(app, &exit_code);
  crosscheck::cli::RegisterServeCommand(app, &exit_code);
  crosscheck::cli::RegisterConsortiumEvaluateCommand(app, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? 0 : 2;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "crosscheck: internal: %s\n", error.what());
    return 1;
  }
  return exit_code;
}
