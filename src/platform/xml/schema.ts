// The tags and attributes of SimGrid 3.32's platform DTD (src/surf/xml/simgrid.dtd, version 4.1): defaults, required
// attributes, enumerations, allowed children, and what livemig does with each tag.

export interface AttributeSpec {
  /** Value when absent; `undefined` means required. */
  readonly default?: string;
  /** Allowed values, when the DTD enumerates them (case-sensitive, as SimGrid's parser). */
  readonly values?: readonly string[];
}

/** `supported`; an `alias` of a newer tag; `ignored` with a warning; `unsupported` by livemig; `removed` from SimGrid. */
export type TagStatus =
  | { readonly kind: 'supported' }
  | { readonly kind: 'alias'; readonly of: string }
  | { readonly kind: 'ignored' | 'unsupported' | 'removed'; readonly why: string };

export interface TagSpec {
  readonly attributes: Readonly<Record<string, AttributeSpec>>;
  readonly children: readonly string[];
  readonly status: TagStatus;
}

const required: AttributeSpec = {};
const optional = (value: string, values?: readonly string[]): AttributeSpec =>
  values === undefined ? { default: value } : { default: value, values };
const supported: TagStatus = { kind: 'supported' };
const symmetrical = optional('YES', ['YES', 'NO', 'yes', 'no']);
const zoneChildren = [
  'prop',
  'AS',
  'zone',
  'include',
  'link',
  'backbone',
  'cluster',
  'cabinet',
  'peer',
  'trace',
  'trace_connect',
  'zoneRoute',
  'ASroute',
  'bypassASroute',
  'bypassZoneRoute',
  'storage_type',
  'storage',
  'host',
  'router',
  'host_link',
  'route',
  'bypassRoute',
];
const zoneSpec: TagSpec = {
  attributes: { id: required, routing: required },
  children: zoneChildren,
  status: supported,
};
const zoneRouteAttributes = { src: required, dst: required, gw_src: required, gw_dst: required };
const actorSpec: TagSpec = {
  attributes: {
    host: required,
    function: required,
    start_time: optional('-1.0'),
    kill_time: optional('-1.0'),
    on_failure: optional('DIE', ['DIE', 'RESTART']),
  },
  children: ['argument', 'prop'],
  status: supported,
};
const profiles = 'livemig does not model availability profiles (traces)';

export const TAGS: Readonly<Record<string, TagSpec>> = {
  platform: {
    attributes: { version: optional('0.0') },
    children: [
      'config',
      'random',
      'include',
      'cluster',
      'cabinet',
      'peer',
      'AS',
      'zone',
      'trace',
      'trace_connect',
      'process',
      'actor',
    ],
    status: supported,
  },
  config: { attributes: { id: optional('') }, children: ['prop'], status: supported },
  prop: { attributes: { id: required, value: required }, children: [], status: supported },
  zone: zoneSpec,
  AS: { ...zoneSpec, status: { kind: 'alias', of: 'zone' } },
  host: {
    attributes: {
      id: required,
      speed: required,
      core: optional('1'),
      speed_file: optional(''),
      availability_file: optional(''),
      state_file: optional(''),
      coordinates: optional(''),
      pstate: optional('0.0'),
    },
    children: ['disk', 'prop', 'mount'],
    status: supported,
  },
  disk: {
    attributes: { id: optional('/'), read_bw: required, write_bw: required },
    children: ['prop'],
    status: { kind: 'ignored', why: 'livemig has no disk model' },
  },
  host_link: { attributes: { id: required, up: required, down: required }, children: [], status: supported },
  cluster: {
    attributes: {
      id: required,
      prefix: required,
      suffix: required,
      radical: required,
      speed: required,
      core: optional('1'),
      bw: required,
      lat: required,
      sharing_policy: optional('SPLITDUPLEX', ['SHARED', 'SPLITDUPLEX', 'FULLDUPLEX', 'FATPIPE']),
      topology: optional('FLAT', ['FLAT', 'TORUS', 'FAT_TREE', 'DRAGONFLY']),
      topo_parameters: optional(''),
      bb_bw: optional(''),
      bb_lat: optional('0s'),
      bb_sharing_policy: optional('SHARED', ['SHARED', 'FATPIPE']),
      router_id: optional(''),
      limiter_link: optional(''),
      loopback_bw: optional(''),
      loopback_lat: optional(''),
    },
    children: ['prop'],
    status: supported,
  },
  cabinet: {
    attributes: {
      id: required,
      prefix: required,
      suffix: required,
      radical: required,
      speed: required,
      bw: required,
      lat: required,
    },
    children: [],
    status: supported,
  },
  peer: {
    attributes: {
      id: required,
      speed: required,
      bw_in: required,
      bw_out: required,
      lat: optional('0'),
      coordinates: optional(''),
      speed_file: optional(''),
      availability_file: optional(''),
      state_file: optional(''),
    },
    children: [],
    status: { kind: 'unsupported', why: '<peer> belongs to Vivaldi zones, which livemig does not support' },
  },
  router: { attributes: { id: required, coordinates: optional('') }, children: [], status: supported },
  backbone: { attributes: { id: required, bandwidth: required, latency: required }, children: [], status: supported },
  link: {
    attributes: {
      id: required,
      bandwidth: required,
      bandwidth_file: optional(''),
      latency: optional('0'),
      latency_file: optional(''),
      state_file: optional(''),
      sharing_policy: optional('SHARED', ['SHARED', 'SPLITDUPLEX', 'FULLDUPLEX', 'FATPIPE', 'WIFI']),
    },
    children: ['prop'],
    status: supported,
  },
  route: { attributes: { src: required, dst: required, symmetrical }, children: ['link_ctn'], status: supported },
  zoneRoute: { attributes: { ...zoneRouteAttributes, symmetrical }, children: ['link_ctn'], status: supported },
  ASroute: {
    attributes: { ...zoneRouteAttributes, symmetrical },
    children: ['link_ctn'],
    status: { kind: 'alias', of: 'zoneRoute' },
  },
  bypassRoute: { attributes: { src: required, dst: required }, children: ['link_ctn'], status: supported },
  bypassZoneRoute: { attributes: zoneRouteAttributes, children: ['link_ctn'], status: supported },
  bypassASroute: {
    attributes: zoneRouteAttributes,
    children: ['link_ctn'],
    status: { kind: 'alias', of: 'bypassZoneRoute' },
  },
  link_ctn: {
    attributes: { id: required, direction: optional('NONE', ['UP', 'DOWN', 'NONE']) },
    children: [],
    status: supported,
  },
  actor: actorSpec,
  process: { ...actorSpec, status: { kind: 'alias', of: 'actor' } },
  argument: { attributes: { value: required }, children: [], status: supported },
  trace: {
    attributes: { id: required, file: optional(''), periodicity: required },
    children: [],
    status: { kind: 'unsupported', why: profiles },
  },
  trace_connect: {
    attributes: {
      kind: optional('HOST_AVAIL', ['HOST_AVAIL', 'SPEED', 'LINK_AVAIL', 'BANDWIDTH', 'LATENCY']),
      trace: required,
      element: required,
    },
    children: [],
    status: { kind: 'unsupported', why: profiles },
  },
  random: {
    attributes: {
      id: required,
      min: required,
      max: required,
      mean: required,
      std_deviation: required,
      seed: optional('2147483647'),
      radical: optional(''),
      generator: optional('DRAND48', ['DRAND48', 'RAND', 'RNGSTREAM', 'NONE']),
    },
    children: [],
    status: { kind: 'ignored', why: 'SimGrid ignores <random> too' },
  },
  model_prop: {
    attributes: { id: required, value: required },
    children: [],
    status: { kind: 'ignored', why: 'SimGrid ignores <model_prop> too' },
  },
  include: {
    attributes: { file: required },
    children: [],
    status: { kind: 'removed', why: '<include> was removed in SimGrid 3.18' },
  },
  storage_type: {
    attributes: { id: required, model: optional('N11'), size: required, content: optional('') },
    children: ['model_prop', 'prop'],
    status: { kind: 'removed', why: '<storage_type> was removed in SimGrid 3.27' },
  },
  storage: {
    attributes: { id: required, typeId: required, content: optional(''), attach: required },
    children: ['prop'],
    status: { kind: 'removed', why: '<storage> was removed in SimGrid 3.27' },
  },
  mount: {
    attributes: { storageId: required, name: required },
    children: [],
    status: { kind: 'removed', why: '<mount> was removed in SimGrid 3.27' },
  },
};

/** Attributes that name profile files: accepted only when empty. */
export const PROFILE_ATTRIBUTES: readonly string[] = [
  'speed_file',
  'availability_file',
  'state_file',
  'bandwidth_file',
  'latency_file',
];
