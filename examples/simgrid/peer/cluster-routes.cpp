// livemig's check of SimGrid 3.32's cluster topologies (TORUS, FAT_TREE, DRAGONFLY): the route and latency between
// every ordered pair of hosts (by name), then every host sends 1e7 bytes to the host 5 places further, all at once.
// Output: examples/simgrid/expected/cluster-routes@<platform>.out
#include <simgrid/s4u.hpp>
#include <string>
#include <vector>
namespace sg4 = simgrid::s4u;
XBT_LOG_NEW_DEFAULT_CATEGORY(peer, "livemig peer check");

int main(int argc, char* argv[])
{
  sg4::Engine e(&argc, argv);
  e.load_platform(argv[1]);
  std::vector<sg4::Host*> hosts = e.get_all_hosts();
  for (auto const* src : hosts)
    for (auto const* dst : hosts) {
      std::vector<sg4::Link*> links;
      double latency = 0;
      src->route_to(dst, links, &latency);
      std::string names;
      for (auto const* link : links)
        names += (names.empty() ? "" : " ") + link->get_name();
      XBT_INFO("route %s -> %s: latency %.9f: %s", src->get_cname(), dst->get_cname(), latency, names.c_str());
    }
  const size_t n = hosts.size();
  for (size_t i = 0; i < n; i++) {
    sg4::Host* dst = hosts[(i + 5) % n];
    sg4::Actor::create("sender", hosts[i], [dst] {
      sg4::Mailbox::by_name(dst->get_name())->put(new int(0), 1e7);
      XBT_INFO("sent to %s", dst->get_cname());
    });
    sg4::Actor::create("receiver", hosts[i], [] {
      delete sg4::Mailbox::by_name(sg4::this_actor::get_host()->get_name())->get<int>();
      XBT_INFO("received");
    });
  }
  e.run();
  XBT_INFO("Simulation ended");
  return 0;
}
