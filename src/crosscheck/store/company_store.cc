#include "crosscheck/store/company_store.h"

#include <filesystem>

#include "crosscheck/store/company_postgres_store.h"
#include "crosscheck/store/company_sqlite_store.h"
#include "crosscheck/store/hub_store.h"

namespace crosscheck::store {

bool IsDecision(std::string_view text) { return text == "confirmed_fraud" || text == "cleared"; }

Result<std::unique_ptr<CompanyStore>> OpenCompanyStore(std::string_view dir_or_url) {
  if (IsPostgresUrl(dir_or_url)) {
    CC_ASSIGN_OR_RETURN(std::unique_ptr<CompanyPostgresStore> store, CompanyPostgresStore::Open(dir_or_url));
    return std::unique_ptr<CompanyStore>(std::move(store));
  }
  CC_ASSIGN_OR_RETURN(std::unique_ptr<CompanySqliteStore> store,
                      CompanySqliteStore::Open(std::filesystem::path(dir_or_url) / "company.sqlite"));
  return std::unique_ptr<CompanyStore>(std::move(store));
}

}  // namespace crosscheck::store
