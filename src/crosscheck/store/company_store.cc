#include "crosscheck/store/company_store.h"

#include <filesystem>

#include "crosscheck/store/company_sqlite_store.h"

namespace crosscheck::store {

bool IsDecision(std::string_view text) { return text == "confirmed_fraud" || text == "cleared"; }

Result<std::unique_ptr<CompanyStore>> OpenCompanyStore(std::string_view dir) {
  CC_ASSIGN_OR_RETURN(std::unique_ptr<CompanySqliteStore> store,
                      CompanySqliteStore::Open(std::filesystem::path(dir) / "company.sqlite"));
  return std::unique_ptr<CompanyStore>(std::move(store));
}

}  // namespace crosscheck::store
