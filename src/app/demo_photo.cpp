#include "app/demo_photo.hpp"

#include <zlib.h>

#include <array>
#include <cstdint>
#include <stdexcept>

namespace anjian::app {
namespace {

void PutBigEndian(std::string& out, uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>(value >> shift));
}

void PutChunk(std::string& out, std::string_view type, const std::string& data) {
  PutBigEndian(out, static_cast<uint32_t>(data.size()));
  std::string body(type);
  body += data;
  out += body;
  auto crc = crc32(0L, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size()));
  PutBigEndian(out, static_cast<uint32_t>(crc));
}

}  // namespace

std::string DemoPhoto(bool after, int variant) {
  static constexpr int kWidth = 320;
  static constexpr int kHeight = 240;
  using Rgb = std::array<uint8_t, 3>;
  static constexpr std::array<Rgb, 4> kWalls = {Rgb{188, 184, 176}, Rgb{170, 178, 186},
                                                Rgb{196, 186, 168}, Rgb{160, 166, 160}};
  const Rgb wall = kWalls[static_cast<size_t>(variant % 4)];
  const Rgb floor = after ? Rgb{92, 150, 96} : Rgb{120, 110, 100};
  const Rgb stripe_a = after ? Rgb{236, 236, 230} : Rgb{240, 200, 40};
  const Rgb stripe_b = after ? Rgb{60, 130, 70} : Rgb{30, 30, 30};
  const int stripe_width = 12 + (variant % 3) * 4;

  std::string raw;
  raw.reserve(static_cast<size_t>(kWidth * 3 + 1) * kHeight);
  for (int y = 0; y < kHeight; ++y) {
    raw.push_back('\0');  // filter: none
    for (int x = 0; x < kWidth; ++x) {
      Rgb pixel = y < kHeight * 3 / 5 ? wall : floor;
      // A band across the wall: warning stripes before, a clean rail after.
      bool band = y > 80 && y < 120;
      if (band) pixel = ((x + y) / stripe_width) % 2 == 0 ? stripe_a : stripe_b;
      // Before: clutter on the floor (boxes); after: the floor is clear.
      bool box = !after && y > 170 && y < 220 && (x / 40) % 3 == variant % 3;
      if (box) pixel = Rgb{150, 100, 50};
      raw.append(reinterpret_cast<const char*>(pixel.data()), 3);
    }
  }
  uLongf size = compressBound(static_cast<uLong>(raw.size()));
  std::string packed(size, '\0');
  if (compress2(reinterpret_cast<Bytef*>(packed.data()), &size,
                reinterpret_cast<const Bytef*>(raw.data()), static_cast<uLong>(raw.size()),
                Z_BEST_COMPRESSION) != Z_OK) {
    throw std::runtime_error("demo photo: compression failed");
  }
  packed.resize(size);

  std::string header;
  PutBigEndian(header, kWidth);
  PutBigEndian(header, kHeight);
  header +=
      std::string("\x08\x02\x00\x00\x00", 5);  // 8 bits, RGB, deflate, no filter, no interlace
  std::string png("\x89PNG\r\n\x1A\n", 8);
  PutChunk(png, "IHDR", header);
  PutChunk(png, "IDAT", packed);
  PutChunk(png, "IEND", "");
  return png;
}

}  // namespace anjian::app
