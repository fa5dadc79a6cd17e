// What instances say to each other through Redis (docs/deploy.md, "How the instances share a
// session"). A session's publication — the owner's messages of one step or control, byte for byte,
// with the engine's status after it — travels as one Redis message, framed so that no relay parses a
// STATE_UPDATE: a JSON header line, then each message as its length in bytes, a newline, and the text.
// Forwarded controls and their answers are small JSON objects. Pure, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace finsim::server {

/// Redis names: every key and channel starts with "finsim:". Keys live in the database of --redis;
/// channels are shared by all of a Redis's databases, so they name the database (`db`): instances on
/// different databases of one Redis never hear each other.
namespace redis_names {
/// Channel of a session's publications.
std::string publications(int db, std::string_view session);
/// Pattern every instance subscribes to for all sessions' publications.
std::string publications_pattern(int db);
/// Channel on which an instance receives forwarded controls and their answers.
std::string instance(int db, std::string_view instance_id);
/// Key naming the instance that owns a session (with a lease: it expires unless renewed).
std::string owner(std::string_view session);
/// Hash of a session's latest state, metrics, status and replay body (Session::replay_body).
std::string latest(std::string_view session);
/// Set of the ids of the sessions that exist on some instance.
inline constexpr std::string_view kSessions = "finsim:sessions";
/// The session id a publications channel of database `db` names, or nullopt.
std::optional<std::string> session_of_channel(int db, std::string_view channel);
}  // namespace redis_names

struct Publication {
  std::string owner;             ///< the instance that published it
  nlohmann::json status;         ///< the engine's status after it (Session::status), or null
  bool tell = false;             ///< a control: viewers are told the new status at once
  bool closed = false;           ///< the session was closed: its viewers are closed too
  std::uint64_t seq = 0;         ///< the owner's publication number (LiveSession's); 0: status only
  std::vector<std::string> messages;  ///< the contract messages, in order, byte for byte
};

/// The Redis message of a publication (messages may be empty: a status change, or a close).
std::string encode_publication(const Publication& publication);
/// The publication in `text`, or nullopt when it is not one (a malformed or truncated message).
std::optional<Publication> decode_publication(std::string_view text);

}  // namespace finsim::server
