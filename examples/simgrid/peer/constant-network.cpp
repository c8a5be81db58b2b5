// livemig's check of SimGrid 3.32's Constant network model: every transfer lasts network/latency-factor seconds
// (13.01 by default), whatever its size; a 0-byte transfer ends at the next simulation event (run with
// --cfg=network/model:Constant, and once more with --cfg=network/latency-factor:2.5).
// Output: examples/simgrid/expected/constant-network.out, constant-network@factor.out
#include <simgrid/s4u.hpp>
namespace sg4 = simgrid::s4u;
XBT_LOG_NEW_DEFAULT_CATEGORY(peer, "livemig peer check");

int main(int argc, char* argv[])
{
  sg4::Engine e(&argc, argv);
  e.load_platform(argv[1]);
  auto* a = e.host_by_name("A");
  auto* b = e.host_by_name("B");
  sg4::Actor::create("sender", a, [] {
    auto* box = sg4::Mailbox::by_name("box");
    box->put(new std::string("big"), 1e9);
    XBT_INFO("1e9 bytes sent");
    box->put(new std::string("small"), 1);
    XBT_INFO("1 byte sent");
    box->put(new std::string("empty"), 0);
    XBT_INFO("0 bytes sent, nothing else happening");
    sg4::this_actor::sleep_until(100);
    auto comm = box->put_async(new std::string("empty-2"), 0);
    sg4::this_actor::sleep_for(0.75);
    XBT_INFO("slept 0.75 s");
    comm->wait();
    XBT_INFO("0 bytes sent, during a sleep");
    sg4::this_actor::sleep_until(200);
    auto c1 = box->put_async(new std::string("concurrent-1"), 5e6);
    sg4::this_actor::sleep_for(1);
    auto c2 = box->put_async(new std::string("concurrent-2"), 5e6);
    c1->wait();
    XBT_INFO("first of two overlapping transfers sent");
    c2->wait();
    XBT_INFO("second of two overlapping transfers sent");
  });
  sg4::Actor::create("receiver", b, [] {
    auto* box = sg4::Mailbox::by_name("box");
    for (int i = 0; i < 6; i++) {
      auto* payload = box->get<std::string>();
      XBT_INFO("received %s", payload->c_str());
      delete payload;
    }
  });
  e.run();
  XBT_INFO("Simulation ended");
  return 0;
}
