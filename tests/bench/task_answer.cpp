#include "task_answer.h"

#include <httplib.h>

namespace skylr::bench {

std::optional<TaskAnswer> ask_task_server(int port) {
  httplib::Client client("127.0.0.1", port);
  client.set_keep_alive(false);
  client.set_connection_timeout(1, 0);
  client.set_read_timeout(1, 0);
  httplib::Result answer = client.Get("/");
  if (!answer || answer->status != 200) return std::nullopt;
  std::size_t space = answer->body.find(' ');
  if (space == std::string::npos) return std::nullopt;
  std::string task = answer->body.substr(space + 1);
  while (!task.empty() && task.back() == '\n') task.pop_back();
  return TaskAnswer{answer->body.substr(0, space), task};
}

}  // namespace skylr::bench
