"""scipy reference for the force benchmark: the Ding 2003 model with fatigue, solved by
scipy.integrate.solve_ivp between consecutive pulses (by default RK45 at rtol 1e-6, atol 1e-9).

Reads one JSON object on standard input: the model's parameters (from src/physiology/force/model.ts,
so the constants are defined once), the pulse times (s), the end time (s), the contraction start
times (s), the number of timed runs, and optionally the method ("RK45" or "DOP853"), rtol and atol
(the same absolute tolerance for every state), and peakEvents: whether a contraction's peak is also
looked for between the solver's steps (an event where dF/dt falls through zero) or, by default, is
the largest force at a step, which at large steps misses the top of the peak. Prints JSON: the
median wall time and CPU time of a run (ms, after one untimed run), the setting, and each
contraction's peak force (N), so the caller can measure its accuracy.

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


def simulate(p, pulses, end_s, starts, method, rtol, atol, peak_events):
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

    # A force maximum between steps: dF/dt crossing zero from above, located by solve_ivp's event
    # search on its dense output.
    def force_maximum(_t, y):
        cn, f, a, tau1, km, _s = y
        x = cn / (km + cn)
        return a * x - f / (tau1 + tau2 * x)

    force_maximum.direction = -1
    events = force_maximum if peak_events else None

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
        solution = solve_ivp(rates, (t0, t1), y, method=method, rtol=rtol, atol=atol, events=events)
        y = solution.y[:, -1].copy()
        if contraction >= 0:
            peak = float(np.max(solution.y[1]))
            if peak_events and len(solution.y_events[0]) > 0:
                peak = max(peak, float(np.max(solution.y_events[0][:, 1])))
            peaks[contraction] = max(peaks[contraction], peak)
    return peaks


def main():
    request = json.load(sys.stdin)
    args = (
        request["parameters"],
        request["pulsesS"],
        request["endS"],
        request["contractionStartsS"],
        request.get("method", "RK45"),
        request.get("rtol", 1e-6),
        request.get("atol", 1e-9),
        request.get("peakEvents", False),
    )
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
            "medianMs": statistics.median(times) if times else None,
            "cpuMedianMs": statistics.median(cpu_times) if cpu_times else None,
            "runs": len(times),
            "method": args[4],
            "rtol": args[5],
            "atol": args[6],
            "peakEvents": args[7],
            "peaksN": peaks,
        },
        sys.stdout,
    )


main()
