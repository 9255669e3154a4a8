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
    const name = (e) => `<${e.tagName.toLowerCase()} class="${e.getAttribute("class") || ""}">`;
    const box = [...document.body.querySelectorAll("*")]
      .find((e) => e.getBoundingClientRect().right > screen + 1 && !inScroller(e));
    if (box) return { overflow, culprit: `${name(box)} «${(box.textContent || "").trim().slice(0, 30)}»` };
    // A word too long for its line sticks out of a box that fits.
    const words = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let text; (text = words.nextNode()); ) {
      const range = document.createRange();
      range.selectNodeContents(text);
      if (range.getBoundingClientRect().right > screen + 1 && !inScroller(text)) {
        return { overflow, culprit: `text in ${name(text.parentElement)} «${text.textContent.trim().slice(0, 30)}»` };
      }
    }
    return { overflow, culprit: null };
  });
}
