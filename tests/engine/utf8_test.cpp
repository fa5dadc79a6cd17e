// is_valid_utf8: RFC 3629's well-formed sequences, and the malformed ones that once reached JSON answers.
#include <catch2/catch.hpp>

#include <string>

#include "finsim/utf8.hpp"

using finsim::is_valid_utf8;

TEST_CASE("well-formed UTF-8 is accepted") {
  for (const std::string s : {std::string(""), std::string("plain ASCII"), std::string("caf\xC3\xA9"),
                              std::string("\xE2\x82\xAC 5"), std::string("\xF0\x9F\x8F\xA6 bank"),
                              std::string("\xEF\xBB\xBF"), std::string("\xF4\x8F\xBF\xBF")})
    CHECK(is_valid_utf8(s));
}

TEST_CASE("malformed UTF-8 is refused") {
  for (const std::string s : {std::string("\xFF"), std::string("pr\xFFice"), std::string("\xC3\x28"),
                              std::string("\xC0\xAF"),           // overlong '/'
                              std::string("\xE0\x80\xAF"),       // overlong
                              std::string("\xED\xA0\x80"),       // a surrogate
                              std::string("\xF4\x90\x80\x80"),   // above U+10FFFF
                              std::string("\xE2\x82"),           // truncated
                              std::string("\x80"), std::string("\xF5\x80\x80\x80")})
    CHECK_FALSE(is_valid_utf8(s));
}
