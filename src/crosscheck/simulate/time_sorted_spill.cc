#include "crosscheck/simulate/time_sorted_spill.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <system_error>

namespace crosscheck::simulate {
namespace {

// A buffer is appended to its file once it holds this much; with ~250 weekly buckets the
// buffers stay below ~32 MB in total.
constexpr std::size_t kFlushBytes = 128 * 1024;

struct RecordRef {
  std::int64_t key;
  std::uint64_t sequence;
  std::size_t offset;
  std::uint32_t length;
};

void AppendRaw(std::string& out, const void* data, std::size_t size) {
  out.append(static_cast<const char*>(data), size);
}

}  // namespace

TimeSortedSpill::TimeSortedSpill(std::filesystem::path dir, std::string name, std::int64_t start,
                                 std::int64_t end, std::int64_t bucket_seconds)
    : dir_(std::move(dir)), name_(std::move(name)), start_(start), bucket_seconds_(bucket_seconds) {
  const std::int64_t buckets = std::max<std::int64_t>(1, (end - start + bucket_seconds - 1) / bucket_seconds);
  buffers_.resize(static_cast<std::size_t>(buckets));
  spilled_.assign(buffers_.size(), false);
}

TimeSortedSpill::~TimeSortedSpill() { RemoveFiles(); }

std::filesystem::path TimeSortedSpill::BucketPath(std::size_t bucket) const {
  return dir_ / ("." + name_ + "-" + std::to_string(bucket) + ".spill");
}

void TimeSortedSpill::Add(std::int64_t key, std::string_view payload) {
  std::int64_t bucket = (key - start_) / bucket_seconds_;
  bucket = std::clamp<std::int64_t>(bucket, 0, static_cast<std::int64_t>(buffers_.size()) - 1);
  std::string& buffer = buffers_[static_cast<std::size_t>(bucket)];
  const std::uint64_t sequence = sequence_++;
  const auto length = static_cast<std::uint32_t>(payload.size());
  AppendRaw(buffer, &key, sizeof key);
  AppendRaw(buffer, &sequence, sizeof sequence);
  AppendRaw(buffer, &length, sizeof length);
  buffer.append(payload);
  if (buffer.size() >= kFlushBytes) Flush(static_cast<std::size_t>(bucket));
}

void TimeSortedSpill::Flush(std::size_t bucket) {
  std::string& buffer = buffers_[bucket];
  if (buffer.empty() || !error_.empty()) return;
  const std::filesystem::path path = BucketPath(bucket);
  std::FILE* file = std::fopen(path.c_str(), spilled_[bucket] ? "ab" : "wb");
  if (!file) {
    error_ = "cannot write temporary file " + path.string() + ": " + std::strerror(errno);
    return;
  }
  const bool ok = std::fwrite(buffer.data(), 1, buffer.size(), file) == buffer.size();
  if (std::fclose(file) != 0 || !ok) error_ = "failed writing temporary file " + path.string();
  spilled_[bucket] = true;
  buffer.clear();
  buffer.shrink_to_fit();
}

Status TimeSortedSpill::Finish(const std::function<void(std::string_view)>& sink) {
  if (!error_.empty()) return InvalidInput(error_);
  std::string data;
  std::vector<RecordRef> records;
  for (std::size_t bucket = 0; bucket < buffers_.size(); ++bucket) {
    data.clear();
    if (spilled_[bucket]) {
      const std::filesystem::path path = BucketPath(bucket);
      std::FILE* file = std::fopen(path.c_str(), "rb");
      if (!file) return InvalidInput("cannot read temporary file " + path.string());
      char chunk[1 << 16];
      std::size_t got = 0;
      while ((got = std::fread(chunk, 1, sizeof chunk, file)) > 0) data.append(chunk, got);
      std::fclose(file);
      std::error_code ignored;
      std::filesystem::remove(path, ignored);
      spilled_[bucket] = false;
    }
    data.append(buffers_[bucket]);
    std::string().swap(buffers_[bucket]);
    records.clear();
    std::size_t offset = 0;
    constexpr std::size_t kHeader = sizeof(std::int64_t) + sizeof(std::uint64_t) + sizeof(std::uint32_t);
    while (offset + kHeader <= data.size()) {
      RecordRef ref;
      std::memcpy(&ref.key, data.data() + offset, sizeof ref.key);
      std::memcpy(&ref.sequence, data.data() + offset + 8, sizeof ref.sequence);
      std::memcpy(&ref.length, data.data() + offset + 16, sizeof ref.length);
      ref.offset = offset + kHeader;
      if (ref.offset + ref.length > data.size()) return InvalidInput("temporary file truncated");
      records.push_back(ref);
      offset = ref.offset + ref.length;
    }
    std::sort(records.begin(), records.end(), [](const RecordRef& a, const RecordRef& b) {
      return a.key != b.key ? a.key < b.key : a.sequence < b.sequence;
    });
    for (const RecordRef& ref : records) sink(std::string_view(data).substr(ref.offset, ref.length));
  }
  return Ok();
}

void TimeSortedSpill::RemoveFiles() {
  for (std::size_t bucket = 0; bucket < spilled_.size(); ++bucket) {
    if (!spilled_[bucket]) continue;
    std::error_code ignored;
    std::filesystem::remove(BucketPath(bucket), ignored);
    spilled_[bucket] = false;
  }
}

}  // namespace crosscheck::simulate
