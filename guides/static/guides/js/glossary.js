/* Glossary tooltips in guide chapters: Escape hides an open definition (WCAG 1.4.13).
   The tooltips themselves are CSS only (hover and keyboard focus); this file only adds dismissal. */
(function () {
    "use strict";
    document.addEventListener("keydown", function (event) {
        if (event.key !== "Escape") {
            return;
        }
        document.querySelectorAll(".term:hover, .term:focus-within").forEach(function (term) {
            term.classList.add("term--dismissed");
        });
    });
    function reset(event) {
        var term = event.target.closest && event.target.closest(".term");
        if (term) {
            term.classList.remove("term--dismissed");
        }
    }
    document.addEventListener("focusout", reset);
    document.addEventListener("mouseout", reset);
})();
