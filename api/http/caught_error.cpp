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

// query_canceled (statement_timeout, pg_cancel_backend) and lock_not_available
// (lock_timeout, NOWAIT): the same statement may well succeed a moment later.
bool ran_out_of_time(const pqxx::sql_error& error) {
  return error.sqlstate() == "57014" || error.sqlstate() == "55P03";
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
  } catch (const pqxx::sql_error& e) {
    if (ran_out_of_time(e)) {
      return AppError(
                 ErrorCode::kUnavailable, "The database took too long to answer; retry later", {},
                 internal(where,
                          ("query cancelled (SQLSTATE " + e.sqlstate() + "): " + e.what()).c_str()))
          .with_retry_after(kSlowQueryRetryAfter);
    }
    return AppError(ErrorCode::kInternal, "Internal error", {},
                    internal(where, ("SQLSTATE " + e.sqlstate() + ": " + e.what()).c_str()));
  } catch (const std::exception& e) {
    return AppError(ErrorCode::kInternal, "Internal error", {}, internal(where, e.what()));
  } catch (...) {
    return AppError(ErrorCode::kInternal, "Internal error", {},
                    internal(where, "unknown exception"));
  }
}

}  // namespace switchyard::api
