#pragma once
// The printable rectification notice (隐患整改通知书): an A4 page, or as many as its hazards
// need, in the style of a Chinese official document, drawn with libhpdf in the font of Debian's
// fonts-wqy-zenhei.
#include <stdexcept>
#include <string>
#include <string_view>

#include "modules/hazard/hazard_service.hpp"

namespace anjian::hazard {

// A fault while drawing the notice: libhpdf reported an error, or the font is not installed.
// The route answers it with 500.
class NoticePdfError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The notice as the bytes of a PDF file. Its labels and sentences come from the message
// catalogue's "labels" > "notice" in `language`; the data (number, names, hazards) is printed as
// recorded. Throws NoticePdfError.
std::string NoticePdf(const NoticeDetail& notice, std::string_view language = "zh-CN");

}  // namespace anjian::hazard
