// Each subcommand registers itself on the CLI11 app. A command's callback stores its exit code
// in *exit_code: 0 ok, 2 invalid input or usage, 1 internal error, 75 transient failure.
#pragma once

namespace CLI {
class App;
}

namespace crosscheck::cli {

void RegisterScanCommand(CLI::App& app, int* exit_code);
void RegisterEvaluateCommand(CLI::App& app, int* exit_code);
void RegisterLinkCommand(CLI::App& app, int* exit_code);
void RegisterExplainCommand(CLI::App& app, int* exit_code);
void RegisterScreenCommand(CLI::App& app, int* exit_code);
void RegisterMonitorCommand(CLI::App& app, int* exit_code);
void RegisterSimulateCommand(CLI::App& app, int* exit_code);
void RegisterSimulateLinkageCommand(CLI::App& app, int* exit_code);
void RegisterShareCommand(CLI::App& app, int* exit_code);
void RegisterHubCommand(CLI::App& app, int* exit_code);
void RegisterServeCommand(CLI::App& app, int* exit_code);
void RegisterConsortiumEvaluateCommand(CLI::App& app, int* exit_code);

}  // namespace crosscheck::cli
