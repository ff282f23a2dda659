// TestPostgresServer: a throwaway PostgreSQL server for tests (store and serve), started with
// the installed initdb/pg_ctl (/usr/lib/postgresql/*/bin) in a temporary directory, listening
// on a unix socket only, run as the `postgres` user when the tests run as root (CI does).
//
//   auto server = internal::TestPostgresServer::Start();   // nullptr: see SkipReason()
//   std::string url = server->CreateDatabase("t1");        // postgresql://postgres@/t1?host=...
#pragma once

#include <pwd.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace crosscheck::store::internal {

class TestPostgresServer {
 public:
  // Start runs initdb and pg_ctl start; returns nullptr (and sets SkipReason) when the
  // binaries or the postgres user are missing, or the server does not start.
  static std::unique_ptr<TestPostgresServer> Start() {
    std::vector<std::filesystem::path> bins;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator("/usr/lib/postgresql", error)) {
      if (std::filesystem::exists(entry.path() / "bin" / "pg_ctl")) bins.push_back(entry.path() / "bin");
    }
    if (bins.empty()) return Skip("no initdb/pg_ctl in /usr/lib/postgresql/*/bin (scripts/install-deps installs them)");
    std::sort(bins.begin(), bins.end());
    std::unique_ptr<TestPostgresServer> server(new TestPostgresServer());
    server->bin_ = bins.back();  // the newest major version
    std::string dir_template = (std::filesystem::temp_directory_path() / "crosscheck_pg_XXXXXX").string();
    if (::mkdtemp(dir_template.data()) == nullptr) return Skip("cannot create a temporary directory");
    server->dir_ = dir_template;
    if (::getuid() == 0) {
      // initdb refuses to run as root; the data directory must belong to the server's user.
      const passwd* user = ::getpwnam("postgres");
      if (user == nullptr) return Skip("running as root and there is no postgres user");
      if (::chown(server->dir_.c_str(), user->pw_uid, user->pw_gid) != 0) return Skip("cannot chown the temp dir");
      server->as_user_ = "runuser -u postgres -- ";
    }
    const std::string data = Quote((server->dir_ / "data").string());
    // initdb's output is written by this process, the server's log by the server's user.
    const std::string init_log = Quote((server->dir_ / "initdb.log").string());
    const std::string log = Quote((server->dir_ / "server.log").string());
    // fsync=off: a test server needs no crash durability, and it makes initdb and commits fast.
    if (!server->Run(Quote((server->bin_ / "initdb").string()) + " -D " + data +
                     " -U postgres --auth=trust --no-sync --locale=C -E UTF8 > " + init_log + " 2>&1")) {
      return Skip("initdb failed (see " + (server->dir_ / "initdb.log").string() + ")");
    }
    const std::string options = "-p " + std::to_string(kPort) + " -k " + server->dir_.string() +
                                " -c listen_addresses='' -c fsync=off -c synchronous_commit=off";
    if (!server->Run(Quote((server->bin_ / "pg_ctl").string()) + " -D " + data + " -l " + log + " -o " +
                     Quote(options) + " -w -s start < /dev/null > /dev/null 2>&1")) {
      return Skip("pg_ctl start failed (see " + (server->dir_ / "server.log").string() + ")");
    }
    server->started_ = true;
    return server;
  }

  // SkipReason says why the last Start returned nullptr.
  static std::string& SkipReason() {
    static std::string reason;
    return reason;
  }

  TestPostgresServer(const TestPostgresServer&) = delete;
  TestPostgresServer& operator=(const TestPostgresServer&) = delete;
  ~TestPostgresServer() {
    Stop();
    std::error_code error;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, error);
  }

  // Stop stops the server at once (pg_ctl -m immediate: as a crash would), for tests of a lost
  // server and for the destructor.
  void Stop() {
    if (!started_) return;
    Run(Quote((bin_ / "pg_ctl").string()) + " -D " + Quote((dir_ / "data").string()) +
        " -m immediate -s stop > /dev/null 2>&1");
    started_ = false;
  }

  // CreateDatabase creates an empty database and returns its URL ("" on failure).
  std::string CreateDatabase(const std::string& name) const {
    if (!Run(Quote((bin_ / "createdb").string()) + " -h " + Quote(dir_.string()) + " -p " + std::to_string(kPort) +
             " -U postgres " + name + " > /dev/null 2>&1")) {
      return "";
    }
    return Url(name);
  }

  // Url is the connection URL of database `name` over the server's unix socket.
  std::string Url(const std::string& name) const {
    return "postgresql://postgres@/" + name + "?host=" + dir_.string() + "&port=" + std::to_string(kPort);
  }

 private:
  // The server listens on no TCP port, so the port only names the socket file in dir_.
  static constexpr int kPort = 5432;

  TestPostgresServer() = default;

  static std::unique_ptr<TestPostgresServer> Skip(std::string reason) {
    SkipReason() = std::move(reason);
    return nullptr;
  }
  static std::string Quote(const std::string& text) {
    std::string quoted = "'";
    for (char ch : text) quoted += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
    return quoted + "'";
  }
  bool Run(const std::string& command) const { return std::system((as_user_ + command).c_str()) == 0; }

  std::filesystem::path bin_;
  std::filesystem::path dir_;
  std::string as_user_;  // "runuser -u postgres -- " when running as root
  bool started_ = false;
};

}  // namespace crosscheck::store::internal
