// RenderedConfig: the head and the services' sections, rendered whole or service by
// service, and joined as render_haproxy_config joins them.
#include "render/rendered_config.h"

#include "render/sections.h"

namespace skylr::render {

RenderChanges RenderedConfig::render_all(const Config& config, const Model& model, const SlotTable& slots) {
  std::string head;
  render_head(config, head);
  std::map<std::string, std::string, std::less<>> sections;
  for (const ServiceBackends& backends : model.services) {
    render_service_section(config, backends, slots, sections[backends.service]);
  }
  RenderChanges changes;
  changes.layout = empty() || head != head_ || sections.size() != sections_.size();
  for (auto& [service, text] : sections) {
    auto before = sections_.find(service);
    if (before == sections_.end()) {
      changes.layout = true;
    } else if (before->second != text) {
      changes.sections.push_back({service, std::move(before->second)});
    }
  }
  head_ = std::move(head);
  sections_ = std::move(sections);
  return changes;
}

RenderChanges RenderedConfig::render_services(const Config& config, const Model& part, const SlotTable& slots) {
  RenderChanges changes;
  for (const ServiceBackends& backends : part.services) {
    std::string text;
    render_service_section(config, backends, slots, text);
    auto [at, added] = sections_.try_emplace(backends.service);
    if (added) {
      changes.layout = true;
    } else if (at->second != text) {
      changes.sections.push_back({backends.service, std::move(at->second)});
    }
    at->second = std::move(text);
  }
  return changes;
}

void RenderedConfig::rename_section(const std::string& from, const std::string& to) {
  auto node = sections_.extract(from);
  if (node.empty()) return;
  node.key() = to;
  sections_.insert(std::move(node));
}

RenderChanges RenderedConfig::remove_services(const std::vector<std::string>& services) {
  RenderChanges changes;
  for (const std::string& service : services) changes.layout |= sections_.erase(service) > 0;
  return changes;
}

std::string_view RenderedConfig::section(std::string_view service) const {
  auto found = sections_.find(service);
  return found == sections_.end() ? std::string_view() : std::string_view(found->second);
}

std::string RenderedConfig::text() const {
  std::size_t size = head_.size();
  for (const auto& [service, text] : sections_) size += text.size();
  std::string out;
  out.reserve(size);
  out += head_;
  for (const auto& [service, text] : sections_) out += text;
  if (!out.empty()) out.pop_back();  // every part ends in a blank line; the file ends after the last line
  return out;
}

void RenderedConfig::clear() {
  head_.clear();
  sections_.clear();
}

}  // namespace skylr::render
