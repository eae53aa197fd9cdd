// incident_orchestration.create_document: the incident document (LID) from the
// document service (INCIDENT_DOCS_URL), lid_link = the URL it answers.
//
// The request: POST <INCIDENT_DOCS_URL> with {"incident_id", "short_id", "title",
// "description", "severity", "service", "created_at"}, `Authorization: Bearer
// <INCIDENT_DOCS_TOKEN>` when a token is set and `Idempotency-Key:
// <incident id>-document`, so that a retried call gets the same document. The
// answer: a 2xx with {"url": "http(s)://..."}. An incident that has its document
// already is left alone.
#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "incidents/json_post.hpp"
#include "incidents/orchestration_tasks.hpp"
#include "json/json_fields.hpp"

namespace switchyard::workers::incidents {
namespace {

namespace repo = storage::incidents;

constexpr std::string_view kService = "the document service";
constexpr std::size_t kMaxUrlLength = 2048;

std::string document_request(const OrchestrationFacts& facts) {
  return json::string_object({{"incident_id", facts.incident_id},
                              {"short_id", facts.short_id},
                              {"title", facts.title},
                              {"description", facts.description},
                              {"severity", facts.severity},
                              {"service", facts.service_name},
                              {"created_at", facts.created_at}});
}

// The answer's "url" when it is an http(s) URL of one printable line.
std::optional<std::string> document_url(const std::string& body) {
  rapidjson::Document answer;
  answer.Parse(body.data(), body.size());
  if (answer.HasParseError() || !answer.IsObject()) return std::nullopt;
  const auto it = answer.FindMember("url");
  if (it == answer.MemberEnd() || !it->value.IsString()) return std::nullopt;
  std::string url(it->value.GetString(), it->value.GetStringLength());
  if (url.size() > kMaxUrlLength) return std::nullopt;
  if (url.rfind("https://", 0) != 0 && url.rfind("http://", 0) != 0) return std::nullopt;
  for (const char c : url) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return std::nullopt;
  }
  return url;
}

class CreateDocument final : public OrchestrationStep {
 public:
  explicit CreateDocument(std::shared_ptr<OrchestrationResources> resources)
      : OrchestrationStep({"document", "Incident document", "creating the document",
                           repo::IncidentLink::kDocument, /*needs_on_call=*/false},
                          std::move(resources)) {}

 protected:
  std::optional<std::string> not_configured() const override {
    if (settings().docs_configured()) return std::nullopt;
    return "INCIDENT_DOCS_URL is not set";
  }

  StepSuccess run(const OrchestrationFacts& facts, const TaskContext& context) override {
    if (facts.lid_link) return {facts.lid_link, "exists already at " + *facts.lid_link, {}};
    const auto& integrations = settings().integrations;
    const net::HttpResponse response =
        post_json(resources().http(),
                  {integrations.docs_url, integrations.docs_token, facts.incident_id + "-document",
                   document_request(facts), request_timeout(context)});
    expect_success(kService, response);
    const auto url = document_url(response.body);
    if (!url) {
      throw refused_upstream(fmt::format("{} answered HTTP {} without an http(s) \"url\": {}",
                                         kService, response.status, body_excerpt(response.body)));
    }
    return {url, "created at " + *url, {}};
  }
};

}  // namespace

void register_create_document(Dispatcher& dispatcher,
                              std::shared_ptr<OrchestrationResources> resources) {
  dispatcher.add(kinds::incidents::kCreateDocument,
                 std::make_unique<CreateDocument>(std::move(resources)));
}

}  // namespace switchyard::workers::incidents
