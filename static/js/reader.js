// Readers' sites: count an article view and copy an article's link. Same origin only,
// no cookies; a page served from a cache still counts because the browser asks.
(function () {
  "use strict";
  var story = document.querySelector("[data-read-url]");
  if (story) {
    var url = story.getAttribute("data-read-url");
    if (navigator.sendBeacon) {
      navigator.sendBeacon(url);
    } else if (window.fetch) {
      fetch(url, { method: "POST", credentials: "omit", keepalive: true });
    }
  }
  document.querySelectorAll("[data-copy-url]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var link = button.getAttribute("data-copy-url");
      var done = function () {
        var status = button.parentNode.querySelector(".copy-status");
        if (status) {
          status.textContent = button.getAttribute("data-copied");
        }
      };
      if (navigator.clipboard) {
        navigator.clipboard.writeText(link).then(done);
      } else {
        window.prompt("", link);
      }
    });
  });
})();
