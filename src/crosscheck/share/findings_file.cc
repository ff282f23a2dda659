#include "crosscheck/share/findings_file.h"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "crosscheck/common/output_file.h"

namespace crosscheck::share {
namespace {

using Json = nlohmann::json;
constexpr const char* kFormat = "crosscheck-findings";

}  // namespace

std::string FindingsJson(const MemberFindings& findings) {
  Json applications = Json::array();
  for (const ApplicationFinding& finding : findings.applications) {
    Json reasons = Json::array();
    for (const ConsortiumReason& reason : finding.reasons) {
      reasons.push_back({{"code", reason.code}, {"log_odds", reason.log_odds}, {"summary", reason.summary}});
    }
    Json evidence = Json::array();
    for (const SharedArtifactCount& count : finding.evidence) {
      evidence.push_back({{"kind", count.kind},
                          {"applications", count.applications},
                          {"other_companies", count.other_companies},
                          {"names", count.names}});
    }
    applications.push_back({{"handle", finding.handle},
                            {"persona", finding.persona},
                            {"network", finding.network},
                            {"hub_score", finding.hub_score},
                            {"hub_level", finding.hub_level},
                            {"reasons", std::move(reasons)},
                            {"evidence", std::move(evidence)}});
  }
  const Json document = {{"format", kFormat},
                         {"version", 1},
                         {"company_id", findings.company_id},
                         {"epoch", findings.epoch},
                         {"k_threshold", findings.k_threshold},
                         {"applications", std::move(applications)}};
  return document.dump(1) + '\n';
}

Status WriteFindings(const MemberFindings& findings, const std::filesystem::path& path) {
  // hub match writes one per member (5,000 for a simulated world): no fsync each.
  return WriteFileAtomically(path, FindingsJson(findings), Sync::kNo);
}

Result<MemberFindings> ReadFindings(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) return NotFound("cannot open hub findings " + path.string());
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return ParseFindings(buffer.str(), path.string());
}

Result<MemberFindings> ParseFindings(std::string_view text, const std::string& source) {
  const Json document = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) return InvalidInput(source + ": not JSON");
  MemberFindings findings;
  try {
    if (document.at("format").get<std::string>() != kFormat) {
      return InvalidInput(source + ": not a crosscheck findings file (format '" +
                          document.at("format").get<std::string>() + "')");
    }
    if (document.at("version").get<int>() != 1) {
      return InvalidInput(source + ": findings version " + document.at("version").dump() +
                          " is not supported (1 is)");
    }
    findings.company_id = document.at("company_id").get<std::string>();
    findings.epoch = document.at("epoch").get<std::string>();
    findings.k_threshold = document.at("k_threshold").get<std::size_t>();
    for (const Json& entry : document.at("applications")) {
      ApplicationFinding finding;
      finding.handle = entry.at("handle").get<std::string>();
      finding.persona = entry.at("persona").get<std::string>();
      finding.network = entry.at("network").get<std::string>();
      finding.hub_score = entry.at("hub_score").get<int>();
      finding.hub_level = entry.at("hub_level").get<std::string>();
      for (const Json& reason : entry.at("reasons")) {
        finding.reasons.push_back({reason.at("code").get<std::string>(), reason.at("log_odds").get<double>(),
                                   reason.at("summary").get<std::string>()});
      }
      for (const Json& count : entry.at("evidence")) {
        finding.evidence.push_back({count.at("kind").get<std::string>(), count.at("applications").get<std::size_t>(),
                                    count.at("other_companies").get<std::size_t>(),
                                    count.at("names").get<std::size_t>()});
      }
      findings.applications.push_back(std::move(finding));
    }
  } catch (const Json::exception& error) {
    return InvalidInput(source + ": bad findings field: " + error.what());
  }
  return findings;
}

}  // namespace crosscheck::share
