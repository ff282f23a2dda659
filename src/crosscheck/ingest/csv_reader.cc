#include "crosscheck/ingest/csv_reader.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <system_error>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "crosscheck/common/progress.h"
#include "crosscheck/common/strings.h"
#include "crosscheck/normalize/text_encoding.h"

namespace crosscheck::ingest {
namespace {

// A text CSV never holds NUL; finding one this early means the file is binary (gzip, xlsx,
// UTF-16) and every "row" would be an issue, so the file is refused outright.
constexpr std::size_t kBinarySniffBytes = std::size_t{64} << 10;

// A row may hold at most this many fields, and at most this many times max_field_bytes.
constexpr std::size_t kMaxFieldsPerRecord = std::size_t{1} << 16;
constexpr std::size_t kMaxRowBytesFactor = 8;

using ByteTable = std::array<bool, 256>;

// The bytes that end a run of ordinary field content. Scanning for them with a table keeps
// the inner loop branch-light; everything else is copied in bulk.
ByteTable MakeTable(std::initializer_list<char> specials) {
  ByteTable table{};
  for (char c : specials) table[static_cast<unsigned char>(c)] = true;
  return table;
}

// IsAsciiOnly is true when no byte of `text` has its high bit set. It runs on every row (a
// row without such bytes needs no UTF-8 check), so it tests eight bytes at a time.
bool IsAsciiOnly(std::string_view text) {
  const char* data = text.data();
  std::size_t size = text.size();
  std::uint64_t any = 0;
  for (; size >= 8; data += 8, size -= 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, data, 8);
    any |= word;
  }
  for (; size > 0; ++data, --size) any |= static_cast<unsigned char>(*data);
  return (any & 0x8080808080808080ULL) == 0;
}

// FindSpecial returns the first byte in [begin, end) equal to `a`, `b`, `c` or NUL, or end;
// `table` marks exactly those four bytes. Fields are mostly long runs of plain text (a resume
// line is dozens of bytes between line breaks), so 16 bytes are tested at a time where the
// CPU allows; the table finishes the tail.
const char* FindSpecial(const char* begin, const char* end, char a, char b, char c,
                        const ByteTable& table) {
#if defined(__SSE2__)
  const __m128i want_a = _mm_set1_epi8(a);
  const __m128i want_b = _mm_set1_epi8(b);
  const __m128i want_c = _mm_set1_epi8(c);
  const __m128i zero = _mm_setzero_si128();
  while (end - begin >= 16) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(begin));
    const __m128i hits =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, want_a), _mm_cmpeq_epi8(bytes, want_b)),
                     _mm_or_si128(_mm_cmpeq_epi8(bytes, want_c), _mm_cmpeq_epi8(bytes, zero)));
    const int mask = _mm_movemask_epi8(hits);
    if (mask != 0) return begin + __builtin_ctz(static_cast<unsigned>(mask));
    begin += 16;
  }
#else
  (void)a;
  (void)b;
  (void)c;
#endif
  while (begin < end && !table[static_cast<unsigned char>(*begin)]) ++begin;
  return begin;
}

bool IsTrimSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// A record (one line, or several inside quotes) that runs this far without ending is not CSV
// (/dev/zero, a binary blob): reading stops with an error instead of scanning forever.
constexpr std::uint64_t kMinRunawayBytes = std::uint64_t{64} << 20;
// A file in another character set is converted in memory, up to this size.
constexpr std::size_t kMaxConvertedBytes = std::size_t{1} << 30;

// RepairUtf8 returns `text` with each invalid UTF-8 byte replaced by U+FFFD.
std::string RepairUtf8(std::string_view text) {
  std::string out;
  std::size_t bad = 0;
  while (!IsValidUtf8(text, &bad)) {
    out.append(text.substr(0, bad));
    out.append("\xEF\xBF\xBD");
    text.remove_prefix(bad + 1);
  }
  out.append(text);
  return out;
}

// Utf8Boundary returns `size` moved back so that text[0, size) does not end inside a UTF-8
// sequence (a field cut at the byte limit keeps whole characters).
std::size_t Utf8Boundary(std::string_view text, std::size_t size) {
  std::size_t start = size;
  while (start > 0 && size - start < 4 && (static_cast<unsigned char>(text[start - 1]) & 0xC0) == 0x80) --start;
  if (start == 0) return size;
  const auto lead = static_cast<unsigned char>(text[start - 1]);
  const std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
  return size - (start - 1) < length ? start - 1 : size;
}

// ReadSample reads up to kBinarySniffBytes from the start of `raw`.
std::string ReadSample(std::FILE* raw) {
  std::string sample(kBinarySniffBytes, '\0');
  sample.resize(std::fread(sample.data(), 1, sample.size(), raw));
  return sample;
}

// CheckText refuses files that are not text before any parsing: an Excel workbook (a ZIP
// archive) or bytes with NUL in a file that is not UTF-16.
Status CheckText(std::string_view sample, const std::string& charset, const std::string& name) {
  if (StartsWith(sample, "PK\x03\x04")) {
    return InvalidInput(name + " is an Excel workbook (.xlsx, a ZIP archive), not CSV; export it as CSV "
                        "(e.g. `xlsx2csv " + name + " > applications.csv`, Debian package xlsx2csv)");
  }
  if (!StartsWith(charset, "UTF-16") && sample.find('\0') != std::string_view::npos) {
    return InvalidInput(name + " is not a text CSV file (NUL byte at offset " +
                        std::to_string(sample.find('\0')) + ")");
  }
  return Ok();
}

// DetectDelimiter returns ';' or TAB when the first line holds one of them and no comma
// (European Excel writes ';'), else ','.
char DetectDelimiter(std::string_view text) {
  const std::string_view line = text.substr(0, text.find_first_of("\r\n"));
  std::size_t commas = 0, semicolons = 0, tabs = 0;
  bool quoted = false;
  for (char c : line) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    commas += c == ',';
    semicolons += c == ';';
    tabs += c == '\t';
  }
  if (commas > 0 || (semicolons == 0 && tabs == 0)) return ',';
  return semicolons >= tabs ? ';' : '\t';
}

}  // namespace

Result<CsvReader> CsvReader::Open(const std::filesystem::path& path, CsvOptions options) {
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (!std::filesystem::exists(status)) {
    return NotFound("CSV file not found: " + path.string());
  }
  if (std::filesystem::is_directory(status)) {
    return InvalidInput(path.string() + " is a directory, expected a CSV file");
  }
  std::FILE* raw = std::fopen(path.c_str(), "rb");
  if (raw == nullptr) {
    return InvalidInput("cannot open " + path.string() + ": " + std::strerror(errno));
  }
  return Start(raw, nullptr, path, options);
}

Result<CsvReader> CsvReader::OpenBuffer(std::string bytes, std::string name, CsvOptions options) {
  if (bytes.empty()) return InvalidInput(name + " is empty, expected a CSV header row");
  // The bytes are read through a FILE like a file's (fmemopen, POSIX.1-2008), so text in
  // memory takes exactly the path a file does; the reader owns them (a stable address).
  auto owned = std::make_unique<std::string>(std::move(bytes));
  std::FILE* raw = fmemopen(owned->data(), owned->size(), "rb");
  if (raw == nullptr) return Internal("cannot read " + name + " from memory: " + std::strerror(errno));
  return Start(raw, std::move(owned), std::filesystem::path(name), options);
}

Result<CsvReader> CsvReader::Start(std::FILE* raw, std::unique_ptr<std::string> memory,
                                   const std::filesystem::path& path, CsvOptions options) {
  CsvReader reader;
  reader.memory_ = std::move(memory);
  reader.file_.reset(raw);
  reader.path_ = path;
  reader.file_name_ = path.string();
  reader.options_ = options;
  if (reader.options_.max_field_bytes == 0) reader.options_.max_field_bytes = 1;
  // 1 MiB chunks by default: large enough that fread cost is negligible per row, small
  // enough to stay in cache while the record is copied out.
  reader.options_.chunk_bytes = std::max<std::size_t>(reader.options_.chunk_bytes, 1);
  reader.chunk_ = std::make_unique<char[]>(reader.options_.chunk_bytes);
  const std::size_t max_record = reader.options_.max_field_bytes > SIZE_MAX / 16
                                     ? SIZE_MAX / 2
                                     : reader.options_.max_field_bytes * kMaxRowBytesFactor * 2;
  reader.runaway_bytes_ = std::max<std::uint64_t>(kMinRunawayBytes, max_record);

  // Encoding and separator: a file that is not UTF-8 is converted whole in memory (reported on
  // stderr); a workbook or binary file is refused before any parsing.
  std::string sample = ReadSample(raw);
  if (std::ferror(raw)) return InvalidInput("cannot read " + path.string() + ": " + std::strerror(errno));
  CC_ASSIGN_OR_RETURN(const std::string charset, normalize::DetectCharset(sample));
  CC_RETURN_IF_ERROR(CheckText(sample, charset, reader.file_name_));
  if (charset != "UTF-8") {
    CC_RETURN_IF_ERROR(reader.ConvertToUtf8(std::move(sample), charset));
    raw = reader.file_.get();
    sample.assign(reader.memory_->data(), std::min(reader.memory_->size(), kBinarySniffBytes));
  } else if (std::fseek(raw, 0, SEEK_SET) != 0) {
    return InvalidInput("cannot read " + path.string() + ": " + std::strerror(errno));
  }
  if (reader.options_.delimiter == ',') {
    const std::size_t bom = StartsWith(sample, "\xEF\xBB\xBF") ? 3 : 0;
    reader.options_.delimiter = DetectDelimiter(std::string_view(sample).substr(bom));
    if (reader.options_.delimiter != ',') {
      Progress::Note(reader.file_name_ + ": separator " +
                     (reader.options_.delimiter == ';' ? "';'" : "TAB") + " detected");
    }
  }
  reader.unquoted_specials_ = MakeTable({reader.options_.delimiter, '\n', '\r', '\0'});

  // A UTF-8 byte order mark (Excel writes one) is skipped; columns count from after it, as
  // editors show them.
  char bom[3] = {};
  if (std::fread(bom, 1, 3, raw) == 3 && std::memcmp(bom, "\xEF\xBB\xBF", 3) == 0) {
    reader.chunk_offset_ = 3;
    reader.line_start_offset_ = 3;
  } else if (std::fseek(raw, 0, SEEK_SET) != 0) {
    return InvalidInput("cannot read " + path.string() + ": " + std::strerror(errno));
  }
  const bool any = reader.Refill();
  if (reader.read_failed_) {
    return InvalidInput("cannot read " + path.string() + ": " + std::strerror(errno));
  }
  if (!any) return InvalidInput(path.string() + " is empty, expected a CSV header row");

  CsvRecord header;
  while (true) {
    RowProblem problem = RowProblem::kNone;
    std::size_t problem_field = 0;
    CC_ASSIGN_OR_RETURN(bool got, reader.ReadRecord(header, problem, problem_field));
    CC_RETURN_IF_ERROR(reader.CheckRunaway());
    if (!got) return InvalidInput(path.string() + " has no header row (only blank lines)");
    if (header.size() == 0) continue;
    if (problem == RowProblem::kTooLong || problem == RowProblem::kRowTooLong) {
      return InvalidInput(
          path.string() + ":" + std::to_string(header.line()) + ": header field longer than " +
          std::to_string(reader.options_.max_field_bytes) + " bytes; not a CSV file?");
    }
    if (problem == RowProblem::kNulByte || problem == RowProblem::kBinary) {
      return InvalidInput(path.string() + " is not a text CSV file (NUL byte in the header)");
    }
    break;
  }
  for (std::size_t field_idx = 0; field_idx < header.size(); ++field_idx) {
    std::string_view name = TrimAscii(header.field(field_idx));
    std::size_t bad_offset = 0;
    if (!IsValidUtf8(name, &bad_offset)) {
      return InvalidInput(path.string() + ":" + std::to_string(header.field_line(field_idx)) + ":" +
                          std::to_string(header.field_column(field_idx)) +
                          ": header is not valid UTF-8; save the file as UTF-8");
    }
    reader.header_.emplace_back(name);
    reader.header_lower_.push_back(ToLowerAscii(name));
  }
  return reader;
}

int CsvReader::FindColumn(std::string_view name) const {
  const std::string wanted = ToLowerAscii(TrimAscii(name));
  for (std::size_t column_idx = 0; column_idx < header_lower_.size(); ++column_idx) {
    if (header_lower_[column_idx] == wanted) return static_cast<int>(column_idx);
  }
  return -1;
}

Status CsvReader::ConvertToUtf8(std::string bytes, const std::string& charset) {
  // The rest of the file joins the sample; conversion needs the whole text.
  std::string rest(options_.chunk_bytes, '\0');
  while (std::size_t got = std::fread(rest.data(), 1, rest.size(), file_.get())) {
    bytes.append(rest, 0, got);
    if (bytes.size() > kMaxConvertedBytes) {
      return InvalidInput(file_name_ + " is " + charset + " and over " + std::to_string(kMaxConvertedBytes >> 20) +
                          " MiB; convert it to UTF-8 first (iconv -f " + charset + " -t UTF-8)");
    }
  }
  if (std::ferror(file_.get())) return InvalidInput("cannot read " + file_name_ + ": " + std::strerror(errno));
  CC_ASSIGN_OR_RETURN(std::string utf8, normalize::ConvertToUtf8(bytes, charset));
  Progress::Note(file_name_ + ": character set " + charset + " detected; converted to UTF-8");
  memory_ = std::make_unique<std::string>(std::move(utf8));
  std::FILE* raw = fmemopen(memory_->data(), std::max<std::size_t>(memory_->size(), 1), "rb");
  if (raw == nullptr) return Internal("cannot read " + file_name_ + " from memory: " + std::strerror(errno));
  file_.reset(raw);
  if (memory_->empty()) eof_ = true;
  return Ok();
}

Status CsvReader::CheckRunaway() const {
  if (!runaway_) return Ok();
  return InvalidInput(file_name_ + ":" + std::to_string(line_) + ": no end of record within " +
                      std::to_string(runaway_bytes_ >> 20) + " MiB; not a CSV file?");
}

bool CsvReader::Refill() {
  if (eof_) return false;
  if (chunk_offset_ + chunk_size_ - record_start_offset_ > runaway_bytes_) {
    runaway_ = true;  // acts as the end of the file; Next and Start turn it into an Error
    eof_ = true;
    return false;
  }
  chunk_offset_ += chunk_size_;
  pos_ = 0;
  chunk_size_ = std::fread(chunk_.get(), 1, options_.chunk_bytes, file_.get());
  if (chunk_size_ < options_.chunk_bytes) {
    if (std::ferror(file_.get())) read_failed_ = true;
    eof_ = true;
  }
  return chunk_size_ > 0;
}

Result<bool> CsvReader::ReadRecord(CsvRecord& record, RowProblem& problem,
                                   std::size_t& problem_field) {
  static const ByteTable kQuotedSpecials = MakeTable({'"', '\n', '\r', '\0'});
  const std::size_t max_bytes = options_.max_field_bytes;

  // Whole-row limits keep memory bounded on hostile input (a line of a million commas).
  const std::size_t max_record_bytes =
      max_bytes > SIZE_MAX / kMaxRowBytesFactor ? SIZE_MAX : max_bytes * kMaxRowBytesFactor;
  bool row_too_long = false;
  record.buffer_.clear();
  record.spans_.clear();
  record.line_ = line_;
  record_start_offset_ = chunk_offset_ + pos_;
  problem = RowProblem::kNone;
  problem_field = 0;

  if (pos_ == chunk_size_ && !Refill()) return false;

  // Ends the current physical line: pos_ is just past '\n' or '\r'; a '\r' followed by '\n'
  // (possibly in the next chunk) is one line end.
  auto end_line = [&](char terminator) {
    if (terminator == '\r' && (pos_ < chunk_size_ || Refill()) && chunk_[pos_] == '\n') ++pos_;
    ++line_;
    line_start_offset_ = chunk_offset_ + pos_;
  };

  // An empty physical line is no record at all.
  if (chunk_[pos_] == '\n' || chunk_[pos_] == '\r') {
    const char terminator = chunk_[pos_++];
    end_line(terminator);
    return true;
  }

  while (true) {
    // Fast path for the usual field: it ends inside the current chunk at a delimiter or line
    // break, is unquoted or quoted without inner quotes or line breaks, and is within the
    // limits. It does what the general code below does for such a field, without its
    // per-byte bookkeeping; anything else falls through to the general code, which starts
    // the same field again from pos_ (nothing has been consumed).
    if (pos_ < chunk_size_) {
      const char* field_start = chunk_.get() + pos_;
      const char* limit = chunk_.get() + chunk_size_;
      const char* content = field_start;
      const char* content_end = nullptr;
      const char* after = nullptr;  // the byte that ends the field
      if (*field_start != '"') {
        content_end = FindSpecial(field_start, limit, options_.delimiter, '\n', '\r',
                                  unquoted_specials_);
        after = content_end;
      } else {
        content = field_start + 1;
        content_end = FindSpecial(content, limit, '"', '\n', '\r', kQuotedSpecials);
        if (content_end < limit && *content_end == '"') after = content_end + 1;
      }
      const auto size = static_cast<std::size_t>(content_end - content);
      if (after != nullptr && after < limit &&
          (*after == options_.delimiter || *after == '\n' || *after == '\r') &&
          size <= max_bytes && record.buffer_.size() + size <= max_record_bytes &&
          record.spans_.size() < kMaxFieldsPerRecord) {
        CsvRecord::Span span;
        span.line = line_;
        span.column = ColumnAt(pos_);
        span.begin = record.buffer_.size();
        record.buffer_.append(content, size);
        span.end = record.buffer_.size();
        if (options_.trim_fields) {
          while (span.begin < span.end && IsTrimSpace(record.buffer_[span.begin])) ++span.begin;
          while (span.end > span.begin && IsTrimSpace(record.buffer_[span.end - 1])) --span.end;
        }
        record.spans_.push_back(span);
        const char terminator = *after;
        pos_ = static_cast<std::size_t>(after + 1 - chunk_.get());
        if (terminator == options_.delimiter) continue;  // next field
        end_line(terminator);
        return true;
      }
    }

    CsvRecord::Span span;
    span.begin = record.buffer_.size();
    span.line = line_;
    span.column = ColumnAt(pos_);
    bool too_long = false;

    auto append = [&](const char* data, std::size_t size) {
      const std::size_t have = record.buffer_.size() - span.begin;
      if (have + size > max_bytes) {
        size = max_bytes > have ? max_bytes - have : 0;
        too_long = true;
      }
      if (record.buffer_.size() + size > max_record_bytes) {
        size =
            max_record_bytes > record.buffer_.size() ? max_record_bytes - record.buffer_.size() : 0;
        row_too_long = true;
      }
      record.buffer_.append(data, size);
    };
    auto note_nul = [&]() {
      if (chunk_offset_ + pos_ < kBinarySniffBytes) {
        problem = RowProblem::kBinary;
        problem_field = record.spans_.size();
      } else if (problem == RowProblem::kNone) {
        problem = RowProblem::kNulByte;
        problem_field = record.spans_.size();
      }
      ++pos_;
    };
    // finish ends the field; returns nothing, the caller decides whether the record ends.
    auto finish = [&]() {
      span.end = record.buffer_.size();
      if (too_long && problem == RowProblem::kNone) {
        problem = RowProblem::kTooLong;
        problem_field = record.spans_.size();
      }
      if (options_.trim_fields) {
        while (span.begin < span.end && IsTrimSpace(record.buffer_[span.begin])) ++span.begin;
        while (span.end > span.begin && IsTrimSpace(record.buffer_[span.end - 1])) --span.end;
      }
      if (record.spans_.size() < kMaxFieldsPerRecord) {
        record.spans_.push_back(span);
      } else {
        row_too_long = true;
      }
      if (row_too_long && problem == RowProblem::kNone) problem = RowProblem::kRowTooLong;
    };

    if (pos_ == chunk_size_ && !Refill()) {
      finish();  // the file ended right after a delimiter: a last, empty field
      return true;
    }

    if (chunk_[pos_] == '"') {
      const std::int64_t quote_line = line_;
      const std::int64_t quote_column = ColumnAt(pos_);
      ++pos_;
      bool closed = false;
      while (!closed) {
        if (pos_ == chunk_size_ && !Refill()) {
          if (read_failed_) return InvalidInput("cannot read " + file_name_);
          CC_RETURN_IF_ERROR(CheckRunaway());
          return InvalidInput(file_name_ + ":" + std::to_string(quote_line) + ":" +
                              std::to_string(quote_column) +
                              ": unterminated quote: the quoted field that opens here never "
                              "closes before the end of the file");
        }
        const char* start = chunk_.get() + pos_;
        const char* limit = chunk_.get() + chunk_size_;
        const char* stop = FindSpecial(start, limit, '"', '\n', '\r', kQuotedSpecials);
        append(start, static_cast<std::size_t>(stop - start));
        pos_ += static_cast<std::size_t>(stop - start);
        if (stop == limit) continue;
        const char c = *stop;
        if (c == '"') {
          ++pos_;
          if (pos_ == chunk_size_ && !Refill()) {
            finish();
            return true;
          }
          if (chunk_[pos_] == '"') {
            append("\"", 1);
            ++pos_;
          } else {
            closed = true;
          }
        } else if (c == '\n' || c == '\r') {
          append(&c, 1);
          ++pos_;
          if (c == '\r' && (pos_ < chunk_size_ || Refill()) && chunk_[pos_] == '\n') {
            append("\n", 1);
            ++pos_;
          }
          ++line_;
          line_start_offset_ = chunk_offset_ + pos_;
        } else {
          note_nul();
        }
      }
    }

    // Unquoted content, or whatever follows a closing quote up to the delimiter.
    while (true) {
      if (pos_ == chunk_size_ && !Refill()) {
        finish();  // no line break at the end of the file
        return true;
      }
      const char* start = chunk_.get() + pos_;
      const char* limit = chunk_.get() + chunk_size_;
      const char* stop =
          FindSpecial(start, limit, options_.delimiter, '\n', '\r', unquoted_specials_);
      append(start, static_cast<std::size_t>(stop - start));
      pos_ += static_cast<std::size_t>(stop - start);
      if (stop == limit) continue;
      const char c = *stop;
      if (c == options_.delimiter) {
        ++pos_;
        finish();
        break;  // next field
      }
      if (c == '\n' || c == '\r') {
        ++pos_;
        finish();
        end_line(c);
        return true;
      }
      note_nul();
    }
  }
}

Status CsvReader::ReportRow(std::int64_t line, std::int64_t column, std::string field,
                            std::string code, std::string message, IssueSeverity severity) {
  if (severity == IssueSeverity::kRowSkipped) ++rows_skipped_;
  Issue issue{.file = file_name_,
              .line = line,
              .column = column,
              .field = std::move(field),
              .code = std::move(code),
              .message = std::move(message),
              .severity = severity};
  if (options_.strict) return InvalidInput(issue.ToString());
  if (options_.issues != nullptr) options_.issues->Add(std::move(issue));
  return Ok();
}

Result<bool> CsvReader::Next(CsvRecord& record) {
  while (true) {
    RowProblem problem = RowProblem::kNone;
    std::size_t problem_field = 0;
    CC_ASSIGN_OR_RETURN(bool got, ReadRecord(record, problem, problem_field));
    CC_RETURN_IF_ERROR(CheckRunaway());
    if (read_failed_) {
      return InvalidInput("cannot read " + file_name_ + " after line " + std::to_string(line_));
    }
    if (!got) return false;
    if (record.size() == 0) continue;  // blank line

    auto header_name = [&](std::size_t field_idx) {
      return field_idx < header_.size() ? header_[field_idx] : std::string();
    };
    if (problem == RowProblem::kBinary) {
      return InvalidInput(file_name_ + ":" + std::to_string(record.field_line(problem_field)) +
                          ": NUL byte; this is not a text CSV file");
    }
    if (problem == RowProblem::kTooLong && record.size() == header_.size()) {
      // The field holds its first max_field_bytes bytes already; cut back to a whole character.
      CsvRecord::Span& span = record.spans_[problem_field];
      span.end = span.begin + Utf8Boundary(record.field(problem_field), span.end - span.begin);
      CC_RETURN_IF_ERROR(ReportRow(record.field_line(problem_field), record.field_column(problem_field),
                                   header_name(problem_field), "FIELD_TOO_LONG",
                                   "field longer than " + std::to_string(options_.max_field_bytes) +
                                       " bytes; cut to that length, row kept",
                                   IssueSeverity::kFieldRepaired));
    } else if (problem == RowProblem::kTooLong) {
      CC_RETURN_IF_ERROR(ReportRow(
          record.field_line(problem_field), record.field_column(problem_field),
          header_name(problem_field), "FIELD_TOO_LONG",
          "field longer than " + std::to_string(options_.max_field_bytes) + " bytes; row skipped"));
      continue;
    }
    if (problem == RowProblem::kRowTooLong) {
      CC_RETURN_IF_ERROR(ReportRow(record.line(), 0, "", "ROW_TOO_LONG",
                                   "row longer than " + std::to_string(kMaxRowBytesFactor) + " x " +
                                       std::to_string(options_.max_field_bytes) + " bytes or " +
                                       std::to_string(kMaxFieldsPerRecord) +
                                       " fields; row skipped"));
      continue;
    }
    if (problem == RowProblem::kNulByte) {
      CC_RETURN_IF_ERROR(ReportRow(record.field_line(problem_field),
                                   record.field_column(problem_field), header_name(problem_field),
                                   "NUL_BYTE", "field holds a NUL byte; row skipped"));
      continue;
    }
    if (record.size() != header_.size()) {
      const bool too_many = record.size() > header_.size();
      CC_RETURN_IF_ERROR(ReportRow(
          record.line(), too_many ? record.field_column(header_.size()) : 0, "",
          "WRONG_FIELD_COUNT",
          "expected " + std::to_string(header_.size()) + " fields as in the header, got " +
              std::to_string(record.size()) + "; row skipped"));
      continue;
    }
    if (!IsAsciiOnly(record.buffer_)) {
      // A stray byte in a UTF-8 file (one pasted Latin-1 name) must not drop the applicant:
      // the field keeps its text with U+FFFD for each bad byte, and the Issue says so.
      for (std::size_t field_idx = 0; field_idx < record.size(); ++field_idx) {
        std::size_t bad_offset = 0;
        if (IsValidUtf8(record.field(field_idx), &bad_offset)) continue;
        const std::string repaired = RepairUtf8(record.field(field_idx));
        CsvRecord::Span& span = record.spans_[field_idx];
        span.begin = record.buffer_.size();
        record.buffer_.append(repaired);
        span.end = record.buffer_.size();
        CC_RETURN_IF_ERROR(ReportRow(record.field_line(field_idx), record.field_column(field_idx),
                                     header_name(field_idx), "INVALID_UTF8",
                                     "field is not valid UTF-8 (bad byte " + std::to_string(bad_offset + 1) +
                                         " of the field); bad bytes replaced by U+FFFD, row kept",
                                     IssueSeverity::kFieldRepaired));
      }
    }
    return true;
  }
}

}  // namespace crosscheck::ingest
