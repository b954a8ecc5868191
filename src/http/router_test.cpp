#include "http/router.hpp"

#include <gtest/gtest.h>

namespace anjian::http {
namespace {

// Answers with the route that matched and its parameters, e.g. "pdf id=5".
Handler Echo(std::string name) {
  return [name = std::move(name)](Request& request) {
    Response response;
    response.body = name;
    for (const auto& [key, value] : request.path_params) {
      response.body.append(" ").append(key).append("=").append(value);
    }
    return response;
  };
}

Response Get(const Router& router, std::string path) {
  Request request;
  request.method = Method::kGet;
  request.path = std::move(path);
  return router.Dispatch(request);
}

TEST(RouterTest, ParameterWithLiteralSuffix) {
  Router router;
  router.Get("/api/v1/notices/{id}.pdf", Access::kPublic, Echo("pdf"));
  router.Get("/api/v1/notices/{id}", Access::kPublic, Echo("json"));
  router.Get("/api/v1/notices/{id}/hazards", Access::kPublic, Echo("hazards"));

  struct Case {
    const char* path;
    int status;
    const char* body;
  };
  const Case cases[] = {
      {"/api/v1/notices/5.pdf", 200, "pdf id=5"},
      {"/api/v1/notices/12345.pdf", 200, "pdf id=12345"},
      {"/api/v1/notices/a.b.pdf", 200, "pdf id=a.b"},
      // The suffix needs a parameter before it; what does not end in it is a bare parameter.
      {"/api/v1/notices/.pdf", 200, "json id=.pdf"},
      {"/api/v1/notices/5.pdfx", 200, "json id=5.pdfx"},
      {"/api/v1/notices/5.PDF", 200, "json id=5.PDF"},
      {"/api/v1/notices/5", 200, "json id=5"},
      {"/api/v1/notices/5/hazards", 200, "hazards id=5"},
      {"/api/v1/notices/", 404, nullptr},
      {"/api/v1/notices/5.pdf/hazards", 200, "hazards id=5.pdf"},
  };
  for (const auto& c : cases) {
    Response response = Get(router, c.path);
    EXPECT_EQ(response.status, c.status) << c.path;
    if (c.body != nullptr) {
      EXPECT_EQ(response.body, c.body) << c.path;
    }
  }
}

TEST(RouterTest, RoutesMatchInTheOrderTheyWereAdded) {
  Router router;
  router.Get("/files/{name}", Access::kPublic, Echo("bare"));
  router.Get("/files/{name}.pdf", Access::kPublic, Echo("pdf"));
  EXPECT_EQ(Get(router, "/files/a.pdf").body, "bare name=a.pdf");
}

TEST(RouterTest, SuffixedRouteAnswersOtherMethodsWith405) {
  Router router;
  router.Get("/files/{name}.pdf", Access::kPublic, Echo("pdf"));
  Request request;
  request.method = Method::kPost;
  request.path = "/files/a.pdf";
  Response response = router.Dispatch(request);
  EXPECT_EQ(response.status, 405);
  ASSERT_EQ(response.headers.size(), 1u);
  EXPECT_EQ(response.headers[0].second, "GET");
  EXPECT_EQ(Get(router, "/files/a.txt").status, 404);
}

}  // namespace
}  // namespace anjian::http
