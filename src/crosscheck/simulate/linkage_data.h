// Linkage test data with known truth, for measuring entity resolution on data unlike FEBRL
// (`crosscheck simulate-linkage`). Two kinds:
// - multi-party: N sources of voter-style records (given name, surname, suburb, postcode),
//   each source free of internal duplicates, an entity present in a random subset of sources,
//   values corrupted heavily (keyboard, OCR, phonetic errors, swapped name parts, missing).
// - historical: one source of many records per person (a heavy-tailed count), names with
//   titles and honorifics ("sir", "1st baron x", "of y"), nicknames, partial and approximate
//   birth dates, birth places at different granularity.
// Corruption rates are drawn from the seed within documented ranges unless given, so a
// linker is measured over many settings, not tuned to one.
//
//   LinkageDataConfig config{.kind = LinkageKind::kMultiParty, .seed = 7};
//   LinkageData data = GenerateLinkageData(config);  // data.tables, data.truth
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/common/error.h"

namespace crosscheck::simulate {

// LinkageKind selects the structure of the generated data.
enum class LinkageKind : std::uint8_t { kMultiParty, kHistorical };

// ParseLinkageKind reads "multiparty" or "historical". Errors: kInvalidInput otherwise.
Result<LinkageKind> ParseLinkageKind(std::string_view name);

// LinkageDataConfig sizes the data. A negative rate is drawn from the seed.
struct LinkageDataConfig {
  LinkageKind kind = LinkageKind::kMultiParty;
  std::uint64_t seed = 1;
  std::size_t sources = 5;               // multi-party: number of sources
  std::size_t records_per_source = 5000; // multi-party
  double overlap = -1;                   // multi-party: share of a source's records drawn from
                                         // the entities sources share (drawn in [0.3, 0.7])
  std::size_t people = 8500;             // historical: distinct people
  std::size_t records = 50000;           // historical: records (at least one per person)
  double corruption = -1;                // chance a record carries 1-3 errors (drawn in [0.3, 0.7])
  double missing = -1;                   // chance a value is missing (drawn in [0.02, 0.1])
};

// LinkageTable is one generated CSV: a file name, a header and rows of text.
struct LinkageTable {
  std::string name;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

// LinkageData is the generated sources and the truth: truth.rows hold (source, record id,
// entity id), one per record of every source. `settings` describes the rates used.
struct LinkageData {
  std::vector<LinkageTable> tables;
  LinkageTable truth;
  std::string settings;
};

// GenerateLinkageData returns the data of `config`; the same config gives the same data.
// Errors: kInvalidInput for zero sizes, more than 64 sources, fewer records than people, or
// rates outside [0, 1].
Result<LinkageData> GenerateLinkageData(const LinkageDataConfig& config);

}  // namespace crosscheck::simulate
