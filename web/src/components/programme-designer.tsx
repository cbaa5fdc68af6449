import type { ForceDose } from '@core/clinic/programme/force-dosing.ts';
import type { DraftProgramme, ProgrammeRefusal } from '@core/clinic/programme/plan.ts';
import type { Goal } from '@core/clinic/programme/stimulation-programme.ts';
import type { StimulationBlock, StimulationProgramme } from '@core/clinic/programme/stimulation-types.ts';
import { suggestedGoal, suggestedMuscle } from '@core/clinic/programme/suggestions.ts';
import type { OutputSafetyReport } from '@core/clinic/safety/output-safety.ts';
import { WORK_BLOCK_FIELDS } from '@core/shared/work-block-fields.ts';
import { useEffect, useMemo, useState } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { post } from '../api.ts';
import { date, fixed, label } from '../format.ts';
import { ChoiceField } from '../forms/choice-field.tsx';
import { NumberCell } from '../forms/number-cell.tsx';
import { errorMessage, useAction, useGet } from '../hooks.ts';
import type { Catalogue, Condition, Programme, Simulation } from '../types.ts';
import { ElectrodePlacement } from './electrode-placement.tsx';
import { ExerciseList } from './exercise-list.tsx';
import type { IdentifiedModelRecord } from './force-recording.tsx';
import { RecordCorrection, RecordHistory } from './record-correction.tsx';
import { ColumnHeads, FormError, OptionalNumberField, SavedNote } from './section.tsx';
import { WaveformPicture } from './waveform.tsx';

/** The work block's settings the designer edits, with the bounds and units the API checks them by. */
const EDITED = ['frequencyHz', 'phaseWidthUs', 'maxIntensityMa', 'minutes'] as const;
const CYCLE = ['onS', 'offS'] as const;

export function ProgrammeDesigner({
  patientId,
  catalogue,
  condition,
  programmes,
  canEdit,
  onSaved,
}: {
  patientId: string;
  catalogue: Catalogue;
  condition: Condition | undefined;
  programmes: Programme[];
  canEdit: boolean;
  onSaved: () => void;
}) {
  const [goal, setGoal] = useState<Goal>(suggestedGoal(condition?.cause));
  const [muscle, setMuscle] = useState(suggestedMuscle(condition?.site, condition?.cause));
  const [side, setSide] = useState<'left' | 'right'>(condition?.side === 'right' ? 'right' : 'left');
  const [draft, setDraft] = useState<DosedDraft>();
  const identifiedModels = useGet<{ items: IdentifiedModelRecord[] }>(
    canEdit ? `/api/patients/${patientId}/identified-models` : null,
  );
  const [identifiedModelId, setIdentifiedModelId] = useState('');
  const [mvcN, setMvcN] = useState('');
  const [refusal, setRefusal] = useState<ProgrammeRefusal>();
  const [stimulation, setStimulation] = useState<StimulationProgramme>();
  const [safety, setSafety] = useState<OutputSafetyReport>();
  const [simulation, setSimulation] = useState<Simulation>();
  const [simulating, setSimulating] = useState(false);
  // Cells holding a value the API would refuse: while any does, nothing is saved.
  const [invalidCells, setInvalidCells] = useState<ReadonlySet<string>>(new Set());
  const [generation, setGeneration] = useState(0);
  const { busy, error, setError, saved, run } = useAction();
  const validity = (cell: string) => (valid: boolean) =>
    setInvalidCells((cells) => {
      if (valid === !cells.has(cell)) return cells;
      const next = new Set(cells);
      if (valid) next.delete(cell);
      else next.add(cell);
      return next;
    });

  const generate = () =>
    run(async () => {
      setRefusal(undefined);
      setSimulation(undefined);
      const mvc = Number(mvcN);
      if ((identifiedModelId === '') !== (mvcN.trim() === '')) {
        throw new Error(
          'Dosing by evoked force needs both an identified model and the MVC (N); leave both empty to dose by goal.',
        );
      }
      const outcome = await post<DosedDraft | ProgrammeRefusal>(`/api/patients/${patientId}/plan`, {
        goal,
        muscle,
        side,
        ...(identifiedModelId !== '' ? { identifiedModelId, mvcN: mvc } : {}),
      });
      setInvalidCells(new Set());
      setGeneration((g) => g + 1);
      if (outcome.status === 'refused') {
        setDraft(undefined);
        setStimulation(undefined);
        setRefusal(outcome);
      } else {
        setDraft(outcome);
        setStimulation(outcome.stimulation);
        setSafety(outcome.safety);
      }
    });

  // The safety check runs live on every edit (debounced), on the server's one output-safety gate.
  useEffect(() => {
    if (!stimulation) return;
    const timer = setTimeout(() => {
      post<OutputSafetyReport>('/api/clinic/safety-check', { stimulation })
        .then(setSafety)
        .catch((e: unknown) => setError(errorMessage(e)));
    }, 250);
    return () => clearTimeout(timer);
  }, [stimulation, setError]);

  const work = stimulation?.levels[0]?.blocks.find((b) => b.kind === 'work');

  const simulate = async () => {
    if (!work) return;
    setSimulating(true);
    try {
      setSimulation(
        await post<Simulation>('/api/clinic/simulate-session', {
          frequencyHz: work.frequencyHz,
          phaseWidthUs: work.phaseWidthUs,
          minutes: work.minutes,
          ...(work.cycle
            ? {
                onS: work.cycle.onS,
                offS: work.cycle.offS,
                rampUpS: work.cycle.rampUpS,
                rampDownS: work.cycle.rampDownS,
              }
            : {}),
        }),
      );
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSimulating(false);
    }
  };

  // Simulate once when a programme is generated; later edits re-simulate on request.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new draft triggers the automatic run
  useEffect(() => {
    if (draft && draft.stimulation.kind === 'nmes') void simulate();
  }, [draft]);

  /** Replaces one block of one level with `change(block)`. */
  const editBlock = (
    levelIndex: number,
    blockIndex: number,
    change: (block: StimulationBlock) => StimulationBlock,
  ) => {
    setStimulation((s) =>
      s
        ? {
            ...s,
            levels: s.levels.map((l, li) =>
              li !== levelIndex
                ? l
                : { ...l, blocks: l.blocks.map((b, bi) => (bi !== blockIndex ? b : change(b))) },
            ),
          }
        : s,
    );
  };
  const edit = (levelIndex: number, blockIndex: number, key: string, value: number) =>
    editBlock(levelIndex, blockIndex, (b) => ({ ...b, [key]: value }));
  const editCycle = (levelIndex: number, blockIndex: number, key: 'onS' | 'offS', value: number) =>
    editBlock(levelIndex, blockIndex, (b) => (b.cycle ? { ...b, cycle: { ...b.cycle, [key]: value } } : b));

  const save = async () => {
    if (!draft || !stimulation || invalidCells.size > 0) return;
    await run(async () => {
      const body = {
        ...draft,
        stimulation,
        safety,
        sessionsPerWeek: stimulation.levels[0]?.sessionsPerWeek ?? null,
      };
      const savedProgramme = await post<Programme>(`/api/patients/${patientId}/programmes`, { body });
      setDraft(undefined);
      setStimulation(undefined);
      onSaved();
      return `Saved as draft version ${savedProgramme.version}.`;
    });
  };

  const approve = (programme: Programme) =>
    run(async () => {
      await post(`/api/patients/${patientId}/programmes/${programme.id}/approve`);
      onSaved();
    }, `Saved: version ${programme.version} approved.`);

  const muscleLabel = catalogue.muscles.find((m) => m.id === muscle)?.label ?? muscle;

  return (
    <div>
      <ProgrammeVersions
        patientId={patientId}
        programmes={programmes}
        canApprove={canEdit}
        busy={busy}
        onApprove={approve}
        onCorrected={onSaved}
      />
      {canEdit && (
        <form
          className="row designer-form"
          aria-label="Generate a programme"
          onSubmit={(e) => {
            e.preventDefault();
            void generate();
          }}
        >
          <ChoiceField
            label="Goal"
            options={catalogue.goals as readonly Goal[]}
            words={label}
            value={goal}
            onChoose={setGoal}
          />
          <label>
            Muscle
            <select value={muscle} onChange={(e) => setMuscle(e.target.value)}>
              {catalogue.muscles.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.label}
                </option>
              ))}
            </select>
          </label>
          <ChoiceField label="Side" options={['left', 'right'] as const} value={side} onChoose={setSide} />
          <label>
            Identified model
            <select value={identifiedModelId} onChange={(e) => setIdentifiedModelId(e.target.value)}>
              <option value="">none: dose by goal</option>
              {(identifiedModels.data?.items ?? []).map((m) => (
                <option key={m.id} value={m.id}>
                  {m.model.id} from {m.recording.name} ({date(m.identifiedAt)})
                </option>
              ))}
            </select>
          </label>
          <OptionalNumberField {...MVC_FIELD} value={mvcN} onChange={setMvcN} />
          <button type="submit" disabled={busy}>
            {busy && !draft ? 'Planning…' : 'Generate programme'}
          </button>
        </form>
      )}
      <FormError error={error} />
      <SavedNote saved={saved} />
      {refusal && (
        <div className="alert high" role="alert">
          <strong>Refused.</strong>
          <ul>
            {refusal.reasons.map((r) => (
              <li key={`${r.rule}-${r.key}`}>
                {r.message} <small>({r.source})</small>
              </li>
            ))}
          </ul>
        </div>
      )}
      {draft && stimulation && (
        <div className="designer">
          <h3>
            Draft: {label(draft.goal)}, {draft.muscle.label} ({draft.side}) — {stimulation.kind}
          </h3>
          {draft.approval.blockers.length > 0 && (
            <p className="warning">Before approval: {draft.approval.blockers.join('; ')}.</p>
          )}
          {draft.warnings.map((w) => (
            <p key={w} className="hint">
              {w}
            </p>
          ))}
          <div className="table-scroll">
            <table className="compact editor" key={generation}>
              <caption>Work blocks (editable; the safety check runs on every change)</caption>
              <ColumnHeads
                columns={[
                  'Level',
                  'Weeks',
                  ...[...EDITED, ...CYCLE].map(
                    (key) => `${WORK_BLOCK_FIELDS[key].label} (${WORK_BLOCK_FIELDS[key].unit})`,
                  ),
                  'Sessions / week',
                ]}
              />
              <tbody>
                {stimulation.levels.map((level, li) =>
                  level.blocks.map((block, bi) =>
                    block.kind !== 'work' ? null : (
                      <tr key={`${level.level}-${block.kind}`}>
                        <th scope="row">{level.level}</th>
                        <td>
                          {level.fromWeek}–{level.toWeek}
                        </td>
                        {EDITED.map((key) => (
                          <td key={key}>
                            <NumberCell
                              spec={WORK_BLOCK_FIELDS[key]}
                              label={`Level ${level.level} ${WORK_BLOCK_FIELDS[key].label}`}
                              value={block[key]}
                              onValue={(v) => edit(li, bi, key, v)}
                              onValidity={validity(`${li}-${bi}-${key}`)}
                            />
                          </td>
                        ))}
                        {CYCLE.map((key) => (
                          <td key={key}>
                            {block.cycle ? (
                              <NumberCell
                                spec={WORK_BLOCK_FIELDS[key]}
                                label={`Level ${level.level} ${WORK_BLOCK_FIELDS[key].label}`}
                                value={block.cycle[key]}
                                onValue={(v) => editCycle(li, bi, key, v)}
                                onValidity={validity(`${li}-${bi}-${key}`)}
                                also={rampsFit(block.cycle, key)}
                              />
                            ) : (
                              'continuous'
                            )}
                          </td>
                        ))}
                        <td>{level.sessionsPerWeek}</td>
                      </tr>
                    ),
                  ),
                )}
              </tbody>
            </table>
          </div>
          <SafetyPanel safety={safety} />
          {draft.forceDose && <ForceDosePanel dose={draft.forceDose} />}
          <div className="grid-2">
            {work && (
              <WaveformPicture
                waveform={stimulation.waveform}
                phaseWidthUs={work.phaseWidthUs}
                frequencyHz={work.frequencyHz}
              />
            )}
            <ElectrodePlacement programme={stimulation} muscleLabel={muscleLabel} />
          </div>
          <SimulationPanel
            simulation={simulation}
            simulating={simulating}
            onSimulate={simulate}
            nmes={stimulation.kind === 'nmes'}
          />
          <h4>Exercises</h4>
          <ExerciseList exercise={draft.exercise} />
          <div className="actions">
            <button type="button" onClick={save} disabled={busy || !safety?.ok || invalidCells.size > 0}>
              Save as draft version
            </button>
            {invalidCells.size > 0 ? (
              <span className="error">Correct the values marked above to save.</span>
            ) : (
              !safety?.ok && <span className="error">Fix the safety violations to save.</span>
            )}
          </div>
        </div>
      )}
    </div>
  );
}

/** The on time must hold both ramps (the simulate-session route refuses it otherwise). */
const rampsFit =
  (cycle: { rampUpS: number; rampDownS: number }, key: (typeof CYCLE)[number]) => (value: number) =>
    key === 'onS' && value < cycle.rampUpS + cycle.rampDownS
      ? `On time must be at least ${cycle.rampUpS + cycle.rampDownS} s, to hold the ramps up and down.`
      : null;

function SafetyPanel({ safety }: { safety: OutputSafetyReport | undefined }) {
  if (!safety) return null;
  return (
    <div className={`safety ${safety.ok ? 'ok' : 'bad'}`} aria-live="polite" role="status">
      <strong>{safety.ok ? 'Within output limits' : 'Breaks an output limit'}</strong>: r.m.s. current{' '}
      {fixed(safety.rmsCurrentMa)} / {safety.limits.maxRmsCurrentMa} mA, energy{' '}
      {fixed(safety.energyPerPulseMj, 2)} / {safety.limits.maxEnergyPerPulseMj} mJ per pulse, current density{' '}
      {fixed(safety.currentDensityMaPerCm2, 2)} mA/cm² (attention above{' '}
      {safety.limits.currentDensityWarningMaPerCm2}).
      {[...safety.violations, ...safety.warnings].length > 0 && (
        <ul>
          {safety.violations.map((v) => (
            <li key={`v-${v.where}-${v.rule}`} className="error">
              {v.where}: {v.message}
            </li>
          ))}
          {safety.warnings.map((v) => (
            <li key={`w-${v.where}-${v.rule}`} className="warning">
              {v.where}: {v.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Peak force (N) against contraction number `n`, with a dashed target line when `target` names one. */
function ContractionPeaksChart({
  label,
  caption,
  data,
  peak,
  target,
}: {
  label: string;
  caption: string;
  data: ({ n: number } & Record<string, number>)[];
  peak: { key: string; name: string };
  target?: string;
}) {
  return (
    <figure className="chart" aria-label={label}>
      <figcaption>{caption}</figcaption>
      <ResponsiveContainer width="100%" height={200}>
        <LineChart data={data} margin={{ top: 8, right: 8, bottom: 16, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="n" type="number" domain={[1, 'dataMax']} />
          <YAxis />
          <Tooltip formatter={(v) => (typeof v === 'number' ? `${v.toFixed(1)} N` : String(v))} />
          <Line dataKey={peak.key} name={peak.name} stroke="#2c6fbb" dot={false} isAnimationActive={false} />
          {target && (
            <Line
              dataKey={target}
              name="target"
              stroke="#888"
              strokeDasharray="4 4"
              dot={false}
              isAnimationActive={false}
            />
          )}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

const DOSE_CHART = {
  label: 'Predicted force per contraction',
  caption: 'Predicted peak force of each contraction (N), with the target',
  peak: { key: 'forceN', name: 'predicted' },
  target: 'targetN',
};
const FATIGUE_CHART = {
  label: 'Peak force of each contraction (fatigue)',
  caption: 'Peak force of each contraction: fatigue over the session (N)',
  peak: { key: 'peak', name: 'peak force' },
};
const MVC_FIELD = { label: 'MVC (N)', min: 1, max: 10000, placeholder: 'dynamometry' };

/** A draft as the plan route answers it: with forceDose when it was dosed by evoked force. */
type DosedDraft = DraftProgramme & { forceDose?: Omit<ForceDose, 'programme'> };

const DOSE_STATUS: Record<ForceDose['status'], string> = {
  dosed:
    'Target reached on the first contractions, and the predicted end-of-session force stays above the required fraction of the first.',
  'target-not-reachable':
    'The target is out of reach within the ceiling: the first contraction falls short of it at the highest setting allowed.',
  'end-force-below-fraction':
    'The target is reached, but the predicted end-of-session force falls below the required fraction of the first even with the longest rest.',
};

/** The dose by evoked force: the setting chosen, and the force the identified model predicts for each contraction. */
function ForceDosePanel({ dose }: { dose: Omit<ForceDose, 'programme'> }) {
  const { predicted } = dose;
  const rows = predicted.perContractionN.map((forceN, i) => ({
    n: i + 1,
    forceN,
    percentMvc: (100 * forceN) / dose.mvcN,
    targetN: dose.targetN,
  }));
  const setting = [
    dose.intensityMa !== undefined ? `${dose.intensityMa} mA` : undefined,
    `${dose.phaseWidthUs} µs`,
    `${dose.frequencyHz} Hz`,
    `${dose.onS} s on / ${dose.offS} s off`,
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <section className="force-dose" aria-label="Dose by evoked force">
      <h4>Dosed by evoked force ({dose.model})</h4>
      <p role="status" className={dose.status === 'dosed' ? 'ok' : 'warning'}>
        {DOSE_STATUS[dose.status]}
      </p>
      <p>
        Target {fixed(dose.targetPercentMvc, 0)} % MVC ({fixed(dose.targetN)} N of {fixed(dose.mvcN, 0)} N);
        setting {setting} (ceiling {fixed(dose.ceilingMa, 0)} mA). First contraction{' '}
        <strong>
          {fixed(predicted.firstContractionN)} N ({fixed(predicted.firstPercentMvc)} % MVC)
        </strong>
        ; last {fixed(predicted.lastContractionN)} N
        {predicted.endFraction === null
          ? ' (the model has no fatigue part).'
          : `, ${fixed(100 * predicted.endFraction, 0)} % of the first (at least ${fixed(100 * dose.endFractionRequired, 0)} % required).`}
      </p>
      <ContractionPeaksChart {...DOSE_CHART} data={rows} />
      <div className="table-scroll dose-table">
        <table className="compact" aria-label="Predicted force per contraction">
          <ColumnHeads columns={['Contraction', 'Force (N)', '% MVC']} />
          <tbody>
            {rows.map((r) => (
              <tr key={r.n}>
                <th scope="row">{r.n}</th>
                <td>{fixed(r.forceN)}</td>
                <td>{fixed(r.percentMvc)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {dose.notes.length > 0 && (
        <ul className="hint">
          {dose.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

function SimulationPanel({
  simulation,
  simulating,
  onSimulate,
  nmes,
}: {
  simulation: Simulation | undefined;
  simulating: boolean;
  onSimulate: () => void;
  nmes: boolean;
}) {
  const peaks = useMemo(
    () => simulation?.contractions.map((c, i) => ({ n: i + 1, peak: c.peakForceN })) ?? [],
    [simulation],
  );
  const traces = useMemo(() => {
    if (!simulation) return [];
    return simulation.firstContraction.map((p, i) => ({
      t: p.tS,
      first: p.forceN,
      last: simulation.lastContraction?.[i]?.forceN,
    }));
  }, [simulation]);
  if (!nmes) {
    return (
      <p className="hint">
        Force simulation models innervated muscle stimulated with short pulses; it is not shown for
        denervated-muscle programmes.
      </p>
    );
  }
  return (
    <div className="simulation" aria-busy={simulating}>
      <div className="title-row">
        <h4>Simulated session (level 1 work block)</h4>
        <button type="button" className="secondary" onClick={onSimulate} disabled={simulating}>
          {simulating ? 'Simulating…' : 'Simulate again'}
        </button>
      </div>
      {simulation && (
        <>
          <p>
            {simulation.contractions.length} contractions, {simulation.pulses.toLocaleString('en-GB')} pulses
            over {simulation.minutesSimulated} min; peak force {fixed(simulation.peakForceN)} N; fatigue index
            (last / first peak) <strong>{fixed(simulation.fatigueIndex, 2)}</strong>. Model:{' '}
            {simulation.model} ({simulation.source}).
          </p>
          <div className="grid-2">
            <figure className="chart" aria-label="Force of the first and last contraction">
              <figcaption>Force of the first and last contraction (N)</figcaption>
              <ResponsiveContainer width="100%" height={200}>
                <LineChart data={traces} margin={{ top: 8, right: 8, bottom: 16, left: 0 }}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="t" type="number" tickFormatter={(v: number) => v.toFixed(0)} unit=" s" />
                  <YAxis />
                  <Tooltip formatter={(v) => (typeof v === 'number' ? `${v.toFixed(1)} N` : String(v))} />
                  <Line dataKey="first" name="first" stroke="#0b6e4f" dot={false} isAnimationActive={false} />
                  <Line dataKey="last" name="last" stroke="#c0392b" dot={false} isAnimationActive={false} />
                </LineChart>
              </ResponsiveContainer>
            </figure>
            <ContractionPeaksChart {...FATIGUE_CHART} data={peaks} />
          </div>
        </>
      )}
    </div>
  );
}

/** The safety gate's answer on approving a draft, as GET …/programmes/:pid/gate gives it. */
interface GateAnswer {
  allowed: boolean;
  blockers: { code: string; message: string }[];
  warnings: string[];
}

/**
 * Approve, for one draft: asks the safety gate first. While the gate is asked, or when it blocks,
 * the button is disabled and every blocker is listed — the same list the approve route answers with.
 */
function ApproveDraft({
  patientId,
  programme,
  busy,
  onApprove,
}: {
  patientId: string;
  programme: Programme;
  busy: boolean;
  onApprove: (p: Programme) => void;
}) {
  const gate = useGet<GateAnswer>(`/api/patients/${patientId}/programmes/${programme.id}/gate`);
  const blocked = gate.data?.allowed !== true;
  const id = `gate-${programme.id}`;
  return (
    <div className="approve-draft">
      <button
        type="button"
        onClick={() => onApprove(programme)}
        disabled={busy || blocked}
        aria-describedby={gate.data && !gate.data.allowed ? id : undefined}
      >
        Approve v{programme.version}
      </button>
      {gate.loading && <p className="hint">Checking the safety gate…</p>}
      {gate.error && <p className="error">The safety gate could not be asked: {gate.error}</p>}
      {gate.data && !gate.data.allowed && (
        <div className="blockers" id={id}>
          <p className="warning">
            Cannot be approved: {gate.data.blockers.length} safety blocker
            {gate.data.blockers.length === 1 ? '' : 's'}.
          </p>
          <ul>
            {gate.data.blockers.map((b) => (
              <li key={`${b.code}-${b.message}`} data-code={b.code}>
                {b.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

/** A programme version in a line: its goal, muscle and side. */
const programmeWords = (p: Programme) =>
  `${label(p.body.goal ?? '')} — ${p.body.muscle?.label} (${p.body.side})`;

function ProgrammeVersions({
  patientId,
  programmes,
  canApprove,
  busy,
  onApprove,
  onCorrected,
}: {
  patientId: string;
  programmes: Programme[];
  canApprove: boolean;
  busy: boolean;
  onApprove: (p: Programme) => void;
  onCorrected: () => void;
}) {
  if (programmes.length === 0) return <p>No programme yet.</p>;
  return (
    <table className="compact">
      <caption>Programme versions</caption>
      <ColumnHeads
        columns={[
          'Version',
          'Programme',
          'Status',
          'Approved',
          <span key="action" className="sr-only">
            Action
          </span>,
        ]}
      />
      <tbody>
        {[...programmes].reverse().map((p) => (
          <tr key={p.id}>
            <th scope="row">v{p.version}</th>
            <td>{programmeWords(p)}</td>
            <td>
              <span className={`status ${p.status}`}>{label(p.status)}</span>
            </td>
            <td>{date(p.approvedAt)}</td>
            <td>
              {p.status === 'draft' && canApprove && (
                <ApproveDraft patientId={patientId} programme={p} busy={busy} onApprove={onApprove} />
              )}
              {p.status === 'entered-in-error' ? (
                <RecordHistory
                  patientId={patientId}
                  path="programmes"
                  recordId={p.id}
                  describe={programmeWords}
                />
              ) : (
                canApprove && (
                  // A programme's amendment is its next version (the designer below); only a
                  // mistake is marked here.
                  <RecordCorrection
                    patientId={patientId}
                    path="programmes"
                    recordId={p.id}
                    what={`programme v${p.version}`}
                    onSaved={onCorrected}
                  />
                )
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
