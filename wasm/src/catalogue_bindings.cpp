// embind: the catalogue of scenarios, parameters and policies (engine/include/finsim/catalogue.hpp)
// and the module's identity. JavaScript: Module.catalogue() → JSON text; Module.engineInfo() → JSON text.
#include <emscripten/bind.h>

#include <string>

#include "finsim/catalogue.hpp"
#include "finsim/session.hpp"

namespace finsim::wasm {
namespace {

std::string catalogue_text() { return catalogue_json().dump(); }

std::string engine_info_text() {
  nlohmann::json controls = Session::control_names();
#if defined(__cpp_exceptions)
  const bool exceptions = true;
#else
  const bool exceptions = false;
#endif
  return nlohmann::json{{"controls", controls},
                        {"min_speed", Session::kMinSpeed},
                        {"max_speed", Session::kMaxSpeed},
                        {"default_speed", Session::kDefaultSpeed},
                        {"exceptions", exceptions}}
      .dump();
}

}  // namespace
}  // namespace finsim::wasm

EMSCRIPTEN_BINDINGS(finsim_catalogue) {
  emscripten::function("catalogue", &finsim::wasm::catalogue_text);
  emscripten::function("engineInfo", &finsim::wasm::engine_info_text);
}
