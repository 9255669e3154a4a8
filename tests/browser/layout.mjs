// Layout checks shared by the page walks.

/**
 * How far a page is wider than its screen, in px, and the first element
 * that makes it so (one that is not inside a region of its own that scrolls
 * or clips sideways): `{ overflow, culprit }`. Measured against the layout
 * viewport (clientWidth), not innerWidth: on a phone the visual viewport
 * zooms out to show a page that is too wide.
 */
export async function pageOverflow(page) {
  return page.evaluate(() => {
    const screen = document.documentElement.clientWidth;
    const overflow = document.documentElement.scrollWidth - screen;
    if (overflow <= 1) return { overflow: 0, culprit: null };
    const inScroller = (e) => {
      for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
        if (/(auto|scroll|hidden|clip)/.test(getComputedStyle(a).overflowX)) return true;
      }
      return false;
    };
    const culprit = [...document.body.querySelectorAll("*")]
      .filter((e) => e.getBoundingClientRect().right > screen + 1 && !inScroller(e))
      .map((e) => `<${e.tagName.toLowerCase()} class="${e.getAttribute("class") || ""}"> «${(e.textContent || "").trim().slice(0, 30)}»`)[0];
    return { overflow, culprit: culprit || null };
  });
}
