#include "http/caught_error.hpp"

#include <exception>
#include <pqxx/pqxx>
#include <string>

#include "db/connection_pool.hpp"

namespace switchyard::api {
namespace {

std::string internal(std::string_view where, const char* what) {
  return where.empty() ? std::string(what) : std::string(where) + ": " + what;
}

}  // namespace

AppError caught_error(std::string_view where) {
  try {
    throw;
  } catch (const AppError& e) {
    return e;
  } catch (const db::PoolExhausted& e) {
    return AppError(ErrorCode::kUnavailable, "The database is busy; retry later", {},
                    internal(where, e.what()));
  } catch (const pqxx::broken_connection& e) {
    return AppError(ErrorCode::kUnavailable, "The database is unavailable; retry later", {},
                    internal(where, (std::string("database unavailable: ") + e.what()).c_str()));
  } catch (const std::exception& e) {
    return AppError(ErrorCode::kInternal, "Internal error", {}, internal(where, e.what()));
  } catch (...) {
    return AppError(ErrorCode::kInternal, "Internal error", {},
                    internal(where, "unknown exception"));
  }
}

}  // namespace switchyard::api
