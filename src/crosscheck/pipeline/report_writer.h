// WriteScanOutputs writes the data contract's output files for one scan into a directory:
// personas.csv, networks.csv, risk.csv, report.json, report.html and issues.csv.
//
//   CC_RETURN_IF_ERROR(WriteScanOutputs(result, issues, out_dir));
#pragma once

#include <filesystem>
#include <string>

#include "crosscheck/common/error.h"
#include "crosscheck/common/issue.h"
#include "crosscheck/pipeline/scan_result.h"

namespace crosscheck::pipeline {

// WriteScanOutputs creates out_dir when needed. Each file appears whole or not at all
// (common/output_file.h); kIoError with the OS reason when one cannot be written.
Status WriteScanOutputs(const ScanResult& result, const IssueLog& issues,
                        const std::filesystem::path& out_dir);

// RemoveScanOutputs deletes the files WriteScanOutputs writes (and temporaries an interrupted
// run left) from out_dir, so that a failed run leaves no earlier result looking current.
void RemoveScanOutputs(const std::filesystem::path& out_dir);

// WriteIssuesCsv writes every Issue as a row of `file,line,column,field,code,severity,message`.
Status WriteIssuesCsv(const IssueLog& issues, const std::filesystem::path& path);

// RenderRiskCsv renders risk.csv (header, then one row per application in result order) as
// WriteScanOutputs writes it, for the service's export.
std::string RenderRiskCsv(const ScanResult& result);

// RenderReportJson renders report.json (summary, flagged networks, evidence, explanations).
std::string RenderReportJson(const ScanResult& result, const IssueLog& issues);

// RenderReportHtml renders report.html, a self-contained page (inline CSS and SVG).
std::string RenderReportHtml(const ScanResult& result, const IssueLog& issues);

}  // namespace crosscheck::pipeline
