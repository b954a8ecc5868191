#include "app/demo_photo.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include "modules/file/file.hpp"

namespace anjian::app {
namespace {

uint32_t BigEndian(const std::string& bytes, size_t at) {
  uint32_t value = 0;
  for (size_t i = 0; i < 4; ++i) value = (value << 8) | static_cast<unsigned char>(bytes[at + i]);
  return value;
}

// Walks the chunks, checking each CRC, and returns the image's pixel rows inflated.
std::string Inflate(const std::string& png, uint32_t& width, uint32_t& height) {
  std::string idat;
  for (size_t at = 8; at < png.size();) {
    uint32_t length = BigEndian(png, at);
    std::string type = png.substr(at + 4, 4);
    std::string body = png.substr(at + 4, 4 + length);
    auto crc =
        crc32(0L, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size()));
    EXPECT_EQ(BigEndian(png, at + 8 + length), static_cast<uint32_t>(crc)) << type;
    if (type == "IHDR") {
      width = BigEndian(png, at + 8);
      height = BigEndian(png, at + 12);
    }
    if (type == "IDAT") idat += png.substr(at + 8, length);
    at += 12 + length;
  }
  std::string raw(static_cast<size_t>(width * 3 + 1) * height, '\0');
  uLongf size = raw.size();
  EXPECT_EQ(uncompress(reinterpret_cast<Bytef*>(raw.data()), &size,
                       reinterpret_cast<const Bytef*>(idat.data()), idat.size()),
            Z_OK);
  EXPECT_EQ(size, raw.size());
  return raw;
}

TEST(DemoPhotoTest, AValidPngOfItsSize) {
  for (bool after : {false, true}) {
    for (int variant = 0; variant < 6; ++variant) {
      auto png = DemoPhoto(after, variant);
      EXPECT_EQ(file::SniffMediaType(png).value_or(""), "image/png");
      uint32_t width = 0;
      uint32_t height = 0;
      auto raw = Inflate(png, width, height);
      EXPECT_EQ(width, 320u);
      EXPECT_EQ(height, 240u);
      EXPECT_EQ(DemoPhoto(after, variant), png) << "deterministic";
    }
  }
  EXPECT_NE(DemoPhoto(false, 0), DemoPhoto(true, 0));
  EXPECT_NE(DemoPhoto(false, 0), DemoPhoto(false, 1));
}

}  // namespace
}  // namespace anjian::app
