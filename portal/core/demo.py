"""Building demo content from the demo files' compact notation.

Shared by the project's loader (portal/demo, `manage.py load_demo`) and the apps' own demo modules
(guides/demo), so that an app's demo never imports the project: the project calls the apps, the
apps reach only the core.
"""

import json


def load_json(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def ensure_child(parent, model, slug, **fields):
    """The live child page of `parent` with `slug`, created and published when missing.

    Returns (page, created). An existing page keeps its content.
    """
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def stream(blocks):
    """Raw StreamField data from the demo files' compact block notation.

    Used for the portal's content blocks (heading, text, callout, quote, faq); guides/demo extends
    it with the guide blocks.
    """
    raw = []
    for block in blocks:
        kind = block["type"]
        if kind == "heading":
            value = {"text": block["text"], "level": f"h{block.get('level', 2)}"}
        elif kind == "text":
            value = block["html"]
        elif kind == "callout":
            value = {"kind": block["kind"], "title": block.get("title", ""), "text": block["html"]}
        elif kind == "quote":
            value = {
                "text": block["text"],
                "source": block["source"],
                "role": block.get("role", ""),
            }
        elif kind == "faq":
            value = {
                "title": block.get("title", ""),
                "items": [
                    {"question": item["question"], "answer": item["html"]}
                    for item in block["items"]
                ],
            }
        else:
            raise ValueError(f"Unknown demo block type {kind!r}")
        raw.append({"type": kind, "value": value})
    return raw
