// A TAXII 2.1 client for tests, written from the specification (OASIS TAXII 2.1, sections 3-5)
// rather than from our server: discovery, then the API root it names, then the collections,
// then every page of a collection's objects across `next`, checking on the way the media type
// and the X-TAXII-Date-Added-First/Last headers. Used against both servers.
//
//   TaxiiTestClient taxii(client, "tok-review");
//   std::vector<TaxiiTestClient::Collection> collections = taxii.DiscoverCollections();
//   std::vector<nlohmann::json> objects = taxii.AllObjects(collections[0].objects_path, 2);
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "crosscheck/serve/taxii.h"

namespace crosscheck::serve::internal {

class TaxiiTestClient {
 public:
  // Collection is one entry of the collections resource, with the path of its objects.
  struct Collection {
    nlohmann::json resource;
    std::string objects_path;
  };

  TaxiiTestClient(httplib::Client& client, std::string token) : client_(client), token_(std::move(token)) {}

  // Get answers a TAXII GET (the TAXII Accept header and the bearer token); a failed test when
  // there is no answer.
  httplib::Result Get(const std::string& path) const {
    return client_.Get(path, {{"Authorization", "Bearer " + token_}, {"Accept", kTaxiiMediaType}});
  }

  // GetJson answers a GET that must succeed in the TAXII media type, parsed (null on failure).
  nlohmann::json GetJson(const std::string& path) const {
    auto answer = Get(path);
    EXPECT_TRUE(answer) << path;
    if (!answer) return nullptr;
    EXPECT_EQ(answer->status, 200) << path << ": " << answer->body;
    EXPECT_EQ(answer->get_header_value("Content-Type"), kTaxiiMediaType) << path;
    return nlohmann::json::parse(answer->body, nullptr, false);
  }

  // DiscoverCollections follows discovery -> its default API root -> the root's collections.
  std::vector<Collection> DiscoverCollections() const {
    const nlohmann::json discovery = GetJson("/taxii2/");
    const std::string root_url = discovery.value("default", "");
    const std::size_t path_at = root_url.find("/taxii2/");
    EXPECT_NE(path_at, std::string::npos) << discovery.dump();
    const std::string root = root_url.substr(path_at == std::string::npos ? 0 : path_at);
    const nlohmann::json api_root = GetJson(root);
    EXPECT_EQ(api_root.value("versions", nlohmann::json::array()), nlohmann::json::array({kTaxiiMediaType}));
    std::vector<Collection> collections;
    for (const nlohmann::json& collection : GetJson(root + "collections/").value("collections", nlohmann::json::array())) {
      collections.push_back({collection, root + "collections/" + collection.value("id", "") + "/objects/"});
    }
    return collections;
  }

  // AllObjects reads every page of `objects_path` at `limit` objects a page (following `next`
  // while `more`), and returns the objects in the order given.
  std::vector<nlohmann::json> AllObjects(const std::string& objects_path, int limit) const {
    std::vector<nlohmann::json> objects;
    std::string path = objects_path + "?limit=" + std::to_string(limit);
    for (int page_idx = 0; page_idx < 1000 && !path.empty(); ++page_idx) {
      auto page = Get(path);
      EXPECT_TRUE(page);
      if (!page || page->status != 200) {
        ADD_FAILURE() << path << ": " << (page ? page->body : "no answer");
        break;
      }
      const nlohmann::json envelope = nlohmann::json::parse(page->body);
      const nlohmann::json listed = envelope.value("objects", nlohmann::json::array());
      EXPECT_LE(listed.size(), static_cast<std::size_t>(limit));
      if (!listed.empty()) {
        EXPECT_EQ(page->get_header_value("X-TAXII-Date-Added-First"), listed.front()["created"]);
        EXPECT_EQ(page->get_header_value("X-TAXII-Date-Added-Last"), listed.back()["created"]);
      }
      objects.insert(objects.end(), listed.begin(), listed.end());
      path.clear();
      if (envelope.value("more", false)) {
        path = objects_path + "?limit=" + std::to_string(limit) + "&next=" +
               httplib::detail::encode_query_param(envelope.value("next", ""));
      }
    }
    return objects;
  }

 private:
  httplib::Client& client_;
  std::string token_;
};

}  // namespace crosscheck::serve::internal
