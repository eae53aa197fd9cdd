// An incident `search` (migration 0029: the index of the words' suffixes, or the
// walk of the newest incidents) answers what the plain ILIKE answers, both ways,
// for ordinary and hostile terms: %, _ and \ taken literally, one or two
// characters, 250 characters, other scripts, mixed case, a term across spaces
// and punctuation, words longer than the index's 8 characters, and texts too
// long to index word by word.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <string>
#include <vector>

#include "item_ids.hpp"
#include "rolled_back_test.hpp"
#include "storage/incidents/incident_repository.hpp"

namespace switchyard::testing {
namespace {

namespace repo = storage::incidents;

constexpr const char* kService = "7b000000-0000-4000-8000-000000000001";

// Texts the terms look into; each is written a number of times, spread over the
// incidents so that some terms are common (walked) and some rare (indexed).
const std::vector<std::pair<std::string, std::string>> kTexts = {
    {"Latency spike on us-east-1", "Alert error_rate fired: error rate 42% over 5 minutes."},
    {"CAFÉ down", "Café in 日本番 region; naïve ÉCOLE"},
    {"Path trouble", R"(C:\temp\abcdefghijklmnop failed; 100% done, 50_50 split)"},
    {"it's a trap", "tab\there\nnew line \x01 control"},
    {"Disk almost full", "host 4a42bc01de at 99%"},
    {"Long", std::string(4100, 'x') + " needle-in-long"},
};

const std::vector<std::string> kTerms = {
    "latency",
    "LATENCY",
    "Latency Spike",
    "us-east-1",
    "east-",
    "-east",
    "error rate 42%",
    "rate 4",
    "ate 42",
    "42%",
    "%",
    "_",
    "\\",
    "50_50",
    "50x50",
    "a",
    "ab",
    "é",
    "É",
    "ÉCOLE",
    "école",
    "日本",
    "本番",
    "naïve",
    "abcdefghijk",
    "defghijklm",
    "ghijklmnop",
    "temp\\abc",
    "it's",
    "tab\there",
    "\x01",
    " ",
    "host 4a42bc01de",
    "4a42bc01",
    "needle-in-long",
    "xxxxxxxxxx",
    std::string(250, 'a'),
    std::string(125, 'x') + " needle",
    "no such words",
    "rror_rat",
};

class IncidentSearch : public RolledBackTest {
 protected:
  void SetUp() override {
    tx().exec0(std::string("INSERT INTO incident_services (id, name) VALUES ('") + kService +
               "', 'search')");
    // 3,000 incidents: text i % 6, but the long text only once in 60.
    for (std::size_t i = 0; i < kTexts.size(); ++i) {
      tx().exec_params0(
          "INSERT INTO incidents (id, short_id, title, description, severity, service_id, "
          "created_by, detected_at, created_at) "
          "SELECT gen_random_uuid(), 'INC-' || lpad(to_hex(g), 6, '0'), $1, $2, "
          "(ARRAY['SEV1_CRITICAL','SEV2_HIGH','SEV3_MEDIUM','SEV4_LOW'])[1 + g % 4], $3::uuid, "
          "'test', now() - interval '1 minute' * g - interval '1 second', "
          "now() - interval '1 minute' * g "
          "FROM generate_series(1, 3000) g WHERE g % 6 = $4 AND ($4 <> 5 OR g % 60 = 5)",
          kTexts[i].first, kTexts[i].second, kService, static_cast<int>(i));
    }
    newest_ = tx().exec1("SELECT max(seq) FROM incidents")[0].as<std::int64_t>();
  }

  static std::vector<std::string> ids(const pqxx::result& rows, std::size_t limit) {
    std::vector<std::string> out;
    for (const auto& row : rows) {
      if (out.size() == limit) break;
      rapidjson::Document doc;
      doc.Parse(row[0].c_str());
      out.emplace_back(doc["id"].GetString());
    }
    return out;
  }

  // The plain statement's count and page (ILIKE with %, _ and \ escaped).
  std::pair<std::int64_t, std::vector<std::string>> plain(const repo::IncidentFilter& f) {
    const std::string where =
        " WHERE (title || ' ' || description) ILIKE '%' || "
        "replace(replace(replace($1, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'" +
        std::string(f.severity ? " AND severity = $2" : " AND $2::text IS NULL");
    const auto count =
        tx().exec_params1("SELECT count(*) FROM incidents" + where, *f.search, f.severity)[0]
            .as<std::int64_t>();
    std::vector<std::string> page;
    for (const auto& row :
         tx().exec_params("SELECT id::text FROM incidents" + where +
                              " ORDER BY created_at DESC, seq DESC "
                              "LIMIT " +
                              std::to_string(f.limit) + " OFFSET " + std::to_string(f.offset),
                          *f.search, f.severity)) {
      page.push_back(row[0].as<std::string>());
    }
    return {count, page};
  }

  std::int64_t newest_ = 0;
};

TEST_F(IncidentSearch, BothWaysAnswerWhatThePlainIlikeAnswers) {
  int indexed = 0, walked = 0;
  for (const std::string& term : kTerms) {
    for (const std::int64_t offset : {0, 40}) {
      for (const bool by_severity : {false, true}) {
        repo::IncidentFilter f;
        f.search = term;
        f.offset = offset;
        if (by_severity) f.severity = "SEV2_HIGH";
        const auto [count, want] = plain(f);
        const std::string what = "term '" + term + "' offset " + std::to_string(offset) +
                                 (by_severity ? " SEV2_HIGH" : "");

        // The walk: its count is of the newest kSearchRowsWalked incidents.
        const auto walk =
            repo::incident_list_statements(f, newest_, newest_, repo::SearchPath::kWalk);
        const auto walk_count = walk.count.run(tx())[0];
        const bool indexable = walk_count[2].as<bool>();
        EXPECT_EQ(ids(walk.page.run(tx()), f.limit), want) << what << " (walk)";
        ++walked;

        // The index, for the terms it can look up.
        if (indexable) {
          const auto index =
              repo::incident_list_statements(f, newest_, newest_, repo::SearchPath::kIndex);
          EXPECT_EQ(index.count.run(tx())[0][0].as<std::int64_t>(),
                    std::min(count, *index.count_limit))
              << what << " (index)";
          EXPECT_EQ(ids(index.page.run(tx()), f.limit), want) << what << " (index)";
          ++indexed;
        }

        // And the list, whichever way it takes.
        const auto page = repo::list_incidents(tx(), f);
        EXPECT_EQ(ids_of(page.items_json), want) << what;
        if (page.count_exact) {
          EXPECT_EQ(page.count, count) << what;
        }
        EXPECT_LE(page.count, count) << what;
        EXPECT_EQ(page.count > offset + f.limit, count > offset + f.limit) << what;
      }
    }
  }
  EXPECT_GT(indexed, 100);
  EXPECT_GT(walked, indexed);
}

TEST_F(IncidentSearch, TermsWithoutAWordToLookUpAreWalked) {
  // Punctuation only, one character, nothing: no lexeme to ask the index for.
  for (const std::string term : {"%", "_", "\\", "a", "é", " ", "-.-"}) {
    const auto row = tx().exec_params1("SELECT incident_search_query($1, '{}') IS NULL", term);
    EXPECT_TRUE(row[0].as<bool>()) << term;
    EXPECT_EQ(repo::search_path(0, repo::kSearchRowsWalked, 21, false), repo::SearchPath::kWalk);
  }
  // A rare word among many incidents goes to the index; a common one, or a set
  // of incidents the walk read whole, is walked.
  EXPECT_EQ(repo::search_path(0, repo::kSearchRowsWalked, 21, true), repo::SearchPath::kIndex);
  EXPECT_EQ(repo::search_path(21, repo::kSearchRowsWalked, 21, true), repo::SearchPath::kWalk);
  EXPECT_EQ(repo::search_path(0, repo::kSearchRowsWalked - 1, 21, true), repo::SearchPath::kWalk);
  EXPECT_EQ(repo::search_path(10, repo::kSearchRowsWalked, 21, true), repo::SearchPath::kWalk);
  EXPECT_EQ(repo::search_path(2, repo::kSearchRowsWalked, 21, true), repo::SearchPath::kIndex);
}

TEST_F(IncidentSearch, EveryTextCanBeWrittenAndFound) {
  // 20,200 characters of one word (the API's most), and a text of control
  // characters and other scripts: written without error, found by a word.
  const std::string huge = "Z" + std::string(20199, 'q');
  tx().exec_params0(
      "INSERT INTO incidents (id, short_id, title, description, severity, service_id, "
      "created_by, detected_at) VALUES (gen_random_uuid(), 'INC-HUGE01', 'huge', $1, "
      "'SEV4_LOW', $2::uuid, 'test', now())",
      huge, kService);
  repo::IncidentFilter f;
  f.search = "zqqq";
  const auto page = repo::list_incidents(tx(), f);
  EXPECT_EQ(page.count, 1);
  EXPECT_EQ(page.items_json.size(), 1u);
}

}  // namespace
}  // namespace switchyard::testing
