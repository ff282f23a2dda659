#include "crosscheck/store/hub_store.h"

#include <filesystem>
#include <string>

#include "crosscheck/store/postgres_store.h"
#include "crosscheck/store/sqlite_store.h"

namespace crosscheck::store {

bool IsPostgresUrl(std::string_view dir_or_url) {
  return dir_or_url.starts_with("postgresql://") || dir_or_url.starts_with("postgres://");
}

Result<std::unique_ptr<HubStore>> OpenHubStore(std::string_view dir_or_url) {
  if (IsPostgresUrl(dir_or_url)) {
    CC_ASSIGN_OR_RETURN(std::unique_ptr<PostgresStore> store, PostgresStore::Open(dir_or_url));
    return std::unique_ptr<HubStore>(std::move(store));
  }
  CC_ASSIGN_OR_RETURN(std::unique_ptr<SqliteStore> store,
                      SqliteStore::Open(std::filesystem::path(dir_or_url) / "hub.sqlite"));
  return std::unique_ptr<HubStore>(std::move(store));
}

std::string DescribeHubStore(std::string_view dir_or_url) {
  if (!IsPostgresUrl(dir_or_url)) return (std::filesystem::path(dir_or_url) / "hub.sqlite").string();
  std::string url(dir_or_url);
  // The password may sit in the user info (user:secret@host) or in a password= parameter
  // (RFC 3986 section 3.2.1; libpq accepts both).
  const std::size_t authority = url.find("://") + 3;
  const std::size_t authority_end = url.find_first_of("/?", authority);
  const std::size_t at = url.rfind('@', authority_end == std::string::npos ? url.size() : authority_end);
  if (at != std::string::npos && at >= authority) {
    const std::size_t colon = url.find(':', authority);
    if (colon != std::string::npos && colon < at) url.replace(colon + 1, at - colon - 1, "***");
  }
  const std::size_t query = url.find('?');
  for (std::size_t pos = query; pos != std::string::npos && pos < url.size(); pos = url.find('&', pos + 1)) {
    if (url.compare(pos + 1, 9, "password=") != 0) continue;
    const std::size_t begin = pos + 10;
    const std::size_t end = url.find('&', begin);
    url.replace(begin, (end == std::string::npos ? url.size() : end) - begin, "***");
  }
  return url;
}

}  // namespace crosscheck::store
