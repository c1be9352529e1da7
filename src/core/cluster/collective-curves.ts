/**
 * Message-size dependence of collectives across nodes: SimAI's measured efficiency of
 * all-gather / reduce-scatter when the NIC is the bottleneck (aliyun/SimAI
 * astra-sim-alibabacloud/inputs/ratio/nic_ratio.csv at commit cef83f9d; the same rows, with
 * their source, in data/calibration/collectives-simai-nic-ratio.yaml). As SimAI does
 * (calbusbw.cc getValue), an entry is divided by its 16 GiB value, interpolated linearly in
 * size, and the 16 MiB value is used below 16 MiB; between node columns chipbound interpolates
 * in log2(nodes), and uses the 128-node column beyond it. At 4 GiB the factor is the
 * scale-out efficiency the α–β model already uses (collectives.ts scaleOutEfficiency); for
 * the 256 MiB-1 GiB messages of per-layer ZeRO-3 gathers it falls to 0.1-0.6 at 64-128 nodes,
 * which an α of 5 µs per ring step cannot express (it implies 30-45 µs per rank-step).
 */

/** Node counts of the columns. */
export const nicRatioNodes = [2, 4, 8, 16, 32, 64, 128] as const;

/** Rows: message bytes and the ratio per node column. */
export const nicRatioRows: readonly { readonly bytes: number; readonly ratio: readonly number[] }[] = [
  { bytes: 16777216, ratio: [0.32, 0.24, 0.13, 0.05, 0.044, 0.021, 0.0087] },
  { bytes: 33554432, ratio: [0.47, 0.38, 0.24, 0.11, 0.052, 0.042, 0.021225] },
  { bytes: 67108864, ratio: [0.5, 0.53, 0.39, 0.21, 0.106, 0.051, 0.04405] },
  { bytes: 134217728, ratio: [0.67, 0.67, 0.54, 0.38, 0.205, 0.107, 0.0533] },
  { bytes: 268435456, ratio: [0.85, 0.77, 0.69, 0.57, 0.387, 0.209, 0.1027] },
  { bytes: 536870912, ratio: [0.89, 0.85, 0.78, 0.73, 0.562, 0.384, 0.1902] },
  { bytes: 1073741824, ratio: [0.92, 0.93, 0.9, 0.76, 0.74, 0.563, 0.314575] },
  { bytes: 2147483648, ratio: [0.94, 0.94, 0.94, 0.92, 0.758, 0.745, 0.553525] },
  { bytes: 4294967296, ratio: [0.95, 0.95, 0.95, 0.95, 0.923, 0.755, 0.740175] },
  { bytes: 8589934592, ratio: [0.95, 0.96, 0.96, 0.96, 0.953, 0.914, 0.7648] },
  { bytes: 17179869184, ratio: [0.96, 0.96, 0.96, 0.96, 0.957, 0.958, 0.919175] },
];

/** The factor of one node column at a size (ratio ÷ 16 GiB ratio). */
function column(j: number, bytes: number): number {
  const rows = nicRatioRows;
  const top = rows[rows.length - 1].ratio[j];
  if (bytes <= rows[0].bytes) return rows[0].ratio[j] / top;
  for (let i = 1; i < rows.length; i++) {
    if (bytes <= rows[i].bytes) {
      const a = rows[i - 1];
      const b = rows[i];
      const t = (bytes - a.bytes) / (b.bytes - a.bytes);
      return (a.ratio[j] + t * (b.ratio[j] - a.ratio[j])) / top;
    }
  }
  return 1;
}

/** Bandwidth factor (0-1] of an all-gather / reduce-scatter of `bytes` over `nodes` nodes (1 within a node). */
export function nicSizeEfficiency(bytes: number, nodes: number): number {
  if (nodes <= 1) return 1;
  const cols = nicRatioNodes;
  if (nodes >= cols[cols.length - 1]) return column(cols.length - 1, bytes);
  let j = 0;
  while (j < cols.length - 1 && cols[j + 1] <= nodes) j++;
  if (nodes <= cols[0]) return column(0, bytes);
  const lo = column(j, bytes);
  const hi = column(j + 1, bytes);
  const t = Math.log2(nodes / cols[j]) / Math.log2(cols[j + 1] / cols[j]);
  return lo + t * (hi - lo);
}
