// The export's keyset batches (for_each_export_row): every incident of the window
// exactly once, oldest first with creation order breaking ties of created_at, at
// any batch size — a batch boundary inside a run of equal timestamps included —
// the window's start kept and the future left out, everything without a window,
// and an early stop.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "storage/incidents/incident_metrics_repository.hpp"
#include "support/rolled_back_test.hpp"

namespace switchyard::storage::incidents {
namespace {

class ExportRows : public testing::RolledBackTest {
 protected:
  void SetUp() override {
    tx().exec0(
        "INSERT INTO incident_services (id, name) "
        "VALUES ('30000000-0000-0000-0000-000000000001', 'svc')");
    // Inserted out of age order; INC-3, INC-4 and INC-5 share one created_at, so
    // their creation order (seq) orders them.
    add("INC-1", "-40 days");  // before a 30-day window
    add("INC-6", "-1 day");
    add("INC-3", "-10 days");
    add("INC-4", "-10 days");
    add("INC-2", "-30 days");  // the window's very start
    add("INC-5", "-10 days");
    add("INC-7", "1 day");  // after the window's end
  }

  // An incident created `from_now` (an interval) from the transaction's now().
  void add(const std::string& short_id, const std::string& from_now) {
    tx().exec_params0(
        "INSERT INTO incidents (id, short_id, title, severity, service_id, created_by, "
        "created_at, detected_at) VALUES (gen_random_uuid(), $1, 't', 'SEV3_MEDIUM', "
        "'30000000-0000-0000-0000-000000000001', 'test', now() + $2::interval, "
        "now() + $2::interval)",
        short_id, from_now);
  }

  std::vector<std::string> exported(const std::optional<std::string>& window, int batch,
                                    std::size_t stop_after = 100) {
    std::vector<std::string> ids;
    for_each_export_row(tx(), window, batch, [&](const ExportRow& row) {
      ids.push_back(row.short_id);
      return ids.size() < stop_after;
    });
    return ids;
  }
};

TEST_F(ExportRows, ListTheWindowOnceOldestFirstAtEveryBatchSize) {
  const std::vector<std::string> window = {"INC-2", "INC-3", "INC-4", "INC-5", "INC-6"};
  for (int batch = 1; batch <= 6; ++batch) {
    EXPECT_EQ(exported(std::string("30 days"), batch), window) << "batch " << batch;
  }
}

TEST_F(ExportRows, ListEveryIncidentWithoutAWindow) {
  const std::vector<std::string> all = {"INC-1", "INC-2", "INC-3", "INC-4",
                                        "INC-5", "INC-6", "INC-7"};
  for (int batch : {1, 2, 3, 1000}) {
    EXPECT_EQ(exported(std::nullopt, batch), all) << "batch " << batch;
  }
}

TEST_F(ExportRows, StopWhenTheCallerSaysSo) {
  EXPECT_EQ(exported(std::nullopt, 2, 3), (std::vector<std::string>{"INC-1", "INC-2", "INC-3"}));
}

}  // namespace
}  // namespace switchyard::storage::incidents
