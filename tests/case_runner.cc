// case_runner: runs one data-driven end-to-end case (tests/cases/**/*.case) against the
// crosscheck binary. A case is a small script:
//
//   # name: duplicate application ids are reported
//   # group: ingest
//   input applications.csv          (block of file lines up to "end"; written as given)
//   input-escaped bad.csv           (same, with \xNN, \r, \t, \\ escapes: for invalid bytes, CRLF)
//   run scan --applications applications.csv --out out     (arguments split on spaces)
//   expect exit 2
//   expect stdout contains TEXT | expect stderr contains TEXT | expect stderr lacks TEXT
//   expect file out/issues.csv contains TEXT | expect file out/issues.csv lacks TEXT
//   expect lines out/issues.csv N          (number of lines, header included)
//   expect present out/risk.csv | expect absent out/risk.csv
//   expect groups out/personas.csv application_id persona_id   (then one group per line, "end")
//   expect row out/risk.csv application_id=a1 level=high        (a row with all these values)
//   expect no-row out/risk.csv application_id=a1 level=high
//
// In run lines, $SHARED stands for the ../shared folder of reference data.
// Usage: case_runner CROSSCHECK_BINARY CASE_FILE [SHARED_DIR]. Exit 0 when every expectation holds.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::vector<std::string> SplitWords(const std::string& text) {
  std::vector<std::string> words;
  std::istringstream in(text);
  std::string word;
  while (in >> word) words.push_back(word);
  return words;
}

std::string Unescape(const std::string& line) {
  std::string out;
  for (std::size_t pos = 0; pos < line.size(); ++pos) {
    if (line[pos] != '\\' || pos + 1 >= line.size()) {
      out.push_back(line[pos]);
      continue;
    }
    const char next = line[++pos];
    if (next == 'x' && pos + 2 < line.size() + 1) {
      out.push_back(static_cast<char>(std::stoi(line.substr(pos + 1, 2), nullptr, 16)));
      pos += 2;
    } else if (next == 'r') {
      out.push_back('\r');
    } else if (next == 'n') {
      out.push_back('\n');
    } else if (next == 't') {
      out.push_back('\t');
    } else {
      out.push_back(next);
    }
  }
  return out;
}

// Minimal RFC 4180 parse of a whole file, enough to check outputs.
std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  for (std::size_t pos = 0; pos < text.size(); ++pos) {
    const char c = text[pos];
    any = true;
    if (quoted) {
      if (c == '"' && pos + 1 < text.size() && text[pos + 1] == '"') {
        field.push_back('"');
        ++pos;
      } else if (c == '"') {
        quoted = false;
      } else {
        field.push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(field);
      field.clear();
    } else if (c == '\n') {
      row.push_back(field);
      field.clear();
      rows.push_back(row);
      row.clear();
      any = false;
    } else if (c != '\r') {
      field.push_back(c);
    }
  }
  if (any) {
    row.push_back(field);
    rows.push_back(row);
  }
  return rows;
}

class CaseRun {
 public:
  CaseRun(const fs::path& binary, const fs::path& case_file, const fs::path& shared)
      : binary_(fs::absolute(binary)), case_file_(fs::absolute(case_file)), shared_(fs::absolute(shared)) {}

  int Run() {
    std::ifstream in(case_file_);
    if (!in) return Fail("cannot open case file");
    work_ = fs::temp_directory_path() / ("crosscheck_case_" + std::to_string(::getpid()));
    fs::remove_all(work_);
    fs::create_directories(work_);
    std::string line;
    while (std::getline(in, line)) {
      ++line_number_;
      if (line.empty() || line[0] == '#') continue;
      const auto words = SplitWords(line);
      if (words.empty()) continue;
      if ((words[0] == "input" || words[0] == "input-escaped") && words.size() == 2) {
        WriteInput(in, words[1], words[0] == "input-escaped");
      } else if (words[0] == "run") {
        RunCommand(line.substr(4));
      } else if (words[0] == "expect") {
        Expect(in, line, words);
      } else {
        Fail("unknown directive: " + line);
      }
    }
    if (failures_ == 0) fs::remove_all(work_);
    else std::cerr << "work directory kept: " << work_ << "\n";
    std::cout << (failures_ == 0 ? "PASS " : "FAIL ") << case_file_.filename().string() << "\n";
    return failures_ == 0 ? 0 : 1;
  }

 private:
  int Fail(const std::string& message) {
    std::cerr << case_file_.string() << ":" << line_number_ << ": " << message << "\n";
    ++failures_;
    return 1;
  }

  std::vector<std::string> ReadBlock(std::istream& in) {
    std::vector<std::string> lines;
    std::string line;
    while (std::getline(in, line)) {
      ++line_number_;
      if (line == "end") return lines;
      lines.push_back(line);
    }
    Fail("block not closed with 'end'");
    return lines;
  }

  void WriteInput(std::istream& in, const std::string& name, bool escaped) {
    std::string content;
    for (const auto& line : ReadBlock(in)) content += (escaped ? Unescape(line) : line) + (escaped ? "" : "\n");
    fs::create_directories((work_ / name).parent_path());
    std::ofstream(work_ / name, std::ios::binary) << content;
  }

  void RunCommand(std::string arguments) {
    // $SHARED names ../shared, the public reference data beside the checkout.
    for (auto pos = arguments.find("$SHARED"); pos != std::string::npos; pos = arguments.find("$SHARED")) {
      arguments.replace(pos, 7, shared_.string());
    }
    std::string command = "cd '" + work_.string() + "' && '" + binary_.string() + "' " + arguments +
                          " > stdout.txt 2> stderr.txt";
    const int status = std::system(command.c_str());
    exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    stdout_ = ReadFile(work_ / "stdout.txt");
    stderr_ = ReadFile(work_ / "stderr.txt");
    if (exit_code_ >= 128 || WIFSIGNALED(status)) Fail("crashed: " + arguments + "\n" + stderr_);
  }

  static std::string RestAfter(const std::string& line, const std::string& marker) {
    const auto pos = line.find(marker);
    return pos == std::string::npos ? "" : line.substr(pos + marker.size());
  }

  void Expect(std::istream& in, const std::string& line, const std::vector<std::string>& words) {
    const std::string& kind = words.size() > 1 ? words[1] : "";
    if (kind == "exit" && words.size() == 3) {
      if (exit_code_ != std::stoi(words[2])) {
        Fail("exit " + std::to_string(exit_code_) + ", expected " + words[2] + "\nstderr: " + stderr_);
      }
    } else if ((kind == "stdout" || kind == "stderr") && words.size() > 3) {
      const std::string& text = kind == "stdout" ? stdout_ : stderr_;
      const std::string needle = RestAfter(line, " " + words[2] + " ");
      const bool found = text.find(needle) != std::string::npos;
      if (words[2] == "contains" && !found) Fail(kind + " lacks '" + needle + "':\n" + text);
      if (words[2] == "lacks" && found) Fail(kind + " contains '" + needle + "':\n" + text);
    } else if (kind == "file" && words.size() > 4 && (words[3] == "contains" || words[3] == "lacks")) {
      const bool wanted = words[3] == "contains";
      const std::string needle = RestAfter(line, wanted ? " contains " : " lacks ");
      if (!fs::exists(work_ / words[2])) {
        Fail("missing file " + words[2]);
      } else if ((ReadFile(work_ / words[2]).find(needle) != std::string::npos) != wanted) {
        Fail(words[2] + (wanted ? " lacks '" : " contains '") + needle + "'");
      }
    } else if ((kind == "present" || kind == "absent") && words.size() == 3) {
      if (fs::exists(work_ / words[2]) != (kind == "present")) Fail(words[2] + (kind == "present" ? " missing" : " exists"));
    } else if (kind == "lines" && words.size() == 4) {
      const auto rows = ParseCsv(ReadFile(work_ / words[2]));
      if (rows.size() != std::stoul(words[3])) {
        Fail(words[2] + " has " + std::to_string(rows.size()) + " rows, expected " + words[3]);
      }
    } else if (kind == "groups" && words.size() == 5) {
      ExpectGroups(in, words[2], words[3], words[4]);
    } else if ((kind == "row" || kind == "no-row") && words.size() > 3) {
      ExpectRow(words, kind == "row");
    } else {
      Fail("bad expect: " + line);
    }
  }

  std::map<std::string, int> Header(const std::vector<std::vector<std::string>>& rows) {
    std::map<std::string, int> columns;
    if (rows.empty()) return columns;
    for (std::size_t idx = 0; idx < rows[0].size(); ++idx) columns[rows[0][idx]] = static_cast<int>(idx);
    return columns;
  }

  void ExpectGroups(std::istream& in, const std::string& file, const std::string& item_column,
                    const std::string& group_column) {
    const auto expected_lines = ReadBlock(in);
    const auto rows = ParseCsv(ReadFile(work_ / file));
    auto columns = Header(rows);
    if (!columns.contains(item_column) || !columns.contains(group_column)) {
      Fail(file + " lacks column " + item_column + " or " + group_column);
      return;
    }
    std::map<std::string, std::set<std::string>> groups;
    for (std::size_t row_idx = 1; row_idx < rows.size(); ++row_idx) {
      groups[rows[row_idx][columns[group_column]]].insert(rows[row_idx][columns[item_column]]);
    }
    std::set<std::set<std::string>> actual, expected;
    for (const auto& [group, items] : groups) actual.insert(items);
    for (const auto& line : expected_lines) {
      auto items = SplitWords(line);
      expected.insert(std::set<std::string>(items.begin(), items.end()));
    }
    if (actual != expected) {
      std::string got;
      for (const auto& items : actual) {
        for (const auto& item : items) got += item + " ";
        got += "| ";
      }
      Fail(file + " groups differ; got: " + got);
    }
  }

  void ExpectRow(const std::vector<std::string>& words, bool should_exist) {
    const auto rows = ParseCsv(ReadFile(work_ / words[2]));
    auto columns = Header(rows);
    std::vector<std::pair<int, std::string>> wanted;
    for (std::size_t word_idx = 3; word_idx < words.size(); ++word_idx) {
      const auto eq = words[word_idx].find('=');
      const std::string column = words[word_idx].substr(0, eq);
      if (eq == std::string::npos || !columns.contains(column)) {
        Fail(words[2] + " lacks column " + column);
        return;
      }
      wanted.emplace_back(columns[column], words[word_idx].substr(eq + 1));
    }
    bool found = false;
    for (std::size_t row_idx = 1; row_idx < rows.size() && !found; ++row_idx) {
      bool all = true;
      for (const auto& [column, value] : wanted) {
        all = all && column < static_cast<int>(rows[row_idx].size()) && rows[row_idx][column] == value;
      }
      found = all;
    }
    if (found != should_exist) Fail(words[2] + (should_exist ? " has no row with " : " has a row with ") + words[3]);
  }

  fs::path binary_;
  fs::path case_file_;
  fs::path shared_;
  fs::path work_;
  int line_number_ = 0;
  int failures_ = 0;
  int exit_code_ = -1;
  std::string stdout_;
  std::string stderr_;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3 && argc != 4) {
    std::cerr << "usage: case_runner CROSSCHECK_BINARY CASE_FILE [SHARED_DIR]\n";
    return 2;
  }
  return CaseRun(argv[1], argv[2], argc == 4 ? argv[3] : "../shared").Run();
}
