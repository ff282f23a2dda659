// RenderNetworkSvg draws a network for report.html as inline SVG, laid out at build time
// (ForceLayout): people as circles coloured by level and labelled by name, each shared
// artifact as a square of its kind's colour and letter, tied to every drawn person holding it.
//
//   html += RenderNetworkSvg(BuildNetworkModel(result, network, {}), network.network_id);
#pragma once

#include <string>
#include <string_view>

#include "crosscheck/pipeline/report_network_model.h"

namespace crosscheck::pipeline {

// RenderNetworkSvg returns the drawing (only the people and artifacts marked drawn; a person
// with neighbours outside the drawing carries "+N") followed by its legend: each kind drawn,
// with how many of its artifacts are drawn. A person links to "#person-<persona id>".
std::string RenderNetworkSvg(const NetworkModel& model, std::string_view network_id);

}  // namespace crosscheck::pipeline
