// What a live session tells about itself beyond its own viewers: every publication, so that other
// server instances can relay the session to theirs (fanout/fanout.hpp). Implementations only queue:
// they are called under the session's engine and publication locks.
#pragma once

#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "frame.hpp"

namespace finsim::server {

class SessionMirror {
 public:
  virtual ~SessionMirror() = default;
  /// After a step or a control of session `session`: the frames its viewers were offered (none for a
  /// control that only changed the status), the engine's status after it, the body that rebuilds the
  /// run where it stands (Session::replay_body), and whether viewers were told the status at once.
  virtual void published(std::string_view session, const std::vector<Frame>& frames, const nlohmann::json& status,
                         const nlohmann::json& replay_body, bool tell) = 0;
};

}  // namespace finsim::server
