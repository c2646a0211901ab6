#include "callback_sender.h"

#include <httplib.h>

namespace skylr::sim {
namespace {

constexpr std::size_t kMaxQueued = 10000;

void post(const std::string& url, const std::string& body) {
  auto [origin, target] = split_url(url);
  httplib::Client client(origin);
  client.set_connection_timeout(1, 0);
  client.set_read_timeout(1, 0);
  client.set_write_timeout(1, 0);
  client.Post(target.c_str(), body, "application/json");
}

}  // namespace

std::pair<std::string, std::string> split_url(std::string_view url) {
  auto scheme_end = url.find("://");
  auto host_start = scheme_end == std::string_view::npos ? 0 : scheme_end + 3;
  auto path_start = url.find('/', host_start);
  if (path_start == std::string_view::npos) return {std::string(url), "/"};
  return {std::string(url.substr(0, path_start)), std::string(url.substr(path_start))};
}

CallbackSender::CallbackSender() : thread_([this] { run(); }) {}

CallbackSender::~CallbackSender() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void CallbackSender::send(std::vector<std::string> urls, std::string body) {
  if (urls.empty()) return;
  std::lock_guard lock(mutex_);
  if (queue_.size() >= kMaxQueued) return;
  queue_.push_back({std::move(urls), std::move(body)});
  changed_.notify_all();
}

void CallbackSender::run() {
  std::unique_lock lock(mutex_);
  while (true) {
    changed_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (stopping_) return;
    Delivery delivery = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    for (const auto& url : delivery.urls) post(url, delivery.body);
    lock.lock();
  }
}

}  // namespace skylr::sim
