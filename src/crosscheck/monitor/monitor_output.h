// The files `crosscheck monitor` writes: alerts as JSON lines and the per-account verdicts as
// CSV (`login,application_id,company_id,events,score,level,reasons`).
//
//   std::string line = AlertToJson(alert);   // {"code":"SIGNIN_ANONYMIZER","login":...}
//   CC_RETURN_IF_ERROR(WriteAccountsCsv(out_dir / "accounts.csv", analyzer.Accounts()));
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "crosscheck/common/error.h"
#include "crosscheck/monitor/session_analyzer.h"

namespace crosscheck::monitor {

// AlertToJson renders one alert as a single-line JSON object (no trailing newline) with keys
// code, login, application_id, company_id, at (ISO 8601 UTC, null when unknown), message,
// event_uuids, ips, times (ISO 8601), other_logins, measures {name: number} and facts
// {name: string}.
std::string AlertToJson(const SigninAlert& alert);

// WriteAccountsCsv writes accounts (reasons ';'-separated) to path, atomically: a temporary
// file beside it is renamed over it, so a reader never sees half a file. kInvalidInput when
// the file cannot be written.
Status WriteAccountsCsv(const std::filesystem::path& path, const std::vector<AccountReport>& accounts);

}  // namespace crosscheck::monitor
