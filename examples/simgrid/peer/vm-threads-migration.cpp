// livemig's check of SimGrid 3.32: a VM running one multi-thread execution is migrated; its weight on the new host
// after the move. Output: examples/simgrid/expected/vm-threads-migration.out
#include <simgrid/plugins/energy.h>
#include <simgrid/plugins/live_migration.h>
#include <simgrid/s4u.hpp>
#include <simgrid/s4u/VirtualMachine.hpp>
namespace sg4 = simgrid::s4u;
XBT_LOG_NEW_DEFAULT_CATEGORY(peer, "livemig peer check");

int main(int argc, char* argv[])
{
  sg4::Engine e(&argc, argv);
  sg_host_energy_plugin_init();
  sg_vm_live_migration_plugin_init();
  e.load_platform(argv[1]);
  auto* a = e.host_by_name("A");
  auto* b = e.host_by_name("B");
  auto* vm = a->create_vm("VM0", 2, 1000000);
  vm->start();
  sg4::Actor::create("app", vm, [] {
    sg4::this_actor::exec_init(4e9)->set_thread_count(2)->wait();
    XBT_INFO("2-thread execution done");
  });
  sg4::Actor::create("mig", a, [vm, b] {
    sg4::this_actor::sleep_until(1);
    sg_vm_migrate(vm, b);
    XBT_INFO("VM0 now on %s", vm->get_pm()->get_cname());
  });
  sg4::Actor::create("watch", a, [b, vm] {
    sg4::this_actor::sleep_until(2);
    XBT_INFO("load of B: %.6f, of VM0: %.6f", b->get_load(), vm->get_load());
  });
  e.run();
  XBT_INFO("energy of B: %.6f J", sg_host_get_consumed_energy(b));
  return 0;
}
