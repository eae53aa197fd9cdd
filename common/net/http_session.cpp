#include "net/http_session.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <mutex>
#include <stdexcept>

#include "logging/log_context.hpp"

namespace switchyard::net {
namespace {

void init_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
      throw std::runtime_error("curl_global_init failed");
    }
  });
}

struct Body {
  std::string text;
  std::size_t limit;
};

std::size_t append_body(char* data, std::size_t size, std::size_t count, void* out) {
  auto* body = static_cast<Body*>(out);
  if (body->text.size() + size * count > body->limit) return 0;  // CURLE_WRITE_ERROR
  body->text.append(data, size * count);
  return size * count;
}

// Failures that trying again will not fix: configuration and TLS verification.
bool retryable(CURLcode code) {
  switch (code) {
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
    case CURLE_NOT_BUILT_IN:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_BAD_FUNCTION_ARGUMENT:
    case CURLE_WRITE_ERROR:  // the answer passed max_body_bytes
      return false;
    default:
      return true;
  }
}

// Keeps the Retry-After header of the answer (of the last response, when libcurl
// passes through several).
std::size_t read_header(char* data, std::size_t size, std::size_t count, void* out) {
  auto* retry_after = static_cast<std::string*>(out);
  const std::string_view line(data, size * count);
  if (line.rfind("HTTP/", 0) == 0) retry_after->clear();  // a new response begins
  constexpr std::string_view kName = "retry-after:";
  if (line.size() > kName.size() &&
      std::equal(kName.begin(), kName.end(), line.begin(),
                 [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); })) {
    std::string_view value = line.substr(kName.size());
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
      value.remove_prefix(1);
    while (!value.empty() &&
           (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) {
      value.remove_suffix(1);
    }
    retry_after->assign(value.substr(0, 64));
  }
  return size * count;
}

struct SlistFree {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using HeaderList = std::unique_ptr<curl_slist, SlistFree>;

// The session's and the request's headers, and the `traceparent` of the work this
// thread runs (a task's handler, a request's handling) so the remote service can
// join the trace; the call's parent is that work's span.
HeaderList header_list(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  curl_slist* list = nullptr;
  for (const auto* headers : {&a, &b}) {
    for (const auto& header : *headers) list = curl_slist_append(list, header.c_str());
  }
  if (const auto& work_trace = logging::current_context().trace(); work_trace.valid()) {
    list = curl_slist_append(list, ("traceparent: " + work_trace.header()).c_str());
  }
  return HeaderList(list);
}

}  // namespace

struct HttpSession::Handle {
  CURL* curl = nullptr;
  char error[CURL_ERROR_SIZE] = {};  // libcurl holds a pointer to it
  ~Handle() {
    if (curl != nullptr) curl_easy_cleanup(curl);
  }
};

HttpSession::HttpSession(HttpSessionOptions options)
    : options_(std::move(options)), handle_(std::make_unique<Handle>()) {
  init_curl_once();
  handle_->curl = curl_easy_init();
  if (handle_->curl == nullptr) throw std::runtime_error("curl_easy_init failed");
  CURL* c = handle_->curl;
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // threads: no SIGALRM for DNS timeouts
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_USERAGENT, "switchyard/" SWITCHYARD_VERSION);
  curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");  // whatever libcurl can decode
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!options_.ca_file.empty()) {
    curl_easy_setopt(c, CURLOPT_CAINFO, options_.ca_file.c_str());
    curl_easy_setopt(c, CURLOPT_CAPATH, static_cast<char*>(nullptr));
  }
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, handle_->error);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &append_body);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, &read_header);
}

HttpSession::~HttpSession() = default;

HttpResponse HttpSession::perform(const HttpRequest& request) {
  CURL* c = handle_->curl;
  const HeaderList headers = header_list(options_.headers, request.headers);
  const HeaderList connect_to(request.connect_to.empty()
                                  ? nullptr
                                  : curl_slist_append(nullptr, request.connect_to.c_str()));
  Body body{{}, options_.max_body_bytes};
  const long timeout_ms = static_cast<long>(std::max<std::int64_t>(1, request.timeout.count()));
  handle_->error[0] = '\0';
  curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c, CURLOPT_CONNECT_TO, connect_to.get());
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
  std::string retry_after;
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &retry_after);
  if (request.method == "GET") {
    curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
  } else {
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.c_str());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(request.body.size()));
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }
  const CURLcode code = curl_easy_perform(c);
  // Options that point into this call's locals must not outlive it.
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, static_cast<curl_slist*>(nullptr));
  curl_easy_setopt(c, CURLOPT_CONNECT_TO, static_cast<curl_slist*>(nullptr));
  curl_easy_setopt(c, CURLOPT_HEADERDATA, static_cast<void*>(nullptr));
  curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, static_cast<char*>(nullptr));
  HttpResponse response;
  if (code != CURLE_OK) {
    response.transport_error =
        (handle_->error[0] != '\0' ? handle_->error : curl_easy_strerror(code)) +
        std::string(" (curl code ") + std::to_string(code) + ")";
    response.transport_retryable = retryable(code);
    return response;
  }
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &response.status);
  response.body = std::move(body.text);
  if (!retry_after.empty()) {
    response.retry_after =
        parse_retry_after(retry_after, static_cast<std::int64_t>(std::time(nullptr)));
  }
  return response;
}

std::optional<std::chrono::seconds> parse_retry_after(std::string_view value, std::int64_t now) {
  if (value.empty()) return std::nullopt;
  if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    if (value.size() > 9) return std::chrono::seconds(999'999'999);  // absurd: the caller caps it
    return std::chrono::seconds(std::stoll(std::string(value)));
  }
  const std::string text(value);
  const time_t at = curl_getdate(text.c_str(), nullptr);
  if (at == -1) return std::nullopt;
  return std::chrono::seconds(std::max<std::int64_t>(0, static_cast<std::int64_t>(at) - now));
}

std::string escape_component(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (const unsigned char c : text) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (alnum || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0x0f];
    }
  }
  return out;
}

}  // namespace switchyard::net
