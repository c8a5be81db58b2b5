// livemig's check of SimGrid 3.32: the action that stands for a migrated VM on its new host is started as a
// single-core action bounded to (number of vCPUs) flop/s, keeping the old bound when there was one. So an idle VM
// keeps its new host out of the idle power state, a busy VM weighs like one task there, and a pstate change on the
// new host throttles the VM until its weight is next updated.
// Output: examples/simgrid/expected/vm-placeholder-after-migration.out
#include <simgrid/plugins/energy.h>
#include <simgrid/plugins/live_migration.h>
#include <simgrid/s4u.hpp>
#include <simgrid/s4u/VirtualMachine.hpp>
namespace sg4 = simgrid::s4u;
XBT_LOG_NEW_DEFAULT_CATEGORY(peer, "livemig peer check");

static void loads(const std::vector<sg4::Host*>& hosts)
{
  for (auto const* h : hosts)
    XBT_INFO("load of %s: %.6f flop/s", h->get_cname(), h->get_load());
}

int main(int argc, char* argv[])
{
  sg4::Engine e(&argc, argv);
  sg_host_energy_plugin_init();
  sg_vm_live_migration_plugin_init();
  e.load_platform(argv[1]);
  auto* a = e.host_by_name("A");
  auto* b = e.host_by_name("B");
  auto* c = e.host_by_name("C");
  auto* d = e.host_by_name("D");
  auto* vm0 = a->create_vm("VM0", 2, 1000000);
  vm0->start();
  auto* vm1 = c->create_vm("VM1", 2, 1000000);
  vm1->start();

  // An idle VM moves from A to B.
  sg4::Actor::create("mig0", a, [vm0, b] {
    sg_vm_migrate(vm0, b);
    XBT_INFO("VM0 now on %s", vm0->get_pm()->get_cname());
  });
  // Two tasks in VM1, three on D; VM1 moves from C to D at 1 s.
  for (int i = 0; i < 2; i++)
    sg4::Actor::create("vm-task", vm1, [] {
      sg4::this_actor::execute(3e9);
      XBT_INFO("VM task done");
    });
  for (int i = 0; i < 3; i++)
    sg4::Actor::create("pm-task", d, [] {
      sg4::this_actor::execute(6e9);
      XBT_INFO("PM task done");
    });
  sg4::Actor::create("mig1", c, [vm1, d] {
    sg4::this_actor::sleep_until(1);
    sg_vm_migrate(vm1, d);
    XBT_INFO("VM1 now on %s", vm1->get_pm()->get_cname());
  });
  // D changes pstate at 3 s and back at 5 s; a third task starts in VM1 at 6 s.
  sg4::Actor::create("watch", a, [a, b, c, d, vm1] {
    sg4::this_actor::sleep_until(2);
    loads({a, b, c, d, vm1});
    sg4::this_actor::sleep_until(3);
    d->set_pstate(1);
    XBT_INFO("D at pstate 1");
    sg4::this_actor::sleep_until(4);
    loads({d, vm1});
    sg4::this_actor::sleep_until(5);
    d->set_pstate(0);
    XBT_INFO("D at pstate 0");
    sg4::this_actor::sleep_until(5.5);
    loads({d, vm1});
    sg4::this_actor::sleep_until(6);
    sg4::Actor::create("late-task", vm1, [] {
      sg4::this_actor::execute(1e8);
      XBT_INFO("late VM task done");
    });
    sg4::this_actor::sleep_until(6.5);
    loads({d, vm1});
  });
  e.run();
  XBT_INFO("Simulation ended");
  for (auto const* h : {a, b, c, d})
    XBT_INFO("energy of %s: %.6f J", h->get_cname(), sg_host_get_consumed_energy(h));
  return 0;
}
