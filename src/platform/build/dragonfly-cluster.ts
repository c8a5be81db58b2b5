// A <cluster topology="DRAGONFLY">, built as SimGrid 3.32's create_dragonfly_zone: the hosts (with their loopback and
// limiter links), then one router per blade (with a limiter, numbered down from 2 × hosts − 1), then the links:
// router to node, green (same chassis), black (same group), blue (between groups), named as SimGrid names them.
import type { LinkDescription } from '../description.ts';
import { type DragonflyRouter, DragonflyRouting, type DragonflyShape } from '../routing/dragonfly-zone.ts';
import type { PlatformBuilder } from './builder.ts';
import type { ClusterArgs } from './cluster.ts';
import type { Where } from './issues.ts';
import { type DeclareLink, declareLinkPair, hasEnoughRadicals } from './topology-cluster.ts';

/** Links per level: blue between groups, black within a group, green within a chassis (bandwidth multipliers). */
export interface DragonflyLinks {
  blue: number;
  black: number;
  green: number;
}

export function addDragonflyCluster(
  builder: PlatformBuilder,
  args: ClusterArgs,
  shape: DragonflyShape,
  counts: DragonflyLinks,
  where: Where,
): void {
  const total = shape.groups * shape.chassisPerGroup * shape.bladesPerChassis * shape.nodesPerBlade;
  if (!hasEnoughRadicals(builder, args, total, 'this dragonfly', where)) return;
  const zone = builder.beginZone(args.id, 'dragonfly', where);
  const routing = zone.strategy;
  if (!(routing instanceof DragonflyRouting)) return;
  routing.shape = shape;
  const properties = Object.freeze({ ...args.properties });
  const speedsFlops = Object.freeze([...args.speedsFlops]) as number[];
  const declare = declareLinkPair(builder, where);
  for (let rank = 0; rank < total; rank++) {
    const radical = args.radicals[rank] as number;
    builder.addHost(
      { name: `${args.prefix}${radical}${args.suffix}`, speedsFlops, pstate: 0, cores: args.cores, properties },
      where,
    );
    if (args.loopbackBytesPerSec > 0 || args.loopbackLatencySec > 0) {
      const loopback = declare(
        `${args.id}_link_${radical}_loopback`,
        args.loopbackBytesPerSec,
        args.loopbackLatencySec,
        'fatpipe',
      );
      if (loopback !== undefined) routing.loopbacks.set(rank, loopback.up);
    }
    if (args.limiterBytesPerSec > 0) {
      const limiter = declare(`${args.id}_link_${rank}_limiter`, args.limiterBytesPerSec, 0, 'shared');
      if (limiter !== undefined) routing.limiters.set(rank, limiter.up);
    }
  }
  addRouters(args, routing, declare, total);
  addDragonflyLinks(builder, args, routing, counts, declare);
  builder.endZone(properties);
}

/** One router per blade, each with a limiter when asked for (numbered down from 2 × hosts − 1). */
function addRouters(args: ClusterArgs, routing: DragonflyRouting, declare: DeclareLink, total: number): void {
  const shape = routing.shape;
  let limiterId = 2 * total;
  for (let group = 0; group < shape.groups; group++) {
    for (let chassis = 0; chassis < shape.chassisPerGroup; chassis++) {
      for (let blade = 0; blade < shape.bladesPerChassis; blade++) {
        let limiter: LinkDescription | undefined;
        if (args.limiterBytesPerSec > 0) {
          limiterId--;
          limiter = declare(`${args.id}_link_${limiterId}_limiter`, args.limiterBytesPerSec, 0, 'shared')?.up;
        }
        routing.routers.push({
          group,
          chassis,
          blade,
          limiter,
          nodeUp: [],
          nodeDown: [],
          green: [],
          black: [],
          blue: undefined,
        });
      }
    }
  }
}

function addDragonflyLinks(
  builder: PlatformBuilder,
  args: ClusterArgs,
  routing: DragonflyRouting,
  counts: DragonflyLinks,
  declare: DeclareLink,
): void {
  const { shape, routers } = routing;
  const sharing = args.sharing === 'split-duplex' ? 'split-duplex' : 'shared';
  const link = (name: string, multiplier: number) => {
    const pair = declare(
      `${name}_${builder.dragonflyLinkSerial}`,
      args.bandwidthBytesPerSec * multiplier,
      args.latencySec,
      sharing,
    );
    builder.dragonflyLinkSerial++;
    return pair;
  };
  const at = (index: number): DragonflyRouter => routers[index] as DragonflyRouter;
  routers.forEach((router, i) => {
    for (let node = 0; node < shape.nodesPerBlade; node++) {
      const pair = link(`local_link_from_router_${i}_to_node_${node}`, 1);
      if (pair === undefined) continue;
      router.nodeUp[node] = pair.up;
      router.nodeDown[node] = pair.down;
    }
  });
  const { groups, chassisPerGroup: chassisCount, bladesPerChassis: blades } = shape;
  for (let i = 0; i < groups * chassisCount; i++) {
    for (let j = 0; j < blades; j++) {
      for (let k = j + 1; k < blades; k++) {
        const pair = link(`green_link_in_chassis_${i % chassisCount}_between_routers_${j}_and_${k}`, counts.green);
        at(i * blades + j).green[k] = pair?.up;
        at(i * blades + k).green[j] = pair?.down;
      }
    }
  }
  for (let i = 0; i < groups; i++) {
    for (let j = 0; j < chassisCount; j++) {
      for (let k = j + 1; k < chassisCount; k++) {
        for (let l = 0; l < blades; l++) {
          const pair = link(`black_link_in_group_${i}_between_chassis_${j}_and_${k}_blade_${l}`, counts.black);
          at(routing.routerIndex(i, j, l)).black[k] = pair?.up;
          at(routing.routerIndex(i, k, l)).black[j] = pair?.down;
        }
      }
    }
  }
  for (let i = 0; i < groups; i++) {
    for (let j = i + 1; j < groups; j++) {
      const first = i * blades * chassisCount + j;
      const second = j * blades * chassisCount + i;
      const pair = link(`blue_link_between_group_${i}_and_${j}_routers_${first}_and_${second}`, counts.blue);
      if (routers[first] !== undefined) at(first).blue = pair?.up;
      if (routers[second] !== undefined) at(second).blue = pair?.down;
    }
  }
}
