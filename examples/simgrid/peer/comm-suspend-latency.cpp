// livemig's check of SimGrid 3.32: a communication suspended during its latency phase, then resumed (directly, or
// by suspending and resuming the actor that waits for it). Output: examples/simgrid/expected/comm-suspend-latency.out
#include <simgrid/s4u.hpp>
namespace sg4 = simgrid::s4u;
XBT_LOG_NEW_DEFAULT_CATEGORY(peer, "livemig peer check");

static void receiver()
{
  auto* box = sg4::Mailbox::by_name("box");
  for (int i = 0; i < 4; i++) {
    auto* payload = box->get<std::string>();
    XBT_INFO("received %s", payload->c_str());
    delete payload;
  }
}

static void sender()
{
  auto* box = sg4::Mailbox::by_name("box");
  // 1. The comm itself is suspended at 0.05 s (its latency lasts 13.01 x 10 ms) and resumed at 1 s.
  auto comm = box->put_async(new std::string("first"), 1e6);
  sg4::this_actor::sleep_for(0.05);
  comm->suspend();
  XBT_INFO("first suspended, remaining %.0f", comm->get_remaining());
  sg4::this_actor::sleep_until(1);
  comm->resume();
  comm->wait();
  XBT_INFO("first sent");
  // 2. Suspended and resumed within its latency.
  sg4::this_actor::sleep_until(10);
  comm = box->put_async(new std::string("second"), 1e6);
  sg4::this_actor::sleep_for(0.05);
  comm->suspend();
  sg4::this_actor::sleep_for(0.01);
  comm->resume();
  comm->wait();
  XBT_INFO("second sent");
  // 3. The actor blocked in put is suspended during the latency by another actor, resumed at 21 s.
  sg4::this_actor::sleep_until(20);
  box->put(new std::string("third"), 1e6);
  XBT_INFO("third sent");
  // 4. Suspended after its latency, resumed later.
  sg4::this_actor::sleep_until(30);
  comm = box->put_async(new std::string("fourth"), 1e8);
  sg4::this_actor::sleep_for(0.5);
  comm->suspend();
  XBT_INFO("fourth suspended, remaining %.0f", comm->get_remaining());
  sg4::this_actor::sleep_until(31);
  comm->resume();
  comm->wait();
  XBT_INFO("fourth sent");
}

int main(int argc, char* argv[])
{
  sg4::Engine e(&argc, argv);
  e.load_platform(argv[1]);
  sg4::ActorPtr tx = sg4::Actor::create("sender", e.host_by_name("A"), sender);
  sg4::Actor::create("receiver", e.host_by_name("B"), receiver);
  sg4::Actor::create("controller", e.host_by_name("B"), [tx]() {
    sg4::this_actor::sleep_until(20.05);
    XBT_INFO("suspend the sender");
    tx->suspend();
    sg4::this_actor::sleep_until(21);
    XBT_INFO("resume the sender");
    tx->resume();
  });
  e.run();
  XBT_INFO("Simulation ended");
  return 0;
}
