#include "crosscheck/common/output_file.h"

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <utility>

namespace crosscheck {
namespace {

std::atomic<unsigned> temporary_counter{0};

std::unexpected<Error> OsFailure(const std::string& what, const std::filesystem::path& path,
                                 int error_number) {
  return IoError("cannot " + what + " " + path.string() + ": " + std::strerror(error_number));
}

}  // namespace

std::string TemporaryPrefix(const std::filesystem::path& target) {
  return "." + target.filename().string() + ".tmp.";
}

Result<OutputFile> OutputFile::Create(const std::filesystem::path& target, Sync sync) {
  std::filesystem::path temporary =
      target.parent_path() / (TemporaryPrefix(target) + std::to_string(::getpid()) + "." +
                              std::to_string(temporary_counter++));
  std::FILE* file = std::fopen(temporary.c_str(), "wb");
  if (file == nullptr) return OsFailure("create", target, errno);
  return OutputFile(file, target, std::move(temporary), sync);
}

OutputFile::OutputFile(OutputFile&& other) noexcept
    : file_(std::exchange(other.file_, nullptr)),
      target_(std::move(other.target_)),
      temporary_(std::move(other.temporary_)),
      sync_(other.sync_),
      write_errno_(other.write_errno_) {}

OutputFile& OutputFile::operator=(OutputFile&& other) noexcept {
  if (this != &other) {
    Abandon();
    file_ = std::exchange(other.file_, nullptr);
    target_ = std::move(other.target_);
    temporary_ = std::move(other.temporary_);
    sync_ = other.sync_;
    write_errno_ = other.write_errno_;
  }
  return *this;
}

OutputFile::~OutputFile() { Abandon(); }

void OutputFile::Write(std::string_view bytes) {
  if (file_ == nullptr || bytes.empty()) return;
  if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size() && write_errno_ == 0) {
    write_errno_ = errno != 0 ? errno : EIO;
  }
}

Status OutputFile::Commit() {
  if (file_ == nullptr) return Internal("OutputFile for " + target_.string() + " committed twice");
  int failure = write_errno_;
  if (std::fflush(file_) != 0 && failure == 0) failure = errno;
  if (failure == 0 && std::ferror(file_) != 0) failure = EIO;
  // fsync before rename: after a power cut the name must not point at a file whose data never
  // reached the disk.
  if (failure == 0 && sync_ == Sync::kYes && ::fsync(::fileno(file_)) != 0) failure = errno;
  if (std::fclose(std::exchange(file_, nullptr)) != 0 && failure == 0) failure = errno;
  if (failure == 0 && std::rename(temporary_.c_str(), target_.c_str()) != 0) failure = errno;
  if (failure != 0) {
    std::remove(temporary_.c_str());
    return OsFailure("write", target_, failure);
  }
  return Ok();
}

void OutputFile::Abandon() {
  if (file_ == nullptr) return;
  std::fclose(std::exchange(file_, nullptr));
  std::remove(temporary_.c_str());
}

Status WriteFileAtomically(const std::filesystem::path& target, std::string_view bytes, Sync sync) {
  CC_ASSIGN_OR_RETURN(OutputFile out, OutputFile::Create(target, sync));
  out.Write(bytes);
  return out.Commit();
}

std::vector<std::string> RemoveOutputs(const std::filesystem::path& dir,
                                       const std::vector<std::string>& names) {
  std::vector<std::string> removed;
  std::error_code error;
  for (const std::string& name : names) {
    if (std::filesystem::remove(dir / name, error)) removed.push_back(name);
  }
  for (std::filesystem::directory_iterator it(dir, error), end; !error && it != end;
       it.increment(error)) {
    const std::string file = it->path().filename().string();
    for (const std::string& name : names) {
      std::error_code ignored;  // a temporary that cannot be removed is harmless: it is hidden
      if (file.starts_with(TemporaryPrefix(name))) std::filesystem::remove(it->path(), ignored);
    }
  }
  return removed;
}

}  // namespace crosscheck
