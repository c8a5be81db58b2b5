// Parameters of SimGrid's flow-level network models (network_cm02.cpp): LV08 is the default, CM02 the plain
// max-min model; both with SimGrid's TCP window bound and cross-traffic on the reverse route.

export interface NetworkModelConfig {
  /** 'LV08', 'CM02' or a custom name. */
  name: string;
  /** Multiplies route latencies (LV08: 13.01). */
  latencyFactor: number;
  /** Multiplies achieved bandwidth (LV08: 0.97). */
  bandwidthFactor: number;
  /** Adds Σ weightS / bandwidth to a flow's sharing penalty (LV08: 20537; 0 disables). */
  weightS: number;
  /** Largest TCP window in bytes: a flow's rate is at most gamma / (2 × latency). */
  tcpGammaBytes: number;
  /** Whether a flow also loads its reverse route with weight 0.05 (its acknowledgements). */
  crossTraffic: boolean;
  /** Implicit loopback link of Full zones. */
  loopbackBandwidthBytesPerSec: number;
  loopbackLatencySec: number;
}

const common = {
  tcpGammaBytes: 4194304,
  crossTraffic: true,
  loopbackBandwidthBytesPerSec: 10e9,
  loopbackLatencySec: 0,
};

/** Velho & Legrand 2009 flow model, SimGrid's default. */
export const LV08: NetworkModelConfig = {
  name: 'LV08',
  latencyFactor: 13.01,
  bandwidthFactor: 0.97,
  weightS: 20537,
  ...common,
};

/** Casanova & Marchal 2002 max-min model. */
export const CM02: NetworkModelConfig = { name: 'CM02', latencyFactor: 1, bandwidthFactor: 1, weightS: 0, ...common };

/** Cross-traffic weight of a flow on the links of its reverse route. */
export const CROSS_TRAFFIC_WEIGHT = 0.05;
