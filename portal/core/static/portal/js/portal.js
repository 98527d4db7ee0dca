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

    // Search suggestions: the script is fetched only when someone starts using a search box.
    var suggestLoaded = false;
    document.addEventListener("focusin", function (event) {
        var input = event.target;
        if (suggestLoaded || !input.matches || !input.matches("input[data-suggest-script]")) { return; }
        suggestLoaded = true;
        var script = document.createElement("script");
        script.src = input.dataset.suggestScript;
        script.defer = true;
        document.head.appendChild(script);
    });
})();
