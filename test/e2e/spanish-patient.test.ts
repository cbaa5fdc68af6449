/**
 * A Spanish-speaking patient on a phone (issue 18 item 4), on the real server and Debian's Chromium
 * at 390 px: with Spanish on their record the app is in Spanish (`<html lang="es">`), installable
 * (no installability error once the worker controls the page), keeps a session logged by hand
 * offline and stores it once on reconnecting, takes the LEFS and shows its trend in Spanish words
 * and number format, reads the handout and the session player's first steps (electrode picture
 * included) in Spanish, reads the programme's steps and exercises (the core's sentences) in Spanish,
 * and after a red flag reads why stimulation is paused in Spanish; axe finds no violation.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from '../api-as.ts';
import { accessibilityViolations } from '../axe.ts';
import { type DemoBrowserWorld, openDemoBrowserWorld } from '../browser-world.ts';
import { chromiumAvailable } from '../chromium.ts';
import { DEMO_CLINICIAN, submitLogIn } from '../web-log-in.ts';

const ARTEFACTS = join(process.cwd(), 'test-results', 'e2e');

const PHONE = { width: 390, height: 844 };
/** Minutes no demo session has, so this test's log can be told apart. */
const OFFLINE_MINUTES = 37;

describe.skipIf(!chromiumAvailable)('a Spanish-speaking patient on a phone (Chromium)', () => {
  let world: DemoBrowserWorld;
  let web: DemoBrowserWorld['web'];
  let alex: DemoBrowserWorld['alex'];
  let context: BrowserContext;
  let page: Page;

  const storedMinutes = async () => {
    const asAlex = await apiAs(web.baseUrl, alex);
    const listed = await asAlex('GET', `/api/patients/${alex.id}/sessions?limit=5000`);
    return (listed.json.items as { minutes: number }[])
      .map((s) => s.minutes)
      .filter((m) => m === OFFLINE_MINUTES);
  };

  beforeAll(async () => {
    world = await openDemoBrowserWorld('spanish', { loginAttemptsPerMinute: 100 });
    ({ web, alex } = world);
    const asClinician = await apiAs(web.baseUrl, DEMO_CLINICIAN);
    const chosen = await asClinician('PUT', `/api/patients/${alex.id}/language`, { language: 'es' });
    expect(chosen.status, JSON.stringify(chosen.json)).toBe(200);
    const scheduled = await asClinician('POST', `/api/patients/${alex.id}/questionnaire-schedules`, {
      questionnaire: 'lefs',
      baselineDate: new Date().toISOString().slice(0, 10),
      everyWeeks: 4,
    });
    expect(scheduled.status, JSON.stringify(scheduled.json)).toBe(201);
    context = await web.browser.newContext({ viewport: PHONE, hasTouch: true });
    page = await context.newPage();
  }, 240_000);

  afterAll(async () => {
    await context?.close();
    await world?.close();
  });

  it('opens in Spanish and is installable once the worker controls the page', async () => {
    await submitLogIn(page, web.baseUrl, alex);
    await page.getByRole('heading', { name: 'Hoy', exact: true }).waitFor();
    expect(await page.evaluate('document.documentElement.lang')).toBe('es');
    await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
    await expect.poll(() => page.evaluate('navigator.serviceWorker.controller !== null')).toBe(true);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: { errorId: string }[];
    };
    // A test's browser context is off the record, where Chromium installs nothing: that one is the
    // test's, not the app's.
    expect(installabilityErrors.filter((e) => e.errorId !== 'in-incognito')).toEqual([]);
    await page.reload();
    await page.getByRole('form', { name: 'Registrar una sesión' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
  }, 180_000);

  it('keeps a session logged offline, in Spanish, and stores it once on reconnecting', async () => {
    await context.setOffline(true);
    const form = page.getByRole('form', { name: 'Registrar una sesión' });
    await form.scrollIntoViewIfNeeded();
    await form.getByLabel('Tipo').selectOption('exercise');
    await form.getByLabel('Minutos').fill(String(OFFLINE_MINUTES));
    await form.getByRole('button', { name: 'Registrar la sesión' }).click();
    await form
      .getByText('Guardada en este dispositivo: se enviará cuando vuelva a tener conexión.')
      .waitFor();
    const waiting = page.locator('.kept-logs [role="status"]');
    await expect
      .poll(() => waiting.textContent())
      .toContain('1 sesión pendiente de envío: se enviará cuando vuelva a tener conexión.');
    expect(await waiting.locator('li').allTextContents()).toEqual([
      expect.stringMatching(
        new RegExp(
          `^Ejercicios, ${OFFLINE_MINUTES} minutos, empezada el \\p{L}+, \\d+ de \\p{L}+ a las \\d\\d:\\d\\d$`,
          'u',
        ),
      ),
    ]);
    expect(await storedMinutes()).toEqual([]);
    await context.setOffline(false);
    await waiting.waitFor({ state: 'detached', timeout: 30_000 });
    expect(await storedMinutes()).toEqual([OFFLINE_MINUTES]);
    await page.reload();
    await page.getByRole('form', { name: 'Registrar una sesión' }).waitFor();
    expect(await storedMinutes()).toEqual([OFFLINE_MINUTES]);
  }, 180_000);

  it('answers the LEFS in Spanish and reads its trend with Spanish words and numbers', async () => {
    await page.getByRole('heading', { name: 'Tiene un cuestionario pendiente' }).waitFor();
    const form = page.getByRole('form', { name: 'Su cuestionario' });
    await form.scrollIntoViewIfNeeded();
    await form.getByText(/existe una versión española validada/).waitFor();
    const items = form.getByRole('combobox');
    expect(await items.count()).toBe(20);
    expect(await items.nth(0).locator('option').allTextContents()).toContain('3: Un poco de dificultad');
    await items.nth(0).selectOption('3');
    await form.getByRole('button', { name: 'Enviar mis respuestas' }).click();
    await form.getByText('Responda a todas las actividades (faltan 19).').waitFor();
    for (let i = 1; i < 20; i += 1) await items.nth(i).selectOption('3');
    await form.getByRole('button', { name: 'Enviar mis respuestas' }).click();
    await page.getByRole('heading', { name: 'Su evolución' }).scrollIntoViewIfNeeded();
    await page.getByText(/^Su última puntuación es \d+ de 80 \(cuanto más alta/).waitFor();
    expect(await page.getByRole('heading', { name: 'Tiene un cuestionario pendiente' }).count()).toBe(0);
    await page.getByRole('figure', { name: 'Evolución de la comodidad y el dolor' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTEFACTS, 'spanish-today-390.png'), fullPage: true });
  }, 180_000);

  it('reads the handout and the session player in Spanish', async () => {
    await page.goto(web.baseUrl);
    await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Folleto' }).click();
    await page.getByRole('heading', { name: 'Su programa muscular, Alex Morgan' }).waitFor();
    await page.getByRole('heading', { name: '¿Qué es la atrofia muscular?' }).waitFor();
    await page.getByRole('columnheader', { name: 'Semana' }).waitFor();
    expect(await page.getByRole('button', { name: 'Imprimir el folleto' }).count()).toBe(1);
    // This server has no clinic contact set: a line to fill in, in Spanish, and no English stand-in.
    await page.getByText('Teléfono de su clínica: ____').waitFor();
    expect(await page.getByText('Your clinic').count()).toBe(0);
    await page.locator('figure.placement figcaption').first().scrollIntoViewIfNeeded();
    expect(await page.locator('figure.placement figcaption strong').first().textContent()).toMatch(
      /, lado (derecho|izquierdo) \((vista de frente|parte de atrás del cuerpo, vista desde atrás)\)$/,
    );
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.goto(web.baseUrl);
    await page.getByRole('link', { name: 'Empezar la sesión de hoy' }).click();
    await page.getByRole('heading', { name: 'La sesión de hoy' }).waitFor();
    await page.getByRole('heading', { name: '1. ¿Cómo lo hará hoy?' }).waitFor();
    await page.getByLabel(/El estimulador de práctica en esta pantalla/).check();
    await page.getByRole('button', { name: 'Conectar', exact: true }).click();
    await page.getByRole('heading', { name: '2. Colóquese los electrodos' }).waitFor();
    await page.getByText('Conectado. Compruebe que los electrodos están donde muestra el dibujo.').waitFor();
    expect(await page.locator('figure.placement li').first().textContent()).toMatch(
      /^ Electrodo superior \(\d+ centímetros cuadrados\): /,
    );
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Atrás' }).click();
    await page.getByRole('heading', { name: '1. ¿Cómo lo hará hoy?' }).waitFor();
  }, 180_000);

  it('reads the programme’s steps and exercises in Spanish, and then why stimulation is paused', async () => {
    await page.goto(web.baseUrl);
    const steps = page.locator('#steps ol.steps li');
    await steps.first().waitFor();
    // The core's sentences (src/clinic/words), worded from the Spanish catalogue with whole numbers.
    expect(await steps.nth(1).textContent()).toBe(
      'Coloque los 2 electrodos como en el dibujo, sobre: músculos de la pantorrilla, lado izquierdo (electrodos de 25 centímetros cuadrados). Después conecte los cables.',
    );
    expect(await steps.nth(2).textContent()).toMatch(
      /^Semanas? \d+( a \d+)?: (una vez|dos veces|\d+ veces) al día, .*El estimulador envía \d+ impulsos? por segundo\. Cada impulso dura \d+ (µs \(microsegundos\)|ms \(milisegundos\))\. Suba la intensidad poco a poco, como máximo hasta \d+ mA\. Objetivo: /,
    );
    expect(await page.locator('#steps ul.hint li').first().textContent()).toBe(
      'Pare y avise a su clínica si le duele, si la piel bajo un electrodo sigue roja más de una hora, o si la pierna o el brazo se hincha o se calienta.',
    );
    const spanish = JSON.parse(
      readFileSync(new URL('../../web/src/i18n/messages/es.json', import.meta.url), 'utf8'),
    ) as Record<string, string>;
    const exerciseNames = Object.entries(spanish)
      .filter(([key]) => key.startsWith('core.exercise.name.'))
      .map(([, name]) => name);
    const exercises = page.locator('#exercises li');
    await exercises.first().scrollIntoViewIfNeeded();
    const names = await page.locator('#exercises li strong').allTextContents();
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((name) => !exerciseNames.includes(name))).toEqual([]);
    expect(await exercises.first().textContent()).toMatch(/: \d+ series? de \d+ repetici(ón|ones)/);

    const asClinician = await apiAs(web.baseUrl, DEMO_CLINICIAN);
    const screened = await asClinician('POST', `/api/patients/${alex.id}/screenings`, {
      screenedAt: new Date().toISOString(),
      answers: {},
      electrodeSites: [],
      redFlagFindings: { breathlessLyingFlat: true },
    });
    expect(screened.status, JSON.stringify(screened.json)).toBe(201);
    await page.reload();
    const pause = page.locator('.paused[role="alert"]');
    await pause.waitFor();
    expect(await pause.textContent()).toMatch(
      /^!Estimulación en pausa: póngase en contacto con su clínica\. Use el número de teléfono que le dio su clínica\. Deje también de hacer los ejercicios hasta que su clínica haya hablado con usted\.$/,
    );
    await page.getByText('Hoy no le toca ninguna sesión de estimulación.').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTEFACTS, 'spanish-paused-390.png'), fullPage: true });

    await page.goto(`${web.baseUrl}/session`);
    await page.getByRole('heading', { name: 'La sesión de hoy' }).waitFor();
    expect(await page.locator('p.paused[role="alert"]').textContent()).toMatch(
      /^Estimulación en pausa: póngase en contacto con su clínica\. /,
    );
  }, 180_000);
});
