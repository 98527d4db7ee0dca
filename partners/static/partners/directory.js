/* Partner directory: results update as filters change.
 *
 * The page is a plain GET form that works without this script. With it, a change fetches the
 * same URL the form would load, swaps the form's region for the new one, updates the address
 * (history.pushState, so back and forward work and the URL stays shareable), announces the
 * number of results in the live region and keeps the keyboard focus where it was.
 */
(function () {
    "use strict";

    var form = document.querySelector("[data-directory-form]");
    if (!form || !window.fetch || !window.DOMParser || !window.URLSearchParams || !window.history.pushState) {
        return;
    }
    var status = document.querySelector("[data-directory-status]");
    var smallScreen = window.matchMedia ? window.matchMedia("(max-width: 47.99rem)") : null;
    var controller = null;
    var action = form.getAttribute("action") || window.location.pathname;

    function region() {
        return form.querySelector("[data-directory-region]");
    }

    function filters() {
        return form.querySelector("[data-directory-filters]");
    }

    /* On a phone the filters are their own view (the pattern of GOV.UK's "Find an
     * apprenticeship"): a "Filters" button opens them as a full-screen dialog, and the sticky
     * "Toon N resultaten" button closes it and moves to the results. The region (with the panel)
     * is replaced after each change, so the state lives on the form and is applied again. */
    var dialogOpen = false;

    function panel() {
        return form.querySelector("[data-filters-panel]");
    }

    function applyDialogState() {
        var dialogMode = !!(smallScreen && smallScreen.matches);
        form.classList.toggle("filters-dialog-mode", dialogMode);
        if (!dialogMode) {
            dialogOpen = false;
        }
        form.classList.toggle("filters-dialog-open", dialogOpen);
        document.documentElement.classList.toggle("filters-dialog-lock", dialogOpen);
        var button = form.querySelector("[data-filters-open]");
        if (button) {
            button.setAttribute("aria-expanded", dialogOpen ? "true" : "false");
        }
        var box = panel();
        if (box) {
            if (dialogOpen) {
                box.setAttribute("role", "dialog");
                box.setAttribute("aria-modal", "true");
            } else {
                box.removeAttribute("role");
                box.removeAttribute("aria-modal");
            }
        }
        if (dialogMode && filters()) {
            filters().open = true;
        }
    }

    function openDialog() {
        dialogOpen = true;
        applyDialogState();
        var title = form.querySelector("#directory-filters-title");
        if (title) {
            title.focus();
        }
    }

    function closeDialog(toResults) {
        dialogOpen = false;
        applyDialogState();
        var count = form.querySelector("[data-directory-count]");
        var button = form.querySelector("[data-filters-open]");
        if (toResults && count) {
            count.focus();
            if (count.scrollIntoView) {
                count.scrollIntoView({ block: "start" });
            }
        } else if (button) {
            button.focus();
        }
    }

    applyDialogState();
    if (smallScreen && smallScreen.addEventListener) {
        smallScreen.addEventListener("change", applyDialogState);
    }

    form.addEventListener("click", function (event) {
        var target = event.target.closest ? event.target.closest("button") : null;
        if (!target) {
            return;
        }
        if (target.hasAttribute("data-filters-open")) {
            openDialog();
        } else if (target.hasAttribute("data-filters-close")) {
            closeDialog(false);
        } else if (target.hasAttribute("data-filters-show")) {
            closeDialog(true);
        }
    });

    document.addEventListener("keydown", function (event) {
        if (!dialogOpen) {
            return;
        }
        if (event.key === "Escape") {
            event.preventDefault();
            closeDialog(false);
            return;
        }
        if (event.key !== "Tab") {
            return;
        }
        // Keep the keyboard inside the dialog.
        var box = panel();
        var focusable = Array.prototype.filter.call(
            box.querySelectorAll("button, input, select, a[href], [tabindex='0']"),
            function (el) {
                return !el.disabled && el.offsetParent !== null;
            }
        );
        if (!focusable.length) {
            return;
        }
        var first = focusable[0];
        var last = focusable[focusable.length - 1];
        if (event.shiftKey && (document.activeElement === first || !box.contains(document.activeElement))) {
            event.preventDefault();
            last.focus();
        } else if (!event.shiftKey && (document.activeElement === last || !box.contains(document.activeElement))) {
            event.preventDefault();
            first.focus();
        }
    });

    function formUrl() {
        var params = new URLSearchParams();
        new FormData(form).forEach(function (value, key) {
            if (typeof value === "string" && value.trim() !== "") {
                params.append(key, value.trim());
            }
        });
        if (!params.get("bij")) {
            params.delete("straal");
        }
        var query = params.toString();
        return action + (query ? "?" + query : "");
    }

    function announce(text) {
        if (!status) {
            return;
        }
        status.textContent = "";
        window.setTimeout(function () {
            status.textContent = text;
        }, 100);
    }

    function focusAfterSwap(activeId, typed, fallbackToCount) {
        var target = activeId ? document.getElementById(activeId) : null;
        if (target && form.contains(target)) {
            // A value that no longer matches moves under "opties zonder resultaten": keep it in reach.
            var collapsed = target.closest ? target.closest("details[data-facet-collapsed]") : null;
            if (collapsed) {
                collapsed.open = true;
            }
            if (typed !== null && "value" in target) {
                // The visitor may still be typing here: keep what is in the field.
                target.value = typed.value;
                if (target.setSelectionRange && typed.caret !== null) {
                    try {
                        target.setSelectionRange(typed.caret, typed.caret);
                    } catch (error) {
                        /* inputs of type search in some browsers */
                    }
                }
            }
            target.focus();
            return;
        }
        if (fallbackToCount) {
            var count = form.querySelector("[data-directory-count]");
            if (count) {
                count.focus();
                if (count.scrollIntoView) {
                    count.scrollIntoView({ block: "start" });
                }
            }
        }
    }

    function load(url, push, focusCount) {
        if (controller) {
            controller.abort();
        }
        controller = window.AbortController ? new AbortController() : null;
        var current = region();
        current.setAttribute("aria-busy", "true");
        return fetch(url, {
            headers: { Accept: "text/html" },
            credentials: "same-origin",
            signal: controller ? controller.signal : undefined
        })
            .then(function (response) {
                if (!response.ok) {
                    throw new Error("HTTP " + response.status);
                }
                return response.text();
            })
            .then(function (html) {
                var doc = new DOMParser().parseFromString(html, "text/html");
                var fresh = doc.querySelector("[data-directory-region]");
                if (!fresh) {
                    throw new Error("No directory region in the response");
                }
                var active = document.activeElement;
                var activeId = active && form.contains(active) ? active.id : null;
                var typed = null;
                if (active && activeId && (active.type === "search" || active.type === "text")) {
                    typed = { value: active.value, caret: active.selectionStart };
                }
                var wasOpen = filters() ? filters().open : true;
                var openCollapsed = Array.prototype.map.call(
                    form.querySelectorAll("details[data-facet-collapsed][open]"),
                    function (details) { return details.getAttribute("data-facet-collapsed"); }
                );
                var panelScroll = panel() ? panel().scrollTop : 0;
                region().replaceWith(document.importNode(fresh, true));
                if (filters()) {
                    filters().open = wasOpen;
                }
                openCollapsed.forEach(function (param) {
                    var details = form.querySelector('details[data-facet-collapsed="' + param + '"]');
                    if (details) {
                        details.open = true;
                    }
                });
                applyDialogState();
                if (dialogOpen && panel()) {
                    panel().scrollTop = panelScroll;
                }
                if (push) {
                    window.history.pushState({ directory: true }, "", url);
                }
                if (doc.title) {
                    document.title = doc.title;
                }
                var count = form.querySelector("[data-directory-count]");
                if (count) {
                    announce(count.textContent.trim());
                }
                focusAfterSwap(activeId, typed, focusCount);
            })
            .catch(function (error) {
                if (error && error.name === "AbortError") {
                    return;
                }
                // Whatever went wrong, the plain page still works.
                window.location.assign(url);
            });
    }

    form.addEventListener("change", function (event) {
        var target = event.target;
        if (target.type === "checkbox" || target.tagName === "SELECT") {
            load(formUrl(), true, false);
        }
    });

    form.addEventListener("submit", function (event) {
        event.preventDefault();
        load(formUrl(), true, true);
    });

    form.addEventListener("click", function (event) {
        var link = event.target.closest ? event.target.closest("a[href]") : null;
        if (!link || !form.contains(link) || link.hasAttribute("download")) {
            return;
        }
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) {
            return;
        }
        var url = new URL(link.href, window.location.href);
        if (url.origin !== window.location.origin || url.pathname !== new URL(action, window.location.href).pathname) {
            return;
        }
        event.preventDefault();
        load(url.pathname + url.search, true, true);
    });

    window.addEventListener("popstate", function () {
        load(window.location.pathname + window.location.search, false, false);
    });
})();
