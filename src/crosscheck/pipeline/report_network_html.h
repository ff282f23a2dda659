// RenderNetworkSection renders one flagged network's section of report.html: its anchor
// (id="network-<id>"), facts, drawing, people (each at id="person-<persona id>"), every shared
// artifact with its holders (addresses as written), its applications and why applications were
// linked into one person.
//
//   RenderNetworkSection(result, network, html);
#pragma once

#include <string>

#include "crosscheck/pipeline/report_network_model.h"
#include "crosscheck/pipeline/scan_result.h"

namespace crosscheck::pipeline {

// kMaxLinkedPairsShown caps the match-weight waterfalls of one network in the page (report.json
// has more).
inline constexpr std::size_t kMaxLinkedPairsShown = 40;

// RenderNetworkSection appends the section of `network` (an element of result.flagged_networks)
// to `html`.
void RenderNetworkSection(const ScanResult& result, const NetworkView& network, std::string& html);

}  // namespace crosscheck::pipeline
