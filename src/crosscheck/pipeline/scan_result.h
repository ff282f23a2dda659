// ScanResult: everything a scan found, in the shape the output files need. The pipeline fills
// it from the link, graph and score modules; report_writer turns it into the contract's files
// (personas.csv, networks.csv, risk.csv, report.json, report.html, issues.csv).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "crosscheck/common/issue.h"
#include "crosscheck/graph/evidence_edge.h"
#include "crosscheck/link/fellegi_sunter.h"

namespace crosscheck::pipeline {

// ReasonView is one indicator behind a score, with what a reviewer needs to check it.
struct ReasonView {
  std::string code;                   // UPPER_SNAKE indicator code
  double log_odds = 0;                // contribution to the score, natural log likelihood ratio
  std::string summary;                // one line for a person
  std::vector<std::string> evidence;  // artifact values (masked), related applications, IPs
};

// ApplicationResult is one row of risk.csv plus its reasons in full.
struct ApplicationResult {
  std::string application_id;
  std::string company_id;
  std::string full_name;
  std::string persona_id;
  std::string network_id;
  int score = 0;
  std::string level = "low";
  std::vector<ReasonView> reasons;
  // The claimed residence and ship-to address as the application gives them, for the company's
  // own reviewers (report.html); filled only for applications of flagged networks.
  std::string home_address;
  std::string shipping_address;
};

// EdgeView is one shared artifact tying two personas of a network.
struct EdgeView {
  std::string persona_left;
  std::string persona_right;
  std::string kind;   // phone, device, payout_account, shipping_address, photo, resume, ...
  std::string value;  // masked value or similarity ("hamming 3 bits")
  double weight = 0;
  // as_given: for addresses, the address as the first application holding it wrote it, so the
  // reviewer can check it (the scanning company's own data; report.html shows it, report.json
  // and the consortium never carry it); empty for other kinds.
  std::string as_given;
};

// PairTermView is one line of a linked pair's match-weight waterfall.
struct PairTermView {
  std::string field;
  std::string level;   // comparison level, e.g. "exact", "jaro_winkler>=0.92", "null"
  double weight = 0;   // log2 Bayes factor
};

// LinkedPairView explains why two applications were put in one persona.
struct LinkedPairView {
  std::string application_left;
  std::string application_right;
  double match_probability = 0;
  double match_weight = 0;
  double prior_weight = 0;
  std::vector<PairTermView> terms;
};

// NetworkView is a network shown in the report (every flagged network).
struct NetworkView {
  std::string network_id;
  int score = 0;
  std::string level;
  std::vector<std::string> personas;
  std::vector<std::size_t> applications;  // indexes into ScanResult::applications
  std::vector<std::string> companies;
  std::vector<EdgeView> edges;
  std::vector<LinkedPairView> linked_pairs;
  std::size_t omitted_edges = 0;         // weaker edges left out of the report
  std::size_t omitted_linked_pairs = 0;  // linked pairs left out of the report
};

// ScanSummary holds the counts printed at the end of a scan and put in report.json.
struct ScanSummary {
  std::uint64_t input_rows = 0;
  std::uint64_t applications = 0;
  std::uint64_t rows_skipped = 0;
  std::uint64_t issues = 0;
  std::uint64_t personas = 0;
  std::uint64_t networks = 0;
  std::uint64_t multi_persona_networks = 0;
  std::map<std::string, std::uint64_t> applications_by_level;
  std::uint64_t flagged_networks = 0;
  std::uint64_t flagged_personas = 0;
  std::uint64_t identity_splits = 0;  // personas split as an identity's owner and its thief
  std::uint64_t consortium_findings = 0;  // hub findings matched to applications (--hub-findings)
  std::vector<std::string> tuning;  // "name=value" of each setting changed from its default (--tune)
  std::string indicators;  // what --indicators gave (watchlist::IndicatorImport::Summary), if given
  std::vector<std::pair<std::string, double>> stage_seconds;  // in pipeline order
};

struct ScanResult {
  std::vector<ApplicationResult> applications;  // in input order
  std::vector<NetworkView> flagged_networks;    // high or critical, highest score first
  ScanSummary summary;
  std::vector<std::string> inputs;              // file names read
  // What the population says about each artifact kind (graph::KindStatistics): a service
  // scores new applications against their neighbourhood with these (ScanInput::population).
  std::vector<graph::KindStatistics> population;
  // The persona linkage model the scan trained (none when personas came from elsewhere): a
  // service joins arrivals to this scan's personas with it (KnownPersonas).
  std::shared_ptr<const link::LinkModel> persona_model;
};

}  // namespace crosscheck::pipeline
