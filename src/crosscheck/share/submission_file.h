// The submission file: what `crosscheck share encode` writes and the hub reads.
//
//   line 1   "crosscheck-submission 2" (the format, SubmissionFormat; 1 is still read: its photo
//            band tokens sample pHash bits chosen by the consortium key, format 2's public ones)
//   line 2   SHA-256 of the payload, 64 hex digits (detects truncation and corruption)
//   payload  MessagePack (msgpack.org): {"company_id", "epoch", "key_id", "records"}
//            where each record is [handle, submitted_hour|nil, tokens, name_keys, photo_bands,
//            resume_bins, context]; tokens and name keys are binary runs of 17 bytes (a kind
//            byte and a 16-byte token), photo bands a run of 8-byte tokens, resume bins of
//            4-byte tokens (big-endian), and context a map
//            of coarse values (line type, IP kind, countries, flags, stage).
//
//   CC_RETURN_IF_ERROR(WriteSubmission(submission, dir / (company + ".ccsub")));
//   CC_ASSIGN_OR_RETURN(Submission submission, ReadSubmission(path));
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "crosscheck/common/error.h"
#include "crosscheck/share/consortium_record.h"

namespace crosscheck::share {

// kSubmissionExtension is the file extension of a submission (".ccsub").
inline constexpr std::string_view kSubmissionExtension = ".ccsub";

// SerializeSubmission returns the bytes of a submission file in `submission.format`.
// Deterministic: the same submission gives the same bytes.
std::string SerializeSubmission(const Submission& submission);

// ParseSubmission reads the bytes of a submission file of format 1 or 2; the result's format
// says which. `source` names it in messages. Errors: kInvalidInput for anything that is not a
// complete, well-formed submission of a format this build reads (wrong first line or unknown
// format, checksum mismatch — truncated or corrupt —, bad MessagePack, a field of the wrong
// type or size), with the record number where one is at fault.
Result<Submission> ParseSubmission(std::string_view bytes, std::string_view source);

// WriteSubmission writes the file atomically (a temporary file renamed into place).
// Errors: kInvalidInput when the file cannot be written.
Status WriteSubmission(const Submission& submission, const std::filesystem::path& path);

// ReadSubmission reads and parses a file. Errors: kNotFound, and those of ParseSubmission.
Result<Submission> ReadSubmission(const std::filesystem::path& path);

}  // namespace crosscheck::share
