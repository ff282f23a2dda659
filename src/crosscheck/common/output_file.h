// OutputFile writes a result file so that no reader ever sees half of it: the bytes go to a
// hidden temporary beside the target (same directory, so the rename cannot cross file
// systems) and Commit flushes, syncs and renames it into place. A file never committed — an
// error, an exception, kill -9 — leaves the target as it was; the temporary is removed by the
// destructor (or, after a crash, by RemoveOutputs of the next run).
//
//   CC_ASSIGN_OR_RETURN(OutputFile out, OutputFile::Create(dir / "risk.csv"));
//   out.Write(text);
//   CC_RETURN_IF_ERROR(out.Commit());
#pragma once

#include <cstdio>
#include <filesystem>
#include <string_view>
#include <vector>

#include "crosscheck/common/error.h"

namespace crosscheck {

// Sync says whether Commit waits for the bytes to reach the disk (fsync) before the rename:
// after a power cut the name then never points at a file whose data was lost. kNo is for
// batches of thousands of files that a rerun rewrites (the rename is atomic either way).
enum class Sync : bool { kNo = false, kYes = true };

class OutputFile {
 public:
  // Create opens the temporary for `target`. kIoError (with the OS reason) when it cannot.
  static Result<OutputFile> Create(const std::filesystem::path& target, Sync sync = Sync::kYes);

  OutputFile(OutputFile&& other) noexcept;
  OutputFile& operator=(OutputFile&& other) noexcept;
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;
  ~OutputFile();

  // Write appends bytes; a failure is remembered and reported by Commit.
  void Write(std::string_view bytes);
  std::FILE* stream() const { return file_; }

  // Commit makes the file the target: kIoError with the OS reason (ENOSPC, EFBIG, EACCES...)
  // when any write, the sync or the rename failed; the target is then untouched.
  Status Commit();
  // Abandon drops the temporary; the target is untouched.
  void Abandon();

  const std::filesystem::path& target() const { return target_; }

 private:
  OutputFile(std::FILE* file, std::filesystem::path target, std::filesystem::path temporary,
             Sync sync)
      : file_(file), target_(std::move(target)), temporary_(std::move(temporary)), sync_(sync) {}

  std::FILE* file_ = nullptr;
  std::filesystem::path target_;
  std::filesystem::path temporary_;
  Sync sync_ = Sync::kYes;
  int write_errno_ = 0;
};

// WriteFileAtomically writes `bytes` as the whole of `target` through an OutputFile.
Status WriteFileAtomically(const std::filesystem::path& target, std::string_view bytes,
                           Sync sync = Sync::kYes);

// TemporaryPrefix is how OutputFile names its temporaries in a directory: "." + target name
// + ".tmp." (then the process id and a counter).
std::string TemporaryPrefix(const std::filesystem::path& target);

// RemoveOutputs deletes `names` in `dir` and any temporaries an interrupted run left for them,
// so that a run that fails leaves nothing that looks like its result. Returns the names of the
// result files it removed (not the temporaries).
std::vector<std::string> RemoveOutputs(const std::filesystem::path& dir,
                                       const std::vector<std::string>& names);

}  // namespace crosscheck
