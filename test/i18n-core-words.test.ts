/**
 * The core's sentences for a patient (src/clinic/words/patient-text.ts) worded by the web's message
 * catalogues, as the patient pages show them: the English is Myotrophy's plain words, Spanish and
 * German say the same with the same whole numbers, and no language shows developer text. Every key
 * the core can give has its message in every language, and every exercise Myotrophy plans has its
 * name there (issue 18 item 4).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { MUSCLE_SITES } from '../src/clinic/anatomy/electrode-sites.ts';
import { channelNames, landmarkText, patientMuscle } from '../src/clinic/anatomy/patient-view.ts';
import { CAUSES } from '../src/clinic/coding/causes.ts';
import { BODY_SITES } from '../src/clinic/coding/icd10cm-table.ts';
import type { DraftProgramme } from '../src/clinic/programme/plan.ts';
import { allNo, anyPlannedDraft, draftFor } from '../src/clinic/programme/plan-fixtures.ts';
import { contactText, stimulationPause, UNSET_CLINIC_CONTACT } from '../src/clinic/safety/red-flag-pause.ts';
import { RED_FLAG_KEYS, RED_FLAG_RULES } from '../src/clinic/screening/red-flags.ts';
import { findDeveloperText } from '../src/clinic/words/developer-text.ts';
import { EXERCISE_NAME_KEYS } from '../src/clinic/words/exercise-names.ts';
import { PATIENT_TEXT_KEYS } from '../src/clinic/words/patient-text.ts';
import {
  describeLevelForPatient,
  describeProgrammeForPatient,
  describeSessionForPatient,
  describeWeeksForPatient,
  exerciseDose,
  exerciseName,
} from '../src/clinic/words/patient-words.ts';
import { LANGUAGES, type Language } from '../src/shared/languages.ts';
import { activateLanguage, t } from '../web/src/i18n/i18n.ts';
import { say, sayAll } from '../web/src/i18n/patient-text.ts';

const catalogue = (language: Language) =>
  JSON.parse(
    readFileSync(new URL(`../web/src/i18n/messages/${language}.json`, import.meta.url), 'utf8'),
  ) as Record<string, string>;

/** Every sentence of a planned programme, worded in the active language. */
function allWords(draft: DraftProgramme): string {
  const text = describeProgrammeForPatient(draft.stimulation);
  return [
    say(text.title),
    say(text.placement),
    ...text.levels.map(sayAll),
    ...text.safety.map(say),
    ...describeWeeksForPatient(draft.stimulation, draft.exercise).flatMap((w) => [
      say(w.stimulation),
      say(w.exercise),
    ]),
    ...draft.exercise.stages.flatMap((s) =>
      s.exercises.map((e) => `${say(exerciseName(e.name))}: ${say(exerciseDose(e))}`),
    ),
  ].join('\n');
}

const calf = () => draftFor('reverse-atrophy', 'triceps-surae', 'left', { screening: allNo });

afterEach(() => activateLanguage('en'));

describe('the core’s patient sentences have their words', () => {
  it.each(LANGUAGES)('%s has a message for every key the core can give', (language) => {
    const messages = catalogue(language);
    expect(PATIENT_TEXT_KEYS.filter((key) => !(key in messages))).toEqual([]);
  });

  it('names every target muscle, and Myotrophy’s exercises by their stored English names', () => {
    const english = catalogue('en');
    for (const muscle of MUSCLE_SITES) {
      expect(english[patientMuscle(muscle.id).text.key]).toBe(patientMuscle(muscle.id).name);
    }
    for (const [name, key] of Object.entries(EXERCISE_NAME_KEYS)) expect(english[key]).toBe(name);
    // Each pad of every target muscle has its place in everyday words; another site keeps its landmark.
    for (const muscle of MUSCLE_SITES) {
      for (const pad of muscle.electrodes)
        expect(landmarkText(muscle.id, pad.position), muscle.id).not.toBeNull();
    }
    expect(landmarkText('abdomen', 'proximal')).toBeNull();
    // A name a clinician wrote is shown as written.
    expect(exerciseName('Stairs with a rail')).toBe('Stairs with a rail');
  });
});

/** Names that are written the same in every language. */
const SAME_IN_EVERY_LANGUAGE = new Set(['Diabetes']);

describe('the handout’s catalogue words', () => {
  // The handout lists every red flag and names the recorded cause and site; the catalogue's labels
  // are the clinician's English, so each has its own message, worded for a patient.
  const handoutKeys = [
    ...RED_FLAG_KEYS.map((key) => `handout.flag.${key}`),
    ...CAUSES.map((cause) => `handout.causeName.${cause.id}`),
    ...BODY_SITES.filter((site) => site !== 'other' && site !== 'unspecified').map(
      (site) => `handout.site.${site}`,
    ),
  ];

  it.each(['es', 'de'] as const)(
    '%s words every red flag, cause and site, none of them left in English',
    (language) => {
      const english = catalogue('en');
      const messages = catalogue(language);
      const missing = handoutKeys.filter((key) => !messages[key] || !english[key]);
      expect(missing).toEqual([]);
      const stillEnglish = handoutKeys.filter(
        (key) => messages[key] === english[key] && !SAME_IN_EVERY_LANGUAGE.has(english[key] ?? ''),
      );
      expect(stillEnglish).toEqual([]);
      for (const [key, rule] of Object.entries(RED_FLAG_RULES)) {
        expect(messages[`handout.flag.${key}`]).not.toBe(rule.label);
        expect(findDeveloperText(messages[`handout.flag.${key}`] ?? '')).toEqual([]);
      }
    },
  );

  it('says the site with its side in each language', async () => {
    const said = async (language: Language) => {
      await activateLanguage(language);
      return t('handout.muscleIn', { place: t('handout.site.thigh'), side: 'left' });
    };
    expect(await said('en')).toBe('The muscle affected is in your left thigh.');
    expect(await said('es')).toBe('El músculo afectado está en el muslo, del lado izquierdo.');
    expect(await said('de')).toBe('Der betroffene Muskel liegt im Oberschenkel, auf der linken Seite.');
  });
});

describe('a programme in the patient’s words', () => {
  it('says the calf programme in English with whole, device-settable numbers', async () => {
    const text = describeProgrammeForPatient(calf().stimulation);
    expect(say(text.title)).toBe('Your stimulation plan for your left calf muscles');
    expect(say(text.placement)).toBe(
      'Put the 2 pads on your left calf muscles (pads of 25 square centimetres), as in the drawing.',
    );
    expect(sayAll(text.levels[0] ?? [])).toBe(
      'Weeks 1 to 2: once a day, 5 days a week. Warm up for 3 minutes with gentle pulses. Then 25 minutes where the muscle tightens for 6 seconds and rests for 24 seconds. Finish with 3 minutes of gentle pulses to relax the muscle. The stimulator sends 35 pulses a second. Each pulse lasts 300 µs (microseconds). Turn the strength up slowly, up to 100 mA at most. Aim: the muscle tightens enough to move the joint a little. Turn it up a little each session if you can.',
    );
    expect(sayAll(text.levels[1] ?? [])).toMatch(/rests for 18 seconds\..*sends 45 pulses a second/);
  });

  it('says the same programme in Spanish and in German', async () => {
    const text = describeProgrammeForPatient(calf().stimulation);
    await activateLanguage('es');
    expect(say(text.title)).toBe('Su plan de estimulación: músculos de la pantorrilla, lado izquierdo');
    expect(say(text.placement)).toBe(
      'Coloque los 2 electrodos como en el dibujo, sobre: músculos de la pantorrilla, lado izquierdo (electrodos de 25 centímetros cuadrados).',
    );
    expect(sayAll(text.levels[0] ?? [])).toBe(
      'Semanas 1 a 2: una vez al día, 5 días a la semana. Empiece con 3 minutos de impulsos suaves para calentar el músculo. Después, 25 minutos en los que el músculo se contrae durante 6 segundos y descansa durante 24 segundos. Termine con 3 minutos de impulsos suaves para relajar el músculo. El estimulador envía 35 impulsos por segundo. Cada impulso dura 300 µs (microsegundos). Suba la intensidad poco a poco, como máximo hasta 100 mA. Objetivo: el músculo se contrae lo suficiente para mover un poco la articulación. Suba un poco la intensidad en cada sesión si puede.',
    );
    await activateLanguage('de');
    expect(say(text.title)).toBe('Ihr Stimulationsplan: Wadenmuskulatur, links');
    expect(sayAll(text.levels[0] ?? [])).toMatch(
      /^Wochen 1 bis 2: einmal am Tag, an 5 Tagen pro Woche\. .*Das Gerät gibt 35 Impulse pro Sekunde\. Jeder Impuls dauert 300 µs \(Mikrosekunden\)\. Drehen Sie die Stärke langsam höher, höchstens bis 100 mA\./,
    );
  });

  it('says a measured target and a lowered top strength in plain words', async () => {
    const draft = draftFor('strengthen', 'quadriceps', 'right', {
      screening: { ...allNo, osteoporosisFragilityFracture: true },
      dynamometryMvcN: 300,
    });
    const text = describeProgrammeForPatient(draft.stimulation);
    expect(sayAll(text.levels[0] ?? [])).toMatch(
      /up to 60 mA at most\. Aim: the muscle pulls with at least 30 % of the strongest push/,
    );
    expect(text.safety.map(say)).toContain('Your clinic has set a lower top strength for you. Keep to it.');
    await activateLanguage('es');
    expect(text.safety.map(say)).toContain(
      'Su clínica le ha fijado una intensidad máxima más baja. No la supere.',
    );
    expect(sayAll(text.levels[0] ?? [])).toMatch(
      /como máximo hasta 60 mA\. Objetivo: que el músculo tire con al menos el 30 %/,
    );
  });

  it('says denervated stimulation in milliseconds and single pulses', async () => {
    const draft = draftFor('denervated-maintenance', 'tibialis-anterior', 'right', {
      strengthDuration: { chronaxieMs: 28, rheobaseMa: 14 },
    });
    const first = describeLevelForPatient(draft.stimulation.levels[0] as never);
    expect(sayAll(first)).toMatch(
      /sends 1 pulse a second\. Each pulse lasts 28 ms \(milliseconds\)\. .*up to 42 mA at most/,
    );
    await activateLanguage('de');
    expect(sayAll(first)).toMatch(
      /gibt 1 Impuls pro Sekunde\. Jeder Impuls dauert 28 ms \(Millisekunden\)\./,
    );
  });

  it.each(LANGUAGES)(
    '%s: never shows developer text, for any planned programme (property)',
    async (language) => {
      await activateLanguage(language);
      fc.assert(
        fc.property(anyPlannedDraft, (outcome) => {
          // Every exercise Myotrophy plans is worded from the catalogue, never left in English.
          for (const stage of outcome.exercise.stages)
            for (const e of stage.exercises) expect(typeof exerciseName(e.name), e.name).toBe('object');
          expect(findDeveloperText(allWords(outcome))).toEqual([]);
        }),
        { numRuns: 150, seed: 14 },
      );
    },
  );
});

describe('a week, an exercise and a session in the patient’s words', () => {
  const block = { kind: 'work', minutes: 20, frequencyHz: 35, phaseWidthUs: 300, maxIntensityMa: 60 };
  const level = (
    n: number,
    fromWeek: number,
    toWeek: number,
    sessionsPerDay: number,
    sessionsPerWeek: number,
  ) =>
    ({
      level: n,
      fromWeek,
      toWeek,
      sessionsPerDay,
      sessionsPerWeek,
      blocks: [block],
      progressWhen: '',
    }) as never;
  const stage = (fromWeek: number, toWeek: number, names: string[]) =>
    ({
      stage: fromWeek,
      fromWeek,
      toWeek,
      progressWhen: '',
      exercises: names.map((name) => ({ name, sets: 3, reps: 10, doseSource: 'x' })),
    }) as never;

  it('covers every week to the last level or stage, each in plain words', async () => {
    const weeks = describeWeeksForPatient(
      { levels: [level(1, 1, 2, 2, 14), level(2, 3, 8, 1, 5)] },
      {
        sessionsPerWeek: 3,
        stages: [stage(1, 4, ['Sit-to-stand']), stage(5, 10, ['Straight-leg raise', 'Mini squat'])],
      },
    );
    const worded = () => weeks.map((w) => [w.week, say(w.stimulation), say(w.exercise)]);
    expect(worded().map(([week]) => week)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(worded()[0]).toEqual([1, 'Level 1: twice a day, every day.', '3 sessions a week: Sit-to-stand.']);
    expect(worded()[2]?.[1]).toBe('Level 2: once a day, 5 days a week.');
    expect(worded()[9]).toEqual([
      10,
      'No stimulation this week.',
      '3 sessions a week: Straight-leg raise, Mini squat.',
    ]);
    await activateLanguage('es');
    expect(worded()[0]).toEqual([
      1,
      'Nivel 1: dos veces al día, todos los días.',
      '3 sesiones por semana: Levantarse de una silla.',
    ]);
    // A name the clinician wrote stays as written.
    expect(worded()[9]?.[2]).toBe('3 sesiones por semana: Levantar la pierna estirada, Mini squat.');
    expect(describeWeeksForPatient(undefined, undefined)).toEqual([]);
  });

  it('says a dose in whole numbers with the right plural in each language', async () => {
    const doses = () => [
      say(exerciseDose({ sets: 1, reps: 10 })),
      say(exerciseDose({ sets: 3, reps: 1 })),
      say(exerciseDose({ sets: 5, reps: 10, holdS: 3 })),
      say(exerciseDose({ sets: 1, reps: 1, holdS: 1 })),
      say(exerciseDose({ sets: 2, reps: 10, timesPerDay: 2 })),
      say(exerciseDose({ sets: 2.4, reps: 9.6, timesPerDay: 3 })),
      say(exerciseDose({ sets: 2, reps: 10, timesPerDay: 1 })),
    ];
    expect(doses()).toEqual([
      '1 set of 10 repetitions',
      '3 sets of 1 repetition',
      '5 sets of 10 holds, hold each for 3 seconds',
      '1 set of 1 hold, hold each for 1 second',
      '2 sets of 10 repetitions, twice a day',
      '2 sets of 10 repetitions, 3 times a day',
      '2 sets of 10 repetitions, once a day',
    ]);
    await activateLanguage('es');
    expect(doses()).toEqual([
      '1 serie de 10 repeticiones',
      '3 series de 1 repetición',
      '5 series de 10 repeticiones, mantenga cada una 3 segundos',
      '1 serie de 1 repetición, mantenga cada una 1 segundo',
      '2 series de 10 repeticiones, dos veces al día',
      '2 series de 10 repeticiones, 3 veces al día',
      '2 series de 10 repeticiones, una vez al día',
    ]);
    await activateLanguage('de');
    expect(doses().slice(2, 6)).toEqual([
      '5 Sätze mit 10 Wiederholungen, jede 5 Sekunden lang halten'.replace('5 Sekunden', '3 Sekunden'),
      '1 Satz mit 1 Wiederholung, jede 1 Sekunde lang halten',
      '2 Sätze mit 10 Wiederholungen, zweimal am Tag',
      '2 Sätze mit 10 Wiederholungen, 3-mal am Tag',
    ]);
  });

  it('rounds a session to whole numbers and says what the muscle did, leaving out what was not recorded', async () => {
    const stimulation = describeSessionForPatient({
      kind: 'stimulation',
      minutes: 24.6,
      peakIntensityMa: 40.6,
      comfort: 7,
      pain: 2,
      completed: true,
      evokedForce: { step: 'partial-movement' },
    });
    const exercise = describeSessionForPatient({
      kind: 'exercise',
      minutes: 1,
      completed: false,
      pain: 4,
      evokedForce: { percentMvc: 52.4 },
    });
    const bare = describeSessionForPatient({
      kind: 'stimulation',
      minutes: 10,
      peakIntensityMa: null,
      comfort: null,
      completed: true,
      evokedForce: { step: 'constructor' as never },
    });
    expect(sayAll(stimulation)).toBe(
      'Stimulation for 25 minutes, up to 41 mA. Comfort 7 out of 10, pain 2 out of 10. Result: the muscle tightens enough to move the joint a little.',
    );
    expect(sayAll(exercise)).toBe(
      'Exercises for 1 minute (stopped early). Pain 4 out of 10. The muscle pulled with 52 % of your strongest push.',
    );
    expect(sayAll(bare)).toBe('Stimulation for 10 minutes.');
    expect(sayAll(describeSessionForPatient({ kind: 'stimulation', minutes: 0.33, completed: false }))).toBe(
      'Stimulation for 20 seconds (stopped early).',
    );
    await activateLanguage('es');
    expect(sayAll(stimulation)).toBe(
      'Estimulación durante 25 minutos, hasta 41 mA. Comodidad 7 de 10, dolor 2 de 10. Resultado: el músculo se contrae lo suficiente para mover un poco la articulación.',
    );
    await activateLanguage('de');
    expect(sayAll(exercise)).toBe(
      'Übungen, 1 Minute (vorzeitig beendet). Schmerz 4 von 10. Der Muskel zog mit 52 % Ihrer größten Kraft.',
    );
  });

  it('names channels by side and muscle, numbering those that would read the same, and where each pad goes', async () => {
    const pads = (site: string, side: 'left' | 'right') => ({
      electrodes: [
        { site, side },
        { site, side },
      ],
    });
    const names = () =>
      channelNames([
        pads('quadriceps', 'left'),
        pads('quadriceps', 'left'),
        pads('triceps-surae', 'right'),
      ]).map(say);
    expect(names()).toEqual([
      'Left front thigh muscles, pads 1',
      'Left front thigh muscles, pads 2',
      'Right calf muscles',
    ]);
    expect(channelNames([pads('abdomen', 'left'), { electrodes: [] }]).map(say)).toEqual([
      'Left muscle',
      'Pads',
    ]);
    expect(say(landmarkText('triceps-surae', 'proximal') ?? '')).toBe(
      'the thickest part of your calf, 5 cm below the crease behind your knee',
    );
    await activateLanguage('es');
    expect(say(landmarkText('triceps-surae', 'proximal') ?? '')).toBe(
      'la parte más gruesa de la pantorrilla, 5 cm por debajo del pliegue de detrás de la rodilla',
    );
    expect(names()).toEqual([
      'Izquierda: músculos de la parte delantera del muslo, electrodos 1',
      'Izquierda: músculos de la parte delantera del muslo, electrodos 2',
      'Derecha: músculos de la pantorrilla',
    ]);
  });
});

describe('a pause in the patient’s words', () => {
  const clinic = { name: 'Riverside Physiotherapy', phone: '020 7946 0000', email: 'team@riverside.example' };

  it('says why stimulation is paused, who to call and what to do about exercise, in each language', async () => {
    const urgent = stimulationPause([{ key: 'suspectedDeepVeinThrombosis', raisedAt: '2025-03-09' }], clinic);
    const hold = stimulationPause([{ key: 'fasciculationsWithWasting', raisedAt: '2025-03-09' }], {
      name: 'Riverside',
    });
    expect(sayAll(urgent.patientMessage ?? [])).toBe(
      'Stimulation paused — please contact your clinic. Riverside Physiotherapy: 020 7946 0000 or team@riverside.example. Please stop your exercises too until your clinic has spoken with you. If you feel very unwell or it is getting worse quickly, call your emergency number now.',
    );
    expect(sayAll(hold.patientMessage ?? [])).toBe(
      'Stimulation paused — please contact your clinic. Riverside. You can keep doing the exercises you already do, but do not make them harder until your clinic says so.',
    );
    await activateLanguage('es');
    expect(sayAll(urgent.patientMessage ?? [])).toBe(
      'Estimulación en pausa: póngase en contacto con su clínica. Riverside Physiotherapy: 020 7946 0000 o team@riverside.example. Deje también de hacer los ejercicios hasta que su clínica haya hablado con usted. Si se encuentra muy mal o empeora rápidamente, llame ahora al número de emergencias.',
    );
    expect(sayAll(urgent.stimulationLogRefusalForPatient ?? [])).toBe(
      'Estimulación en pausa: póngase en contacto con su clínica. No se puede registrar una sesión de estimulación mientras la estimulación está en pausa. Riverside Physiotherapy: 020 7946 0000 o team@riverside.example.',
    );
    // With no contact set, the patient is told to use the number their clinic gave them, in their words.
    expect(say(contactText(UNSET_CLINIC_CONTACT))).toBe('Use el número de teléfono que le dio su clínica.');
    await activateLanguage('de');
    expect(sayAll(hold.patientMessage ?? [])).toBe(
      'Stimulation pausiert – bitte wenden Sie sich an Ihre Praxis. Riverside. Sie können die Übungen, die Sie schon machen, weiter machen, aber machen Sie sie nicht schwerer, bis Ihre Praxis es sagt.',
    );
    expect(findDeveloperText(sayAll(urgent.stimulationLogRefusalForPatient ?? []))).toEqual([]);
  });
});
