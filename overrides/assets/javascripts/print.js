/* Stamps the date of printing on the printed page (the URL is stamped without JavaScript). */
(function () {
  "use strict";
  window.addEventListener("beforeprint", function () {
    var lang = document.documentElement.lang === "en" ? "en-GB" : "sv-SE";
    document.querySelectorAll("[data-print-date]").forEach(function (el) {
      var today = new Date().toLocaleDateString(lang, { year: "numeric", month: "long", day: "numeric" });
      el.textContent = el.getAttribute("data-label") + today;
    });
  });
})();
