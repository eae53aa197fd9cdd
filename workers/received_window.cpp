#include "received_window.hpp"

#include "envelope/task_envelope.hpp"

namespace switchyard::workers {

void ReceivedWindow::sort(std::vector<amqp::Delivery>& deliveries) {
  tasks_.clear();
  tags_.clear();
  envelopes_.assign("[");
  redelivered_ = false;
  undecodable_.clear();
  for (auto& delivery : deliveries) {
    try {
      // Parsed before anything is moved out: a body that throws stays whole.
      WindowTask item{envelope::parse_task_envelope(delivery.body), std::move(delivery.body),
                      std::move(delivery.reply_to)};
      if (!tasks_.empty()) envelopes_.push_back(',');
      envelopes_.append(item.body);
      tasks_.push_back(std::move(item));
      tags_.push_back(delivery.tag);
      redelivered_ = redelivered_ || delivery.redelivered;
    } catch (const envelope::EnvelopeError& e) {
      undecodable_.push_back({&delivery, e.what()});
    }
  }
  envelopes_.push_back(']');
}

}  // namespace switchyard::workers
