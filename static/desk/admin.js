// Repairs to markup the stock admin's scripts build, run once they have built it.
"use strict";
window.addEventListener("load", () => {
  // After every other load handler (the tag picker is built on load).
  setTimeout(() => {
    // SelectFilter2's search icons carry an aria-label on a plain span, which ARIA
    // forbids; as images they may be named.
    for (const icon of document.querySelectorAll(".search-label-icon[aria-label]")) {
      icon.setAttribute("role", "img");
    }
  });
});
