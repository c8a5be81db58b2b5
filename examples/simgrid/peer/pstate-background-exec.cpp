// livemig's check of SimGrid 3.32, mirrored by the scenario file ../scenarios/pstate-background-exec.yaml: host
// pstates changed by an actor and at given dates, executions started in the background and waited for later.
// Output: examples/simgrid/expected/pstate-background-exec.out
#include <simgrid/s4u.hpp>
namespace sg4 = simgrid::s4u;
XBT_LOG_NEW_DEFAULT_CATEGORY(peer, "livemig peer check");

int main(int argc, char* argv[])
{
  sg4::Engine e(&argc, argv);
  e.load_platform(argv[1]);
  auto* a = e.host_by_name("A");
  auto* b = e.host_by_name("B");
  sg4::Actor::create("worker", a, [a] {
    auto big = sg4::this_actor::exec_async(4e9);   // in the background
    auto small = sg4::this_actor::exec_async(1e9); // in the background
    sg4::this_actor::execute(1e9);                 // in the foreground, with the two others
    XBT_INFO("foreground done");
    a->set_pstate(1);
    XBT_INFO("A at pstate 1");
    small->wait();
    XBT_INFO("small done");
    big->wait();
    XBT_INFO("big done");
  });
  sg4::Actor::create("other", b, [] {
    sg4::this_actor::execute(3e9);
    XBT_INFO("other done");
  });
  // Timed events (actors that sleep until the date, as a scenario's events are run by the simulation itself).
  sg4::Actor::create("events", b, [b] {
    sg4::this_actor::sleep_until(1);
    b->set_pstate(1);
    XBT_INFO("B at pstate 1");
    sg4::this_actor::sleep_until(2);
    b->set_pstate(0);
    XBT_INFO("B at pstate 0");
  });
  e.run();
  XBT_INFO("Simulation ended");
  return 0;
}
