// The HTML report: one self-contained page (inline CSS and SVG, no scripts, no network) that a
// reviewer opens in a browser. Declared in report_writer.h as RenderReportHtml; this header
// exposes the pieces that are tested on their own.
#pragma once

#include <string>
#include <string_view>

#include "crosscheck/pipeline/scan_result.h"

namespace crosscheck::pipeline {

// EscapeHtml escapes &, <, >, " and ' for text and attribute values.
std::string EscapeHtml(std::string_view text);

// RenderNetworkSvg draws a network: personas on a circle, one line per shared artifact,
// coloured by artifact kind, with a legend.
std::string RenderNetworkSvg(const NetworkView& network);

}  // namespace crosscheck::pipeline
