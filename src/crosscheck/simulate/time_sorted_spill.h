// TimeSortedSpill: writes rows out in time order in bounded memory. Rows are generated person by
// person (that is what makes a world of millions of rows streamable), but an export from an ATS
// or an identity provider is ordered by time. Rows go to one temporary file per time bucket
// (a week by default); Finish reads the buckets back one at a time, sorts each, and hands the
// rows on. Memory is one bucket plus the unflushed buffers.
//
//   TimeSortedSpill spill(out_dir, "applications", start, end, 7 * 86400);
//   spill.Add(submitted_unix, csv_line);
//   CC_RETURN_IF_ERROR(spill.Finish([&](std::string_view line) { out.append(line); }));
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/common/error.h"

namespace crosscheck::simulate {

class TimeSortedSpill {
 public:
  // TimeSortedSpill keeps temporary files `.<name>-<bucket>.spill` in dir. Keys outside
  // [start, end) go to the first or last bucket (still sorted correctly within it).
  TimeSortedSpill(std::filesystem::path dir, std::string name, std::int64_t start, std::int64_t end,
                  std::int64_t bucket_seconds);
  ~TimeSortedSpill();
  TimeSortedSpill(const TimeSortedSpill&) = delete;
  TimeSortedSpill& operator=(const TimeSortedSpill&) = delete;

  // Add queues one row with its sort key. Rows with equal keys keep their insertion order.
  void Add(std::int64_t key, std::string_view payload);

  // Finish passes every row to sink in key order and deletes the temporary files.
  // kInvalidInput when a temporary file could not be written or read back (disk full).
  Status Finish(const std::function<void(std::string_view)>& sink);

  // count returns how many rows were added.
  std::uint64_t count() const { return sequence_; }

 private:
  std::filesystem::path BucketPath(std::size_t bucket) const;
  void Flush(std::size_t bucket);
  void RemoveFiles();

  std::filesystem::path dir_;
  std::string name_;
  std::int64_t start_;
  std::int64_t bucket_seconds_;
  std::vector<std::string> buffers_;
  std::vector<bool> spilled_;
  std::uint64_t sequence_ = 0;
  std::string error_;
};

}  // namespace crosscheck::simulate
