"""Draw the demo illustrations for the guides (flat diagrams with Dutch labels).

Run with any Python that has Pillow:  python tools/make_guide_images.py
The PNGs are written to guides/demo/images/<key>.png, where `manage.py load_demo` reads them. Each is drawn at twice
the target size and scaled down for smooth edges, then stored as an optimised palette PNG.
"""

import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

OUT = Path(__file__).resolve().parents[1] / "guides" / "demo" / "images"
W, H = 1200, 675
S = 2  # supersampling factor

# Calm palette with good contrast on white.
BG = (255, 255, 255)
INK = (28, 37, 54)  # text
NAVY = (31, 78, 121)  # school
TEAL = (36, 122, 104)  # werkplek
SAND = (232, 160, 72)  # accent: reflectie
LIGHT_NAVY = (224, 234, 244)
LIGHT_TEAL = (222, 240, 235)
GREY = (110, 118, 130)

FONT_DIRS = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/share/fonts"]


def font(size, bold=False):
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for folder in FONT_DIRS:
        for path in Path(folder).rglob(name) if Path(folder).exists() else []:
            return ImageFont.truetype(str(path), size * S)
    try:
        return ImageFont.load_default(size=size * S)
    except TypeError:  # Pillow < 10.1
        return ImageFont.load_default()


def canvas():
    img = Image.new("RGB", (W * S, H * S), BG)
    return img, ImageDraw.Draw(img)


def s(*values):
    """Scale coordinates to the supersampled canvas."""
    return [v * S for v in values]


def text_center(d, xy, label, fnt, fill=INK, spacing=6):
    x, y = xy
    if "\n" not in label:
        d.text((x * S, y * S), label, font=fnt, fill=fill, anchor="mm")
        return
    box = d.multiline_textbbox((0, 0), label, font=fnt, spacing=spacing * S, align="center")
    w, h = box[2] - box[0], box[3] - box[1]
    d.multiline_text(
        (x * S - w / 2, y * S - h / 2 - box[1]),
        label,
        font=fnt,
        fill=fill,
        spacing=spacing * S,
        align="center",
    )


def title(d, text, subtitle=None):
    size = 38
    while size > 24 and d.textlength(text, font=font(size, bold=True)) > (W - 120) * S:
        size -= 2
    d.text(s(60, 40), text, font=font(size, bold=True), fill=INK)
    if subtitle:
        d.text(s(60, 92), subtitle, font=font(22), fill=GREY)


def arrow_head(d, tip, angle, color, size=18):
    x, y = tip
    left = (x - size * math.cos(angle - 0.45), y - size * math.sin(angle - 0.45))
    right = (x - size * math.cos(angle + 0.45), y - size * math.sin(angle + 0.45))
    d.polygon([tuple(s(*p)) for p in (tip, left, right)], fill=color)


def arrow(d, start, end, color, width=6, head=20):
    angle = math.atan2(end[1] - start[1], end[0] - start[0])
    shaft_end = (end[0] - head * 0.8 * math.cos(angle), end[1] - head * 0.8 * math.sin(angle))
    d.line(s(*start, *shaft_end), fill=color, width=width * S)
    arrow_head(d, end, angle, color, head)


def curved_arrow(d, start, end, bulge, color, width=5, head=18, steps=40):
    """Quadratic curve from start to end, bulging perpendicular by `bulge` pixels."""
    (x0, y0), (x2, y2) = start, end
    mx, my = (x0 + x2) / 2, (y0 + y2) / 2
    length = math.hypot(x2 - x0, y2 - y0)
    nx, ny = -(y2 - y0) / length, (x2 - x0) / length
    cx, cy = mx + nx * bulge, my + ny * bulge
    points = []
    for i in range(steps + 1):
        t = i / steps * 0.93  # stop short so the head sits on the end point
        px = (1 - t) ** 2 * x0 + 2 * (1 - t) * t * cx + t * t * x2
        py = (1 - t) ** 2 * y0 + 2 * (1 - t) * t * cy + t * t * y2
        points.append((px * S, py * S))
    d.line(points, fill=color, width=width * S, joint="curve")
    angle = math.atan2(y2 - points[-1][1] / S, x2 - points[-1][0] / S)
    arrow_head(d, end, angle, color, head)
    return cx, cy


def save(img, key):
    small = img.resize((W, H), Image.LANCZOS)
    pal = small.quantize(colors=48, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{key}.png"
    pal.save(path, optimize=True)
    print(f"{path.name}: {path.stat().st_size // 1024} KB")


# --------------------------------------------------------------------------- diagrams


def van_beginner_tot_expert():
    img, d = canvas()
    title(
        d,
        "Van beginner tot expert",
        "Elk beroep leer je in stadia; reflectie brengt je telkens een trede hoger",
    )
    labels = ["Beginner", "Gevorderd", "Ervaren", "Expert"]
    notes = [
        "volgt regels en\ninstructies",
        "herkent situaties\nen past toe",
        "kiest zelf een\naanpak",
        "overziet het geheel\nen leidt anderen op",
    ]
    base, step_w, gap, x0 = 610, 210, 70, 95
    for i, (label, note) in enumerate(zip(labels, notes, strict=True)):
        x = x0 + i * (step_w + gap)
        top = base - 150 - i * 75
        fill = NAVY if i < 2 else TEAL
        d.rounded_rectangle(s(x, top, x + step_w, base), radius=14 * S, fill=fill)
        text_center(d, (x + step_w / 2, top + 38), label, font(26, bold=True), fill=BG)
        text_center(d, (x + step_w / 2, top + 95), note, font(18), fill=BG)
        if i < 3:
            nx = x + step_w + gap
            ntop = base - 150 - (i + 1) * 75
            cx, cy = curved_arrow(d, (x + step_w - 30, top - 12), (nx + 30, ntop - 12), -70, SAND)
            text_center(d, (cx, cy + 4), "reflectie", font(18, bold=True), fill=(150, 92, 20))
    d.line(s(70, base + 2, W - 70, base + 2), fill=GREY, width=2 * S)
    text_center(
        d,
        (W / 2, base + 38),
        "instructie  ·  simulatie  ·  werkplekleren: elk heeft een rol, van school tot een leven lang op het werk",
        font(19),
        fill=GREY,
    )
    save(img, "van-beginner-tot-expert")


def driehoek():
    img, d = canvas()
    title(
        d,
        "De driehoek leerling – leraar – mentor",
        "Drie partners, één leerproces: elke zijde vraagt duidelijke afspraken",
    )
    top, left, right = (600, 195), (300, 560), (900, 560)
    d.polygon([tuple(s(*p)) for p in (top, left, right)], fill=(246, 248, 251), outline=GREY)
    for a, b in ((top, left), (top, right), (left, right)):
        d.line(s(*a, *b), fill=GREY, width=4 * S)
    nodes = [(top, "Leerling", SAND), (left, "Leraar", NAVY), (right, "Mentor", TEAL)]
    for (x, y), label, color in nodes:
        d.ellipse(s(x - 82, y - 52, x + 82, y + 52), fill=color)
        text_center(d, (x, y), label, font(26, bold=True), fill=BG if color != SAND else INK)
    text_center(d, (330, 360), "leerdoelen\nen feedback", font(21), fill=NAVY)
    text_center(d, (870, 360), "begeleiding\nop de werkplek", font(21), fill=TEAL)
    text_center(d, (600, 615), "afstemming en evaluatie", font(21), fill=INK)
    text_center(
        d, (600, 440), "school en werkplek\ndelen de\nverantwoordelijkheid", font(17), fill=GREY
    )
    save(img, "driehoek-leerling-leraar-mentor")


def week_duaal_leren():
    img, d = canvas()
    title(
        d,
        "Een week duaal leren",
        "Voorbeeld: ongeveer drie tot vier dagen op de werkplek, de rest op school",
    )
    days = ["Maandag", "Dinsdag", "Woensdag", "Donderdag", "Vrijdag"]
    kinds = ["school", "werkplek", "werkplek", "werkplek", "beide"]
    col_w, gap, x0, y0, h = 196, 18, 73, 170, 300
    for i, (day, kind) in enumerate(zip(days, kinds, strict=True)):
        x = x0 + i * (col_w + gap)
        text_center(d, (x + col_w / 2, y0 + 20), day, font(22, bold=True))
        box = (x, y0 + 50, x + col_w, y0 + 50 + h)
        if kind == "beide":
            mid = box[1] + h / 2
            d.rounded_rectangle(s(box[0], box[1], box[2], mid - 4), radius=12 * S, fill=TEAL)
            d.rounded_rectangle(s(box[0], mid + 4, box[2], box[3]), radius=12 * S, fill=NAVY)
            text_center(
                d, (x + col_w / 2, box[1] + h / 4), "Werkplek", font(22, bold=True), fill=BG
            )
            text_center(
                d, (x + col_w / 2, box[1] + 3 * h / 4), "of school", font(22, bold=True), fill=BG
            )
        else:
            color = NAVY if kind == "school" else TEAL
            d.rounded_rectangle(s(*box), radius=12 * S, fill=color)
            label = "School" if kind == "school" else "Werkplek"
            sub = "algemene vorming\nen vaktheorie" if kind == "school" else "leren met\nde mentor"
            text_center(
                d, (x + col_w / 2, box[1] + h / 2 - 30), label, font(26, bold=True), fill=BG
            )
            text_center(d, (x + col_w / 2, box[1] + h / 2 + 30), sub, font(17), fill=BG)
    y = y0 + h + 125
    arrow(d, (330, y), (870, y), SAND, width=5)
    arrow(d, (870, y), (330, y), SAND, width=5)
    text_center(
        d,
        (600, y + 34),
        "ervaringen en leervragen gaan heen en weer",
        font(20, bold=True),
        fill=(150, 92, 20),
    )
    text_center(d, (600, y - 42), "Het precieze ritme verschilt per opleiding", font(17), fill=GREY)
    save(img, "week-duaal-leren")


def school_en_werkplek():
    img, d = canvas()
    title(d, "Leren op school en op de werkplek versterken elkaar")
    cl, cr, cy, r = (330, 395), (870, 395), 395, 175
    d.ellipse(s(cl[0] - r, cy - r, cl[0] + r, cy + r), fill=LIGHT_NAVY, outline=NAVY, width=5 * S)
    d.ellipse(s(cr[0] - r, cy - r, cr[0] + r, cy + r), fill=LIGHT_TEAL, outline=TEAL, width=5 * S)
    text_center(d, (cl[0], cy - 60), "Leren op school", font(27, bold=True), fill=NAVY)
    text_center(
        d,
        (cl[0], cy + 25),
        "basis en het waarom\ninstructie\nsimulatie en oefening",
        font(19),
        fill=INK,
    )
    text_center(d, (cr[0], cy - 60), "Leren op\nde werkplek", font(27, bold=True), fill=TEAL)
    text_center(
        d,
        (cr[0], cy + 40),
        "echte opdrachten\nactuele apparatuur\nwerkattitudes",
        font(19),
        fill=INK,
    )
    curved_arrow(d, (410, 215), (790, 215), -55, NAVY, width=6, head=22)
    text_center(d, (600, 135), "toepassen", font(22, bold=True), fill=NAVY)
    curved_arrow(d, (790, 575), (410, 575), -55, TEAL, width=6, head=22)
    text_center(d, (600, 655), "reflecteren en leervragen meenemen", font(22, bold=True), fill=TEAL)
    d.rounded_rectangle(s(515, 368, 685, 422), radius=27 * S, fill=SAND)
    text_center(d, (600, 395), "competenties", font(18, bold=True), fill=INK)
    save(img, "school-en-werkplek")


def voor_tijdens_na():
    img, d = canvas()
    title(
        d,
        "Een stage in drie fasen",
        "Wat je na afloop leert, neem je mee naar de volgende voorbereiding",
    )
    phases = [
        ("Voor", NAVY, "leerdoelen kiezen\nstageplaats zoeken\nstageovereenkomst\nwerkpostfiche"),
        (
            "Tijdens",
            TEAL,
            "onthaal en startgesprek\nlogboek bijhouden\nwekelijkse feedback\ntussentijdse evaluatie",
        ),
        ("Na", SAND, "eindevaluatie\nreflectieverslag\nterugkoppelen in de les\nmentor bedanken"),
    ]
    bw, gap, x0, y0, bh = 300, 90, 75, 190, 300
    for i, (name, color, items) in enumerate(phases):
        x = x0 + i * (bw + gap)
        d.rounded_rectangle(
            s(x, y0, x + bw, y0 + bh),
            radius=16 * S,
            fill=(250, 251, 253),
            outline=color,
            width=4 * S,
        )
        d.rounded_rectangle(s(x, y0, x + bw, y0 + 70), radius=16 * S, fill=color)
        d.rectangle(s(x, y0 + 50, x + bw, y0 + 70), fill=color)
        text_center(
            d, (x + bw / 2, y0 + 35), name, font(28, bold=True), fill=BG if color != SAND else INK
        )
        text_center(d, (x + bw / 2, y0 + 70 + (bh - 70) / 2), items, font(20), fill=INK, spacing=14)
        if i < 2:
            arrow(
                d,
                (x + bw + 12, y0 + bh / 2),
                (x + bw + gap - 12, y0 + bh / 2),
                GREY,
                width=6,
                head=24,
            )
    # return arrow from "Na" back to "Voor"
    y = y0 + bh + 40
    xa, xb = x0 + 2 * (bw + gap) + bw / 2, x0 + bw / 2
    d.line(s(xa, y0 + bh + 6, xa, y, xb, y), fill=GREY, width=4 * S, joint="curve")
    arrow(d, (xb, y), (xb, y0 + bh + 8), GREY, width=4, head=20)
    text_center(d, (600, y + 30), "ervaringen verbeteren de volgende stage", font(19), fill=GREY)
    save(img, "voor-tijdens-na")


if __name__ == "__main__":
    van_beginner_tot_expert()
    driehoek()
    week_duaal_leren()
    school_en_werkplek()
    voor_tijdens_na()
