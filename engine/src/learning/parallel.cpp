#include "finsim/learning/multi_agent_env.hpp"

namespace finsim::learning {

void serial_for(int count, const std::function<void(int)>& body) {
  for (int i = 0; i < count; ++i) body(i);
}

}  // namespace finsim::learning
