#include "task_launcher.h"

#include <httplib.h>

#include <chrono>
#include <thread>

namespace skylr::sim {

struct TaskLauncher::TaskServer {
  httplib::Server server;
  std::thread thread;

  ~TaskServer() {
    if (!thread.joinable()) return;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    while (!server.is_running() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    server.stop();
    thread.join();
  }
};

TaskLauncher::TaskLauncher(bool launch_servers, std::chrono::milliseconds kill_grace)
    : launch_servers_(launch_servers), kill_grace_(kill_grace) {}

TaskLauncher::~TaskLauncher() = default;

int TaskLauncher::next_number() {
  int port = next_port_;
  next_port_ = next_port_ >= 32000 ? 31000 : next_port_ + 1;
  return port;
}

std::vector<int> TaskLauncher::start(const std::string& app_id, const std::string& task_id,
                                     std::size_t port_count, bool serve) {
  std::vector<int> ports;
  if (launch_servers_ || serve) {
    auto task = std::make_unique<TaskServer>();
    task->server.new_task_queue = [] { return new httplib::ThreadPool(2); };
    // One request per connection: idle keep-alive connections (HAProxy pools them) would
    // otherwise hold both threads and stall every new connection.
    task->server.set_keep_alive_max_count(1);
    std::string body = app_id + " " + task_id + "\n";
    task->server.Get("/", [body](const httplib::Request&, httplib::Response& res) {
      res.set_content(body, "text/plain");
    });
    int port = task->server.bind_to_any_port("127.0.0.1");
    if (port > 0) {
      task->thread = std::thread([server = &task->server] { server->listen_after_bind(); });
      ports.push_back(port);
      std::lock_guard lock(mutex_);
      servers_[task_id] = std::move(task);
    }
  }
  std::lock_guard lock(mutex_);
  while (ports.size() < std::max<std::size_t>(port_count, 1)) ports.push_back(next_number());
  return ports;
}

void TaskLauncher::stop(const std::string& task_id) {
  std::unique_ptr<TaskServer> server;
  {
    std::lock_guard lock(mutex_);
    auto it = servers_.find(task_id);
    if (it == servers_.end()) return;
    server = std::move(it->second);
    servers_.erase(it);
    if (kill_grace_.count() > 0) {
      dying_.emplace(std::chrono::steady_clock::now() + kill_grace_, std::move(server));
    }
  }
}

void TaskLauncher::reap() {
  std::vector<std::unique_ptr<TaskServer>> expired;
  {
    std::lock_guard lock(mutex_);
    auto end = dying_.upper_bound(std::chrono::steady_clock::now());
    for (auto it = dying_.begin(); it != end; ++it) expired.push_back(std::move(it->second));
    dying_.erase(dying_.begin(), end);
  }
}

}  // namespace skylr::sim
