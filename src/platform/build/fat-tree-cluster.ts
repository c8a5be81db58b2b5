// A <cluster topology="FAT_TREE">, built as SimGrid 3.32's create_fatTree_zone: the hosts (with their loopback and
// limiter links) as level-0 nodes, then the switches level by level (ids counting down from 2 × hosts − 1, each with a
// limiter when asked for), SimGrid's labels, and `link_from_<child>_<parent>_<serial>` between related nodes.
import { type FatTreeNode, FatTreeRouting, type FatTreeShape } from '../routing/fat-tree-zone.ts';
import type { PlatformBuilder } from './builder.ts';
import type { ClusterArgs } from './cluster.ts';
import type { Where } from './issues.ts';
import { type DeclareLink, declareLinkPair, hasEnoughRadicals } from './topology-cluster.ts';

export function addFatTreeCluster(
  builder: PlatformBuilder,
  args: ClusterArgs,
  shape: FatTreeShape,
  where: Where,
): void {
  const total = shape.children.reduce((product, n) => product * n, 1);
  if (!hasEnoughRadicals(builder, args, total, 'this fat tree', where)) return;
  const zone = builder.beginZone(args.id, 'fat-tree', where);
  const routing = zone.strategy;
  if (!(routing instanceof FatTreeRouting)) return;
  routing.shape = shape;
  const properties = Object.freeze({ ...args.properties });
  const speedsFlops = Object.freeze([...args.speedsFlops]) as number[];
  const declare = declareLinkPair(builder, where);
  const host = { speedsFlops, pstate: 0, cores: args.cores, properties };
  for (let rank = 0; rank < total; rank++) {
    const radical = args.radicals[rank] as number;
    builder.addHost({ name: `${args.prefix}${radical}${args.suffix}`, ...host }, where);
    addHostNode(builder, args, routing, declare, rank);
  }
  addSwitches(args, routing, declare, total);
  label(routing);
  connect(builder, args, routing, declare);
  builder.endZone(properties);
}

/** The level-0 node of the host of `rank`, with its loopback and limiter links. */
function addHostNode(
  builder: PlatformBuilder,
  args: ClusterArgs,
  routing: FatTreeRouting,
  declare: DeclareLink,
  rank: number,
): void {
  const { levels, parents, links } = routing.shape;
  const radical = args.radicals[rank] as number;
  const loopback =
    args.loopbackBytesPerSec > 0 || args.loopbackLatencySec > 0
      ? declare(`${args.id}_link_${radical}_loopback`, args.loopbackBytesPerSec, args.loopbackLatencySec, 'fatpipe')?.up
      : undefined;
  const limiter =
    args.limiterBytesPerSec > 0
      ? declare(`${args.id}_link_${rank}_limiter`, args.limiterBytesPerSec, 0, 'shared')?.up
      : undefined;
  routing.nodes.push({
    id: rank,
    level: 0,
    position: builder.fatTreePositionSerial++,
    limiter,
    loopback,
    label: new Array<number>(levels).fill(0),
    children: [],
    parents: new Array((parents[0] as number) * (links[0] as number)),
  });
}

/** The switches, level by level, their ids counting down from 2 × hosts − 1, each with a limiter when asked for. */
function addSwitches(args: ClusterArgs, routing: FatTreeRouting, declare: DeclareLink, total: number): void {
  const { levels, children, parents, links } = routing.shape;
  const byLevel = routing.nodesByLevel;
  byLevel.push(total);
  for (let i = 0; i < levels; i++) {
    let count = 1;
    for (let j = 0; j <= i; j++) count *= parents[j] as number;
    for (let j = i + 1; j < levels; j++) count *= children[j] as number;
    byLevel.push(count);
  }
  let id = 2 * total;
  for (let i = 0; i < levels; i++) {
    for (let j = 0; j < (byLevel[i + 1] as number); j++) {
      id--;
      const limiter =
        args.limiterBytesPerSec > 0
          ? declare(`${args.id}_link_${id}_limiter`, args.limiterBytesPerSec, 0, 'shared')?.up
          : undefined;
      routing.nodes.push({
        id,
        level: i + 1,
        position: j,
        limiter,
        loopback: undefined,
        label: new Array<number>(levels).fill(0),
        children: new Array((children[i] as number) * (links[i] as number)),
        parents: i === levels - 1 ? [] : new Array((parents[i + 1] as number) * (links[i + 1] as number)),
      });
    }
  }
}

/** SimGrid's labels: per level, a mixed-radix counter (first digit fastest) over children or parents counts. */
function label(routing: FatTreeRouting): void {
  const { levels, children, parents } = routing.shape;
  let k = 0;
  for (let i = 0; i <= levels; i++) {
    const current = new Array<number>(levels).fill(0);
    const max = Array.from({ length: levels }, (_, j) => (j + 1 > i ? children[j] : parents[j]) as number);
    for (let j = 0; j < (routing.nodesByLevel[i] as number); j++) {
      (routing.nodes[k] as FatTreeNode).label = [...current];
      for (let pos = 0; pos < levels; pos++) {
        current[pos] = (current[pos] as number) + 1;
        if ((current[pos] as number) < (max[pos] as number)) break;
        current[pos] = 0;
      }
      k++;
    }
  }
}

function connect(builder: PlatformBuilder, args: ClusterArgs, routing: FatTreeRouting, declare: DeclareLink): void {
  const { levels, children, parents, links } = routing.shape;
  const sharing = args.sharing === 'split-duplex' ? 'split-duplex' : 'shared';
  const related = (parent: FatTreeNode, child: FatTreeNode) =>
    parent.level === child.level + 1 &&
    parent.label.every((value, i) => value === child.label[i] || i + 1 === parent.level);
  let k = 0;
  let levelStart = 0;
  for (let level = 0; level < levels; level++) {
    const parentsStart = levelStart + (routing.nodesByLevel[level] as number);
    for (let j = 0; j < (routing.nodesByLevel[level] as number); j++) {
      const node = routing.nodes[k] as FatTreeNode;
      for (let p = 0; p < (routing.nodesByLevel[level + 1] as number); p++) {
        const parent = routing.nodes[parentsStart + p] as FatTreeNode;
        if (!related(parent, node)) continue;
        for (let l = 0; l < (links[level] as number); l++) {
          const name = `link_from_${node.id}_${parent.id}_${builder.fatTreeLinkSerial}`;
          const pair = declare(name, args.bandwidthBytesPerSec, args.latencySec, sharing);
          builder.fatTreeLinkSerial++;
          if (pair === undefined) continue;
          const link = { upNode: parent, downNode: node, up: pair.up, down: pair.down };
          parent.children[(node.label[level] as number) + l * (children[level] as number)] = link;
          node.parents[(parent.label[level] as number) + l * (parents[level] as number)] = link;
        }
      }
      k++;
    }
    levelStart = parentsStart;
  }
}
