// livemig's check of SimGrid 3.32: an execution's bound (and priority) counts only when it runs one thread; a
// multi-thread execution ignores both. Output: examples/simgrid/expected/exec-threads-bound.out
#include <simgrid/s4u.hpp>
namespace sg4 = simgrid::s4u;
XBT_LOG_NEW_DEFAULT_CATEGORY(peer, "livemig peer check");

static void run_exec(double flops, int threads, double bound, double priority, const char* label)
{
  auto exec = sg4::this_actor::exec_init(flops)->set_thread_count(threads)->set_bound(bound)->set_priority(priority);
  exec->start();
  exec->wait();
  XBT_INFO("%s done", label);
}

int main(int argc, char* argv[])
{
  sg4::Engine e(&argc, argv);
  e.load_platform(argv[1]);
  auto* d = e.host_by_name("D"); // 4 cores of 1 Gf
  // Two threads of 1e9 flops bounded at 2e8 flop/s: the bound is ignored, done at 1 s.
  sg4::Actor::create("two-threads", d, [] { run_exec(1e9, 2, 2e8, 1, "2 threads, bound 2e8"); });
  // One thread of 1e8 flops bounded at 2e8 flop/s: done at 0.5 s.
  sg4::Actor::create("one-thread", d, [] { run_exec(1e8, 1, 2e8, 1, "1 thread, bound 2e8"); });
  // Later, on a 2-core host: 2 threads with priority 4 against a single thread with priority 1 (share weights apply
  // to the single thread only).
  auto* a = e.host_by_name("A");
  sg4::Actor::create("prio-threads", a, [] {
    sg4::this_actor::sleep_until(10);
    run_exec(1e9, 2, 0, 4, "2 threads, priority 4");
  });
  sg4::Actor::create("prio-single", a, [] {
    sg4::this_actor::sleep_until(10);
    run_exec(1e9, 1, 0, 1, "1 thread, priority 1");
  });
  sg4::Actor::create("prio-single-2", a, [] {
    sg4::this_actor::sleep_until(10);
    run_exec(1e9, 1, 0, 3, "1 thread, priority 3");
  });
  e.run();
  XBT_INFO("Simulation ended");
  return 0;
}
