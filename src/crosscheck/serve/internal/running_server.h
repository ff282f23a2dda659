// RunningServer: a server of this module (HubServer, CompanyServer) bound to a free port on
// 127.0.0.1 and served on a thread of its own until the object goes out of scope. For tests.
//
//   RunningServer<CompanyServer> node(CompanyServer::Create(options));
//   httplib::Client client("127.0.0.1", node.port());
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <thread>
#include <utility>

#include "crosscheck/common/error.h"

namespace crosscheck::serve::internal {

// RunningServer owns the server; a server that failed to be created fails the test.
template <class Server>
class RunningServer {
 public:
  explicit RunningServer(Result<std::unique_ptr<Server>> created) {
    if (!created) {
      ADD_FAILURE() << created.error().ToString();
      return;
    }
    server_ = std::move(*created);
    auto port = server_->Bind("127.0.0.1", 0);
    EXPECT_TRUE(port.has_value());
    port_ = port.value_or(0);
    thread_ = std::thread([this] { (void)server_->Run(); });
    server_->WaitUntilRunning();
  }
  RunningServer(const RunningServer&) = delete;
  RunningServer& operator=(const RunningServer&) = delete;
  ~RunningServer() {
    if (server_ == nullptr) return;
    server_->Stop();
    thread_.join();
  }

  int port() const { return port_; }
  Server* get() const { return server_.get(); }

 private:
  std::unique_ptr<Server> server_;
  int port_ = 0;
  std::thread thread_;
};

}  // namespace crosscheck::serve::internal
