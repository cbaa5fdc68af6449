/**
 * A jump to a section of a long page that stays on its section. Parts of the page load as they come
 * near the screen (lazy.tsx), so the parts above a section grow just after a jump has passed them
 * and push the section down, out of view (measured before this: "Notes" 880 px below the top of the
 * window at 1,280 px wide, 4,442 px at 390 px). After the browser's own jump, the section is brought
 * back to the top each time the page's height changes, until the page has been still for
 * `SETTLED_MS` or the person scrolls, types or touches the page themselves.
 */
const SETTLED_MS = 3_000;
const PERSON_MOVES = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const;

export function keepSectionInView(sectionId: string, page: HTMLElement): void {
  const section = document.getElementById(sectionId);
  if (!section || typeof ResizeObserver === 'undefined') return;
  let settled: ReturnType<typeof setTimeout> | undefined;
  const stop = () => {
    clearTimeout(settled);
    resized.disconnect();
    for (const move of PERSON_MOVES) window.removeEventListener(move, stop, true);
  };
  const waitForStillness = () => {
    clearTimeout(settled);
    settled = setTimeout(stop, SETTLED_MS);
  };
  const resized = new ResizeObserver(() => {
    section.scrollIntoView({ block: 'start' });
    waitForStillness();
  });
  resized.observe(page);
  for (const move of PERSON_MOVES) window.addEventListener(move, stop, { capture: true, passive: true });
  waitForStillness();
}
