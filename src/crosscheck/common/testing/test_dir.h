// Scratch directories for tests. Every directory a test process makes lives under one root of
// that process, removed when the process exits normally, so a test run leaves nothing behind
// in the temporary directory (servers' stores, kill -9 survivors and all).
//
//   const std::filesystem::path dir = test::FreshTestDir("hub_restart");
#pragma once

#include <unistd.h>

#include <filesystem>
#include <string>
#include <system_error>

namespace crosscheck::test {

// TestRoot is this process's scratch root, made on first use.
inline const std::filesystem::path& TestRoot() {
  struct Root {
    pid_t owner = ::getpid();
    std::filesystem::path path = std::filesystem::temp_directory_path() /
                                 ("crosscheck_test_" + std::to_string(::getpid()));
    Root() { std::filesystem::create_directories(path); }
    // A forked child that exits must not delete its parent's files.
    ~Root() {
      std::error_code ignored;
      if (::getpid() == owner) std::filesystem::remove_all(path, ignored);
    }
  };
  static const Root root;
  return root.path;
}

// FreshTestDir returns an empty directory `name` under the root (emptied if it exists).
inline std::filesystem::path FreshTestDir(const std::string& name) {
  const std::filesystem::path dir = TestRoot() / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace crosscheck::test
