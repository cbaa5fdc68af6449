/**
 * Open red flags from a record's screenings and a clinician's resolutions. A flag is raised by a
 * screening that records the finding as present; it stays open until a clinician resolves it with a
 * note. A later screening that answers "no" does not close it (only a clinician's resolution does),
 * and a screening that records the finding again after a resolution opens it again.
 */
export interface OpenRedFlag {
  key: string;
  /** When the latest screening recording the finding was taken. */
  raisedAt: string;
}

export interface RedFlagResolution {
  id: string;
  patientId: string;
  key: string;
  note: string;
  resolvedAt: string;
  resolvedBy: string;
}

/** The open flags, oldest raised first. */
export function openRedFlagsOf(
  screenings: readonly { screenedAt: string; redFlagFindings: unknown }[],
  resolutions: readonly { key: string; resolvedAt: string }[],
): OpenRedFlag[] {
  const raised = new Map<string, number>();
  for (const s of screenings) {
    const findings = s.redFlagFindings;
    if (findings === null || typeof findings !== 'object' || Array.isArray(findings)) continue;
    const at = Date.parse(s.screenedAt);
    for (const [key, present] of Object.entries(findings)) {
      if (present === true && (raised.get(key) ?? Number.NEGATIVE_INFINITY) < at) raised.set(key, at);
    }
  }
  if (raised.size === 0) return [];
  const resolved = new Map<string, number>();
  for (const r of resolutions) {
    const at = Date.parse(r.resolvedAt);
    if ((resolved.get(r.key) ?? Number.NEGATIVE_INFINITY) < at) resolved.set(r.key, at);
  }
  return [...raised]
    .filter(([key, at]) => !((resolved.get(key) ?? Number.NEGATIVE_INFINITY) >= at))
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
    .map(([key, at]) => ({ key, raisedAt: new Date(at).toISOString() }));
}
