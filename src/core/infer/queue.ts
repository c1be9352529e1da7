/**
 * Queueing approximations for the server scenario (Poisson arrivals, MLPerf Server). Pure math.
 */

/** z of the 99th percentile of a normal distribution. */
export const z99 = 2.326;

/**
 * 99th-percentile wait of a single server with Poisson arrivals and near-constant service
 * (M/D/1), seconds. Mean wait ρ·S/(2(1 − ρ)) (Pollaczek-Khinchine); the tail taken as
 * P(W > t) ≈ ρ·exp(−ρt/W̄) (exponential tail with the right mean and P(W > 0) = ρ), so
 * t99 = (W̄/ρ)·ln(100ρ). Infinite at ρ >= 1.
 */
export function p99WaitSeconds(rho: number, serviceSeconds: number): number {
  if (!(rho > 0)) return 0;
  if (rho >= 1) return Number.POSITIVE_INFINITY;
  const mean = (rho * serviceSeconds) / (2 * (1 - rho));
  return rho > 0.01 ? (mean / rho) * Math.log(100 * rho) : 0;
}

/**
 * 99th percentile of the number of requests in flight when their mean is `n`: with Poisson
 * arrivals and any service-time distribution the count in an infinite-server system is Poisson
 * (M/G/∞), approximated as normal: n + z99·√n.
 */
export function p99InFlight(n: number): number {
  return n + z99 * Math.sqrt(Math.max(n, 0));
}

/**
 * Fixed point of b = λ·f(b) (Little's law with a load-dependent time in system f), by iteration
 * from b = 1. Returns null when the load does not settle below `cap` (the system is overloaded).
 */
export function littleFixedPoint(lambda: number, timeInSystem: (b: number) => number, cap: number): number | null {
  let b = Math.min(1, cap);
  for (let i = 0; i < 200; i++) {
    const next = lambda * timeInSystem(b);
    if (!Number.isFinite(next) || next > cap) return null;
    if (Math.abs(next - b) <= 1e-6 * Math.max(1, b)) return next;
    b = next;
  }
  return b;
}
