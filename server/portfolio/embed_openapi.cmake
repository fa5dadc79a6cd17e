# Writes openapi.json into a C++ source (run at build time, so editing the JSON rebuilds it).
# Usage: cmake -DINPUT=openapi.json -DOUTPUT=openapi_document.cpp -P embed_openapi.cmake
file(READ ${INPUT} FINSIM_OPENAPI_TEXT)
file(WRITE ${OUTPUT}.tmp
  "// Generated from server/portfolio/openapi.json by embed_openapi.cmake: do not edit.\n"
  "#include \"portfolio/openapi_document.hpp\"\n\n"
  "namespace finsim::server {\n\n"
  "std::string_view openapi_document() {\n"
  "  static constexpr std::string_view kDocument = R\"FINSIM_OPENAPI(${FINSIM_OPENAPI_TEXT})FINSIM_OPENAPI\";\n"
  "  return kDocument;\n"
  "}\n\n"
  "}  // namespace finsim::server\n")
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
file(REMOVE ${OUTPUT}.tmp)
