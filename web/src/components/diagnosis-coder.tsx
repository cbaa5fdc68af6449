import type { BodySite, Side } from '@core/clinic/coding/icd10cm-table.ts';
import { type FormEvent, useState } from 'react';
import { post } from '../api.ts';
import { date, label } from '../format.ts';
import { ChoiceField } from '../forms/choice-field.tsx';
import { useAction } from '../hooks.ts';
import type { Catalogue, Condition } from '../types.ts';
import { BodyDiagram } from './body-diagram.tsx';
import { byStatus, CorrectedRecords, RecordCorrections, type RecordKind } from './record-correction.tsx';
import { FormFooter } from './section.tsx';

/** A diagnosis in a line: "M62.562 Muscle wasting and atrophy, left lower leg, onset 2 Jan 2025". */
const conditionWords = (c: Condition) => `${c.icd10Code} ${c.title}, onset ${date(c.onsetDate)}`;

const DIAGNOSES: RecordKind<Condition> = { path: 'conditions', noun: 'diagnoses', describe: conditionWords };

/**
 * The corrected diagnosis from the correction form: the side (coded again from the same site) and
 * the onset; what the form does not offer stays as recorded.
 */
function conditionAmendment(c: Condition, form: FormData) {
  const onsetDate = String(form.get('onsetDate') ?? '') || null;
  const kept = {
    cause: c.cause,
    onsetDate,
    immobilisedFrom: c.immobilisedFrom,
    immobilisedTo: c.immobilisedTo,
  };
  return c.site
    ? { ...kept, site: c.site, side: String(form.get('side') ?? c.side) }
    : { ...kept, icd10Code: c.icd10Code };
}

/** Body site (diagram or list) + side → ICD-10-CM code and title; the cause with its own code. */
export function DiagnosisCoder({
  patientId,
  catalogue,
  conditions,
  canEdit,
  onSaved,
}: {
  patientId: string;
  catalogue: Catalogue;
  conditions: Condition[];
  canEdit: boolean;
  onSaved: () => void;
}) {
  // A new diagnosis starts blank: no site, side or cause is chosen for the clinician.
  const [site, setSite] = useState<BodySite | ''>('');
  const [side, setSide] = useState<Side | ''>('');
  const [cause, setCause] = useState('');
  const action = useAction();
  const { saved, run } = action;
  const { current, corrected } = byStatus(conditions);
  const correcting = { patientId, canEdit, onSaved };

  const coded = catalogue.icdCodes.find((c) => c.site === site && c.side === side);
  const sidesForSite = catalogue.icdCodes.filter((c) => c.site === site).map((c) => c.side);
  const chosenCause = catalogue.causes.find((c) => c.id === cause);
  const groups = [...new Set(catalogue.causes.map((c) => c.group))];

  const pickSite = (next: BodySite | '', nextSide?: Side) => {
    setSite(next);
    const sides = catalogue.icdCodes.filter((c) => c.site === next).map((c) => c.side);
    if (nextSide && sides.includes(nextSide)) setSide(nextSide);
    else if (side === '' || !sides.includes(side)) setSide(sides.length === 1 ? (sides[0] ?? '') : '');
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const optionalDate = (name: string) => String(form.get(name) ?? '') || null;
    await run(async () => {
      if (!coded) throw new Error('Choose the body site and side to code the diagnosis.');
      const created = await post<Condition>(`/api/patients/${patientId}/conditions`, {
        site,
        side,
        cause: cause || null,
        onsetDate: optionalDate('onsetDate'),
        immobilisedFrom: optionalDate('immobilisedFrom'),
        immobilisedTo: optionalDate('immobilisedTo'),
      });
      onSaved();
      return `Saved: recorded ${created.icd10Code} ${created.title}.`;
    });
  };

  return (
    <div className="grid-2">
      <div>
        <h3>Recorded diagnoses</h3>
        {current.length === 0 ? (
          <p>None yet.</p>
        ) : (
          <ul className="plain">
            {current.map((c) => (
              <li key={c.id}>
                <strong className="code">{c.icd10Code}</strong> {c.title}
                {c.cause && (
                  <>
                    {' '}
                    — cause: {catalogue.causes.find((x) => x.id === c.cause)?.label ?? c.cause}
                    {catalogue.causes
                      .find((x) => x.id === c.cause)
                      ?.codes.map((k) => (
                        <span key={k.code} className="code tag">
                          {k.code}
                        </span>
                      ))}
                  </>
                )}
                <br />
                <small>
                  onset {date(c.onsetDate)}
                  {c.immobilisedFrom && `, immobilised ${date(c.immobilisedFrom)} – ${date(c.immobilisedTo)}`}
                </small>
                <RecordCorrections
                  {...correcting}
                  kind={DIAGNOSES}
                  record={c}
                  amendment={(form) => conditionAmendment(c, form)}
                >
                  {c.site && (
                    <ChoiceField
                      label="Side"
                      options={catalogue.icdCodes.filter((k) => k.site === c.site).map((k) => k.side)}
                      select={{ name: 'side', defaultValue: c.side ?? '' }}
                    />
                  )}
                  <label>
                    Onset
                    <input type="date" name="onsetDate" defaultValue={c.onsetDate ?? ''} />
                  </label>
                </RecordCorrections>
              </li>
            ))}
          </ul>
        )}
        <CorrectedRecords {...correcting} kind={DIAGNOSES} records={corrected} />
      </div>
      {canEdit && (
        <form onSubmit={submit} aria-label="Code a diagnosis">
          <BodyDiagram site={site} side={side} onPick={(s, d) => pickSite(s, d)} />
          <div className="row">
            <ChoiceField
              label="Body site"
              options={catalogue.bodySites}
              words={label}
              none="choose a site"
              value={site}
              onChoose={(s) => pickSite(s)}
            />
            <ChoiceField
              label="Side"
              options={sidesForSite}
              none="choose a side"
              value={side}
              onChoose={setSide}
            />
          </div>
          <p className="coded" aria-live="polite">
            {coded ? (
              <>
                ICD-10-CM <strong className="code">{coded.code}</strong> {coded.title}
                {!coded.billable && ' (not billable: choose a side or a more specific site)'}
              </>
            ) : site === '' || side === '' ? (
              'Choose the body site and side to see the code.'
            ) : (
              'No code for this site and side.'
            )}
          </p>
          <label>
            Cause
            <select value={cause} onChange={(e) => setCause(e.target.value)}>
              <option value="">not recorded</option>
              {groups.map((g) => (
                <optgroup key={g} label={label(g)}>
                  {catalogue.causes
                    .filter((c) => c.group === g)
                    .map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.label}
                      </option>
                    ))}
                </optgroup>
              ))}
            </select>
          </label>
          {chosenCause && (
            <p className="coded">
              Cause code{chosenCause.codes.length === 1 ? '' : 's'}:{' '}
              {chosenCause.codes.map((k) => (
                <span key={k.code}>
                  <strong className="code">{k.code}</strong> <small>({k.use})</small>{' '}
                </span>
              ))}
            </p>
          )}
          <div className="row">
            <label>
              Onset
              <input type="date" name="onsetDate" />
            </label>
            <label>
              Immobilised from
              <input type="date" name="immobilisedFrom" />
            </label>
            <label>
              Immobilised to
              <input type="date" name="immobilisedTo" />
            </label>
          </div>
          <FormFooter
            action={action}
            saved={saved}
            disabled={!coded}
            idle="Record diagnosis"
            working="Saving…"
          />
        </form>
      )}
    </div>
  );
}
