/* Partner directory: place suggestions while typing in the place field ("bij").
 *
 * The field works without this script (a postcode or a place name). With it, what is typed is
 * sent to the place suggestions endpoint (its URL is on the <datalist>, data-place-suggestions)
 * and the answers fill the <datalist>, which the browser shows as the field's own list:
 * keyboard and screen readers work as for any input with a list. Listeners sit on the document,
 * because directory.js replaces the field when the results update.
 */
(function () {
    "use strict";

    if (!window.fetch || !window.URLSearchParams) {
        return;
    }
    var DELAY = 150;
    var timer = null;
    var controller = null;
    var cache = {};

    function listFor(input) {
        var id = input.getAttribute("data-place-list");
        return id ? document.getElementById(id) : null;
    }

    function fill(list, places, input) {
        list.textContent = "";
        places.forEach(function (place) {
            // Nothing to suggest when the field already holds the only match.
            if (places.length === 1 && place === input.value.trim()) {
                return;
            }
            var option = document.createElement("option");
            option.value = place;
            list.appendChild(option);
        });
    }

    function update(input) {
        var list = listFor(input);
        if (!list) {
            return;
        }
        if (!input.getAttribute("list")) {
            input.setAttribute("list", list.id);
        }
        var text = input.value.trim();
        if (text.length < 2) {
            list.textContent = "";
            return;
        }
        if (cache[text]) {
            fill(list, cache[text], input);
            return;
        }
        if (controller) {
            controller.abort();
        }
        controller = window.AbortController ? new AbortController() : null;
        var url = list.getAttribute("data-place-suggestions") + "?" + new URLSearchParams({ q: text });
        fetch(url, {
            headers: { Accept: "application/json" },
            signal: controller ? controller.signal : undefined,
        })
            .then(function (response) {
                return response.ok ? response.json() : { places: [] };
            })
            .then(function (data) {
                cache[text] = data.places || [];
                // The field may have been replaced or changed meanwhile.
                var current = document.querySelector("[data-place-list]");
                if (current && current.value.trim() === text) {
                    fill(listFor(current), cache[text], current);
                }
            })
            .catch(function () {
                /* Suggestions are optional: the field works without them. */
            });
    }

    document.addEventListener("input", function (event) {
        var input = event.target;
        if (!input || !input.hasAttribute || !input.hasAttribute("data-place-list")) {
            return;
        }
        window.clearTimeout(timer);
        timer = window.setTimeout(function () {
            update(input);
        }, DELAY);
    });
})();
