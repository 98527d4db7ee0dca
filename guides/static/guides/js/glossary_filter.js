/* Glossary: a filter box that narrows the terms as the reader types (issue 17).
 *
 * Progressive enhancement: without this script the box stays hidden and the page is the whole
 * list with its letter links. A term matches when its name or abbreviation contains what was
 * typed, ignoring capitals and accents ("coordinator" finds "coördinator"). Letters without a
 * match are hidden; the number found is announced in the box's live region.
 */
(function () {
    "use strict";

    var box = document.querySelector("[data-glossary-filter]");
    var input = box ? box.querySelector("input") : null;
    var status = box ? box.querySelector("[data-glossary-status]") : null;
    if (!box || !input || !status) {
        return;
    }

    function fold(text) {
        return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
    }

    var entries = Array.prototype.map.call(
        document.querySelectorAll("[data-glossary-entry]"),
        function (entry) {
            var term = entry.querySelector("dt");
            return { element: entry, text: fold(term ? term.textContent : "") };
        }
    );
    var sections = document.querySelectorAll(".glossary__letter");
    var letters = document.querySelector(".letters");
    var timer = null;

    function message(found) {
        if (found === 0) {
            return status.dataset.none;
        }
        if (found === 1) {
            return status.dataset.one;
        }
        return status.dataset.many.replace("{n}", String(found));
    }

    function apply() {
        var query = fold(input.value);
        var found = 0;
        entries.forEach(function (entry) {
            var match = query === "" || entry.text.indexOf(query) !== -1;
            entry.element.hidden = !match;
            if (match) {
                found += 1;
            }
        });
        sections.forEach(function (section) {
            section.hidden = !section.querySelector("[data-glossary-entry]:not([hidden])");
        });
        if (letters) {
            letters.hidden = query !== "";
        }
        // A short pause, so that a screen reader hears the count once typing stops.
        window.clearTimeout(timer);
        timer = window.setTimeout(function () {
            status.textContent = query === "" ? status.dataset.all : message(found);
        }, 400);
    }

    box.hidden = false;
    status.textContent = status.dataset.all;
    input.addEventListener("input", apply);
    if (input.value) {
        apply();
    }
})();
