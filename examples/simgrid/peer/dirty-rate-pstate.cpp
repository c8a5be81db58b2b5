// livemig's check of SimGrid 3.32: the bytes a VM dirties per flop are computed once, from its host's speed when the
// migration starts; a pstate change of the source during the migration slows the VM (fewer flops) but does not
// change that ratio. Output: examples/simgrid/expected/dirty-rate-pstate.out
#include <simgrid/plugins/live_migration.h>
#include <simgrid/s4u.hpp>
#include <simgrid/s4u/VirtualMachine.hpp>
namespace sg4 = simgrid::s4u;
XBT_LOG_NEW_DEFAULT_CATEGORY(peer, "livemig peer check");

int main(int argc, char* argv[])
{
  sg4::Engine e(&argc, argv);
  sg_vm_live_migration_plugin_init();
  e.load_platform(argv[1]);
  auto* a = e.host_by_name("A");
  auto* b = e.host_by_name("B");
  // 1 vCPU, 100 MiB, migrated at 20 MiB/s, dirty-page intensity 50 %.
  auto* vm = sg_vm_create_migratable(a, "VM0", 1, 100, 20, 50);
  vm->start();
  sg4::Actor::create("worker", vm, [] {
    sg4::this_actor::execute(1e10);
    XBT_INFO("work done");
  });
  sg4::Actor::create("migrator", a, [vm, b] {
    sg4::this_actor::sleep_until(1);
    sg_vm_migrate(vm, b);
    XBT_INFO("VM0 migrated to %s", vm->get_pm()->get_cname());
  });
  sg4::Actor::create("dvfs", a, [a] {
    sg4::this_actor::sleep_until(3);
    a->set_pstate(1);
    XBT_INFO("A at pstate 1 (%.0f flop/s)", a->get_speed());
  });
  e.run();
  XBT_INFO("Simulation ended");
  return 0;
}
