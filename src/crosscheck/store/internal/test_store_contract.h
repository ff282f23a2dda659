// StoreContractTest: the fixture of the stores' contract tests (HubStore, CompanyStore), run
// once per kind of store: "sqlite" in a fresh temporary directory, "postgresql" in a fresh
// database of a server the suite starts itself (test_postgres_server.h). ctest runs each test in
// its own process, so the SQLite ones never pay for the server.
//
//   class HubStoreContract : public internal::StoreContractTest {
//     void SetUp() override { SetUpLocation("hubstore"); }
//   };
//   INSTANTIATE_TEST_SUITE_P(Stores, HubStoreContract, ::testing::Values("sqlite", "postgresql"));
#pragma once

#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>
#include <memory>
#include <string>

#include "crosscheck/common/testing/test_dir.h"
#include "crosscheck/store/internal/test_postgres_server.h"

namespace crosscheck::store::internal {

class StoreContractTest : public ::testing::TestWithParam<std::string> {
 protected:
  static void TearDownTestSuite() {
    server_.reset();
    server_tried_ = false;
  }

  // SetUpLocation sets location_ to a fresh directory or database named after `prefix` and the
  // test; skips the test when PostgreSQL cannot be started.
  void SetUpLocation(const std::string& prefix) {
    std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    for (char& ch : name) {
      if (std::isalnum(static_cast<unsigned char>(ch)) == 0) ch = '_';
    }
    if (GetParam() == "postgresql") {
      if (!server_tried_) {
        server_tried_ = true;
        server_ = TestPostgresServer::Start();
      }
      if (server_ == nullptr) GTEST_SKIP() << "PostgreSQL: " << TestPostgresServer::SkipReason();
      location_ = server_->CreateDatabase(prefix + "_" + name);
      ASSERT_FALSE(location_.empty()) << "createdb " << prefix << "_" << name;
      return;
    }
    dir_ = test::FreshTestDir(prefix + "_" + name);
    location_ = dir_.string();
  }

  void TearDown() override {
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  inline static std::unique_ptr<TestPostgresServer> server_;
  inline static bool server_tried_ = false;
  std::filesystem::path dir_;
  std::string location_;  // a directory or a postgresql:// URL
};

}  // namespace crosscheck::store::internal
