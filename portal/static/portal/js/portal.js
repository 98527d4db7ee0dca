/* Werkplekportaal: small enhancements on top of server-rendered pages; everything works without. */
(function () {
    "use strict";
    document.documentElement.classList.replace("no-js", "js");

    // Printing a page prints the answers of closed FAQ items too.
    var opened = [];
    window.addEventListener("beforeprint", function () {
        document.querySelectorAll("details:not([open])").forEach(function (el) {
            el.open = true;
            opened.push(el);
        });
    });
    window.addEventListener("afterprint", function () {
        opened.forEach(function (el) { el.open = false; });
        opened = [];
    });
})();
