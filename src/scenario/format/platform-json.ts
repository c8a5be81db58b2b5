// The JSON Schema of an inline platform (src/platform's PlatformSpec). The platform layer validates it (describePlatform);
// this description only serves editors, so it stays loose where the platform layer is precise.
import type { JsonSchema } from '../../core/index.ts';

const quantity: JsonSchema = { type: ['string', 'number'] };
const properties: JsonSchema = { type: 'object', additionalProperties: { type: 'string' } };
const linkRef: JsonSchema = {
  anyOf: [
    { type: 'string' },
    {
      type: 'object',
      properties: { name: { type: 'string' }, direction: { enum: ['up', 'down'] } },
      required: ['name', 'direction'],
      additionalProperties: false,
    },
  ],
};
const route = (extra: Record<string, JsonSchema>): JsonSchema => ({
  type: 'object',
  properties: {
    src: { type: 'string' },
    dst: { type: 'string' },
    links: { type: 'array', items: linkRef },
    symmetrical: { type: 'boolean' },
    ...extra,
  },
  required: ['src', 'dst', 'links'],
  additionalProperties: false,
});

const cluster: JsonSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    prefix: { type: 'string' },
    suffix: { type: 'string' },
    radical: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'integer' } }] },
    speed: quantity,
    core: { type: 'integer', minimum: 1 },
    bw: quantity,
    lat: quantity,
    sharing_policy: { enum: ['SHARED', 'SPLITDUPLEX', 'FATPIPE'] },
    bb_bw: quantity,
    bb_lat: quantity,
    bb_sharing_policy: { enum: ['SHARED', 'FATPIPE'] },
    router_id: { type: 'string' },
    limiter_link: quantity,
    loopback_bw: quantity,
    loopback_lat: quantity,
    properties,
  },
  required: ['id', 'prefix', 'radical', 'speed', 'bw', 'lat'],
  additionalProperties: false,
};

export const PLATFORM_SPEC_JSON: JsonSchema = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    config: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } },
    hosts: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          speed: quantity,
          pstates: { type: 'array', items: quantity },
          pstate: { type: 'integer', minimum: 0 },
          cores: { type: 'integer', minimum: 1 },
          properties,
        },
        required: ['name'],
        additionalProperties: false,
      },
    },
    routers: { type: 'array', items: { type: 'string' } },
    links: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          bandwidth: quantity,
          latency: quantity,
          sharing: { enum: ['shared', 'split-duplex', 'splitduplex', 'fatpipe'] },
          properties,
        },
        required: ['name', 'bandwidth'],
        additionalProperties: false,
      },
    },
    routes: { type: 'array', items: route({}) },
    clusters: { type: 'array', items: cluster },
    hostsZone: { type: 'string' },
    zoneRoutes: { type: 'array', items: route({ gwSrc: { type: 'string' }, gwDst: { type: 'string' } }) },
  },
  additionalProperties: false,
};
