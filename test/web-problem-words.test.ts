import { describe, expect, it } from 'vitest';
import { activateLanguage } from '../web/src/i18n/i18n.ts';
import { plainWords } from '../web/src/problem-words.ts';

describe('plainWords', () => {
  it('never shows the API text about cookies, routes or JSON paths', () => {
    const cookie = { detail: 'the session cookie is unknown, expired or logged out; log in again' };
    expect(plainWords(401, cookie, '/api/patients')).toBe('Your session has ended. Please log in again.');
    expect(plainWords(404, { detail: 'no route GET /api/nope; see /api/docs' }, '/api/nope')).toBe(
      'This was not found: it may have been removed, or the link is out of date.',
    );
    expect(plainWords(500, { detail: 'the database refused the statement' }, '/api/patients')).toMatch(
      /^Something went wrong on the server and nothing was changed/,
    );
    expect(plainWords(502, { detail: '<html>Bad gateway</html>' }, '/api/me')).not.toContain('html');
  });

  it('turns a schema refusal into the field and the rule in words', () => {
    expect(
      plainWords(400, { detail: 'body.name must NOT have fewer than 1 characters' }, '/api/patients'),
    ).toBe('Please check the name: it cannot be empty.');
    expect(plainWords(400, { detail: 'body.birthDate must be a date YYYY-MM-DD' }, '/api/patients')).toBe(
      'Please check the birth date: it must be a date YYYY-MM-DD.',
    );
    expect(plainWords(400, { detail: 'body.peakIntensityMa must be <= 120' }, '/api/x')).toBe(
      'Please check the peak intensity ma: it is out of the allowed range.',
    );
  });

  it("keeps the words written for people: a refusal of what was entered, and the login's answers", () => {
    expect(plainWords(422, { detail: 'the birth date 2031-01-01 is after today' }, '/api/patients')).toBe(
      'The birth date 2031-01-01 is after today.',
    );
    expect(plainWords(401, { detail: 'the email or password is wrong' }, '/api/auth/login')).toBe(
      'The email or password is wrong.',
    );
    expect(
      plainWords(
        403,
        { detail: 'this account is deactivated; ask an admin of your clinic to reactivate it' },
        '/api/auth/login',
      ),
    ).toBe('This account is deactivated; ask an admin of your clinic to reactivate it.');
    expect(plainWords(403, { detail: 'patient 1 is not on your care team' }, '/api/patients/1')).toBe(
      'You do not have access to this.',
    );
  });

  it("speaks the patient's language, and keeps the API's field words out of a translated sentence", async () => {
    try {
      await activateLanguage('es');
      expect(plainWords(404, { detail: 'no route GET /api/nope' }, '/api/nope')).toBe(
        'No se ha encontrado: puede que se haya eliminado o que el enlace esté anticuado.',
      );
      expect(plainWords(400, { detail: 'body.name must NOT have fewer than 1 characters' }, '/api/x')).toBe(
        'Revise el formulario: hay un dato que no puede quedar vacío.',
      );
      expect(plainWords(400, { detail: 'body.kind must be one of stimulation, exercise' }, '/api/x')).toBe(
        'Revise el formulario: hay un dato que no tiene una forma permitida.',
      );
      // The server's English refusals never reach a Spanish reader: a 409 without sentences, a 422.
      const paused = { detail: 'stimulation for this programme is paused until a clinician reviews it' };
      expect(plainWords(409, paused, '/api/patients/1/sessions')).toBe(
        'No se ha aceptado y no se ha cambiado nada. Revise lo que ha introducido; si vuelve a pasar, consulte a su clínica.',
      );
      expect(plainWords(422, { detail: 'the session ended before it started' }, '/api/x')).toBe(
        plainWords(409, paused, '/api/x'),
      );
      expect(plainWords(403, { detail: 'this account is deactivated' }, '/api/auth/login')).toBe(
        'Esta cuenta no puede iniciar sesión ahora. Consulte a su clínica.',
      );
      // A refusal with sentences for the patient: why, in Spanish.
      const notDue = {
        detail: 'This questionnaire is not due today.',
        patientMessage: [{ key: 'core.questionnaire.notDue' }],
      };
      expect(plainWords(409, notDue, '/api/patients/1/questionnaire-responses')).toBe(
        'Este cuestionario no le toca hoy. Su clínica se lo volverá a pedir cuando toque el siguiente.',
      );
      await activateLanguage('de');
      expect(plainWords(0, {}, '/api/me')).toBe(
        'Der Server ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es noch einmal.',
      );
      expect(plainWords(401, {}, '/api/auth/login')).toBe('E-Mail oder Passwort ist falsch.');
      expect(plainWords(422, { detail: 'the birth date 2031-01-01 is after today' }, '/api/x')).toBe(
        'Das wurde nicht angenommen, es wurde nichts geändert. Bitte prüfen Sie Ihre Eingabe; wenn es wieder passiert, fragen Sie Ihre Praxis.',
      );
      expect(plainWords(400, { detail: 'body.peakIntensityMa must be <= 120' }, '/api/x')).toBe(
        'Bitte prüfen Sie das Formular. Bei einer Angabe gilt: Der Wert liegt außerhalb des erlaubten Bereichs.',
      );
    } finally {
      await activateLanguage('en');
    }
  });
});
