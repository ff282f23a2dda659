// The HTML report: one self-contained page (inline CSS and SVG, no scripts, no network) that a
// reviewer triages from: a summary of levels, the flagged networks most severe first, then one
// section per network at its own anchor. Declared in report_writer.h as RenderReportHtml; this
// header exposes the pieces tested on their own.
#pragma once

#include <string>
#include <string_view>

#include "crosscheck/pipeline/internal/html_text.h"
#include "crosscheck/pipeline/scan_result.h"

namespace crosscheck::pipeline {

// EscapeHtml escapes &, <, >, " and ' for text and attribute values.
using internal::EscapeHtml;

}  // namespace crosscheck::pipeline
