#pragma once
// Thin wrappers over libsodium: random tokens, digests and password hashes.
#include <string>
#include <string_view>

namespace anjian::crypto {

// Must run once before any other function here.
void Initialize();
// A random token of `bytes` bytes, URL-safe base64 without padding.
std::string RandomToken(size_t bytes = 32);
// SHA-256 of the text, as 64 lower-case hex digits.
std::string Sha256Hex(std::string_view text);
// argon2id at libsodium's interactive limits (~90 ms, 64 MiB): call off the HTTP threads.
std::string HashPassword(std::string_view password);
bool VerifyPassword(std::string_view hash, std::string_view password);
// Compares in time independent of where the texts first differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace anjian::crypto
