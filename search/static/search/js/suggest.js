/* Search suggestions as an accessible combobox (WAI-ARIA 1.2 combobox with a listbox popup).
   Enhances every <input data-suggest-url>; without this script the search form simply submits. */
(function () {
    "use strict";

    var counter = 0;

    function enhance(input) {
        if (input.dataset.suggestReady) { return; }
        input.dataset.suggestReady = "1";
        counter += 1;
        var id = "suggest-" + counter;
        var lang = document.documentElement.lang || "nl";
        var texts = lang.indexOf("en") === 0
            ? { none: "No suggestions", some: " suggestions, use the arrow keys", one: "1 suggestion, use the arrow keys" }
            : { none: "Geen suggesties", some: " suggesties, gebruik de pijltjestoetsen", one: "1 suggestie, gebruik de pijltjestoetsen" };

        var wrapper = input.parentNode;
        wrapper.classList.add("suggest");
        var list = document.createElement("ul");
        list.id = id + "-list";
        list.className = "suggest__list";
        list.setAttribute("role", "listbox");
        list.setAttribute("aria-label", input.labels && input.labels[0] ? input.labels[0].textContent : "Suggesties");
        list.hidden = true;
        var status = document.createElement("div");
        status.className = "visually-hidden";
        status.setAttribute("role", "status");
        status.setAttribute("aria-live", "polite");
        wrapper.appendChild(list);
        wrapper.appendChild(status);

        input.setAttribute("role", "combobox");
        input.setAttribute("aria-autocomplete", "list");
        input.setAttribute("aria-expanded", "false");
        input.setAttribute("aria-controls", list.id);

        var items = [];
        var active = -1;
        var timer = null;
        var controller = null;

        function close() {
            list.hidden = true;
            input.setAttribute("aria-expanded", "false");
            input.removeAttribute("aria-activedescendant");
            active = -1;
        }

        function highlight(index) {
            var options = list.querySelectorAll("[role=option]");
            options.forEach(function (option, i) { option.setAttribute("aria-selected", i === index ? "true" : "false"); });
            active = index;
            if (index >= 0) {
                input.setAttribute("aria-activedescendant", options[index].id);
                options[index].scrollIntoView({ block: "nearest" });
            } else {
                input.removeAttribute("aria-activedescendant");
            }
        }

        function render(suggestions) {
            items = suggestions;
            list.textContent = "";
            suggestions.forEach(function (item, i) {
                var option = document.createElement("li");
                option.id = id + "-option-" + i;
                option.setAttribute("role", "option");
                option.setAttribute("aria-selected", "false");
                option.className = "suggest__option";
                var title = document.createElement("span");
                title.textContent = item.title;
                var kind = document.createElement("span");
                kind.className = "suggest__kind";
                kind.textContent = item.kind;
                option.appendChild(title);
                option.appendChild(kind);
                option.addEventListener("mousedown", function (event) {
                    event.preventDefault();  // keep focus in the input until we navigate
                    window.location.href = item.url;
                });
                list.appendChild(option);
            });
            active = -1;
            if (suggestions.length) {
                list.hidden = false;
                input.setAttribute("aria-expanded", "true");
                status.textContent = suggestions.length === 1 ? texts.one : suggestions.length + texts.some;
            } else {
                close();
                status.textContent = input.value.trim().length >= 2 ? texts.none : "";
            }
        }

        function fetchSuggestions() {
            var query = input.value.trim();
            if (query.length < 2) { render([]); return; }
            if (controller) { controller.abort(); }
            controller = new AbortController();
            fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(query), {
                headers: { "Accept": "application/json" },
                signal: controller.signal
            })
                .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
                .then(function (data) { if (input.value.trim() === query) { render(data.suggestions || []); } })
                .catch(function () { /* offline or aborted: the form still works */ });
        }

        input.addEventListener("input", function () {
            clearTimeout(timer);
            timer = setTimeout(fetchSuggestions, 150);
        });
        input.addEventListener("keydown", function (event) {
            if (event.key === "ArrowDown") {
                if (list.hidden && items.length) { list.hidden = false; input.setAttribute("aria-expanded", "true"); }
                if (items.length) { event.preventDefault(); highlight((active + 1) % items.length); }
            } else if (event.key === "ArrowUp") {
                if (items.length) { event.preventDefault(); highlight(active <= 0 ? items.length - 1 : active - 1); }
            } else if (event.key === "Enter") {
                if (!list.hidden && active >= 0) {
                    event.preventDefault();
                    window.location.href = items[active].url;
                }
            } else if (event.key === "Escape") {
                if (!list.hidden) { event.preventDefault(); close(); } else { input.value = ""; }
            }
        });
        input.addEventListener("blur", function () { setTimeout(close, 100); });
    }

    function init() {
        document.querySelectorAll("input[data-suggest-url]").forEach(enhance);
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
    window.werkplekportaalSuggest = { enhance: enhance };
})();
