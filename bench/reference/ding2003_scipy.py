"""scipy reference for the force benchmark: the Ding 2003 model with fatigue, solved by
scipy.integrate.solve_ivp (RK45, rtol 1e-6) between consecutive pulses.

Reads one JSON object on standard input: the model's parameters (from src/physiology/force/model.ts,
so the constants are defined once), the pulse times (s), the end time (s), the contraction start
times (s) and the number of timed runs. Prints JSON: the median wall time and CPU time of a run (ms,
after one untimed run) and each contraction's peak force (N), so the caller can check both solve the
same problem.

State [Cn, F, A, tau1, Km, S] with S = sum_i R_i exp(-(t - t_i)/tau_c), the calcium forcing, which
decays between pulses and jumps by R_i at pulse i (R_1 = 1, R_i = 1 + (R0 - 1) exp(-(t_i -
t_{i-1})/tau_c)); then dCn/dt = (S - Cn)/tau_c is the published calcium equation (Ding et al. 2003,
Muscle Nerve 28:225), and F, A, tau1, Km follow Ding 2003's force and fatigue equations.
"""

import json
import statistics
import sys
import time

import numpy as np
from scipy.integrate import solve_ivp


def simulate(p, pulses, end_s, starts):
    tau_c, tau2 = p["tauCalciumS"], p["tau2S"]
    a_rest, tau1_rest, km_rest = p["forceScalingNPerS"], p["tau1S"], p["km"]
    r0 = km_rest + p["r0OffsetOverKm"]
    alpha_a, alpha_tau1, alpha_km = p["alphaAPerS2"], p["alphaTau1PerN"], p["alphaKmPerSN"]
    recovery = 1.0 / p["tauFatigueS"]

    def rates(_t, y):
        cn, f, a, tau1, km, s = y
        x = cn / (km + cn)
        return [
            (s - cn) / tau_c,
            a * x - f / (tau1 + tau2 * x),
            (a_rest - a) * recovery + alpha_a * f,
            (tau1_rest - tau1) * recovery + alpha_tau1 * f,
            (km_rest - km) * recovery + alpha_km * f,
            -s / tau_c,
        ]

    y = np.array([0.0, 0.0, a_rest, tau1_rest, km_rest, 0.0])
    bounds = list(pulses) + [end_s]
    peaks = [0.0 for _ in starts]
    contraction = -1
    for i, t0 in enumerate(pulses):
        while contraction + 1 < len(starts) and starts[contraction + 1] <= t0:
            contraction += 1
        y[5] += 1.0 if i == 0 else 1.0 + (r0 - 1.0) * np.exp(-(t0 - pulses[i - 1]) / tau_c)
        t1 = bounds[i + 1]
        if t1 <= t0:
            continue
        solution = solve_ivp(rates, (t0, t1), y, method="RK45", rtol=1e-6, atol=1e-9, dense_output=False)
        y = solution.y[:, -1].copy()
        if contraction >= 0:
            peaks[contraction] = max(peaks[contraction], float(np.max(solution.y[1])))
    return peaks


def main():
    request = json.load(sys.stdin)
    args = (request["parameters"], request["pulsesS"], request["endS"], request["contractionStartsS"])
    peaks = simulate(*args)
    times = []
    cpu_times = []
    for _ in range(request["runs"]):
        start = time.perf_counter()
        cpu_start = time.process_time()
        simulate(*args)
        cpu_times.append((time.process_time() - cpu_start) * 1000)
        times.append((time.perf_counter() - start) * 1000)
    json.dump(
        {
            "medianMs": statistics.median(times),
            "cpuMedianMs": statistics.median(cpu_times),
            "runs": len(times),
            "peaksN": peaks,
        },
        sys.stdout,
    )


main()
